export * from './audit-queries';
export * from './audit.module';
export * from './access-log';
