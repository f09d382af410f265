import type { FastifyInstance } from 'fastify';
import { isUuid } from './uuid-param';

// Ids the API hands out are UUIDs; anything else in a path may be a name someone typed.

function idsOf(params: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    ids[name] = isUuid(value) ? value : '-';
  }
  return ids;
}

/**
 * One line per request, with its id: method, route pattern, the ids in the path, status and time.
 * Never the path as sent, the query string (filters may name people), bodies, or headers (the
 * Authorization header holds the token).
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
      },
      'request',
    );
    done();
  });
}
