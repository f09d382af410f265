import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Actor } from '@app/cases';

export const accessStreamOf = (caseId: string): string => `access-${caseId}`;

export interface CaseAccess {
  caseId: string;
  route: string;
  /** The HTTP status the reader got: 403s are logged too. */
  status: number;
  requestId?: string;
}

/**
 * The read log (NEN 7513): who read which case, when, through which route, and what they got. Kept
 * as events in a stream per case beside the case's own, so it is as durable, append-only and
 * tamper-evident as the case history; it holds actor ids, never personal data of the people in a case.
 */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(actor: Actor, access: CaseAccess): Promise<void> {
    const occurredAt = this.clock.now().toISOString();
    await this.store.append(
      accessStreamOf(access.caseId),
      [
        {
          eventId: randomUUID(),
          type: 'CaseRead',
          schemaVersion: 1,
          data: { route: access.route, status: access.status },
          metadata: {
            occurredAt,
            actor: { id: actor.id, role: actor.role, name: actor.name },
            correlationId: access.requestId,
          },
        },
      ],
      { expectedRevision: 'any' },
    );
  }

  async entries(caseId: string) {
    const events = await this.store.read(accessStreamOf(caseId));
    return events.map((e) => {
      const data = e.data as { route: string; status: number };
      return {
        at: e.metadata.occurredAt,
        actor: e.metadata.actor,
        route: data.route,
        status: data.status,
        requestId: e.metadata.correlationId,
      };
    });
  }
}
