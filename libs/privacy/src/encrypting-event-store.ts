import {
  DelegatingEventStore,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '@app/event-store';
import {
  CASE_DATA_DESTROYED,
  PERSON_ERASED,
  type CaseDataDestroyedData,
  type PersonErasedData,
} from '@app/workflow';
import { caseKeyId, type CaseLink, type PersonKeyStore } from './key-store.port';
import {
  hasSealedFields,
  keyIdsIn,
  openEvent,
  ownerOf,
  personalPathsOf,
  sealEvent,
  type PersonKeys,
} from './sealed-fields';

type Data = Record<string, unknown>;

const CASE_PREFIX = 'case-';
const SUBSCRIPTION_CACHE_LIMIT = 10_000;

const hasPersonalFields = (e: { type: string }) => personalPathsOf(e.type).length > 0;
const isSealed = (e: { type: string }) => hasSealedFields(e.type);

/**
 * The ids of the keys a stored event's sealed fields need: those its envelopes name, and its case's
 * (which can sit inside a person's envelope, out of sight until that one is opened).
 */
function keyIdsOf(e: StoredEvent, into: Set<string>): Set<string> {
  keyIdsIn(e.data, into);
  if (e.stream.startsWith(CASE_PREFIX)) into.add(caseKeyId(e.stream.slice(CASE_PREFIX.length)));
  return into;
}

/**
 * The event-store port with personal data and free text encrypted (crypto-shredding). On append,
 * each personal field of a workflow event is sealed with its owner's key and each field of free
 * text about the case with the case's key (both made on first use), bound to their place, so the
 * store and its hash chain only ever see ciphertext; on every read the fields are opened again, and
 * a field whose key is gone (erased, destroyed at the end of the term, or lost) reads `ERASED`
 * instead of failing.
 */
export class EncryptingEventStore extends DelegatingEventStore {
  /** Case id → the applicant's person id: never changes once a case exists. */
  private readonly applicants = new Map<string, string>();

  constructor(
    raw: EventStore,
    private readonly keys: PersonKeyStore,
  ) {
    super(raw);
  }

  override async append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (!stream.startsWith(CASE_PREFIX) || !events.some(isSealed))
      return this.inner.append(stream, events, options);
    const caseId = stream.slice(CASE_PREFIX.length);
    const caseKey = caseKeyId(caseId);
    const requested = events.find((e) => e.type === 'ConferenceRequested');
    const applicant = !events.some(hasPersonalFields)
      ? undefined
      : requested
        ? ownerOf(requested.type, requested.data as Data, undefined)
        : await this.applicantOf(caseId);
    const owners = events.map((e) =>
      hasPersonalFields(e) ? ownerOf(e.type, e.data as Data, applicant) : undefined,
    );
    const links: CaseLink[] = [];
    events.forEach((e, i) => {
      if (e.type === 'ConferenceRequested') links.push({ caseId, personId: owners[i]!, role: 'applicant' });
      if (e.type === 'ParticipantInvited') links.push({ caseId, personId: owners[i]!, role: 'participant' });
      if (hasPersonalFields(e) && !owners[i])
        throw new Error(
          `No owner for the personal data of ${e.type} in ${stream}: refusing to store it in clear`,
        );
    });
    // Together, so the new links and keys share one commit.
    const [, keys] = await Promise.all([
      this.keys.link(links),
      this.keys.keysOf([caseKey, ...owners.filter((o): o is string => !!o)], { create: true }),
    ]);
    if (requested && applicant) this.applicants.set(caseId, applicant);
    const keyOf = (id: string) => ({ id, key: keys.get(id) ?? null });
    const sealed = events.map((e, i) =>
      isSealed(e)
        ? {
            ...e,
            data: sealEvent(e, stream, {
              owner: owners[i] ? keyOf(owners[i]!) : undefined,
              case: keyOf(caseKey),
            }),
          }
        : e,
    );
    return this.inner.append(stream, sealed, options);
  }

  /** From memory, the key store, or else the case's first event (whose applicant id is not sealed). */
  private async applicantOf(caseId: string): Promise<string | undefined> {
    const known = this.applicants.get(caseId) ?? (await this.keys.applicantOf(caseId));
    if (known) {
      this.applicants.set(caseId, known);
      return known;
    }
    const [first] = await this.inner.read(`${CASE_PREFIX}${caseId}`, { toRevision: 0 });
    if (first?.type !== 'ConferenceRequested') return undefined;
    const personId = ownerOf(first.type, first.data as Data, undefined);
    if (personId) {
      await this.keys.link([{ caseId, personId, role: 'applicant' }]);
      this.applicants.set(caseId, personId);
    }
    return personId;
  }

  override async read(stream: string, options?: ReadOptions): Promise<StoredEvent[]> {
    return this.open(await this.inner.read(stream, options));
  }

  override async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.open(await this.inner.readAll(options));
  }

  /** Opens a batch of stored events with one look-up of the keys it needs. */
  private async open(events: StoredEvent[]): Promise<StoredEvent[]> {
    const ids = new Set<string>();
    for (const e of events) if (isSealed(e)) keyIdsOf(e, ids);
    if (ids.size === 0) return events;
    const keys = await this.keys.keysOf(ids);
    return events.map((e) => (isSealed(e) ? { ...e, data: openEvent(e, keys) } : e));
  }

  override subscribe(
    handler: EventHandler,
    options?: SubscribeOptions & { onError?: (e: unknown) => void },
  ): Subscription {
    // One subscription delivers one event at a time: it keeps the keys it looked up, and forgets a
    // key as soon as its erasure or destruction passes by (the key itself was deleted before that).
    const cache = new Map<string, Buffer | null>();
    return this.inner.subscribe(async (event) => {
      if (event.type === PERSON_ERASED) cache.delete((event.data as PersonErasedData).personId);
      if (event.type === CASE_DATA_DESTROYED)
        cache.delete(caseKeyId((event.data as CaseDataDestroyedData).caseId));
      if (!isSealed(event)) return handler(event);
      const missing = [...keyIdsOf(event, new Set())].filter((p) => !cache.has(p));
      if (missing.length > 0) {
        if (cache.size > SUBSCRIPTION_CACHE_LIMIT) cache.clear();
        for (const [p, key] of await this.keys.keysOf(missing)) cache.set(p, key);
      }
      return handler({ ...event, data: openEvent(event, cache as PersonKeys) });
    }, options);
  }
}
