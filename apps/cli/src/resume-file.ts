import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TafelConfig } from '@app/config';
import { makePrivateDir, writePrivateFile } from '@app/kernel';

/**
 * Where an interrupted long run left off, kept under `$TAFEL_DATA_DIR/cli-progress/`. The file names
 * the store it belongs to (a hash of its location), so it is never applied to another store.
 */
export class ResumeFile<T> {
  private readonly path: string;
  private readonly store: string;

  constructor(config: TafelConfig, name: string) {
    const dir = join(config.dataDir, 'cli-progress');
    makePrivateDir(dir);
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

  /** Written whole (mode 0600) to a temporary file, then renamed over the old one: never half a file. */
  save(progress: T): void {
    writePrivateFile(this.path, JSON.stringify({ store: this.store, progress }));
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
