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
import { PERSON_ERASED, type PersonErasedData } from '@app/workflow';
import type { CaseLink, PersonKeyStore } from './key-store.port';
import { openData, ownerOf, ownersIn, personalPathsOf, sealData, type PersonKeys } from './sealed-fields';

type Data = Record<string, unknown>;

const CASE_PREFIX = 'case-';
const SUBSCRIPTION_CACHE_LIMIT = 10_000;

const hasPersonalFields = (e: { type: string }) => personalPathsOf(e.type).length > 0;

/**
 * The event-store port with personal data encrypted per person (crypto-shredding). On append, each
 * personal field of a workflow event is sealed with its owner's key (made on first use), so the
 * store and its hash chain only ever see ciphertext; on every read the fields are opened again, and
 * a field whose key is gone (erased, or lost) reads `ERASED` instead of failing.
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
    if (!stream.startsWith(CASE_PREFIX) || !events.some(hasPersonalFields))
      return this.inner.append(stream, events, options);
    const caseId = stream.slice(CASE_PREFIX.length);
    const requested = events.find((e) => e.type === 'ConferenceRequested');
    const applicant = requested
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
      this.keys.keysOf(
        owners.filter((o): o is string => !!o),
        { create: true },
      ),
    ]);
    if (requested && applicant) this.applicants.set(caseId, applicant);
    const sealed = events.map((e, i) =>
      owners[i]
        ? { ...e, data: sealData(e.type, e.data as Data, owners[i]!, keys.get(owners[i]!) ?? null) }
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
    const owners = new Set<string>();
    for (const e of events) if (hasPersonalFields(e)) ownersIn(e.data, owners);
    if (owners.size === 0) return events;
    const keys = await this.keys.keysOf(owners);
    return events.map((e) => (hasPersonalFields(e) ? { ...e, data: openData(e.data, keys) } : e));
  }

  override subscribe(
    handler: EventHandler,
    options?: SubscribeOptions & { onError?: (e: unknown) => void },
  ): Subscription {
    // One subscription delivers one event at a time: it keeps the keys it looked up, and forgets a
    // person's key as soon as their erasure passes by (the key itself was deleted before that).
    const cache = new Map<string, Buffer | null>();
    return this.inner.subscribe(async (event) => {
      if (event.type === PERSON_ERASED) cache.delete((event.data as PersonErasedData).personId);
      if (!hasPersonalFields(event)) return handler(event);
      const missing = [...ownersIn(event.data)].filter((p) => !cache.has(p));
      if (missing.length > 0) {
        if (cache.size > SUBSCRIPTION_CACHE_LIMIT) cache.clear();
        for (const [p, key] of await this.keys.keysOf(missing)) cache.set(p, key);
      }
      return handler({ ...event, data: openData(event.data, cache as PersonKeys) });
    }, options);
  }
}
