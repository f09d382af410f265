import type { ProjectionsService } from '@app/cases';
import type { LeaderWork } from './leader-gate';

/** A loop the leader runs beside the projections (the mail dispatcher). */
export interface LeaderLoop {
  start(): void;
  stop(): Promise<void>;
}

/** The worker's part as one piece of leader-only work: projections and process managers, then the loops. */
export function workerWork(projections: ProjectionsService, loops: LeaderLoop[] = []): LeaderWork {
  return {
    async start() {
      await projections.start();
      loops.forEach((l) => l.start());
    },
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      await projections.stop();
    },
  };
}
