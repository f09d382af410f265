import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent } from '@app/event-store';
import golden from '@app/workflow/fixtures/group-follow-up-closed.json';

/** The event the store benchmarks append: a realistic small note with full metadata. */
export const noteEvent = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'NoteAdded',
  schemaVersion: 1,
  data: { i, note: 'Het gesprek is verplaatst naar donderdag.', by: 'coordinator' },
  metadata: {
    occurredAt: new Date().toISOString(),
    actor: { id: 'u-1', role: 'coordinator' },
    correlationId: randomUUID(),
  },
});

const actor = { id: 'rm-1', role: 'region-manager', name: 'Rien' };
const prepared = ['p1', 'p2', 'p3'].map((participantId) => ({
  type: 'ParticipantPrepared',
  schemaVersion: 1,
  data: { at: '2025-03-05T09:00:00.000Z', participantId, notes: 'Doel en werkwijze besproken.' },
}));
const template = [...golden.events.slice(0, 6), ...prepared, ...golden.events.slice(6)];

/** Events per case as `fillCases` writes them: the golden group conference's, and one read-log event. */
export const CASE_EVENTS = template.length + 1;

function caseEvents(caseId: string): NewEvent[] {
  return template.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.type === 'ConferenceRequested' ? { ...e.data, caseId } : e.data,
    metadata: { occurredAt: (e.data as { at: string }).at, actor, workflowVersion: 1 },
  }));
}

const readEvent = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'CaseRead',
  schemaVersion: 1,
  data: { route: 'GET /v1/cases/:id/history', status: 200 },
  metadata: { occurredAt: '2025-04-01T09:00:00.000Z', actor: { id: 'aud-1', role: 'auditor' } },
});

/**
 * Fills the store with `cases` cases shaped like the golden group conference (with a read-log
 * event each): many appends in flight at once, so group commit writes them in big transactions.
 */
export async function fillCases(store: EventStore, cases: number, inFlight = 512): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < cases) {
      const caseId = randomUUID();
      next++;
      await store.append(`case-${caseId}`, caseEvents(caseId), { expectedRevision: 'no-stream' });
      await store.append(`access-${caseId}`, [readEvent()], { expectedRevision: 'no-stream' });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** Reads the whole log in pages, handing each page to `each`; answers how many events it read. */
export async function readAllPages(
  store: EventStore,
  each: (page: StoredEvent[]) => Promise<void> = async () => {},
  limit = 2000,
): Promise<number> {
  let read = 0;
  let after = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: after, limit });
    if (page.length === 0) return read;
    await each(page);
    read += page.length;
    after = page[page.length - 1].position;
  }
}
