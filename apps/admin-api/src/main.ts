import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { createApp } from './app.factory';
import { createDefaultTokens, tokensFileExists } from './auth/tokens';
import { JsonLogger } from '@app/infrastructure';
import { MasterKeyRefused } from '@app/privacy';

async function main(): Promise<void> {
  const logger = new JsonLogger();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      logger.error(`Configuration refused: ${e.message}`, undefined, 'Config');
      process.exit(78);
    }
    throw e;
  }
  if (!tokensFileExists(config.tokensFile)) {
    if (!config.tokensFileIsDefault) {
      logger.error(`TAFEL_TOKENS_FILE: ${config.tokensFile} does not exist`, undefined, 'Config');
      process.exit(78);
    }
    const plain = createDefaultTokens(config.tokensFile);
    logger.log(`Created ${config.tokensFile} with one token per role; the tokens are in ${plain}`, 'Tokens');
  }
  const app = await createApp(config, { logger }).catch((e: unknown) => {
    if (!(e instanceof MasterKeyRefused)) throw e;
    logger.error(e.message, undefined, 'Privacy');
    process.exit(78);
  });
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
