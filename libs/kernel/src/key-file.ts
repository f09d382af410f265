import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir } from './private-files';

/** Bytes of the symmetric keys Tafel keeps in files (master, answer links, research). */
export const KEY_FILE_BYTES = 32;

/** Reads a key file: base64 of 32 bytes. @throws Error naming the file when it holds anything else. */
export function readKeyFile(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_FILE_BYTES)
    throw new Error(`${file}: expected a base64 key of ${KEY_FILE_BYTES} bytes`);
  return key;
}

/** Writes a fresh key file, readable by its owner only; fails if the file exists. */
export function writeKeyFile(file: string, key: Buffer): void {
  writeSecretFile(file, key.toString('base64') + '\n');
}

function writeSecretFile(file: string, text: string): void {
  makePrivateDir(dirname(file));
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
}

/**
 * Makes a secret file with `make()` (mode 0600) unless it exists; another process of the same data
 * directory that made it first wins. Answers whether this call made it.
 */
export function ensureSecretFile(file: string, make: () => string): boolean {
  if (existsSync(file)) return false;
  try {
    writeSecretFile(file, make());
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
}
