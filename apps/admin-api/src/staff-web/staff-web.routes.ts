import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { TafelConfig } from '@app/config';
import { staffWebCsp } from '../http/http-hardening';

/**
 * The app's own routes (react-router): a GET of any of them answers index.html. Everything else keeps
 * its behaviour (/v1, /answer, /health, /metrics, /docs; elsewhere a 404 problem).
 */
export const STAFF_WEB_ROUTES = [
  '/',
  '/zaken',
  '/zaken/*',
  '/werkwijze',
  '/dashboard',
  '/inloggen',
  '/aanmelden/terug',
];

/** Hashed file names: a file never changes under its name. */
const ASSETS_MAX_AGE = '365d';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tafel</title></head>
<body><main>
<h1>De medewerkersapp is nog niet gebouwd</h1>
<p>Bouw hem met <code>npm run build</code> en start de server opnieuw.</p>
<p>De API werkt wel. De beschrijving staat op <a href="/docs">/docs</a>.</p>
</main></body>
</html>
`;

/**
 * Serves the built staff web app (TAFEL_STAFF_WEB_DIR, written by `vite build`): `/assets/*` for a
 * year (immutable), index.html for every app route (no-cache, with an ETag), and the few other files
 * at the top of the build (favicon). Without a build, the app routes answer a short page saying so.
 */
export async function serveStaffWeb(app: NestFastifyApplication, config: TafelConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const dir = config.staffWebDir;
  const csp = staffWebCsp(config);
  const indexFile = join(dir, 'index.html');
  const built = existsSync(indexFile);

  const page = (reply: FastifyReply) =>
    reply.header('content-security-policy', csp).header('cache-control', 'no-cache');

  if (!built) {
    for (const url of STAFF_WEB_ROUTES) {
      fastify.get(url, async (_request, reply) =>
        page(reply).status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
      );
    }
    return;
  }

  for (const url of STAFF_WEB_ROUTES) {
    fastify.get(url, async (request, reply) => {
      // Read on every request: a new build is served without a restart, and never half an old one.
      const html = await readFile(indexFile);
      const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
      page(reply).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('text/html; charset=utf-8').send(html);
    });
  }

  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: ASSETS_MAX_AGE,
    immutable: true,
    dotfiles: 'deny',
  });

  // The build's other top-level files (favicon, robots.txt): small, not hashed, revalidated.
  for (const name of readdirSync(dir)) {
    if (name === 'index.html' || !/^[\w-]+\.[\w.]+$/.test(name) || !statSync(join(dir, name)).isFile())
      continue;
    fastify.get(`/${name}`, async (_request, reply) =>
      page(reply)
        .type(contentTypeOf(name))
        .send(await readFile(join(dir, name))),
    );
  }
}

const TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  webmanifest: 'application/manifest+json',
};

function contentTypeOf(name: string): string {
  return TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}
