import { readFileSync } from 'node:fs';
import { parseKeyText, readKeyFile, removeDurably, renameDurably, replaceKeyFile } from '@app/kernel';
import { LEADER_ELECTION, type LeaderElection } from '@app/infrastructure';
import { KEY_STORE, previousKeyFile, type PersonKeyStore } from '@app/privacy';
import { UsageError, allowFlags, flagValue } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT, type CliIo } from '../cli-io';
import type { CommandContext } from './command-context';

/** Fault-injection seam for tests: runs inside the re-wrap transaction, just before its commit. */
export const rotationSeams: { beforeCommit?: () => void | Promise<void> } = {};

/** How often the held lease is renewed while the re-wrap runs (well within its 30 s). */
const RENEW_MS = 5_000;
/** More than any key file; a bigger stdin is not a key. */
const MAX_KEY_TEXT = 4096;

const KEY_FORMAT = 'expected base64 of 32 bytes, as `openssl rand -base64 32` writes';

async function readStdin(io: CliIo): Promise<string | undefined> {
  if (!io.stdin) return undefined;
  let text = '';
  for await (const chunk of io.stdin) {
    text += chunk.toString();
    if (text.length > MAX_KEY_TEXT) return text;
  }
  return text;
}

/** The new key from `--new-key-file` or `--new-key-stdin`, or a message saying what is wrong (never the key). */
async function newKeyOf({ args, io }: CommandContext): Promise<Buffer | string> {
  const file = flagValue(args, 'new-key-file');
  let text: string | undefined;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8').slice(0, MAX_KEY_TEXT + 1);
    } catch (e) {
      return `--new-key-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    }
  } else {
    text = await readStdin(io);
    if (text === undefined) return '--new-key-stdin: no standard input';
  }
  const key = text.length > MAX_KEY_TEXT ? undefined : parseKeyText(text);
  return key ?? `${file !== undefined ? '--new-key-file' : '--new-key-stdin'}: ${KEY_FORMAT}`;
}

/**
 * `rotate-master-key --new-key-file <file> | --new-key-stdin`: re-wraps every person key (and the
 * check value) under a new master key the operator made and saved beforehand, in one transaction. The
 * key is never generated here, never printed, never taken from argv or the environment. Refused while
 * an API or worker holds the worker's lease (it has the old key in memory and would go on wrapping new
 * keys under it); the lease is then held by this command until it is done, so none starts meanwhile.
 *
 * With TAFEL_MASTER_KEY, only the store changes: the operator sets the variable to the new key before
 * the next start. With the embedded key file (`master.key`), file and store must never disagree for
 * good, and the new key must never exist only in the database's opinion. The order, and what a crash
 * at each point leaves (start-up, `openKeyStore`, keeps whichever of `master.key` and `master.key.old`
 * opens the store and removes the other):
 *
 *  1. `master.key.old` := the current key (written 0600, fsynced, folder fsynced).
 *     Crash: key file old, store old → opens; start-up removes `.old`.
 *  2. `master.key.tmp` := the new key (0600, fsynced); renamed over `master.key`; folder fsynced.
 *     Crash before the rename: as 1 (a stale `.tmp` is replaced by the next rotation). After it: key
 *     file new, store old, `.old` old → start-up finds the new key refused, the old one opening,
 *     and moves `.old` back over `master.key`. Nothing is lost: no row was written under the new key.
 *  3. The re-wrap transaction commits (atomic: SQLite synchronous=FULL, or PostgreSQL).
 *     Crash before the commit is durable: as 2. After: key file new, store new → opens; start-up
 *     removes `.old`.
 *  4. `master.key.old` removed, folder fsynced. Done.
 *
 * When the commit fails (an error, not a crash), the store is asked which key it holds: the old → the
 * old file is put back (the pair is the one before the command); the new → the commit did land, go on
 * with 4; unknown (database gone) → both files stay and the next start-up keeps the one that opens.
 */
export const rotateMasterKeyCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['new-key-file', 'new-key-stdin']);
    if (args.positionals.length > 0)
      throw new UsageError(
        'rotate-master-key takes no arguments (the key: --new-key-file or --new-key-stdin)',
      );
    if (args.flags.has('new-key-file') === args.flags.has('new-key-stdin'))
      throw new UsageError('rotate-master-key needs one of --new-key-file <file> or --new-key-stdin');
  },

  async run(context: CommandContext) {
    const { app, config, io } = context;
    if (io.env.TAFEL_NEW_MASTER_KEY !== undefined) {
      io.stderr.write(
        'tafel: TAFEL_NEW_MASTER_KEY is not read: give the new key with --new-key-file or --new-key-stdin\n',
      );
      return EXIT.config;
    }
    const next = await newKeyOf(context);
    if (typeof next === 'string') {
      io.stderr.write(`tafel: ${next}\n`);
      return EXIT.config;
    }
    const current = config.masterKey
      ? Buffer.from(config.masterKey, 'base64')
      : readKeyFile(config.masterKeyFile);
    if (next.equals(current)) {
      io.stderr.write('tafel: the new master key is the current one: nothing to rotate\n');
      return EXIT.config;
    }
    const election = app.get<LeaderElection>(LEADER_ELECTION);
    if (!(await election.campaign())) {
      io.stderr.write(
        'tafel: an API or worker is running (it holds the worker lease, with the old master key in ' +
          'memory), or the lease could not be checked: stop the API and the worker first, then ' +
          'rotate. Nothing was changed.\n',
      );
      return EXIT.invalid;
    }
    const renew = setInterval(() => void election.campaign(), RENEW_MS);
    renew.unref();
    try {
      const keys = app.get<PersonKeyStore>(KEY_STORE);
      return config.masterKey
        ? await rotateInStore(keys, next, io)
        : await rotateWithFile(keys, current, next, config.masterKeyFile, io);
    } finally {
      clearInterval(renew);
      await election.resign();
    }
  },
};

const rewrap = (keys: PersonKeyStore, next: Buffer) =>
  keys.rewrap(next, { beforeCommit: () => rotationSeams.beforeCommit?.() });

async function rotateInStore(keys: PersonKeyStore, next: Buffer, io: CliIo): Promise<number> {
  try {
    const count = await rewrap(keys, next);
    io.stdout.write(
      `Re-wrapped ${count} keys under the new master key. Set TAFEL_MASTER_KEY to it before the next start.\n`,
    );
    return EXIT.ok;
  } catch (e) {
    io.stderr.write(
      `tafel: the re-wrap did not commit (${(e as Error).message}); the current master key still holds.\n`,
    );
    return EXIT.invalid;
  }
}

/** Steps 1–4 of the comment above. */
async function rotateWithFile(
  keys: PersonKeyStore,
  current: Buffer,
  next: Buffer,
  file: string,
  io: CliIo,
): Promise<number> {
  const previous = previousKeyFile(file);
  replaceKeyFile(previous, current); // 1
  try {
    replaceKeyFile(file, next); // 2
  } catch (e) {
    renameDurably(previous, file); // the store was not touched: the old key is the right one
    throw e;
  }
  let count: number;
  try {
    count = await rewrap(keys, next); // 3
  } catch (e) {
    const reason = (e as Error).message;
    const holds = async (key: Buffer) => keys.provenBy(key).catch(() => undefined);
    if ((await holds(current)) === true) {
      renameDurably(previous, file);
      io.stderr.write(
        `tafel: the re-wrap did not commit (${reason}); ${file} holds the previous key again. Nothing changed.\n`,
      );
      return EXIT.invalid;
    }
    if ((await holds(next)) !== true) {
      io.stderr.write(
        `tafel: the re-wrap may not have committed (${reason}): kept ${file} (new key) and ${previous} ` +
          '(old key); the next start keeps the one that opens the key store.\n',
      );
      return EXIT.invalid;
    }
    count = -1; // committed after all; the count is unknown
  }
  removeDurably(previous); // 4
  io.stdout.write(
    `Re-wrapped ${count < 0 ? 'all' : count} keys under the new master key, now in ${file}. ` +
      'Keep a copy of it apart from the data.\n',
  );
  return EXIT.ok;
}
