export * from './audit-queries';
export * from './audit.module';
