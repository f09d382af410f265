import type { StoredEvent } from '@app/event-store';
import { InMemoryEventStore } from '@app/event-store/testing';
import { SqliteDb } from '@app/kernel/sqlite';
import { WORKFLOW_VERSION, type DomainEvent } from '@app/workflow';
import { CaseRepository } from '../case-repository';
import { createReadSchema } from '../read-models/read-schema';
import { ADMIN } from './case-histories';

/** A projection's spec ground: an in-memory log and a read database in memory with the read schema. */
export interface ProjectionSpec {
  store: InMemoryEventStore;
  db: SqliteDb;
  /** Appends the events to the case's stream and answers them as stored. */
  stored(caseId: string, events: DomainEvent[]): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

export async function projectionSpec(): Promise<ProjectionSpec> {
  const store = new InMemoryEventStore();
  const db = new SqliteDb(':memory:');
  await createReadSchema(db);
  let commands = 0;
  return {
    store,
    db,
    async stored(caseId, events) {
      const before = (await store.readAll()).length;
      const context = { actor: ADMIN, commandId: `c-${++commands}`, correlationId: 'spec' };
      await new CaseRepository(store).append(caseId, events, 'any', context, WORKFLOW_VERSION);
      return (await store.readAll()).slice(before);
    },
    async close() {
      await store.close();
      await db.close();
    },
  };
}
