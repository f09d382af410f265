import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir } from './private-files';

/** Bytes of the symmetric keys Tafel keeps in files (master, answer links, research). */
export const KEY_FILE_BYTES = 32;

/**
 * A key as Tafel writes it (key files, TAFEL_MASTER_KEY): base64 of 32 bytes, surrounding white space
 * ignored; `undefined` for anything else.
 */
export function parseKeyText(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === KEY_FILE_BYTES ? key : undefined;
}

/** Reads a key file: base64 of 32 bytes. @throws Error naming the file when it holds anything else. */
export function readKeyFile(file: string): Buffer {
  const key = parseKeyText(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file}: expected a base64 key of ${KEY_FILE_BYTES} bytes`);
  return key;
}

/** Writes a fresh key file, readable by its owner only, durably (file and folder); fails if the file exists. */
export function writeKeyFile(file: string, key: Buffer): void {
  writeSecretFile(file, key.toString('base64') + '\n');
}

/** Flushes a folder's entries (a file made, renamed or removed in it) to the disk. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts `key` in `file` so that a crash leaves either the old file or the new one, never a torn or
 * lost one: a temp file beside it (mode 0600, fsynced), renamed over `file`, then the folder fsynced.
 */
export function replaceKeyFile(file: string, key: Buffer): void {
  const temp = `${file}.tmp`;
  rmSync(temp, { force: true }); // left by an earlier crash; never the key in use
  writeSecretFile(temp, key.toString('base64') + '\n', false);
  renameDurably(temp, file);
}

/** Renames `from` over `to` and fsyncs the folder, so the rename survives a crash. */
export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  fsyncDir(dirname(to));
}

/** Removes a file and fsyncs its folder. */
export function removeDurably(file: string): void {
  rmSync(file, { force: true });
  fsyncDir(dirname(file));
}

function writeSecretFile(file: string, text: string, syncDir = true): void {
  makePrivateDir(dirname(file));
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (syncDir) fsyncDir(dirname(file));
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
