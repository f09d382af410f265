export * from './event-store.port';
export * from './errors';
export * from './hash-chain';
export * from './open-subscriptions';
export * from './delegating-event-store';
