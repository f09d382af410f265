import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TafelConfig } from '@app/config';
import { ANSWER_PAGE_CSP } from '../answer/answer-page.render';

/** The API answers JSON only: nothing in it may load, frame or submit anything. */
const API_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
};

/** Swagger UI at /docs: its own scripts and styles (plus the inline style block and data: icons). */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The staff web app's pages (index.html for every app route): its own bundled scripts and styles only,
 * nothing inline, nothing framed; it talks to this API and, for sign-in, to the OIDC provider.
 */
export function staffWebCsp(config: TafelConfig): string {
  const provider = config.oidc ? ` ${new URL(config.oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${provider}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action 'self'${provider}`,
  ].join('; ');
}

/** Headers a browser may send and read across origins, when CORS is opened for an origin. */
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Request-Id'];
const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'X-Request-Id'];

/**
 * Security headers on every answer (helmet), `Cache-Control: no-store` on /v1 (personal data) and on
 * the participants' answer pages (which get a CSP of their own: one inline style, forms to themselves), and
 * CORS only for the origins TAFEL_CORS_ORIGINS lists: with none, no answer carries
 * Access-Control-Allow-Origin and browsers on other origins cannot read anything.
 */
export async function hardenHttp(app: NestFastifyApplication, config: TafelConfig): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: API_CSP,
    crossOriginResourcePolicy: { policy: config.corsOrigins.length ? 'cross-origin' : 'same-origin' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      const path = request.url.split('?')[0];
      if (path === '/v1' || path.startsWith('/v1/')) reply.header('cache-control', 'no-store');
      else if (path === '/docs' || path.startsWith('/docs/'))
        reply.header('content-security-policy', DOCS_CSP);
      else if (path.startsWith('/answer/')) {
        // The token in the address is the capability: never stored, never sent on as a referrer.
        reply.header('content-security-policy', ANSWER_PAGE_CSP);
        reply.header('cache-control', 'no-store');
        reply.header('referrer-policy', 'no-referrer');
      }
      done(null, payload);
    });
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
}
