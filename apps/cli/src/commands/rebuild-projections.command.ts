import { setTimeout as sleep } from 'node:timers/promises';
import { headPosition } from '@app/audit';
import { ProjectionsService, type SubscriberStatus } from '@app/cases';
import { allowFlags } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT } from '../cli-io';
import { Progress } from '../progress';
import { ResumeFile } from '../resume-file';
import { fractionOf, storeOf, type CommandContext } from './command-context';

interface RebuildProgress {
  /** Projections already emptied in this rebuild: an interrupted run goes on from their checkpoints. */
  reset: string[];
  done: string[];
}

const POLL_MS = 100;

const parkedError = ({ name, parked }: SubscriberStatus) =>
  new Error(`${name} stopped at position ${parked?.position}: ${parked?.error}`);

/** Builds one projection up to `head` from its checkpoint; false when interrupted. */
async function catchUp(context: CommandContext, name: string, head: number): Promise<boolean> {
  const runner = context.app.get(ProjectionsService).subscriber(name);
  await runner.start();
  const start = runner.checkpoint;
  const progress = new Progress(context.io, name, start);
  try {
    while (runner.checkpoint < head) {
      if (runner.status().state === 'parked') throw parkedError(runner.status());
      progress.update(fractionOf(runner.checkpoint, start, head), runner.checkpoint);
      await sleep(POLL_MS);
      if (context.io.signal.aborted) return false;
    }
  } finally {
    await runner.stop();
  }
  if (runner.status().state === 'parked') throw parkedError(runner.status());
  progress.finish(runner.checkpoint);
  return true;
}

/**
 * `rebuild-projections`: empties every registered projection and builds it again from the log.
 * Interrupted, it keeps what it built (rows and checkpoint commit together) and the next run goes on
 * from there instead of starting over. Stop the worker (or the API's in-process worker) first.
 */
export const rebuildProjectionsCommand: CliCommand = {
  check(args) {
    allowFlags(args, []);
  },

  async run(context) {
    const { app, io, config } = context;
    const projections = app.get(ProjectionsService);
    const resume = new ResumeFile<RebuildProgress>(config, 'rebuild-projections');
    const state = resume.load() ?? { reset: [], done: [] };
    if (state.reset.length) io.stderr.write(`Resuming the rebuild of ${state.reset.join(', ')}\n`);
    const head = await headPosition(storeOf(context));
    for (const name of projections.projections()) {
      if (state.done.includes(name)) continue;
      if (!state.reset.includes(name)) {
        await projections.reset(name);
        state.reset.push(name);
        resume.save(state);
      }
      if (!(await catchUp(context, name, head))) {
        io.stderr.write(`\nInterrupted while rebuilding ${name}; run the same command again to go on.\n`);
        return EXIT.interrupted;
      }
      state.done.push(name);
      resume.save(state);
    }
    resume.clear();
    io.stdout.write(`Rebuilt ${projections.projections().join(', ')} from the log up to position ${head}\n`);
    return EXIT.ok;
  },
};
