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
    const caseIds = await this.keys.casesOf(personId);
    const erasedAt = await this.keys.erase(personId, this.clock.now());
    const data: PersonErasedData = { at: erasedAt, personId, reason, caseIds };
    await this.store.append(
      personStreamOf(personId),
      [
        {
          eventId: deterministicId('person-erased', personId),
          type: PERSON_ERASED,
          schemaVersion: 1,
          data,
          metadata: { occurredAt: erasedAt, actor: { id: actor.id, role: actor.role, name: actor.name } },
        },
      ],
      { expectedRevision: 'any' },
    );
    for (const caseId of caseIds) this.cases.forget(caseId);
    return { personId, erasedAt, caseIds };
  }
}
