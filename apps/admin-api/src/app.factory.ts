import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { systemClock, type Clock, type TafelConfig } from '@app/config';
import { AppModule } from './app.module';
import { readTokens } from './auth/tokens';
import { JsonLogger } from '@app/infrastructure';
import { limitBodyDepth } from './http/body-depth';
import { hardenHttp } from './http/http-hardening';
import { buildOpenApiDocument } from './http/openapi.document';
import { logRequests } from './http/request-log';
import { serveStaffWeb } from './staff-web/staff-web.routes';
import { validationPipe } from './http/validation';

export type TafelApp = NestFastifyApplication;

export interface CreateAppOptions {
  clock?: Clock;
  /** false: no logs at all (tests). */
  logger?: JsonLogger | false;
}

export const BODY_LIMIT = 100 * 1024;
/**
 * Fastify answers 414 for a path parameter longer than this (its default, 100, is below what a
 * mistyped id can be): up to here a path id that is not a UUID is a 404 like any other (UuidParam).
 */
export const MAX_PARAM_LENGTH = 1000;

/** Builds the whole admin API, initialised and ready for requests (not yet listening). */
export async function createApp(config: TafelConfig, options: CreateAppOptions = {}): Promise<TafelApp> {
  const logger = options.logger === undefined ? new JsonLogger() : options.logger;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    loggerInstance: logger ? logger.pino : undefined,
    logController: new LogController({ disableRequestLogging: true }),
    // Always the server's own id: it is stored as `correlationId` in events and the read log, where
    // a client's text has no place. A client's `x-request-id` is only logged beside it (request-log).
    genReqId: () => randomUUID(),
  });
  adapter.getInstance().addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  limitBodyDepth(adapter.getInstance());
  if (logger) {
    adapter.getInstance().addHook('onClose', (_instance, done) => {
      logger.flushSync();
      done();
    });
    logRequests(adapter.getInstance());
  }
  const tokens = readTokens(config.tokensFile);
  // abortOnError: false — a refused start-up (e.g. a wrong master key) rejects instead of aborting.
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.clock ?? systemClock, tokens),
    adapter,
    { logger: logger || false, bufferLogs: false, abortOnError: false },
  );
  await hardenHttp(app, config);
  await serveStaffWeb(app, config);
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
