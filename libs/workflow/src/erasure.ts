import type { CaseState, EventType } from './types';

/** What an erased person's data reads as, everywhere: in events, folds, read models and answers. */
export const ERASED = '[verwijderd]';

/** The event that records an erasure, in the stream `person-<personId>`. */
export const PERSON_ERASED = 'PersonErased';

export const personStreamOf = (personId: string): string => `person-${personId}`;

/** The data of a `PersonErased` event: ids only, never the erased data. */
export interface PersonErasedData {
  at: string;
  personId: string;
  reason: string;
  /** The cases the person appears in, so read models can redact their rows. */
  caseIds: string[];
}

/**
 * The event that records retention: the case's term passed, so its key and the keys of the people who
 * appear in no other live case were destroyed. In the stream `retention-<caseId>`; ids and dates only.
 */
export const CASE_DATA_DESTROYED = 'CaseDataDestroyed';

export const retentionStreamOf = (caseId: string): string => `retention-${caseId}`;

export interface CaseDataDestroyedData {
  at: string;
  caseId: string;
  /** When the case ended (closed, declined or withdrawn): the term counts from here. */
  endedAt: string;
  /** The people whose keys went with it (each also recorded by their own `PersonErased`). */
  personIds: string[];
}

/** Events whose personal fields belong to the participant named in `data.participantId`. */
export const PARTICIPANT_OWNED: readonly EventType[] = [
  'ParticipantInvited',
  'ParticipantPrepared',
  'ParticipantCorrected',
  'ParticipantRemoved',
];

/** A copy of `obj` with each of `keys` that holds a value replaced by `ERASED`. */
function eraseKeys<T extends object>(obj: T, keys: (keyof T)[]): T {
  const out = { ...obj };
  for (const k of keys) if (out[k] !== undefined) (out as Record<keyof T, unknown>)[k] = ERASED;
  return out;
}

/**
 * The case as it folds once `personId`'s key is gone: their personal fields read `ERASED`. The
 * applicant owns the free text about the case (description, intake notes, decline reason, follow-up
 * notes); a participant owns their name, addresses (as invited or corrected), preparation notes and
 * the reason they were removed. Nothing else changes.
 */
export function erasePerson<S extends CaseState>(state: S, personId: string): S {
  let out: S = state;
  if (state.applicant.personId === personId) {
    out = {
      ...eraseKeys(out, ['description', 'intakeNotes', 'declineReason']),
      applicant: eraseKeys(state.applicant, ['name', 'email', 'phone']),
      followUps: state.followUps.map((f) => eraseKeys(f, ['notes'])),
    };
  }
  if (state.participants.some((p) => p.participantId === personId)) {
    out = {
      ...out,
      participants: state.participants.map((p) =>
        p.participantId === personId
          ? eraseKeys(p, ['name', 'email', 'phone', 'preparationNotes', 'removalReason'])
          : p,
      ),
    };
  }
  return out;
}

/**
 * The case as it folds once its own key is gone (retention destroyed it): the free text about the
 * case (`CASE_TEXT_FIELDS`) reads `ERASED` — the description and notes, each question, each
 * agreement's action and place, the place and the reasons — while lists keep their length and
 * everything else (names, addresses, dates, codes) stays. Also for events
 * stored before that text was sealed, which hold it in clear.
 */
export function destroyCaseText<S extends CaseState>(state: S): S {
  const out: S = eraseKeys(state, ['description', 'intakeNotes', 'declineReason']);
  if (state.followUps) out.followUps = state.followUps.map((f) => eraseKeys(f, ['notes']));
  if (state.participants)
    out.participants = state.participants.map((p) => eraseKeys(p, ['preparationNotes', 'removalReason']));
  // Folds kept in read models may predate a field: each is erased only where it is.
  if (state.conferenceQuestions) out.conferenceQuestions = state.conferenceQuestions.map(() => ERASED);
  if (state.questionRevisions)
    out.questionRevisions = state.questionRevisions.map((r) => eraseKeys(r, ['reason']));
  if (state.adjournments)
    out.adjournments = state.adjournments.map((a) => eraseKeys(a, ['reason', 'location']));
  if (state.noPlan) out.noPlan = eraseKeys(state.noPlan, ['reason']);
  if (state.schedule) out.schedule = eraseKeys(state.schedule, ['location']);
  if (state.withdrawal) out.withdrawal = eraseKeys(state.withdrawal, ['reason']);
  if (state.plan)
    out.plan = {
      ...eraseKeys(state.plan, ['ifItDoesNotWork']),
      agreements: state.plan.agreements.map((a) => eraseKeys(a, ['action', 'where'])),
    };
  return out;
}

/** A sealed value as read models may hold it: an object with a string `$enc` field (ciphertext). */
export const isSealed = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { $enc?: unknown }).$enc === 'string';

/**
 * A copy of `value` (any JSON) with every sealed value in it, however deep, replaced by `ERASED`:
 * what a read model row reads as once the keys that sealed it are gone. Nothing else changes.
 */
export function eraseSealed<T>(value: T): T {
  if (isSealed(value)) return ERASED as T;
  if (Array.isArray(value)) return value.map((v) => eraseSealed(v)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseSealed(v)])) as T;
  return value;
}

/**
 * A read model's fold once retention destroyed the case's keys: the free text about the case by
 * field (also where older events held it in clear), then every sealed value that is left.
 */
export const destroyedCase = <S extends CaseState>(state: S): S => eraseSealed(destroyCaseText(state));
