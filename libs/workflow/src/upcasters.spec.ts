import { createUpcaster, EVENT_SCHEMA_VERSIONS, upcast } from './upcasters';

describe('upcasting stored events', () => {
  it('reads current events unchanged', () => {
    const data = { at: '2025-01-01T00:00:00.000Z', reason: 'x' };
    expect(upcast('CaseWithdrawn', 1, data)).toEqual({ type: 'CaseWithdrawn', data });
  });

  it('gives a v0 request, from before workflow versions, workflow version 1', () => {
    expect(upcast('ConferenceRequested', 0, { caseId: 'c' })).toEqual({
      type: 'ConferenceRequested',
      data: { caseId: 'c', workflowVersion: 1 },
    });
  });

  it('renames the attendees of a v0 conference', () => {
    expect(upcast('ConferenceHeld', 0, { heldAt: 'h', present: ['p1'] }).data).toEqual({
      heldAt: 'h',
      attendees: ['p1'],
    });
  });

  it('chains upcasters version by version', () => {
    const upcastV3 = createUpcaster(
      { Thing: 3 },
      { Thing: { 1: (d) => ({ ...d, b: 1 }), 2: ({ b, ...d }) => ({ ...d, c: (b as number) + 1 }) } },
    );
    expect(upcastV3('Thing', 1, { a: 0 }).data).toEqual({ a: 0, c: 2 });
  });

  it.each([
    ['an unknown type', 'Nonsense', 1, {}, /Unknown event type "Nonsense"/],
    ['a version newer than the code', 'CaseClosed', 2, {}, /reads up to version 1/],
    ['a missing upcaster', 'CaseClosed', 0, {}, /No upcaster for CaseClosed from schema version 0/],
    ['a negative version', 'CaseClosed', -1, {}, /Invalid schema version/],
    ['data that is not an object', 'CaseClosed', 1, 'x', /not an object/],
  ])('throws a clear error for %s', (_, type, version, data, message) => {
    expect(() => upcast(type as string, version as number, data)).toThrow(message as RegExp);
  });

  it('knows a schema version for every event type', () => {
    expect(Object.values(EVENT_SCHEMA_VERSIONS).every((v) => v === 1)).toBe(true);
  });
});
