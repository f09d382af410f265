export * from './ids';
export * from './sql/sql-db';
export * from './metrics';
export * from './key-file';
export * from './private-files';
export * from './redact';
export * from './worker-thread';
