import type { Subscription } from './event-store.port';

/**
 * The subscriptions a store has open, so that closing the store can stop them: `track` wraps one so
 * that stopping it also takes it out of the set.
 */
export class OpenSubscriptions {
  private readonly open = new Set<Subscription>();

  track(inner: Subscription): Subscription {
    const subscription: Subscription = {
      stop: async () => {
        this.open.delete(subscription);
        await inner.stop();
      },
    };
    this.open.add(subscription);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.stop()));
  }
}
