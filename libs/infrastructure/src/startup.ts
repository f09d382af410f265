import { ConfigError, loadConfig, type TafelConfig } from '@app/config';
import { MasterKeyRefused } from '@app/privacy';
import type { JsonLogger } from './json-logger';

/** Exit code for a refused configuration (EX_CONFIG). */
export const EXIT_CONFIG = 78;

/** Reads the configuration, or ends the process naming the variable that is wrong. */
export function loadConfigOrExit(logger: JsonLogger): TafelConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    logger.error(`Configuration refused: ${e.message}`, undefined, 'Config');
    logger.flushSync();
    process.exit(EXIT_CONFIG);
  }
}

/** Ends the process with a clear message when start-up was refused (a wrong master key); rethrows anything else. */
export function exitOnRefusedStart(logger: JsonLogger): (e: unknown) => never {
  return (e) => {
    if (!(e instanceof MasterKeyRefused)) throw e;
    logger.error(e.message, undefined, 'Privacy');
    logger.flushSync();
    process.exit(EXIT_CONFIG);
  };
}
