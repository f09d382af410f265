import { resolve } from 'node:path';
import { headPosition, walkLog } from '@app/audit';
import { messagesStreamOf, streamOf } from '@app/cases';
import { UsageError, allowFlags, flagValue, pageSizeOf } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT } from '../cli-io';
import { Progress } from '../progress';
import { ResumeFile } from '../resume-file';
import { ArchiveWriter, type ExportFormat } from './archive-writer';
import { fractionOf, rawStoreOf, storeOf, type CommandContext } from './command-context';

/** The stored bytes by default (their hashes verify without the store); `--decrypt` opens the personal data. */
const sourceOf = (context: CommandContext) =>
  context.args.flags.has('decrypt') ? storeOf(context) : rawStoreOf(context);

interface ExportProgress {
  out: string;
  format: ExportFormat;
  position: number;
  bytes: number;
  events: number;
}

/** The whole log, in global order. To a file it resumes after an interrupt; to stdout it starts over. */
async function exportAll(context: CommandContext, format: ExportFormat, out?: string): Promise<number> {
  const { io, config, args } = context;
  const store = sourceOf(context);
  const resume = out ? new ResumeFile<ExportProgress>(config, 'export-all') : undefined;
  const saved = resume?.load();
  const resumed =
    saved && saved.out === out && saved.format === format
      ? ArchiveWriter.resume(io, format, saved.out, saved.bytes, saved.events)
      : undefined;
  const writer = resumed ?? ArchiveWriter.create(io, format, out);
  const start = resumed ? saved!.position : 0;
  if (start > 0)
    io.stderr.write(`Resuming after position ${start} (${writer.events} events written before)\n`);
  const head = await headPosition(store);
  const progress = new Progress(io, 'export', writer.events);
  let position = start;
  for await (const page of walkLog(store, {
    fromPosition: start,
    pageSize: pageSizeOf(args),
    signal: io.signal,
  })) {
    writer.write(page);
    position = page[page.length - 1].position;
    resume?.save({ out: out!, format, position, bytes: writer.bytes, events: writer.events });
    progress.update(fractionOf(position, start, head), writer.events);
  }
  if (io.signal.aborted) {
    writer.close();
    io.stderr.write(`\nInterrupted after position ${position}; run the same command again to go on.\n`);
    return EXIT.interrupted;
  }
  writer.end();
  progress.finish(writer.events);
  resume?.clear();
  if (out) io.stderr.write(`Exported ${writer.events} events to ${out}\n`);
  return EXIT.ok;
}

/** `export <case | --all> [--format ndjson|json] [--out file] [--decrypt]`: the history for archiving. */
export const exportCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['all', 'format', 'out', 'page-size', 'decrypt']);
    if ((args.positionals.length === 1) === args.flags.has('all') || args.positionals.length > 1)
      throw new UsageError('export takes one case id or --all');
    if (!['ndjson', 'json'].includes(flagValue(args, 'format', 'ndjson')!))
      throw new UsageError('--format is ndjson or json');
    pageSizeOf(args);
  },

  async run(context) {
    const { io, args } = context;
    const format = flagValue(args, 'format', 'ndjson') as ExportFormat;
    const outFlag = flagValue(args, 'out');
    const out = outFlag ? resolve(outFlag) : undefined;
    if (args.flags.has('all')) return exportAll(context, format, out);
    const caseId = args.positionals[0];
    const store = sourceOf(context);
    const own = await store.read(streamOf(caseId));
    // The case's history is its own stream and its messages' outcomes, in global order.
    const events =
      own.length === 0
        ? own
        : [...own, ...(await store.read(messagesStreamOf(caseId)))].sort((a, b) => a.position - b.position);
    if (events.length === 0) {
      io.stderr.write(`tafel: no case ${caseId}\n`);
      return EXIT.invalid;
    }
    const writer = ArchiveWriter.create(io, format, out);
    writer.write(events);
    writer.end();
    if (out) io.stderr.write(`Exported ${events.length} events of case ${caseId} to ${out}\n`);
    return EXIT.ok;
  },
};
