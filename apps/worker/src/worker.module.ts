import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock, TafelConfig } from '@app/config';
import { AuditModule, CheckpointsModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { InfrastructureModule, RUN_WORKER, WorkerRuntime } from '@app/infrastructure';
import { NotificationsModule } from '@app/notifications';
import { RetentionModule } from '@app/privacy';

/** The worker process: projections, process managers, the mail dispatcher and retention, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: TafelConfig, clock: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.forRoot(config, clock),
        CasesModule,
        // The access-reads projection (the read log across cases) runs where the projections run.
        AuditModule,
        NotificationsModule.forRoot(config),
        CheckpointsModule.forRoot(config),
        // The retention read model, and the daily run the leader does.
        RetentionModule.forRoot(config),
      ],
      providers: [WorkerRuntime, { provide: RUN_WORKER, useValue: true }],
    };
  }
}
