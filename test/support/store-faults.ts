import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore, type NewEvent } from '@app/event-store';

/** Awaited before an append: resolve to let it through, reject to fail it as a broken disk or a crash would. */
export type AppendInterceptor = (stream: string, events: NewEvent[]) => Promise<void> | void;

/**
 * Test-only fault injection around the running app's event store (nothing in the app knows): every
 * append first awaits `intercept`. Answers a function that takes the interceptor out again; a
 * restarted app starts without it.
 */
export function interceptAppends(app: INestApplicationContext, intercept: AppendInterceptor): () => void {
  const store = app.get<EventStore>(EVENT_STORE);
  const append = store.append.bind(store);
  const spy = jest.spyOn(store, 'append').mockImplementation(async (stream, events, options) => {
    await intercept(stream, events);
    return append(stream, events, options);
  });
  return () => spy.mockRestore();
}

/**
 * Makes the store's `ping` fail with `error` (as an unreachable database would) until the answered
 * function is called. The raw store is the one under the decrypting view, so every caller sees it.
 */
export function failPings(app: INestApplicationContext, error: Error): () => void {
  const spy = jest.spyOn(app.get<EventStore>(RAW_EVENT_STORE), 'ping').mockRejectedValue(error);
  return () => spy.mockRestore();
}

/**
 * Stops the SQLite store's writer thread as a crash of that thread would. The thread is private to
 * the store; a test reaches it here, and nowhere else.
 */
export async function stopSqliteWriter(app: INestApplicationContext): Promise<void> {
  const store = app.get<EventStore>(RAW_EVENT_STORE) as unknown as {
    writer?: { worker?: { terminate(): Promise<number> } };
  };
  if (!store.writer?.worker) throw new Error('not a SQLite store with a writer thread');
  await store.writer.worker.terminate();
}
