import type { LoggerService } from '@nestjs/common';
import { destination, pino as createPino, type Logger } from 'pino';

/** Structured JSON logs (pino) for Nest's own messages; requests are logged by Fastify with their id. */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;
  private readonly out: ReturnType<typeof destination>;

  /**
   * Asynchronous writes: lines written while one write is in flight go out together in the next.
   * @param options.destination a file descriptor or path (default 1, standard output).
   */
  constructor(options: { destination?: number | string } = {}) {
    this.out = destination({ dest: options.destination ?? 1, sync: false });
    this.pino = createPino({ base: { service: 'tafel' } }, this.out);
    process.once('exit', () => this.flushSync());
  }

  /** Writes out what is pending; before the process ends. */
  flushSync(): void {
    try {
      this.out.flushSync();
    } catch {
      // nothing pending, or the destination is gone
    }
  }

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
