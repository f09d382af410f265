import fc from 'fast-check';
import type { StoredEvent } from './event-store.port';
import { canonicalEncoding, hashEvent, verifyChain } from './hash-chain';

function chain(n: number, stream = 'case-1'): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prevHash: string | null = null;
  for (let revision = 0; revision < n; revision++) {
    const base = {
      stream,
      revision,
      eventId: `e-${revision}`,
      type: 'NoteAdded',
      schemaVersion: 1,
      data: { text: `note ${revision}`, nested: { b: 1, a: [2, { d: 1, c: 2 }] } },
      metadata: { occurredAt: '2025-01-01T10:00:00.000Z', actor: { id: 'u1', role: 'coordinator' } },
      prevHash,
    };
    const hash = hashEvent(base);
    events.push({ ...base, position: 100 + revision, recordedAt: '2025-01-01T10:00:01.000Z', hash });
    prevHash = hash;
  }
  return events;
}

describe('canonical encoding', () => {
  it('sorts keys at every depth and has no whitespace', () => {
    const [e] = chain(1);
    expect(canonicalEncoding(e)).toBe(
      '{"data":{"nested":{"a":[2,{"c":2,"d":1}],"b":1},"text":"note 0"},"eventId":"e-0",' +
        '"metadata":{"actor":{"id":"u1","role":"coordinator"},"occurredAt":"2025-01-01T10:00:00.000Z"},' +
        '"prevHash":null,"revision":0,"schemaVersion":1,"stream":"case-1","type":"NoteAdded"}',
    );
  });

  it('ignores key order, undefined members, position and recordedAt', () => {
    const [e] = chain(1);
    const reordered = {
      ...e,
      data: { nested: { a: [2, { c: 2, d: 1 }], b: 1 }, text: 'note 0', gone: undefined },
    };
    expect(hashEvent({ ...reordered, position: 999 } as StoredEvent)).toBe(e.hash);
  });

  it('equals JSON.stringify of the JSON value with keys sorted, for any data', () => {
    const sorted = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(sorted).join(',')}]`
        : v && typeof v === 'object'
          ? `{${Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => `${JSON.stringify(k)}:${sorted(x)}`)
              .join(',')}}`
          : JSON.stringify(v);
    const [e] = chain(1);
    const odd = {
      when: new Date(0),
      gone: undefined,
      list: [undefined, NaN, () => 1],
      '10': 'x',
      '9': 'y',
      é: 1,
      Z: 2,
    };
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.constant(odd), fc.anything()), (data) => {
        const json = JSON.stringify({ ...e, data }) as string;
        const {
          stream,
          revision,
          eventId,
          type,
          schemaVersion,
          data: d,
          metadata,
          prevHash,
        } = JSON.parse(json) as StoredEvent;
        const expected = sorted({
          stream,
          revision,
          eventId,
          type,
          schemaVersion,
          data: d ?? null,
          metadata,
          prevHash,
        });
        expect(canonicalEncoding({ ...e, data })).toBe(expected);
      }),
    );
  });

  it('is SHA-256 hex', () => {
    expect(chain(1)[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const events = chain(5);
    expect(verifyChain(events)).toEqual({ valid: true, events: 5, head: events[4].hash });
  });

  it('accepts an empty stream', () => {
    expect(verifyChain([])).toEqual({ valid: true, events: 0, head: null });
  });

  it('accepts a slice that starts mid-stream', () => {
    expect(verifyChain(chain(6).slice(2)).valid).toBe(true);
  });

  it('refuses a whole stream whose first events are gone, naming the first one left', () => {
    const events = chain(6);
    expect(verifyChain(events, { wholeStream: true }).valid).toBe(true);
    expect(verifyChain(events.slice(2), { wholeStream: true })).toEqual({
      valid: false,
      events: 4,
      head: null,
      firstInvalid: { revision: 2, position: 102, eventId: 'e-2', reason: 'revision-gap' },
    });
  });

  it('finds altered data', () => {
    const events = chain(5);
    events[3] = { ...events[3], data: { text: 'forged' } };
    expect(verifyChain(events)).toEqual({
      valid: false,
      events: 5,
      head: events[2].hash,
      firstInvalid: { revision: 3, position: 103, eventId: 'e-3', reason: 'hash-mismatch' },
    });
  });

  it('finds an event whose hash was recomputed after a change (broken link)', () => {
    const events = chain(4);
    const forged = { ...events[1], data: { text: 'forged' } };
    events[1] = { ...forged, hash: hashEvent(forged) };
    const verdict = verifyChain(events);
    expect(verdict.valid === false && verdict.firstInvalid).toMatchObject({
      revision: 2,
      reason: 'prev-hash-mismatch',
    });
  });

  it('finds a removed event', () => {
    const events = chain(4);
    events.splice(1, 1);
    const verdict = verifyChain(events);
    expect(verdict.valid === false && verdict.firstInvalid).toMatchObject({
      revision: 2,
      reason: 'revision-gap',
    });
  });

  it('finds a first event that claims a predecessor', () => {
    const [e] = chain(1);
    const verdict = verifyChain([{ ...e, prevHash: 'ab'.repeat(32) }]);
    expect(verdict.valid === false && verdict.firstInvalid.reason).toBe('prev-hash-mismatch');
  });

  it('finds events of another stream mixed in', () => {
    const events = [...chain(2), chain(3, 'case-2')[2]];
    const verdict = verifyChain(events);
    expect(verdict.valid === false && verdict.firstInvalid.reason).toBe('stream-mismatch');
  });
});
