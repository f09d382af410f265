import { dueAtOf, dueCases, isDue, isLive } from './retention-policy';

const DAY = 86_400_000;
const TERM = 7300 * DAY;

describe('retention policy', () => {
  const ended = [
    { caseId: 'a', endedAt: '2026-03-02T09:00:00.000Z' },
    { caseId: 'b', endedAt: '2026-03-03T09:00:00.000Z' },
  ];

  it('counts the term from the end, in days of 24 hours (leap days do not move it)', () => {
    // 2028, 2032, … 2044 hold five leap days: 7300 days after 2026-03-02 is 2046-02-25, not 03-02.
    expect(dueAtOf('2026-03-02T09:00:00.000Z', TERM)).toBe('2046-02-25T09:00:00.000Z');
  });

  it('makes a case due at exactly its term, not a millisecond before', () => {
    const at = new Date('2046-02-25T09:00:00.000Z');
    expect(isDue(ended[0].endedAt, TERM, new Date(at.getTime() - 1))).toBe(false);
    expect(isDue(ended[0].endedAt, TERM, at)).toBe(true);
    expect(dueCases(ended, TERM, at)).toEqual([ended[0]]);
  });

  it('lists every case whose term passed, and none whose term has not', () => {
    expect(dueCases(ended, TERM, new Date('2026-03-02T09:00:00.000Z'))).toEqual([]);
    expect(dueCases(ended, TERM, new Date('2046-02-26T09:00:00.000Z'))).toEqual(ended);
    expect(dueCases([], TERM, new Date('2100-01-01T00:00:00.000Z'))).toEqual([]);
  });

  it('never counts a case whose end is not a time', () => {
    expect(isDue('not a time', TERM, new Date('2100-01-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('live cases', () => {
  const now = new Date('2046-02-25T09:00:00.000Z');

  it('counts a case that has not ended, or whose term has not passed, as live', () => {
    expect(isLive(undefined, TERM, now)).toBe(true);
    expect(isLive({ endedAt: '2030-01-01T00:00:00.000Z', destroyedAt: null }, TERM, now)).toBe(true);
  });

  it('counts a destroyed case, and one due now, as not live', () => {
    expect(isLive({ endedAt: '2026-03-02T09:00:00.000Z', destroyedAt: null }, TERM, now)).toBe(false);
    const destroyed = { endedAt: '2026-03-02T09:00:00.000Z', destroyedAt: '2046-02-25T09:00:00.000Z' };
    expect(isLive(destroyed, TERM, now)).toBe(false);
  });
});
