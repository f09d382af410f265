import { ERASED, PARTICIPANT_OWNED, PERSONAL_FIELDS, type EventType } from '@app/workflow';
import { isEnvelope, openValue, sealValue, type Envelope } from './field-crypto';

/** Person keys as looked up: `null` when the person has none (erased, or the key store lost it). */
export type PersonKeys = ReadonlyMap<string, Buffer | null>;

type Data = Record<string, unknown>;

/** The dotted paths of an event type's personal fields; empty for anything else (not a workflow event). */
export function personalPathsOf(type: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(PERSONAL_FIELDS, type)
    ? PERSONAL_FIELDS[type as EventType]
    : [];
}

/** Whose key encrypts the personal fields of this event: the participant's, or else the applicant's. */
export function ownerOf(type: string, data: Data, applicantId: string | undefined): string | undefined {
  if ((PARTICIPANT_OWNED as readonly string[]).includes(type)) return data.participantId as string;
  if (type === 'ConferenceRequested') return (data.applicant as { personId?: string }).personId;
  return applicantId;
}

function getPath(data: Data, path: string[]): unknown {
  let at: unknown = data;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Data)[key];
  }
  return at;
}

/** A copy of `data` with the value at `path` replaced; containers along the path are copied. */
function setPath(data: Data, path: string[], value: unknown): Data {
  const [head, ...rest] = path;
  const next = rest.length === 0 ? value : setPath({ ...(data[head] as Data) }, rest, value);
  return { ...data, [head]: next };
}

/**
 * The event's data with each personal field that holds a value sealed under `key`; with no key (the
 * person was erased) the value is not stored at all, only `ERASED`.
 */
export function sealData(type: string, data: Data, owner: string, key: Buffer | null): Data {
  let out = data;
  for (const dotted of personalPathsOf(type)) {
    const path = dotted.split('.');
    const value = getPath(out, path);
    if (value === undefined || isEnvelope(value)) continue;
    out = setPath(out, path, key ? sealValue(value, owner, key) : ERASED);
  }
  return out;
}

/** The persons whose keys the envelopes anywhere in `value` need. */
export function ownersIn(value: unknown, into = new Set<string>()): Set<string> {
  if (isEnvelope(value)) into.add(value.p);
  else if (Array.isArray(value)) for (const v of value) ownersIn(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) ownersIn(v, into);
  return into;
}

function openOne(envelope: Envelope, keys: PersonKeys): unknown {
  const key = keys.get(envelope.p);
  if (!key) return ERASED;
  try {
    return openValue(envelope, key);
  } catch {
    return ERASED; // a key that does not fit is as good as none: never half a value, never a 500
  }
}

/** `value` with every envelope opened, or `ERASED` where its person has no key; unchanged parts are shared. */
export function openData<T>(value: T, keys: PersonKeys): T {
  if (isEnvelope(value)) return openOne(value, keys) as T;
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
