import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, newKey } from './field-crypto';

export interface MasterKey {
  key: Buffer;
  /** Where it came from, for messages (never the key). */
  source: string;
}

export interface MasterKeySettings {
  masterKey?: string;
  masterKeyFile: string;
}

/** Reads a key file: base64 of 32 bytes. @throws Error naming the file when it holds anything else. */
export function readKeyFile(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file}: expected a base64 key of ${KEY_BYTES} bytes`);
  return key;
}

/** Writes a fresh key file, readable by its owner only; fails if the file exists. */
export function writeKeyFile(file: string, key: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
}

/**
 * The master key: TAFEL_MASTER_KEY when set; otherwise the embedded shape's key file, created on
 * first start (mode 0600; `log` hears its path, never the key).
 * @throws Error when the key file exists but holds no valid key.
 */
export function resolveMasterKey(settings: MasterKeySettings, log: (message: string) => void): MasterKey {
  if (settings.masterKey)
    return { key: Buffer.from(settings.masterKey, 'base64'), source: 'TAFEL_MASTER_KEY' };
  const file = settings.masterKeyFile;
  if (!existsSync(file)) {
    writeKeyFile(file, newKey());
    log(
      `Created the master key file ${file} (mode 0600). Keep a copy apart from the data and its backups: ` +
        'without it the personal data cannot be read.',
    );
  }
  return { key: readKeyFile(file), source: file };
}
