export * from './infrastructure.module';
export * from './json-logger';
export * from './leader';
export * from './startup';
export * from './worker-runtime';
export * from './prom-metrics';
export * from './timed-event-store';
export * from './data-dir';
