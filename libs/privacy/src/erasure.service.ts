import { READ_DB, deterministicId, type SqlDb } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { CaseRepository, TafelError, forbidden, type Actor } from '@app/cases';
import { CLOCK, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  PERSON_ERASED,
  erasePerson,
  personStreamOf,
  type CaseState,
  type PersonErasedData,
} from '@app/workflow';
import { KEY_STORE, type PersonKeyStore } from './key-store.port';

export interface ErasureAnswer {
  personId: string;
  erasedAt: string;
  /** The cases the person appeared in. */
  caseIds: string[];
}

type Body = Record<string, unknown>;

/** A stored command answer (a case view) as it reads once the person is erased. */
export function eraseInAnswer(body: Body, personId: string): Body {
  if (typeof body.applicant !== 'object' || !Array.isArray(body.participants)) return body;
  const participants = body.participants as { id: string }[];
  const state = {
    ...body,
    followUps: body.followUps ?? [],
    participants: participants.map(({ id, ...p }) => ({ participantId: id, ...p })),
  } as unknown as CaseState;
  const erased = erasePerson(state, personId);
  return {
    ...(erased as unknown as Body),
    participants: erased.participants.map(({ participantId, ...p }) => ({ id: participantId, ...p })),
  };
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
    @Inject(READ_DB) private readonly db: SqlDb,
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
    await this.redactAnswers(personId);
    return { personId, erasedAt, caseIds };
  }

  /** Stored first answers to commands (Idempotency-Key) hold case views: the person goes from them too. */
  private async redactAnswers(personId: string): Promise<void> {
    const rows = await this.db.all<{ actor_id: string; idem_key: string; body: string }>(
      'SELECT actor_id, idem_key, body FROM tafel_idempotency WHERE body LIKE ?',
      [`%${personId}%`],
    );
    for (const row of rows) {
      const body = JSON.stringify(eraseInAnswer(JSON.parse(row.body) as Body, personId));
      await this.db.run('UPDATE tafel_idempotency SET body = ? WHERE actor_id = ? AND idem_key = ?', [
        body,
        row.actor_id,
        row.idem_key,
      ]);
    }
  }
}
