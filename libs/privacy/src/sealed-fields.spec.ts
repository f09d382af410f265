import { ERASED, destroyCaseText, erasePerson, fold, upcast, type DomainEvent } from '@app/workflow';
import declined from '@app/workflow/fixtures/declined.json';
import familyReplaced from '@app/workflow/fixtures/family-replaced-coordinator.json';
import groupClosed from '@app/workflow/fixtures/group-follow-up-closed.json';
import withdrawn from '@app/workflow/fixtures/withdrawn-after-scheduling.json';
import { createCipheriv, randomBytes } from 'node:crypto';
import {
  isEnvelope,
  newKey,
  openValue,
  sealValue,
  unwrapKey,
  wrapKey,
  type EnvelopeV2,
} from './field-crypto';
import { caseKeyId } from './key-store.port';
import { keyIdsIn, openData, openEvent, ownerOf, sealEvent } from './sealed-fields';

type Stored = { type: string; schemaVersion: number; data: Record<string, unknown> };
type Placed = Stored & { stream: string; eventId: string };
const HISTORIES: [string, Stored[]][] = [
  ['declined', declined.events as Stored[]],
  ['family-replaced-coordinator', familyReplaced.events as Stored[]],
  ['group-follow-up-closed', groupClosed.events as Stored[]],
  ['withdrawn-after-scheduling', withdrawn.events as Stored[]],
];

const STREAM = 'case-1';
const CASE_KEY = caseKeyId('1');

/** Seals a history as the encrypting store does: one key per person, one for the case. */
function sealHistory(events: Stored[]) {
  const keys = new Map<string, Buffer>([[CASE_KEY, newKey()]]);
  const applicant = ownerOf(events[0].type, events[0].data, undefined)!;
  const placed: Placed[] = events.map((e, i) => ({ ...e, stream: STREAM, eventId: `e${i}` }));
  const sealed = placed.map((e) => {
    const owner = ownerOf(e.type, e.data, applicant)!;
    if (!keys.has(owner)) keys.set(owner, newKey());
    const keyOf = (id: string) => ({ id, key: keys.get(id)! });
    return { ...e, data: sealEvent(e, STREAM, { owner: keyOf(owner), case: keyOf(CASE_KEY) }) };
  });
  return { placed, sealed, keys, applicant };
}

const openAll = (sealed: Placed[], keys: ReadonlyMap<string, Buffer | null>) =>
  sealed.map((e) => ({ ...e, data: openEvent(e, keys) as Stored['data'] }));

