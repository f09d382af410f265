import type { KeyObject } from 'node:crypto';
import {
  CHECKPOINTS_STREAM,
  ChainAudit,
  CheckpointAudit,
  accessStreamOf,
  checkpointsIn,
  headPosition,
  keyIdOf,
  readPublicKey,
  resolveSigningKey,
  walkLog,
  type ChainAuditState,
  type ChainAuditSummary,
  type CheckpointAuditState,
  type CheckpointAuditSummary,
  type CheckpointFault,
} from '@app/audit';
import { messagesStreamOf, streamOf } from '@app/cases';
import { UsageError, allowFlags, flagValue, pageSizeOf } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT, type CliIo } from '../cli-io';
import { Progress } from '../progress';
import { ResumeFile } from '../resume-file';
import { fractionOf, rawStoreOf, type CommandContext } from './command-context';

const SAVE_EVERY_MS = 5000;

function report(io: CliIo, summary: ChainAuditSummary, json: boolean): number {
  if (json) io.stdout.write(JSON.stringify(summary) + '\n');
  else {
    const verdict = summary.valid ? 'every hash chain holds' : `${summary.broken.length} stream(s) INVALID`;
    io.stdout.write(`Verified ${summary.streams} streams, ${summary.events} events: ${verdict}\n`);
    for (const { stream, firstInvalid: f } of summary.broken) {
      io.stdout.write(
        `  ${stream}: first bad event at revision ${f.revision} (position ${f.position}, ${f.type}, event ${f.eventId}): ${f.reason}\n`,
      );
    }
  }
  return summary.valid ? EXIT.ok : EXIT.invalid;
}

const describeFault = (f: CheckpointFault): string => {
  const signed = f.signedAt ? ` (signed ${f.signedAt}, key ${f.keyId})` : '';
  switch (f.reason) {
    case 'head-mismatch':
      return `checkpoint at position ${f.position}${signed}: the log up to it does not match: its head is ${f.logHead}, the signed head ${f.signedHead}`;
    case 'bad-signature':
      return `checkpoint at position ${f.position}${signed}: the signature does not hold`;
    case 'other-key':
      return `checkpoint at position ${f.position}${signed}: signed by another key than the one given`;
    case 'malformed':
      return `checkpoint event at position ${f.position}: not a checkpoint`;
  }
};

function reportCheckpoints(io: CliIo, summary: CheckpointAuditSummary | undefined): number {
  if (!summary) {
    io.stdout.write('Checkpoints: none signed yet\n');
    return EXIT.ok;
  }
  if (summary.valid) {
    io.stdout.write(
      summary.checkpoints === 0
        ? 'Checkpoints: none signed yet\n'
        : `Checkpoints: all ${summary.checkpoints} signed checkpoints hold (the log up to position ${summary.coveredUpTo} is as signed)\n`,
    );
    return EXIT.ok;
  }
  const [first] = summary.faults;
  io.stdout.write(
    `Checkpoints: ${summary.faults.length} of ${summary.checkpoints} do NOT match; the first is at position ${first.position}\n`,
  );
  for (const f of summary.faults) io.stdout.write(`  ${describeFault(f)}\n`);
  return EXIT.invalid;
}

/**
 * The public key to check checkpoints with: `--public-key FILE` (SPKI PEM, or the private key's file),
 * else the signing key's public half (TAFEL_SIGNING_KEY or the key file; never made here).
 */
function publicKeyOf(context: CommandContext): KeyObject | undefined {
  const file = flagValue(context.args, 'public-key');
  if (file) return readPublicKey(file);
  return resolveSigningKey(context.config, { create: false })?.publicKey;
}

type VerifyAllState = ChainAuditState & { checkpointAudit?: CheckpointAuditState };

/**
 * Every stream of the log in one pass, resumable: the audit's state is saved on interrupt. The same
 * pass recomputes the log's running head and holds every signed checkpoint against it.
 */
