import fc from 'fast-check';
import { headPosition } from '@app/audit';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { CaseApi, buildCase } from './support/case-builder';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

/** Runs per store: enough to hit every route many times, little enough for a 2-core CI. */
const NUM_RUNS = 200;
const SEED = 20_260_302;

/** Characters the edge must refuse or take, never choke on. */
const NASTY = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\t',
  '\n',
  '\r',
];

const nastyString = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...NASTY)), { maxLength: 6 })
  .map((parts) => parts.join(''));
const longString = fc.integer({ min: 150, max: 6000 }).map((n) => 'x'.repeat(n));
const value: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  longString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(nastyString, { maxLength: 120 }),
  fc.array(fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { maxLength: 3 }),
);

const hex = (b: number) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * `encodeURIComponent`, but a lone surrogate (which it refuses) is sent as the three bytes its code
 * unit would take in UTF-8: invalid UTF-8 in a URL is what a careless or hostile client sends.
 */
const encodeLoosely = (s: string): string =>
  s
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((part) => {
      if (part.length !== 1 || !/[\ud800-\udfff]/.test(part)) return encodeURIComponent(part);
      const u = part.charCodeAt(0);
      return hex(0xe0 | (u >> 12)) + hex(0x80 | ((u >> 6) & 0x3f)) + hex(0x80 | (u & 0x3f));
    })
    .join('');

interface Route {
  path: string;
  fields: string[];
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

/** Every step route of the OpenAPI document (POST under /v1/cases), with its body's field names. */
function stepRoutes(doc: OpenApi): Route[] {
  return Object.entries(doc.paths)
    .filter(([path, ops]) => path.startsWith('/v1/cases') && ops.post)
    .map(([path, ops]) => {
      const ref = ops.post.requestBody?.content['application/json']?.schema.$ref;
      const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
      return { path, fields: Object.keys(schema?.properties ?? {}) };
    });
}

describe.each(E2E_STORES)('%s store: fuzzing every step route', (store) => {
  let t: TestApp;
  let api: CaseApi;

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never answers 5xx, and a refused request appends nothing', async () => {
    const routes = stepRoutes((await t.http.get('/docs-json')).body as OpenApi);
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const c = await buildCase(t, 'ready', { participants: 2 });
    const ids: Record<string, string> = { id: c.id, pid: c.participantIds[0] };
    const store = t.app.get<EventStore>(EVENT_STORE);

    const body = (fields: string[]) =>
      fc.oneof(
        fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), value, { maxKeys: 6 }),
        value,
        fc.integer({ min: 1, max: 3000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
        fc.string({ maxLength: 40 }),
      );
    const pathId = fc.option(fc.oneof(nastyString, fc.uuid()), { freq: 4 });
    const request = fc
      .integer({ min: 0, max: routes.length - 1 })
      .chain((i) => fc.record({ route: fc.constant(routes[i]), body: body(routes[i].fields), pathId }));

    await fc.assert(
      fc.asyncProperty(request, async ({ route, body, pathId }) => {
        const url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === 'id' && pathId !== null ? encodeLoosely(pathId) || 'x' : ids[name],
        );
        const before = await headPosition(store);
        // Sent as JSON text, so that scalars and lone surrogates (as \u escapes) reach the server too.
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        const res = await api.post(url, text, { 'Content-Type': 'application/json' });
        if (res.status >= 500) throw new Error(`${url} answered ${res.status}: ${res.text.slice(0, 500)}`);
        if (res.status >= 400) expect(await headPosition(store)).toBe(before);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  }, 120_000);

  it('never answers 5xx to arbitrary query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/cases', '/v1/reports/flow', '/v1/workflow'),
        fc.dictionary(
          fc.constantFrom('region', 'state', 'kind', 'limit', 'cursor', 'from', 'to', 'version', 'x'),
          nastyString,
          { maxKeys: 4 },
        ),
        async (path, query) => {
          const qs = Object.entries(query)
            .map(([k, v]) => `${k}=${encodeLoosely(v)}`)
            .join('&');
          const res = await api.get(`${path}?${qs}`);
          if (res.status >= 500)
            throw new Error(`${path}?${qs} answered ${res.status}: ${res.text.slice(0, 500)}`);
        },
      ),
      { numRuns: NUM_RUNS / 2, seed: SEED },
    );
  }, 60_000);
});
