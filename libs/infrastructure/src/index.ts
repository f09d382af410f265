export * from './infrastructure.module';
export * from './json-logger';
