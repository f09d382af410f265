export * from './retention-policy';
export * from './retention.projection';
export * from './retention.service';
export * from './retention-job';
export * from './retention.module';
