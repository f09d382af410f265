import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';

/**
 * One place a secret was found. `where` names the place (file, table.column, JSON path, log message)
 * and `string` only the secret's first three characters, so a failing test does not print the
 * personal data it is looking for in full.
 */
export interface Hit {
  where: string;
  string: string;
}

/** How a secret can be written down: as is, JSON-escaped, and with non-ASCII as `\uXXXX`. */
export function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const ascii = json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const sql = secret.replace(/'/g, "''");
  return [...new Set([secret, json, ascii, sql])];
}

export const short = (secret: string) => `${secret.slice(0, 3)}…`;

/** The JSON paths (array indexes as `[]`) under which a value holds one of `forms`. */
export function jsonPaths(value: unknown, forms: string[], path = ''): string[] {
  if (typeof value === 'string') {
    if (forms.some((f) => value.includes(f))) {
      // A string that is itself JSON (a column of JSON text, a JSON body in a log line): look inside.
      if (/^\s*[[{]/.test(value)) {
        try {
          const inner = jsonPaths(JSON.parse(value), forms, path);
          if (inner.length) return inner;
        } catch {
          // not JSON after all
        }
      }
      return [path || '(value)'];
    }
    return [];
  }
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => jsonPaths(v, forms, `${path}[]`)))];
  if (value && typeof value === 'object')
    return [
      ...new Set(Object.entries(value).flatMap(([k, v]) => jsonPaths(v, forms, path ? `${path}.${k}` : k))),
    ];
  return [];
}

/** Collects hits, one per place and secret. */
export class LeakCollector {
  readonly hits: Hit[] = [];
  private readonly seen = new Set<string>();

  /** @param labels a name for each secret, printed beside its first characters */
  constructor(
    readonly secrets: readonly string[],
    private readonly labels = new Map<string, string>(),
  ) {}

  add(where: string, secret: string) {
    const key = `${where}\u0000${secret}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const label = this.labels.get(secret);
    this.hits.push({ where, string: label ? `${short(secret)} (${label})` : short(secret) });
  }

  /** A text, a JSON value or a byte buffer: every secret found under `where` (JSON values: with their paths). */
  grep(where: string, value: unknown) {
    for (const secret of this.secrets) {
      const forms = formsOf(secret);
      if (Buffer.isBuffer(value)) {
        if (forms.some((f) => value.includes(Buffer.from(f, 'utf8')))) this.add(where, secret);
        continue;
      }
      if (typeof value === 'string') {
        if (!forms.some((f) => value.includes(f))) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          parsed = undefined;
        }
        const paths = parsed === undefined ? [] : jsonPaths(parsed, forms);
        if (paths.length) for (const p of paths) this.add(`${where} ${p}`, secret);
        else this.add(where, secret);
        continue;
      }
      const paths = jsonPaths(value, forms);
      for (const p of paths) this.add(`${where} ${p}`, secret);
    }
  }

  /** Lines of text (NDJSON, a log): each hit named by `label(line)` and its JSON path. */
  grepLines(where: string, text: string, label: (parsed: Record<string, unknown>) => string = () => '') {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      if (!this.secrets.some((s) => formsOf(s).some((f) => line.includes(f)))) continue;
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      this.grep(parsed ? `${where}${label(parsed)}` : where, parsed ?? line);
    }
  }
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Greps every file of a data directory as bytes (WAL, SHM, key files, outbox …), and every SQLite
 * database in it row by row, so a hit names its table, column and JSON path; a file hit with no
 * row behind it is a deleted row still in a free page, the WAL or a journal.
 */
export function grepDataDir(leaks: LeakCollector, dir: string, label = 'data dir') {
  for (const file of filesUnder(dir)) {
    const name = relative(dir, file);
    leaks.grep(`${label} ${name} (bytes)`, readFileSync(file));
    if (!/\.db$/.test(file)) continue;
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name: table } of tables)
        for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<
          Record<string, unknown>
        >)
          for (const [column, value] of Object.entries(row)) {
            const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
            if (typeof text === 'string') leaks.grep(`${label} ${name}: ${table}.${column}`, text);
          }
    } catch (e) {
      leaks.add(`${label} ${name}: could not be read as SQLite (${(e as Error).message})`, '');
    } finally {
      db?.close();
    }
  }
}

/** `pg_dump` (plain SQL) of a database. */
export function pgDump(url: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      '/usr/bin/pg_dump',
      ['--no-owner', '--no-privileges', url],
      { maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`pg_dump: ${stderr || error}`)) : resolve(stdout)),
    ),
  );
}

/** Undoes COPY's text-format escapes in one field. */
const unescapeCopy = (field: string) =>
  field.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);

/**
 * Greps a plain `pg_dump`: a hit inside `COPY … FROM stdin` data is named by its table, column and
 * JSON path; anywhere else by the dump's line.
 */
export function grepPgDump(leaks: LeakCollector, dump: string, label = 'pg_dump') {
  let table: string | undefined;
  let columns: string[] = [];
  for (const [n, line] of dump.split('\n').entries()) {
    const copy = /^COPY ([\w."]+) \(([^)]*)\) FROM stdin;$/.exec(line);
    if (copy) {
      table = copy[1].replace(/^public\./, '');
      columns = copy[2].split(', ').map((c) => c.replace(/"/g, ''));
      continue;
    }
    if (table && line === '\\.') {
      table = undefined;
      continue;
    }
    if (!leaks.secrets.some((s) => formsOf(s).some((f) => line.includes(f)))) continue;
    if (!table) {
      leaks.grep(`${label} line ${n + 1}`, line);
      continue;
    }
    line
      .split('\t')
      .forEach((field, i) => leaks.grep(`${label} ${table}.${columns[i]}`, unescapeCopy(field)));
  }
}

/** Greps `dumpReadModels` text (`# table (n)` then one JSON row a line): hits named by table, column, path. */
export function grepReadModelDump(leaks: LeakCollector, dump: string, label = 'read models') {
  let table = '?';
  for (const line of dump.split('\n')) {
    const head = /^# (\S+) \(\d+\)$/.exec(line);
    if (head) {
      table = head[1];
      continue;
    }
    if (!leaks.secrets.some((s) => formsOf(s).some((f) => line.includes(f)))) continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      leaks.grep(`${label} ${table}`, line);
      continue;
    }
    for (const [column, value] of Object.entries(row)) leaks.grep(`${label} ${table}.${column}`, value);
  }
}
