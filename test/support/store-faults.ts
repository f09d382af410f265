import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type NewEvent } from '@app/event-store';

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
