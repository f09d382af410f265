import { destroyCaseText, ERASED, erasePerson, eraseSealed, isSealed, PARTICIPANT_OWNED } from './erasure';
import { fold } from './evolve';
import adjournedNoPlan from './testing/fixtures/v2-adjourned-no-plan-family-follow-up.json';
import planForEveryone from './testing/fixtures/v2-plan-to-attendees-and-accepted-absent.json';
import { CASE_TEXT_FIELDS, PERSONAL_FIELDS, type CaseState, type DomainEvent, type EventType } from './types';
import { upcast } from './upcasters';

type Stored = { type: string; schemaVersion: number; data: Record<string, unknown> };
type Data = Record<string, unknown>;

/** Whose key seals an event's personal fields, as the privacy layer decides it (libs/privacy ownerOf). */
const ownerOf = (e: Stored, applicant: string): string =>
  PARTICIPANT_OWNED.includes(e.type as EventType)
    ? (e.data.participantId as string)
    : e.type === 'ConferenceRequested'
      ? ((e.data.applicant as Data).personId as string)
      : applicant;

/** The event with each personal field of `personId` that holds a value read back as ERASED (their key is gone). */
function withoutKey(e: Stored, personId: string, applicant: string): Stored {
  if (ownerOf(e, applicant) !== personId) return e;
  const erase = (data: Data, [head, ...rest]: string[]): Data =>
    data[head] === undefined
      ? data
      : { ...data, [head]: rest.length === 0 ? ERASED : erase(data[head] as Data, rest) };
  const paths = PERSONAL_FIELDS[e.type as EventType].map((p) => p.split('.'));
  return { ...e, data: paths.reduce(erase, e.data) };
}

const replay = (events: Stored[]) =>
  fold(events.map((e) => upcast(e.type, e.schemaVersion, e.data) as DomainEvent)) as CaseState;
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe.each([
  ['v2-adjourned-no-plan-family-follow-up', adjournedNoPlan.events as Stored[]],
  ['v2-plan-to-attendees-and-accepted-absent', planForEveryone.events as Stored[]],
])('erasing a person from %s', (_, events) => {
  const applicant = ownerOf(events[0], '');
  const people = [
    applicant,
    ...new Set(events.flatMap((e) => (e.data.participantId ? [e.data.participantId as string] : []))),
  ];

  it.each(people)(
    '%s: erasePerson gives the case as it replays once their personal fields read ERASED',
    (personId) => {
      const original = replay(events);
      const erased = replay(events.map((e) => withoutKey(e, personId, applicant)));
      expect(json(erasePerson(original, personId))).toEqual(json(erased));
      expect(JSON.stringify(erased)).toContain(ERASED);
    },
  );
});

describe('the personal fields of version 2', () => {
  it('corrected details and a removal reason belong to the participant, like their invitation', () => {
    expect(PARTICIPANT_OWNED).toEqual(
      expect.arrayContaining(['ParticipantInvited', 'ParticipantCorrected', 'ParticipantRemoved']),
    );
    expect(PERSONAL_FIELDS.ParticipantCorrected).toEqual(PERSONAL_FIELDS.ParticipantInvited);
    expect(PERSONAL_FIELDS.ParticipantRemoved).toEqual(['reason']);
  });

  it('erasePerson blanks a corrected address and the reason of a removal', () => {
    const state = replay(adjournedNoPlan.events as Stored[]);
    const p2 = erasePerson(state, 'p2').participants.find((p) => p.participantId === 'p2');
    expect(p2).toMatchObject({ name: ERASED, email: ERASED, correctedAt: '2025-03-22T09:00:00.000Z' });
    const p4 = erasePerson(state, 'p4').participants.find((p) => p.participantId === 'p4');
    expect(p4).toMatchObject({ name: ERASED, removalReason: ERASED, removed: true });
    expect(erasePerson(state, 'p4').participants[0]).toEqual(state.participants[0]);
  });
});

describe('eraseSealed', () => {
  const sealed = { $enc: 'v1', p: 'case:1', iv: 'aa', ct: 'bb', tag: 'cc' };

  it('replaces every sealed value, however deep, by ERASED and leaves the rest as it was', () => {
    const row = {
      reference: 'EK-2026-0001',
      description: sealed,
      applicant: { personId: 'p-1', name: sealed },
      conferenceQuestions: [sealed, 'open'],
      plan: { agreements: [{ what: sealed, who: 'p-1' }] },
      count: 3,
      closed: null,
    };
    const out = eraseSealed(row);
    expect(out).toEqual({
      reference: 'EK-2026-0001',
      description: ERASED,
      applicant: { personId: 'p-1', name: ERASED },
      conferenceQuestions: [ERASED, 'open'],
      plan: { agreements: [{ what: ERASED, who: 'p-1' }] },
      count: 3,
      closed: null,
    });
    expect(row.description).toBe(sealed); // a copy
  });

  it('counts only an object with a string $enc as sealed', () => {
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed({ $enc: 1 })).toBe(false);
    expect(isSealed('$enc')).toBe(false);
    expect(eraseSealed({ a: { $enc: 1 } })).toEqual({ a: { $enc: 1 } });
  });
});

/** The event's data with each place a CASE_TEXT_FIELDS pattern names read as ERASED (its key is gone). */
function withoutCaseKey(e: Stored): Stored {
  const erase = (data: unknown, [head, ...rest]: string[]): unknown => {
    if (head === undefined) return data === undefined ? data : ERASED;
    const list = head.endsWith('[]');
    const key = list ? head.slice(0, -2) : head;
    const at = (data as Data)[key];
    if (at === undefined) return data;
    const next = list ? (at as unknown[]).map((item) => erase(item, rest)) : erase(at, rest);
    return { ...(data as Data), [key]: next };
  };
  const patterns = CASE_TEXT_FIELDS[e.type as EventType].map((p) => p.split('.'));
  return { ...e, data: patterns.reduce((d, p) => erase(d, p) as Data, e.data) };
}

describe.each([
  ['v2-adjourned-no-plan-family-follow-up', adjournedNoPlan.events as Stored[]],
  ['v2-plan-to-attendees-and-accepted-absent', planForEveryone.events as Stored[]],
])('destroying the case key of %s', (_, events) => {
  it('destroyCaseText gives the case as it replays once its free text reads ERASED, lists keeping their length', () => {
    const original = replay(events);
    const destroyed = replay(events.map(withoutCaseKey));
    expect(json(destroyCaseText(original))).toEqual(json(destroyed));
    expect(destroyed.status).toBe(original.status);
    expect(destroyed.conferenceQuestions).toHaveLength(original.conferenceQuestions.length);
    expect(JSON.stringify(destroyed)).toContain(ERASED);
    expect(destroyed.applicant).toEqual(original.applicant);
  });
});
