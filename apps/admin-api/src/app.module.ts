import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Clock, TafelConfig } from '@app/config';
import { AuditModule } from '@app/audit';
import { CasesModule, ProjectionsService, type Actor } from '@app/cases';
import {
  DispatchLoop,
  MessageDispatcher,
  NOTIFICATION_SETTINGS,
  NotificationsModule,
  type ConfiguredNotifications,
} from '@app/notifications';
import { SecurityModule } from './auth/security.module';
import { AuditController } from './cases/audit.controller';
import { CaseReadsController } from './cases/case-reads.controller';
import { CaseStepsController } from './cases/case-steps.controller';
import { StepRunner } from './cases/step-runner';
import { HealthController } from './http/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { WorkflowController } from './http/workflow.controller';
import { MessagesController } from './notifications/messages.controller';
import { ErasureController } from './people/erasure.controller';
import { PrivacyModule } from '@app/privacy';
import {
  CONFIG,
  InfrastructureModule,
  LEADER_ELECTION,
  LeaderGate,
  workerWork,
  type LeaderElection,
} from '@app/infrastructure';

/** Runs the worker's part in this process when TAFEL_WORKER=on, while this process is the elected leader. */
class InProcessWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly gate: LeaderGate;

  constructor(
    projections: ProjectionsService,
    dispatcher: MessageDispatcher,
    @Inject(NOTIFICATION_SETTINGS) settings: ConfiguredNotifications,
    @Inject(LEADER_ELECTION) election: LeaderElection,
    @Inject(CONFIG) private readonly config: TafelConfig,
  ) {
    const loop = new DispatchLoop(dispatcher, settings.dispatchIntervalMs);
    const logger = new Logger('Leader');
    this.gate = new LeaderGate(election, workerWork(projections, [loop]), { log: (m) => logger.log(m) });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.worker) await this.gate.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.gate.stop();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: TafelConfig, clock: Clock, tokens: Map<string, Actor>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, clock),
        SecurityModule.forRoot(config, clock, tokens),
        CasesModule,
        AuditModule,
        NotificationsModule.forRoot(config, { dispatch: false }),
        PrivacyModule,
      ],
      controllers: [
        CaseStepsController,
        CaseReadsController,
        AuditController,
        WorkflowController,
        HealthController,
        MessagesController,
        ErasureController,
      ],
      providers: [StepRunner, InProcessWorker, { provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
