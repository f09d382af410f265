import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock, TafelConfig } from '@app/config';
import { AuditModule } from '@app/audit';
import { CasesModule } from '@app/cases';
import { InfrastructureModule } from '@app/infrastructure';
import { NotificationsModule } from '@app/notifications';
import { RetentionModule } from '@app/privacy';

/**
 * The feature modules whose projections `rebuild-projections` can see: a module that registers a
 * projection with `ProjectionsService` belongs here as well as in the worker (never dispatching).
 */
export const cliFeatures = (config: TafelConfig) => [
  CasesModule,
  AuditModule,
  NotificationsModule.forRoot(config),
  RetentionModule.forRoot(config),
];

/** The CLI's application context: the API's infrastructure and features, no HTTP, no worker. */
@Module({})
export class CliModule {
  static forRoot(config: TafelConfig, clock: Clock): DynamicModule {
    return {
      module: CliModule,
      imports: [InfrastructureModule.forRoot(config, clock), ...cliFeatures(config)],
    };
  }
}
