export * from './checkpoint';
export * from './checkpoint-audit';
export * from './checkpoint-queries';
export * from './checkpointer';
export * from './checkpoints.module';
export * from './log-head';
export * from './signing-key';
