import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeModeFixes,
  makePrivateDir,
  narrowModes,
  openPrivateFile,
  preparePrivateSqliteFile,
  writePrivateFile,
} from './private-files';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('private files', () => {
  let dir: string;
  const umask = process.umask(0o022); // the usual default: without care, files would be 0644
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tafel-modes-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => process.umask(umask));

  it('makes directories 0700 and files 0600 under a 022 umask', () => {
    makePrivateDir(join(dir, 'a', 'b'));
    expect(modeOf(join(dir, 'a'))).toBe(0o700);
    expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
    writePrivateFile(join(dir, 'a', 'f.txt'), 'x');
    expect(modeOf(join(dir, 'a', 'f.txt'))).toBe(0o600);
  });

  it('narrows a file that was there with a wider mode when it is written or opened again', () => {
    const file = join(dir, 'f');
    writeFileSync(file, 'old', { mode: 0o644 });
    writePrivateFile(file, 'new');
    expect(modeOf(file)).toBe(0o600);
    chmodSync(file, 0o666);
    closeSync(openPrivateFile(file, 'r+'));
    expect(modeOf(file)).toBe(0o600);
  });

  it('makes a SQLite file 0600 before SQLite opens it, and narrows its -wal and -shm', () => {
    const db = join(dir, 'sub', 'x.db');
    expect(preparePrivateSqliteFile(db)).toEqual([]); // no directory: left for SQLite to refuse
    makePrivateDir(join(dir, 'sub'));
    preparePrivateSqliteFile(db);
    expect(modeOf(db)).toBe(0o600);
    expect(modeOf(join(dir, 'sub'))).toBe(0o700);
    writeFileSync(`${db}-wal`, '', { mode: 0o644 });
    chmodSync(db, 0o644);
    expect(preparePrivateSqliteFile(db)).toHaveLength(2);
    expect([modeOf(db), modeOf(`${db}-wal`)]).toEqual([0o600, 0o600]);
  });

  it('narrows a whole tree, leaves narrow entries alone, does not follow links, and says what it did', () => {
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'outbox'), { mode: 0o755 });
    writeFileSync(join(dir, 'outbox', 'm.eml'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'tokens.json'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'master.key'), 'x', { mode: 0o600 });
    const outside = mkdtempSync(join(tmpdir(), 'tafel-outside-'));
    chmodSync(outside, 0o755);
    symlinkSync(outside, join(dir, 'link'));
    try {
      const fixes = narrowModes(dir);
      expect(describeModeFixes(fixes)).toBe('2 directories 0755 → 0700, 2 files 0644 → 0600');
      expect([dir, join(dir, 'outbox')].map(modeOf)).toEqual([0o700, 0o700]);
      expect(
        [join(dir, 'outbox', 'm.eml'), join(dir, 'tokens.json'), join(dir, 'master.key')].map(modeOf),
      ).toEqual([0o600, 0o600, 0o600]);
      expect(modeOf(outside)).toBe(0o755);
      expect(narrowModes(dir)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
