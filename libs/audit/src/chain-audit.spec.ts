import { hashEvent, verifyChain, type StoredEvent } from '@app/event-store';
import { ChainAudit } from './chain-audit';
import { headPosition, walkLog } from './log-walk';

let position = 0;
/** A properly chained stream of `n` events. */
function stream(name: string, n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let revision = 0; revision < n; revision++) {
    const e = {
      stream: name,
      revision,
      position: (position += 3),
      eventId: `${name}-${revision}`,
      type: 'NoteAdded',
      schemaVersion: 1,
      data: { revision },
      metadata: { occurredAt: '2026-01-01T00:00:00.000Z', actor: { id: 'a', role: 'admin' } },
      recordedAt: '2026-01-01T00:00:00.000Z',
      prevHash: revision === 0 ? null : events[revision - 1].hash,
      hash: '',
    };
    e.hash = hashEvent(e);
    events.push(e);
  }
  return events;
}

const interleave = (...streams: StoredEvent[][]) => streams.flat().sort((a, b) => a.position - b.position);

describe('a chain audit over the whole log', () => {
  it('finds every chain whole, and agrees with verifyChain per stream', () => {
    const [a, b] = [stream('a', 5), stream('b', 3)];
    const audit = new ChainAudit();
    audit.check(interleave(a, b));
    expect(audit.summary()).toEqual({ valid: true, streams: 2, events: 8, broken: [] });
    expect(verifyChain(a).valid && verifyChain(b).valid).toBe(true);
  });

  it.each([
    ['changed data', (s: StoredEvent[]) => (s[2] = { ...s[2], data: { revision: 99 } }), 2, 'hash-mismatch'],
    [
      'a rewritten link',
      (s: StoredEvent[]) => (s[3] = { ...s[3], prevHash: 'f'.repeat(64) }),
      3,
      'prev-hash-mismatch',
    ],
    ['a deleted event', (s: StoredEvent[]) => s.splice(1, 1), 2, 'revision-gap'],
    [
      'a deleted first event, which verifyChain takes on trust',
      (s: StoredEvent[]) => s.shift(),
      1,
      'revision-gap',
    ],
  ])('names the first bad event after %s', (_, spoil, revision, reason) => {
    const a = stream('a', 5);
    spoil(a);
    const audit = new ChainAudit();
    audit.check(interleave(a, stream('b', 2)));
    expect(audit.summary()).toMatchObject({
      valid: false,
      streams: 2,
      broken: [{ stream: 'a', firstInvalid: { revision, reason } }],
    });
  });

  it('resumes from its saved state with the same verdict', () => {
    const log = interleave(stream('a', 4), stream('b', 4));
    log[6] = { ...log[6], data: { spoilt: true } };
    const whole = new ChainAudit();
    whole.check(log);
    const first = new ChainAudit();
    first.check(log.slice(0, 3));
    const second = new ChainAudit(JSON.parse(JSON.stringify(first.state())));
    second.check(log.slice(3));
    expect(second.summary()).toEqual(whole.summary());
    expect(second.summary().valid).toBe(false);
  });
});

describe('walking the log', () => {
  const log = interleave(stream('x', 40), stream('y', 33));
  const store = {
    readAll: async ({ fromPosition = 0, limit = Infinity }: { fromPosition?: number; limit?: number } = {}) =>
      log.filter((e) => e.position > fromPosition).slice(0, limit),
  } as never;

  it('reads every event once, page by page', async () => {
    const pages: number[] = [];
    const seen: number[] = [];
    for await (const page of walkLog(store, { pageSize: 10 })) {
      pages.push(page.length);
      seen.push(...page.map((e) => e.position));
    }
    expect(seen).toEqual(log.map((e) => e.position));
    expect(pages).toEqual([10, 10, 10, 10, 10, 10, 10, 3]);
  });

  it('finds the last position of a log with gaps', async () => {
    expect(await headPosition(store)).toBe(log[log.length - 1].position);
    expect(await headPosition({ readAll: async () => [] } as never)).toBe(0);
  });
});
