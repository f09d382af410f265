import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TafelConfig } from '@app/config';

/**
 * Where an interrupted long run left off, kept under `$TAFEL_DATA_DIR/cli-progress/`. The file names
 * the store it belongs to (a hash of its location), so it is never applied to another store.
 */
export class ResumeFile<T> {
  private readonly path: string;
  private readonly store: string;

  constructor(config: TafelConfig, name: string) {
    const dir = join(config.dataDir, 'cli-progress');
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, `${name}.json`);
    const where =
      config.store === 'sqlite' ? config.sqlitePath : (config.postgresUrl ?? config.eventStoreUrl);
    this.store = createHash('sha256').update(`${config.store}:${where}`).digest('hex');
  }

  get location(): string {
    return this.path;
  }

  load(): T | undefined {
    if (!existsSync(this.path)) return undefined;
    const saved = JSON.parse(readFileSync(this.path, 'utf8')) as { store: string; progress: T };
    return saved.store === this.store ? saved.progress : undefined;
  }

  /** Written whole to a temporary file, then renamed over the old one: never half a file. */
  save(progress: T): void {
    writeFileSync(`${this.path}.tmp`, JSON.stringify({ store: this.store, progress }));
    renameSync(`${this.path}.tmp`, this.path);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
