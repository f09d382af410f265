import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Clock, TafelConfig } from '@app/config';
import { CasesModule, ProjectionsService } from '@app/cases';
import {
  InfrastructureModule,
  LEADER_ELECTION,
  LeaderGate,
  workerWork,
  type LeaderElection,
} from '@app/infrastructure';
import {
  DispatchLoop,
  MessageDispatcher,
  NOTIFICATION_SETTINGS,
  NotificationsModule,
  type ConfiguredNotifications,
} from '@app/notifications';

/** Projections, process managers and the dispatcher, while this process is the elected leader. */
class ProjectionsRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly gate: LeaderGate;

  constructor(
    projections: ProjectionsService,
    dispatcher: MessageDispatcher,
    @Inject(NOTIFICATION_SETTINGS) settings: ConfiguredNotifications,
    @Inject(LEADER_ELECTION) election: LeaderElection,
  ) {
    const loop = new DispatchLoop(dispatcher, settings.dispatchIntervalMs);
    const logger = new Logger('Leader');
    this.gate = new LeaderGate(election, workerWork(projections, [loop]), { log: (m) => logger.log(m) });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.gate.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.gate.stop();
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
        NotificationsModule.forRoot(config, { dispatch: false }),
      ],
      providers: [ProjectionsRunner],
    };
  }
}
