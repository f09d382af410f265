import { ERASED, erasePerson, fold, upcast, type DomainEvent } from '@app/workflow';
import declined from '@app/workflow/fixtures/declined.json';
import familyReplaced from '@app/workflow/fixtures/family-replaced-coordinator.json';
import groupClosed from '@app/workflow/fixtures/group-follow-up-closed.json';
import withdrawn from '@app/workflow/fixtures/withdrawn-after-scheduling.json';
import { isEnvelope, newKey, openValue, sealValue, unwrapKey, wrapKey } from './field-crypto';
import { openData, ownerOf, ownersIn, sealData } from './sealed-fields';

type Stored = { type: string; schemaVersion: number; data: Record<string, unknown> };
const HISTORIES: [string, Stored[]][] = [
  ['declined', declined.events as Stored[]],
  ['family-replaced-coordinator', familyReplaced.events as Stored[]],
  ['group-follow-up-closed', groupClosed.events as Stored[]],
  ['withdrawn-after-scheduling', withdrawn.events as Stored[]],
];

/** Seals a history as the encrypting store does, one key per person. */
function sealHistory(events: Stored[]) {
  const keys = new Map<string, Buffer>();
  const applicant = ownerOf(events[0].type, events[0].data, undefined)!;
  const sealed = events.map((e) => {
    const owner = ownerOf(e.type, e.data, applicant)!;
    if (!keys.has(owner)) keys.set(owner, newKey());
    return { ...e, data: sealData(e.type, e.data, owner, keys.get(owner)!) };
  });
  return { sealed, keys, applicant };
}

const foldOf = (events: Stored[]) =>
  fold(events.map((e) => upcast(e.type, e.schemaVersion, e.data) as DomainEvent))!;
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('personal fields sealed per person', () => {
  it.each(HISTORIES)(
    '%s: stores no name, address or note in clear, and opens to the same case',
    (_, events) => {
      const { sealed, keys } = sealHistory(events);
      const original = foldOf(events);
      const stored = JSON.stringify(sealed);
      const secrets = [
        original.applicant.name,
        original.applicant.email,
        original.description,
        ...original.participants.flatMap((p) => [p.name, p.email, p.preparationNotes]),
      ].filter((s): s is string => !!s);
      expect(secrets.length).toBeGreaterThan(2);
      for (const secret of secrets) expect(stored).not.toContain(secret);
      const opened = sealed.map((e) => ({ ...e, data: openData(e.data, keys) }));
      expect(opened).toEqual(events);
    },
  );

  it.each(HISTORIES)(
    '%s: with one person erased, replays to the same states with only their data erased',
    (_, events) => {
      const { sealed, keys } = sealHistory(events);
      const original = foldOf(events);
      for (const personId of keys.keys()) {
        const without = new Map([...keys, [personId, null]]);
        const erased = foldOf(sealed.map((e) => ({ ...e, data: openData(e.data, without) })));
        expect(json(erased)).toEqual(json(erasePerson(original, personId)));
        expect(erased.status).toBe(original.status);
        expect(JSON.stringify(erased)).toContain(ERASED);
      }
    },
  );

  it('gives the free text about the case to the applicant, a participant their own fields', () => {
    const { sealed, applicant } = sealHistory(groupClosed.events as Stored[]);
    const owners = (type: string) => sealed.filter((e) => e.type === type).map((e) => [...ownersIn(e.data)]);
    expect(owners('ConferenceRequested')).toEqual([[applicant]]);
    for (const type of ['IntakeCompleted', 'RequestDeclined', 'FollowUpContacted'])
      expect(ownerOf(type, {}, applicant)).toBe(applicant);
    expect(ownerOf('ParticipantPrepared', { participantId: 'p2' }, applicant)).toBe('p2');
    expect(owners('ParticipantInvited')).toEqual([['p1'], ['p2'], ['p3']]);
    expect(owners('CoordinatorAssigned')).toEqual([[]]);
  });

  it('stores only the erased marker for a person whose key is gone for good', () => {
    const data = {
      at: 't',
      participantId: 'p1',
      name: 'Jan Jansen',
      role: 'family',
      email: 'jan@example.nl',
    };
    const sealed = sealData('ParticipantInvited', data, 'p1', null);
    expect(sealed).toEqual({ ...data, name: ERASED, email: ERASED });
  });

  it('reads a value under a wrong or missing key as erased, never as an error', () => {
    const envelope = sealValue('Jan Jansen', 'p1', newKey());
    expect(isEnvelope(envelope)).toBe(true);
    expect(openData({ name: envelope }, new Map([['p1', newKey()]]))).toEqual({ name: ERASED });
    expect(openData({ name: envelope }, new Map())).toEqual({ name: ERASED });
    expect(() => openValue({ ...envelope, p: 'p2' }, newKey())).toThrow();
  });

  it('wraps a person key so that only the same master key and person open it', () => {
    const [key, master] = [newKey(), newKey()];
    const wrapped = wrapKey(key, 'p1', master);
    expect(unwrapKey(wrapped, 'p1', master).equals(key)).toBe(true);
    expect(() => unwrapKey(wrapped, 'p1', newKey())).toThrow();
    expect(() => unwrapKey(wrapped, 'p2', master)).toThrow();
  });
});
