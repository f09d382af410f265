import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { systemClock } from '@app/config';
import { JsonLogger, exitOnRefusedStart, loadConfigOrExit } from '@app/infrastructure';
import { WorkerModule } from './worker.module';

// Whatever this process makes (SQLite's -wal/-shm, any file or directory) is its owner's only.
process.umask(0o077);

async function main(): Promise<void> {
  const logger = new JsonLogger();
  const config = loadConfigOrExit(logger);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, systemClock), {
    logger,
    abortOnError: false,
  }).catch(exitOnRefusedStart(logger));
  app.enableShutdownHooks();
  logger.log(`Tafel worker running (store: ${config.store})`, 'Worker');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
