import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Checkpointer } from '@app/audit';
import { ProjectionsService } from '@app/cases';
import {
  DispatchLoop,
  MessageDispatcher,
  NOTIFICATION_SETTINGS,
  type ConfiguredNotifications,
} from '@app/notifications';
import { RetentionJob } from '@app/privacy';
import { LEADER_ELECTION, LeaderGate, workerWork, type LeaderElection } from './leader';

/** Whether this process runs the worker's part: the worker always; the API when TAFEL_WORKER=on. */
export const RUN_WORKER = Symbol('RUN_WORKER');

/**
 * The worker's part — projections, process managers, the mail dispatcher, the log's signed
 * checkpoints and the daily retention run — run while this
 * process is the elected leader, in the worker process and (embedded shape) inside the API.
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly gate: LeaderGate;

  constructor(
    projections: ProjectionsService,
    dispatcher: MessageDispatcher,
    @Inject(NOTIFICATION_SETTINGS) settings: ConfiguredNotifications,
    @Inject(LEADER_ELECTION) election: LeaderElection,
    @Inject(RUN_WORKER) private readonly enabled: boolean,
    checkpointer: Checkpointer,
    retention: RetentionJob,
  ) {
    const loop = new DispatchLoop(dispatcher, settings.dispatchIntervalMs);
    const logger = new Logger('Leader');
    this.gate = new LeaderGate(election, workerWork(projections, [loop, checkpointer, retention]), {
      log: (m) => logger.log(m),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.gate.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.gate.stop();
  }
}
