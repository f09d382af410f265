import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evolve } from '../evolve';
import { nextSteps } from '../next-steps';
import type { CaseState, Step } from '../types';
import { EVENT_SCHEMA_VERSIONS, upcast } from '../upcasters';

/**
 * Every golden history under `fixtures/` replayed with the code as it is now must give, revision by
 * revision, the state and next steps recorded beside it (`<name>.expected.json`, generated once with
 * `TAFEL_REGENERATE_GOLDEN=1`, formatted with prettier, and committed). A change to evolve, the machine, a guard or an upcaster
 * that alters how an old case reads fails here.
 */
const DIR = join(__dirname, 'fixtures');
const REGENERATE = process.env.TAFEL_REGENERATE_GOLDEN === '1';

interface Golden {
  events: { type: string; schemaVersion: number; data: unknown }[];
}
interface Expected {
  revision: number;
  type: string;
  state: CaseState;
  nextSteps: Step[];
}

const histories = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

function replay({ events }: Golden): Expected[] {
  let state: CaseState | undefined;
  return events.map((e, revision) => {
    state = evolve(state, upcast(e.type, e.schemaVersion, e.data));
    // As stored or sent over the wire: what an auditor saw.
    return { revision, type: e.type, state: JSON.parse(JSON.stringify(state)), nextSteps: nextSteps(state) };
  });
}

describe('recorded histories replay under the current code exactly as before', () => {
  it('has golden histories, some of them with events in an old schema version', () => {
    const golden = histories.map((h) => JSON.parse(readFileSync(join(DIR, `${h}.json`), 'utf8')) as Golden);
    expect(histories.length).toBeGreaterThanOrEqual(4);
    const old = golden
      .flatMap((g) => g.events)
      .filter((e) => e.schemaVersion < EVENT_SCHEMA_VERSIONS[e.type as never]);
    expect(old.map((e) => e.type)).toEqual(expect.arrayContaining(['ConferenceRequested', 'ConferenceHeld']));
  });

  it.each(histories)('%s: same state and next steps after every event', (name) => {
    const replayed = replay(JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Golden);
    const file = join(DIR, `${name}.expected.json`);
    if (REGENERATE) writeFileSync(file, JSON.stringify(replayed, null, 2) + '\n');
    if (!existsSync(file))
      throw new Error(`${file} is missing: generate it once with TAFEL_REGENERATE_GOLDEN=1`);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as Expected[];
    expect(replayed).toHaveLength(expected.length);
    for (const [i, step] of expected.entries()) expect({ at: i, ...replayed[i] }).toEqual({ at: i, ...step });
  });
});
