import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Clock, TafelConfig } from '@app/config';
import { AuditModule, CheckpointsModule } from '@app/audit';
import { CasesModule, type Actor } from '@app/cases';
import { NotificationsModule } from '@app/notifications';
import { AnswerPageController } from './answer/answer-page.controller';
import { AnswerPages } from './answer/answer-pages.service';
import { SecurityModule } from './auth/security.module';
import { AuditController } from './cases/audit.controller';
import { AccessLogViewsController } from './cases/access-log-views';
import { CaseReadsController } from './cases/case-reads.controller';
import { CheckpointsController } from './cases/checkpoints.controller';
import { HealthController } from './http/health.controller';
import { ReadinessProbe } from './http/readiness';
import { ProblemFilter } from './http/problem.filter';
import { MeController } from './auth/me.controller';
import { WorkflowController } from './http/workflow.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MessagesController } from './notifications/messages.controller';
import { ErasureController } from './people/erasure.controller';
import { RetentionController } from './people/retention.controller';
import { ReportsController } from './reports/reports.controller';
import { StaffWebConfigController } from './staff-web/staff-web-config.controller';
import { STEP_ROUTES, StepHttp } from './steps';
import { PrivacyModule, RetentionModule } from '@app/privacy';
import { InfrastructureModule, RUN_WORKER, WorkerRuntime } from '@app/infrastructure';

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
        NotificationsModule.forRoot(config),
        PrivacyModule,
        RetentionModule.forRoot(config),
        CheckpointsModule.forRoot(config),
      ],
      controllers: [
        ...STEP_ROUTES,
        CaseReadsController,
        AuditController,
        AccessLogViewsController,
        CheckpointsController,
        WorkflowController,
        MeController,
        HealthController,
        MetricsController,
        MessagesController,
        ErasureController,
        RetentionController,
        ReportsController,
        AnswerPageController,
        StaffWebConfigController,
      ],
      providers: [
        StepHttp,
        AnswerPages,
        ReadinessProbe,
        WorkerRuntime,
        { provide: RUN_WORKER, useValue: config.worker },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
