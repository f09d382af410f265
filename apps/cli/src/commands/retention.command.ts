import { RetentionService, type RetentionItem } from '@app/privacy';
import { UsageError, allowFlags } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT } from '../cli-io';

const line = (i: RetentionItem) =>
  `  ${i.caseId}  ${(i.reference ?? '-').padEnd(14)} ended ${i.endedAt}  due ${i.dueAt}\n`;

/**
 * `retention [--dry-run] [--json]`: the cases whose retention term (TAFEL_RETENTION) has passed and
 * whose data is not destroyed yet; without `--dry-run` it destroys it, as the leader does once a
 * day. Ids, references and times only. Reads the retention read model the worker keeps.
 */
export const retentionCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['dry-run', 'json']);
    if (args.positionals.length > 0) throw new UsageError('retention takes no arguments');
  },

  async run({ app, io, args }) {
    const run = await app.get(RetentionService).run({ dryRun: args.flags.has('dry-run') });
    if (args.flags.has('json')) {
      io.stdout.write(JSON.stringify(run, null, 2) + '\n');
      return EXIT.ok;
    }
    if (run.due.length === 0) {
      io.stdout.write(`Nothing is due for destruction at ${run.at}.\n`);
      return EXIT.ok;
    }
    io.stdout.write(`${run.due.length} case(s) due for destruction at ${run.at}:\n`);
    for (const item of run.due) io.stdout.write(line(item));
    if (run.dryRun)
      io.stdout.write('Dry run: nothing was destroyed. Run again without --dry-run to do it.\n');
    else {
      const people = new Set(run.destroyed.flatMap((d) => d.personIds)).size;
      io.stdout.write(
        `Destroyed the personal data and free text of ${run.destroyed.length} case(s): ` +
          `their keys and the keys of ${people} person(s) in no other live case are gone.\n`,
      );
    }
    return EXIT.ok;
  },
};
