export * from './event-store.port';
export * from './errors';
export * from './hash-chain';
export * from './sqlite-event-store';
export * from './postgres';
export * from './eventstoredb';
