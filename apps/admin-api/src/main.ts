import 'reflect-metadata';
import { createApp } from './app.factory';
import { createDefaultTokens, tokensFileExists } from './auth/tokens';
import { EXIT_CONFIG, JsonLogger, exitOnRefusedStart, loadConfigOrExit } from '@app/infrastructure';

// Whatever this process makes (SQLite's -wal/-shm, any file or directory) is its owner's only.
process.umask(0o077);

async function main(): Promise<void> {
  const logger = new JsonLogger();
  const config = loadConfigOrExit(logger);
  if (!tokensFileExists(config.tokensFile)) {
    if (!config.tokensFileIsDefault) {
      logger.error(`TAFEL_TOKENS_FILE: ${config.tokensFile} does not exist`, undefined, 'Config');
      process.exit(EXIT_CONFIG);
    }
    const plain = createDefaultTokens(config.tokensFile);
    logger.log(`Created ${config.tokensFile} with one token per role; the tokens are in ${plain}`, 'Tokens');
  }
  const app = await createApp(config, { logger }).catch(exitOnRefusedStart(logger));
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(
    `Tafel admin API on http://localhost:${config.port} (store: ${config.store}, docs: /docs)`,
    'Main',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
