import { headPosition } from '@app/audit';
import { ProjectionsService } from '@app/cases';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { MessageDispatcher } from '@app/notifications';
import type { TestApp } from './test-app';

/** The process manager libs/cases registers beside the projections (its name is not exported). */
const FOLLOW_UP_COMPLETER = 'follow-up-completer';

/**
 * Waits until every projection and the follow-up completer of the app have handled the log up to
 * the store's head position; again while that work itself appends (a completed follow-up case), so
 * the app is quiet when this resolves. Never looks at the wall clock: a subscriber that does not get
 * there fails the test by its timeout.
 * @throws Error when a subscriber is parked at an event (it would not catch up by itself).
 */
export async function caughtUp(t: TestApp): Promise<void> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const projections = t.app.get(ProjectionsService);
  const names = [...projections.projections(), FOLLOW_UP_COMPLETER];
  const runners = names.map((name) => projections.subscriber(name));
  let head = -1;
  for (let now = await headPosition(store); now !== head; now = await headPosition(store)) {
    head = now;
    for (const runner of runners) {
      const { state, name, parked } = runner.status();
      if (state === 'parked') throw new Error(`${name} parked at ${parked?.position}: ${parked?.error}`);
    }
    await Promise.all(runners.map((runner) => runner.caughtUp(head)));
  }
}

/** One dispatch round once the app caught up, as the worker's timer would run it. */
export async function dispatchRound(t: TestApp) {
  await caughtUp(t);
  return t.app.get(MessageDispatcher).dispatchDue();
}
