import {
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Clock, TafelConfig } from '@app/config';
import { CasesModule, ProjectionsService } from '@app/cases';
import { InfrastructureModule } from '@app/infrastructure';
import { NotificationsModule } from '@app/notifications';

class ProjectionsRunner implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly projections: ProjectionsService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.projections.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.projections.stop();
  }
}

/** The worker process: projections, process managers and the mail dispatcher, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: TafelConfig, clock: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.forRoot(config, clock),
        CasesModule,
        NotificationsModule.forRoot(config, { dispatch: true }),
      ],
      providers: [ProjectionsRunner],
    };
  }
}
