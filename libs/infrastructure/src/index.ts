export * from './infrastructure.module';
export * from './json-logger';
export * from './leader';