async function verifyAll(context: CommandContext): Promise<number> {
  const { io, config, args } = context;
  const store = rawStoreOf(context);
  const { checkpoints, malformed } = checkpointsIn(await store.read(CHECKPOINTS_STREAM));
  let publicKey: KeyObject | undefined;
  try {
    publicKey = publicKeyOf(context);
  } catch (e) {
    io.stderr.write(`tafel: no public key to check the checkpoints with: ${(e as Error).message}\n`);
    return EXIT.config;
  }
  if (!publicKey && checkpoints.length + malformed.length > 0) {
    io.stderr.write(
      `tafel: the log holds ${checkpoints.length + malformed.length} signed checkpoints and there is no key to check them with: ` +
        'give --public-key FILE (GET /v1/checkpoints/public-key), or set TAFEL_SIGNING_KEY\n',
    );
    return EXIT.config;
  }
  if (publicKey) io.stderr.write(`Checking checkpoints with key ${keyIdOf(publicKey)}\n`);
  const resume = new ResumeFile<VerifyAllState>(config, 'verify-all');
  let saved = resume.load();
  if (saved && saved.position > 0 && !saved.checkpointAudit) saved = undefined; // from before checkpoints
  if (saved)
    io.stderr.write(`Resuming after position ${saved.position} (${saved.events} events checked before)\n`);
  const audit = new ChainAudit(saved);
  const checkpointAudit = publicKey
    ? new CheckpointAudit(checkpoints, publicKey, saved?.checkpointAudit)
    : undefined;
  const state = (): VerifyAllState => ({ ...audit.state(), checkpointAudit: checkpointAudit?.state() });
  const start = audit.checkedUpTo;
  const head = await headPosition(store);
  const progress = new Progress(io, 'verify', audit.checkedEvents);
  const now = io.now ?? Date.now;
  let savedAt = now();
  for await (const page of walkLog(store, {
    fromPosition: start,
    pageSize: pageSizeOf(args),
    signal: io.signal,
  })) {
    audit.check(page);
    checkpointAudit?.check(page);
    progress.update(fractionOf(audit.checkedUpTo, start, head), audit.checkedEvents);
    if (now() - savedAt > SAVE_EVERY_MS) {
      resume.save(state());
      savedAt = now();
    }
  }
  if (io.signal.aborted) {
    resume.save(state());
    io.stderr.write(
      `\nInterrupted after position ${audit.checkedUpTo}; run the same command again to go on.\n`,
    );
    return EXIT.interrupted;
  }
  progress.finish(audit.checkedEvents);
  resume.clear();
  checkpointAudit?.finish();
  const chains = audit.summary();
  const signed = checkpointAudit?.summary(malformed);
  if (args.flags.has('json')) {
    const valid = chains.valid && (signed?.valid ?? true);
    io.stdout.write(
      JSON.stringify({ ...chains, valid, chainsValid: chains.valid, checkpoints: signed ?? null }) + '\n',
    );
    return valid ? EXIT.ok : EXIT.invalid;
  }
  const chainsExit = report(io, chains, false);
  const checkpointsExit = reportCheckpoints(io, signed);
  return chainsExit === EXIT.ok ? checkpointsExit : chainsExit;
}

/**
 * `verify [<case> | --all]`: checks the hash chains (and with --all the signed checkpoints); exit 1
 * when any is broken.
 */
export const verifyCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['all', 'json', 'page-size', 'public-key']);
    if (args.flags.has('public-key') && !args.flags.has('all'))
      throw new UsageError(
        '--public-key goes with --all (it checks the signed checkpoints of the whole log)',
      );
    if (args.positionals.length > 1 || (args.positionals.length === 1 && args.flags.has('all')))
      throw new UsageError('verify takes one case id or --all');
    pageSizeOf(args);
  },

  async run(context) {
    const { io, args } = context;
    if (args.positionals.length === 0) return verifyAll(context);
    const caseId = args.positionals[0];
    const store = rawStoreOf(context);
    const events = await store.read(streamOf(caseId));
    if (events.length === 0) {
      io.stderr.write(`tafel: no case ${caseId}\n`);
      return EXIT.invalid;
    }
    const audit = new ChainAudit();
    audit.check(events);
    audit.check(await store.read(messagesStreamOf(caseId)));
    audit.check(await store.read(accessStreamOf(caseId)));
    return report(io, audit.summary(), args.flags.has('json'));
  },
};
