import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type Clock } from '@app/config';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The real worker (projections, process managers, dispatcher, leader election) in a child process,
 * on the configuration in its environment and an injected clock that stands still at
 * `TAFEL_TEST_NOW`: a test kills it with SIGKILL and starts another one later on the clock.
 * Prints `{"t":"ready"}` once running.
 */
async function main(): Promise<void> {
  const at = new Date(process.env.TAFEL_TEST_NOW ?? '');
  if (Number.isNaN(at.getTime())) throw new Error('TAFEL_TEST_NOW must be an ISO time');
  const clock: Clock = { now: () => new Date(at) };
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(loadConfig(process.env), clock),
    {
      logger: false,
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  process.stdout.write(`${JSON.stringify({ t: 'ready' })}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
