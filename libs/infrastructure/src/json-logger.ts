import type { LoggerService } from '@nestjs/common';
import { pino as createPino, type Logger } from 'pino';

/** Structured JSON logs (pino) for Nest's own messages; requests are logged by Fastify with their id. */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Logger = createPino({ base: { service: 'tafel' } })) {}

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
