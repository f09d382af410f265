import { CLOCK, type Clock } from '@app/config';
import { headPosition, projectionLags } from '@app/audit';
import { ProjectionsService } from '@app/cases';
import { allowFlags } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT } from '../cli-io';
import { rawStoreOf } from './command-context';

/**
 * `projections [--retry] [--json]`: every projection and process manager with its checkpoint, its lag
 * behind the log (events, and how long the oldest one it has not handled has waited) and the event
 * it is parked at, if any. `--retry` clears the parks, so the running worker tries those events
 * again (within 30 s). Exit 1 while one is parked.
 */
export const projectionsCommand: CliCommand = {
  check(args) {
    allowFlags(args, ['retry', 'json']);
  },

  async run(context) {
    const { app, io, args } = context;
    const projections = app.get(ProjectionsService);
    if (args.flags.has('retry')) {
      const retried = await projections.retryParked();
      io.stdout.write(
        retried.length
          ? `Cleared the park of ${retried.join(', ')}: the worker tries again.\n`
          : 'Nothing was parked.\n',
      );
    }
    // The raw log: nothing is decrypted to read a position and a time.
    const store = rawStoreOf(context);
    const head = await headPosition(store);
    const recorded = await projections.recorded();
    // The same measure as GET /health/ready.
    const lags = await projectionLags(store, recorded, app.get<Clock>(CLOCK).now());
    const rows = recorded.map((s, i) => ({
      ...s,
      state: s.parked ? 'parked' : s.checkpoint < head ? 'behind' : 'caught-up',
      lagEvents: head - s.checkpoint,
      lagSeconds: lags[i].lag.seconds,
    }));
    if (args.flags.has('json')) io.stdout.write(JSON.stringify({ head, projections: rows }, null, 2) + '\n');
    else {
      io.stdout.write(`log head: position ${head}\n`);
      for (const r of rows) {
        io.stdout.write(
          `${r.name.padEnd(24)} ${r.state.padEnd(10)} position ${r.checkpoint}, ${r.lagEvents} events behind` +
            (r.lagSeconds ? ` (oldest waiting ${r.lagSeconds} s)` : '') +
            '\n',
        );
        if (r.parked)
          io.stdout.write(
            `  parked at position ${r.parked.position} (event ${r.parked.eventId}) since ${r.parked.parkedAt}: ${r.parked.error}\n` +
              '  fix the cause, then: npm run tafel -- projections --retry\n',
          );
      }
    }
    return rows.some((r) => r.parked) ? EXIT.invalid : EXIT.ok;
  },
};
