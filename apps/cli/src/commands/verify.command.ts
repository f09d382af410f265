import {
  ChainAudit,
  accessStreamOf,
  headPosition,
  walkLog,
  type ChainAuditState,
  type ChainAuditSummary,
} from '@app/audit';
import { messagesStreamOf, streamOf } from '@app/cases';
import { UsageError, allowFlags, pageSizeOf } from '../cli-args';
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

/** Every stream of the log in one pass, resumable: the audit's state is saved on interrupt. */
async function verifyAll(context: CommandContext): Promise<number> {
  const { io, config, args } = context;
  const store = rawStoreOf(context);
  const resume = new ResumeFile<ChainAuditState>(config, 'verify-all');
  const saved = resume.load();
  if (saved)
    io.stderr.write(`Resuming after position ${saved.position} (${saved.events} events checked before)\n`);
  const audit = new ChainAudit(saved);
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
    progress.update(fractionOf(audit.checkedUpTo, start, head), audit.checkedEvents);
    if (now() - savedAt > SAVE_EVERY_MS) {
      resume.save(audit.state());
      savedAt = now();
    }
  }
  if (io.signal.aborted) {
    resume.save(audit.state());
    io.stderr.write(
      `\nInterrupted after position ${audit.checkedUpTo}; run the same command again to go on.\n`,
    );
    return EXIT.interrupted;
  }
  progress.finish(audit.checkedEvents);
  resume.clear();
  return report(io, audit.summary(), args.flags.has('json'));
}

/** `verify [<case> | --all]`: checks the hash chains; exit 1 when any is broken. */
export const verifyCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['all', 'json', 'page-size']);
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
