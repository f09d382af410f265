import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@app/event-store';

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
