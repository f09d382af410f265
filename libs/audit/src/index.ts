export * from './audit-queries';
export * from './audit.module';
export * from './access-log';
export * from './case-timeline';
export * from './chain-audit';
export * from './export-record';
export * from './log-walk';
export * from './checkpoints';
