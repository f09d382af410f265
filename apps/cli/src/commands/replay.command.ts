import { timelineOf, type TimelineEntry } from '@app/audit';
import { streamOf } from '@app/cases';
import { UsageError, allowFlags } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT } from '../cli-io';
import { storeOf, type CommandContext } from './command-context';

const row = (e: TimelineEntry) =>
  [
    String(e.revision).padStart(4),
    e.occurredAt.padEnd(24),
    `${e.actor.id} (${e.actor.role})`.padEnd(28),
    `${e.step ? '' : '~ '}${e.type}`.padEnd(30),
    (e.state ?? '-').padEnd(20),
    e.nextSteps.join(', ') || '(none)',
  ].join(' ');

/** `replay <case>`: the case's timeline, with the state and next steps after each event. */
export const replayCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['json']);
    if (args.positionals.length !== 1) throw new UsageError('replay needs exactly one case id');
  },

  async run(context: CommandContext) {
    const { io, args } = context;
    const caseId = args.positionals[0];
    const events = await storeOf(context).read(streamOf(caseId));
    if (events.length === 0) {
      io.stderr.write(`tafel: no case ${caseId}\n`);
      return EXIT.invalid;
    }
    const { entries, state } = timelineOf(events);
    if (args.flags.has('json')) {
      for (const entry of entries) io.stdout.write(JSON.stringify(entry) + '\n');
      return EXIT.ok;
    }
    io.stdout.write(
      `Case ${caseId} (${state?.reference}, ${state?.kind}, workflow version ${state?.workflowVersion}): ` +
        `${entries.length} events, replayed with this code\n\n`,
    );
    io.stdout.write(
      `${'rev'.padStart(4)} ${'occurred at'.padEnd(24)} ${'actor'.padEnd(28)} ${'event'.padEnd(30)} ${'state after'.padEnd(20)} next steps\n`,
    );
    for (const entry of entries) io.stdout.write(row(entry) + '\n');
    if (entries.some((e) => !e.step))
      io.stdout.write('\n~ beside the workflow (messages): the state stays\n');
    return EXIT.ok;
  },
};
