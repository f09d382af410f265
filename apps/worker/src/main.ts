import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, systemClock } from '@app/config';
import { JsonLogger } from '@app/infrastructure';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const logger = new JsonLogger();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    logger.error(`Configuration refused: ${e.message}`, undefined, 'Config');
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, systemClock), {
    logger,
  });
  app.enableShutdownHooks();
  logger.log(`Tafel worker running (store: ${config.store})`, 'Worker');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
