import type { FastifyInstance } from 'fastify';
import { isUuid } from './uuid-param';

// Ids the API hands out are UUIDs; anything else in a path may be a name someone typed.

/** Most a client's `x-request-id` may be to be logged: visible ASCII, no spaces. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The client's own `x-request-id`, when it is a safe string (1–200 visible ASCII characters), for
 * the request's log line only: it is never stored, and never the request's id.
 */
export function clientRequestIdOf(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const given = headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : undefined;
}

function idsOf(params: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    ids[name] = isUuid(value) ? value : '-';
  }
  return ids;
}

/**
 * One line per request, with its id (the server's, `reqId`): method, route pattern, the ids in the
 * path, status and time, and the client's own `x-request-id` as `clientRequestId` when it sent a
 * safe one. Never the path as sent, the query string (filters may name people), bodies, or other
 * headers (the Authorization header holds the token).
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        ids: idsOf(request.params),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        clientRequestId: clientRequestIdOf(request.headers),
      },
      'request',
    );
    done();
  });
}
