import { deterministicId } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { CaseRepository, TafelError, forbidden, type Actor } from '@app/cases';
import { CLOCK, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PERSON_ERASED, personStreamOf, type PersonErasedData } from '@app/workflow';
import { KEY_STORE, type PersonKeyStore } from './key-store.port';

export interface ErasureAnswer {
  personId: string;
  erasedAt: string;
  /** The cases the person appeared in. */
  caseIds: string[];
}

/**
 * Erasure (AVG art. 17) by crypto-shredding: the person's key is deleted, so every event that holds
 * their data reads `ERASED` from then on, while the stored bytes and their hash chains stay as they
 * were. The erasure itself is recorded as `PersonErased` in `person-<id>` (ids and the reason only).
 */
@Injectable()
export class ErasureService {
  constructor(
    @Inject(KEY_STORE) private readonly keys: PersonKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * Erases a person; doing it again answers the first erasure and changes nothing.
   * @throws TafelError forbidden (not an admin), not-found (no such person)
   */
  async erase(actor: Actor, personId: string, reason: string): Promise<ErasureAnswer> {
    if (actor.role !== 'admin') throw forbidden('Only an admin may erase a person.');
    if ((await this.keys.statusOf(personId)) === 'unknown')
      throw new TafelError('PERSON.NOT_FOUND', 'not-found', `No person with id ${personId}.`);
    const answer = await eraseKeyOf(this.keys, this.store, personId, {
      at: this.clock.now(),
      reason,
      actor: { id: actor.id, role: actor.role, name: actor.name },
    });
    for (const caseId of answer.caseIds) this.cases.forget(caseId);
    return answer;
  }
}

/**
 * The erasure itself, for a staff member's request and for retention alike: the person's key is
 * deleted (a tombstone: never a new one), then `PersonErased` is appended to `person-<id>` under an
 * id fixed by the person, so doing it again (after a crash between the two, or by another path)
 * changes nothing and answers the first erasure.
 * @throws Error when the key store or the event store cannot be reached.
 */
export async function eraseKeyOf(
  keys: PersonKeyStore,
  store: EventStore,
  personId: string,
  how: { at: Date; reason: string; actor: { id: string; role: string; name?: string } },
): Promise<ErasureAnswer> {
  const caseIds = await keys.casesOf(personId);
  const erasedAt = await keys.erase(personId, how.at);
  const data: PersonErasedData = { at: erasedAt, personId, reason: how.reason, caseIds };
  await store.append(
    personStreamOf(personId),
    [
      {
        eventId: deterministicId('person-erased', personId),
        type: PERSON_ERASED,
        schemaVersion: 1,
        data,
        metadata: { occurredAt: erasedAt, actor: how.actor },
      },
    ],
    { expectedRevision: 'any' },
  );
  return { personId, erasedAt, caseIds };
}
