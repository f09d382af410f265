import type { FastifyInstance } from 'fastify';

/**
 * One line per request, with its id: method, route pattern, path, status and time. Never the query
 * string (filters may name people), bodies, or headers (the Authorization header holds the token).
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
}
