import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** Every directory Tafel makes: its owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Every file Tafel writes: readable and writable by its owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/** The files SQLite keeps beside a database file. */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/** A mode Tafel narrowed: how many directories or files had `from`. */
export interface ModeFix {
  kind: 'directory' | 'file';
  from: number;
  to: number;
}

/** Makes `dir` and any missing parent with mode 0700 (a directory that exists is left as it is). */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Opens `file` (`'w'`, `'a'`, `'r+'`…) and makes it 0600 whatever the umask, and whether it was
 * made now or was there already with a wider mode. The caller closes the descriptor.
 */
export function openPrivateFile(file: string, flags: string): number {
  const fd = openSync(file, flags, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return fd;
}

/** Writes `data` to `file` (mode 0600) through a temporary file renamed over it: never half a file. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openPrivateFile(temporary, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Narrows one directory or file to 0700/0600 when it is wider; answers what it changed. */
function narrow(path: string, fixes: ModeFix[]): 'directory' | 'file' | undefined {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return undefined; // never follow a link out of the directory
  const kind = stat.isDirectory() ? 'directory' : 'file';
  const from = stat.mode & 0o777;
  if ((from & 0o077) === 0) return kind;
  // A directory becomes 0700; a file loses every bit but its owner's read and write (0644 → 0600).
  const to = kind === 'directory' ? PRIVATE_DIR_MODE : from & PRIVATE_FILE_MODE;
  try {
    chmodSync(path, to);
  } catch {
    return kind; // not ours to change (another owner): left as it is
  }
  fixes.push({ kind, from, to });
  return kind;
}

/**
 * Narrows `root` and everything under it to 0700 (directories) and 0600 (files) where it is wider:
 * a data directory made or copied with the default umask. Symbolic links are not followed.
 */
export function narrowModes(root: string): ModeFix[] {
  const fixes: ModeFix[] = [];
  const walk = (path: string) => {
    if (narrow(path, fixes) !== 'directory') return;
    for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return fixes;
}

/**
 * Before SQLite opens `path` (in a directory that exists): the database file exists with mode 0600, and its `-wal`/`-shm`/`-journal` files, if there, are no wider. SQLite
 * makes the `-wal` and `-shm` files with the mode of the database file, so they follow it.
 */
export function preparePrivateSqliteFile(path: string): ModeFix[] {
  // A missing directory is left for SQLite to refuse (SQLITE_CANTOPEN: the store is unavailable).
  if (path === ':memory:' || path === '' || !existsSync(dirname(path))) return [];
  if (!existsSync(path)) closeSync(openPrivateFile(path, 'a'));
  return narrowSqliteFiles(path);
}

/** Narrows a SQLite database file and its `-wal`/`-shm`/`-journal` to 0600 where they exist and are wider. */
export function narrowSqliteFiles(path: string): ModeFix[] {
  const fixes: ModeFix[] = [];
  for (const file of [path, ...SQLITE_SIDE_FILES.map((side) => path + side)])
    if (existsSync(file)) narrow(file, fixes);
  return fixes;
}

/** `2 directories 0755 → 0700, 5 files 0644 → 0600`: for a warning, with no file name in it. */
export function describeModeFixes(fixes: ModeFix[]): string {
  const counts = new Map<string, number>();
  for (const f of fixes) {
    const key = `${f.kind}|${f.from.toString(8).padStart(4, '0')} → ${f.to.toString(8).padStart(4, '0')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => {
      const [kind, change] = key.split('|');
      return `${n} ${kind === 'directory' ? (n === 1 ? 'directory' : 'directories') : n === 1 ? 'file' : 'files'} ${change}`;
    })
    .join(', ');
}
