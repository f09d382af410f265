import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { READ_DB, type SqlDb } from '@app/kernel';
import type { TafelConfig } from '@app/config';
import { CasesModule, ProjectionsService } from '@app/cases';
import { RetentionJob } from './retention-job';
import { RETENTION, clearRetention, createRetentionSchema, projectRetention } from './retention.projection';
import { RETENTION_SETTINGS, RetentionService, type RetentionSettings } from './retention.service';

/** Creates the retention table and registers its projection with the worker's subscribers. */
@Injectable()
export class RetentionLifecycle implements OnModuleInit {
  constructor(
    @Inject(READ_DB) private readonly db: SqlDb,
    private readonly projections: ProjectionsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await createRetentionSchema(this.db);
    this.projections.register({
      name: RETENTION,
      handle: projectRetention,
      transactional: true,
      reset: clearRetention,
    });
  }
}

/**
 * Retention: the read model of ended cases, the service that destroys their data once the term has
 * passed, and the leader's daily job (run by the worker runtime). Expects KEY_STORE, EVENT_STORE,
 * READ_DB and CLOCK from the infrastructure.
 */
@Module({})
export class RetentionModule {
  static forRoot(config: Pick<TafelConfig, 'retentionMs'>): DynamicModule {
    const settings: RetentionSettings = { termMs: config.retentionMs };
    return {
      module: RetentionModule,
      imports: [CasesModule],
      providers: [
        { provide: RETENTION_SETTINGS, useValue: settings },
        RetentionService,
        RetentionJob,
        RetentionLifecycle,
      ],
      exports: [RetentionService, RetentionJob],
    };
  }
}
