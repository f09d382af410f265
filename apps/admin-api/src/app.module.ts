import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Clock, TafelConfig } from '@app/config';
import { AuditModule } from '@app/audit';
import { CasesModule, ProjectionsService, type Actor } from '@app/cases';
import { NotificationsModule } from '@app/notifications';
import { AuthGuard, TOKENS } from './auth/auth.guard';
import { AuditController } from './cases/audit.controller';
import { CaseReadsController } from './cases/case-reads.controller';
import { CaseStepsController } from './cases/case-steps.controller';
import { StepRunner } from './cases/step-runner';
import { HealthController } from './http/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { WorkflowController } from './http/workflow.controller';
import { MessagesController } from './notifications/messages.controller';
import { CONFIG, InfrastructureModule } from '@app/infrastructure';

/** Runs the projections and process managers in this process when TAFEL_WORKER=on. */
class InProcessWorker implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(CONFIG) private readonly config: TafelConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.worker) await this.projections.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.projections.stop();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: TafelConfig, clock: Clock, tokens: Map<string, Actor>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, clock),
        CasesModule,
        AuditModule,
        NotificationsModule.forRoot(config, { dispatch: config.worker }),
      ],
      controllers: [
        CaseStepsController,
        CaseReadsController,
        AuditController,
        WorkflowController,
        HealthController,
        MessagesController,
      ],
      providers: [
        StepRunner,
        InProcessWorker,
        { provide: TOKENS, useValue: tokens },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