const foldOf = (events: Stored[]) =>
  fold(events.map((e) => upcast(e.type, e.schemaVersion, e.data) as DomainEvent))!;
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('personal fields sealed per person', () => {
  it.each(HISTORIES)(
    '%s: stores no name, address or note in clear, and opens to the same case',
    (_, events) => {
      const { placed, sealed, keys } = sealHistory(events);
      const original = foldOf(events);
      const stored = JSON.stringify(sealed);
      const secrets = [
        original.applicant.name,
        original.applicant.email,
        original.description,
        ...original.conferenceQuestions,
        original.schedule?.location,
        original.plan?.ifItDoesNotWork,
        ...(original.plan?.agreements ?? []).map((a) => a.action),
        ...original.participants.flatMap((p) => [p.name, p.email, p.preparationNotes]),
      ].filter((s): s is string => !!s);
      expect(secrets.length).toBeGreaterThan(2);
      for (const secret of secrets) expect(stored).not.toContain(secret);
      expect(openAll(sealed, keys)).toEqual(placed);
    },
  );

  it.each(HISTORIES)(
    '%s: with one person erased, replays to the same states with only their data erased',
    (_, events) => {
      const { sealed, keys } = sealHistory(events);
      const original = foldOf(events);
      for (const personId of [...keys.keys()].filter((id) => id !== CASE_KEY)) {
        const without = new Map([...keys, [personId, null]]);
        const erased = foldOf(openAll(sealed, without));
        expect(json(erased)).toEqual(json(erasePerson(original, personId)));
        expect(erased.status).toBe(original.status);
        expect(JSON.stringify(erased)).toContain(ERASED);
      }
    },
  );

  it.each(HISTORIES)(
    '%s: with the case key destroyed, the questions, places, plan and reasons read erased',
    (_, events) => {
      const { sealed, keys } = sealHistory(events);
      const original = foldOf(events);
      const destroyed = foldOf(openAll(sealed, new Map([...keys, [CASE_KEY, null]])));
      // Sealed under the case's key (alone, or inside a person's): exactly what destroyCaseText says.
      expect(json(destroyed)).toEqual(json(destroyCaseText(original)));
      expect(destroyed.status).toBe(original.status);
      expect(destroyed.applicant).toEqual(original.applicant);
      // Lists keep their length and shape: each item's text reads erased, never the list itself.
      expect(destroyed.conferenceQuestions).toEqual(original.conferenceQuestions.map(() => ERASED));
      if (original.schedule) expect(destroyed.schedule?.location).toBe(ERASED);
      if (original.plan)
        expect(destroyed.plan).toMatchObject({
          agreements: original.plan.agreements.map((a) => ({
            ...a,
            action: ERASED,
            ...(a.where === undefined ? {} : { where: ERASED }),
          })),
          ifItDoesNotWork: ERASED,
        });
    },
  );

  it("seals a person's free text under both keys: either one's loss erases it, the other's data stays", () => {
    const { sealed, keys, applicant } = sealHistory(groupClosed.events as Stored[]);
    const requested = sealed[0];
    const stored = requested.data.description as EnvelopeV2;
    expect(stored.k).toBe(applicant); // the person's outside, the case's inside
    expect(JSON.stringify(requested.data)).not.toContain(String(groupClosed.events[0].data.description));
    const description = (k: ReadonlyMap<string, Buffer | null>) =>
      (openEvent(requested, k) as { description: unknown }).description;
    expect(description(keys)).toBe(groupClosed.events[0].data.description);
    expect(description(new Map([...keys, [applicant, null]]))).toBe(ERASED);
    expect(description(new Map([...keys, [CASE_KEY, null]]))).toBe(ERASED);
    expect(openEvent(requested, new Map([...keys, [CASE_KEY, null]]))).toMatchObject({
      applicant: { name: (groupClosed.events[0].data.applicant as { name: string }).name },
    });
  });

  it('opens an envelope only in its own place: moved to another field, event or case it reads erased', () => {
    const { sealed, keys } = sealHistory(groupClosed.events as Stored[]);
    const held = sealed.find((e) => e.type === 'ConferenceScheduled')!;
    const location = held.data.location as EnvelopeV2;
    expect(openEvent(held, keys)).toMatchObject({ location: expect.any(String) });
    const other = sealed.find((e) => e.type === 'CaseClosed' || e.type === 'CaseWithdrawn')!;
    const elsewhere = [
      { ...held, eventId: 'another-event' },
      { ...held, stream: 'case-2' },
      { ...other, type: 'ConferenceAdjourned', data: { reason: location, location } },
    ];
    for (const e of elsewhere) expect(openEvent(e, keys)).toMatchObject({ location: ERASED });
    expect(openEvent(elsewhere[2], keys)).toMatchObject({ reason: ERASED });
    // Relabelled to claim the other place, the bytes no longer open at all.
    const relabelled = { ...location, e: 'another-event' };
    expect(() => openValue(relabelled, keys.get(CASE_KEY)!)).toThrow();
  });

  it('reads events stored before: a version 1 envelope (person id as associated data) and clear text', () => {
    const key = newKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from('p1'));
    const ct = Buffer.concat([cipher.update(JSON.stringify('Jan Jansen')), cipher.final()]);
    const b64 = (b: Buffer) => b.toString('base64');
    const v1 = { $enc: 'v1', p: 'p1', iv: b64(iv), ct: b64(ct), tag: b64(cipher.getAuthTag()) };
    const old = { type: 'ParticipantInvited', stream: STREAM, eventId: 'e9', data: { name: v1 } };
    expect(openEvent(old, new Map([['p1', key]]))).toEqual({ name: 'Jan Jansen' });
    // Version 1 sealed personal fields only: one found in a field of the case's text does not open.
    const moved = { type: 'ConferenceScheduled', stream: STREAM, eventId: 'e9', data: { location: v1 } };
    expect(openEvent(moved, new Map([['p1', key]]))).toEqual({ location: ERASED });
    const clear = { type: 'ConferenceScheduled', stream: STREAM, eventId: 'e8', data: { location: 'Hal 1' } };
    expect(openEvent(clear, new Map())).toEqual({ location: 'Hal 1' });
  });

  it('gives the free text about the case to the applicant, a participant their own fields', () => {
    const { sealed, applicant } = sealHistory(groupClosed.events as Stored[]);
    const owners = (type: string) =>
      sealed.filter((e) => e.type === type).map((e) => [...keyIdsIn(e.data)].filter((k) => k !== CASE_KEY));
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
    const event = { type: 'ParticipantInvited', eventId: 'e1', data };
    const sealed = sealEvent(event, STREAM, {
      owner: { id: 'p1', key: null },
      case: { id: CASE_KEY, key: null },
    });
    expect(sealed).toEqual({ ...data, name: ERASED, email: ERASED });
  });

  it('reads a value under a wrong or missing key as erased, never as an error', () => {
    const place = { keyId: 'p1', stream: STREAM, eventId: 'e1', path: 'name' };
    const envelope = sealValue('Jan Jansen', place, newKey());
    expect(isEnvelope(envelope)).toBe(true);
    expect(openData({ name: envelope }, new Map([['p1', newKey()]]))).toEqual({ name: ERASED });
    expect(openData({ name: envelope }, new Map())).toEqual({ name: ERASED });
    expect(() => openValue({ ...envelope, k: 'p2' }, newKey())).toThrow();
  });

  it('wraps a person key so that only the same master key and person open it', () => {
    const [key, master] = [newKey(), newKey()];
    const wrapped = wrapKey(key, 'p1', master);
    expect(unwrapKey(wrapped, 'p1', master).equals(key)).toBe(true);
    expect(() => unwrapKey(wrapped, 'p1', newKey())).toThrow();
    expect(() => unwrapKey(wrapped, 'p2', master)).toThrow();
  });
});
