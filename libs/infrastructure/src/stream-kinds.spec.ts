import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as audit from '@app/audit';
import * as cases from '@app/cases';
import { StreamNaming, TAFEL_STREAM_PREFIXES } from '@app/event-store/eventstoredb';
import * as notifications from '@app/notifications';
import * as privacy from '@app/privacy';
import * as workflow from '@app/workflow';

const ROOT = resolve(__dirname, '../../..');

/**
 * Every stream name the libs hand out: the exported `…StreamOf(id)` helpers that answer a name, and
 * the exported `…_STREAM` constants.
 */
function namedStreams(): Map<string, string> {
  const named = new Map<string, string>();
  for (const lib of [audit, cases, notifications, privacy, workflow])
    for (const [name, value] of Object.entries(lib)) {
      if (typeof value === 'function' && /streamOf$/i.test(name)) {
        const stream = (value as (id: string) => unknown)('00000000-0000-4000-8000-000000000001');
        if (typeof stream === 'string') named.set(name, stream);
      } else if (typeof value === 'string' && /_STREAM$/.test(name)) named.set(name, value);
    }
  return named;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory())
      return entry === 'testing' || entry === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(entry) && !/\.(int-|e2e-)?spec\.ts$/.test(entry) && !/fake/.test(entry) ? [path] : [];
  });
}

describe('the stream kinds EventStoreDB sees (TAFEL_STREAM_PREFIXES)', () => {
  const production = new StreamNaming();

  it('cover every stream name the libs hand out', () => {
    const named = namedStreams();
    expect([...named.keys()]).toEqual(
      expect.arrayContaining([
        'streamOf',
        'messagesStreamOf',
        'accessStreamOf',
        'personStreamOf',
        'retentionStreamOf',
        'CHECKPOINTS_STREAM',
      ]),
    );
    const missing = [...named].filter(([, stream]) => production.fromEsdb(stream) === undefined);
    expect(missing).toEqual([]);
    expect(production.prefixes).toBe(TAFEL_STREAM_PREFIXES);
  });

  it('are the only streams the app appends to: every append names its stream with one of those', () => {
    const named = namedStreams();
    const unknown: string[] = [];
    let appends = 0;
    for (const file of [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))]) {
      if (file.includes(join('libs', 'event-store', 'src'))) continue; // the stores themselves
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:store|inner)\.append\(\s*([^,]+?)\s*,/g)) {
        appends++;
        const arg = m[1];
        const helper = /^(\w+)\(/.exec(arg)?.[1] ?? arg;
        // `stream`: a decorator of the store passing its caller's stream on.
        if (arg !== 'stream' && !named.has(helper)) unknown.push(`${file.slice(ROOT.length + 1)}: ${arg}`);
      }
    }
    expect(appends).toBeGreaterThanOrEqual(6); // the scan sees the appends at all
    expect(unknown).toEqual([]);
  });
});
