import { CASE_TEXT_FIELDS, ERASED, PARTICIPANT_OWNED, PERSONAL_FIELDS, type EventType } from '@app/workflow';
import { isEnvelope, keyIdOf, openValue, sealValue, type Envelope } from './field-crypto';

/** Keys as looked up by id: `null` when there is none (erased, destroyed, or the key store lost it). */
export type PersonKeys = ReadonlyMap<string, Buffer | null>;

type Data = Record<string, unknown>;

const own = (table: object, type: string) => Object.prototype.hasOwnProperty.call(table, type);

/** The dotted paths of an event type's personal fields; empty for anything else (not a workflow event). */
export function personalPathsOf(type: string): readonly string[] {
  return own(PERSONAL_FIELDS, type) ? PERSONAL_FIELDS[type as EventType] : [];
}

/** The dotted paths of an event type's free text about the case (sealed under the case key). */
export function casePathsOf(type: string): readonly string[] {
  return own(CASE_TEXT_FIELDS, type) ? CASE_TEXT_FIELDS[type as EventType] : [];
}

/** Whether an event type holds anything that is sealed. */
export const hasSealedFields = (type: string): boolean =>
  personalPathsOf(type).length > 0 || casePathsOf(type).length > 0;

/** Whose key encrypts the personal fields of this event: the participant's, or else the applicant's. */
export function ownerOf(type: string, data: Data, applicantId: string | undefined): string | undefined {
  if ((PARTICIPANT_OWNED as readonly string[]).includes(type)) return data.participantId as string;
  if (type === 'ConferenceRequested') return (data.applicant as { personId?: string }).personId;
  return applicantId;
}

type Path = (string | number)[];

function getPath(data: unknown, path: Path): unknown {
  let at = data;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Data)[key];
  }
  return at;
}

/** A copy of `data` with the value at `path` replaced; lists and objects along the path are copied. */
function setPath(data: unknown, [head, ...rest]: Path, value: unknown): unknown {
  const next = rest.length === 0 ? value : setPath((data as Data)[head], rest, value);
  if (Array.isArray(data)) return data.map((v, i) => (i === head ? next : v));
  return { ...(data as Data), [head]: next };
}

/**
 * The places a field pattern names in `data` (`agreements[].action` → `agreements.0.action`, …), each
 * as its path and its dotted name: the name is what the envelope is bound to.
 */
function placesOf(data: unknown, pattern: string): { path: Path; dotted: string }[] {
  let paths: Path[] = [[]];
  for (const part of pattern.split('.')) {
    const list = part.endsWith('[]');
    const key = list ? part.slice(0, -2) : part;
    paths = paths.flatMap((p) => {
      if (!list) return [[...p, key]];
      const items = getPath(data, [...p, key]);
      return Array.isArray(items) ? items.map((_, i) => [...p, key, i]) : [];
    });
  }
  return paths.map((path) => ({ path, dotted: path.join('.') }));
}

/** One key of an event: its id, and the key itself (`null`: destroyed, so nothing is stored). */
export interface SealingKey {
  id: string;
  key: Buffer | null;
}

/**
 * The event's data with each field that holds a value sealed in its place: personal fields under
 * the owner's key, the free text about the case under the case's key, and free text that is both
 * under the case's key inside the owner's (so either key's loss destroys it). Where a key is gone
 * (the person was erased, the case's term passed) the value is not stored at all, only `ERASED`.
 */
export function sealEvent(
  event: { type: string; eventId: string; data: unknown },
  stream: string,
  keys: { owner?: SealingKey; case: SealingKey },
): Data {
  let out = event.data;
  const personal = keys.owner ? personalPathsOf(event.type) : [];
  const ofCase = casePathsOf(event.type);
  for (const pattern of new Set([...ofCase, ...personal])) {
    // Inside first: the case's key, then the owner's around it.
    const layers = [
      ...(ofCase.includes(pattern) ? [keys.case] : []),
      ...(personal.includes(pattern) ? [keys.owner!] : []),
    ];
    for (const { path, dotted } of placesOf(out, pattern)) {
      let value = getPath(out, path);
      if (value === undefined || isEnvelope(value)) continue;
      for (const { id, key } of layers) {
        if (!key) {
          value = ERASED;
          break;
        }
        value = sealValue(value, { keyId: id, stream, eventId: event.eventId, path: dotted }, key);
      }
      out = setPath(out, path, value);
    }
  }
  return out as Data;
}

/** The ids of the keys the envelopes anywhere in `value` need. */
export function keyIdsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (isEnvelope(value)) into.add(keyIdOf(value));
  else if (Array.isArray(value)) for (const v of value) keyIdsIn(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) keyIdsIn(v, into);
  return into;
}

function openOne(envelope: Envelope, keys: PersonKeys): unknown {
  const key = keys.get(keyIdOf(envelope));
  if (!key) return ERASED;
  try {
    return openValue(envelope, key);
  } catch {
    return ERASED; // a key that does not fit is as good as none: never half a value, never a 500
  }
}

/**
 * `value` with every envelope opened, or `ERASED` where its key is gone; unchanged parts are shared.
 * For folds kept in read models, whose envelopes sit elsewhere than the field they were sealed for.
 */
export function openData<T>(value: T, keys: PersonKeys): T {
  if (isEnvelope(value)) return openData(openOne(value, keys), keys) as T; // a layer may hold another
  if (Array.isArray(value)) {
    const mapped = value.map((v) => openData(v, keys));
    return (mapped.some((v, i) => v !== value[i]) ? mapped : value) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  let out: Data | undefined;
  for (const [k, v] of Object.entries(value)) {
    const opened = openData(v, keys);
    if (opened !== v) (out ??= { ...(value as Data) })[k] = opened;
  }
  return (out ?? value) as T;
}

/**
 * A stored event's data with its sealed fields opened, layer by layer (the owner's key, then the
 * case's). An envelope is opened only in the place it was sealed for: one copied from another field,
 * event or case reads `ERASED`. Values that are not sealed (events stored before their field was)
 * read as they were stored.
 */
export function openEvent(
  event: { type: string; stream: string; eventId: string; data: unknown },
  keys: PersonKeys,
): unknown {
  let out = event.data;
  const personal = personalPathsOf(event.type);
  for (const pattern of new Set([...personal, ...casePathsOf(event.type)]))
    for (const { path, dotted } of placesOf(out, pattern)) {
      let value = getPath(out, path);
      if (!isEnvelope(value)) continue;
      for (let layer = 0; isEnvelope(value); layer++) {
        const inPlace =
          layer < 2 &&
          (value.$enc === 'v1'
            ? personal.includes(pattern) // version 1 sealed personal fields only
            : value.s === event.stream && value.e === event.eventId && value.f === dotted);
        value = inPlace ? openOne(value, keys) : ERASED;
      }
      out = setPath(out, path, value);
    }
  return out;
}
