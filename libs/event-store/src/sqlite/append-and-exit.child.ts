/**
 * A process whose only work is one append and a close (for the writer-thread spec): the writer
 * thread must keep it alive until the append is durable and the store closed.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from './sqlite-event-store';

const { path } = JSON.parse(process.argv[3]) as { path: string };
void (async () => {
  const store = await openSqliteEventStore({ path });
  const metadata = { occurredAt: new Date().toISOString(), actor: { id: 'child', role: 'test' } };
  const result = await store.append(
    'lonely',
    [{ eventId: randomUUID(), type: 'T', schemaVersion: 1, data: {}, metadata }],
    {
      expectedRevision: 'any',
    },
  );
  process.stdout.write(JSON.stringify({ t: 'appended', ...result }) + '\n');
  await store.close();
  process.stdout.write(JSON.stringify({ t: 'closed' }) + '\n');
})();
