import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { projectionLags, type ProjectionLag } from '@app/audit';

import { ProjectionsService, type RecordedSubscriber } from '@app/cases';
import { CONFIG, type ProjectionSample } from '@app/infrastructure';

/** Why the service is not ready: stable codes, never a driver's error text. */
export type DegradedReason =
  | 'store-unreachable'
  | 'writer-stopped'
  | 'read-store-unreachable'
  | `projection-stopped:${string}`
  | `projection-lagging:${string}`;

export type Readiness =
  | { status: 'ready'; projections: ProjectionLag[] }
  | { status: 'degraded'; reasons: DegradedReason[]; projections?: ProjectionLag[] };

/**
 * `GET /health/ready`: the store answers and can write, and every projection is running and at most
 * TAFEL_READY_MAX_LAG behind the log. Reads the raw log (nothing is decrypted to read a time).
 */
@Injectable()
export class ReadinessProbe {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: TafelConfig,
    private readonly projections: ProjectionsService,
  ) {}

  /**
   * One look at everything readiness and metrics judge: the writer, the store, the subscribers as
   * the read database records them (so also when the worker runs in another process) and their lag.
   * Never throws: what cannot be read is left out.
   */
  private async look(): Promise<{
    writerAlive: boolean;
    storeUp: boolean;
    checkpoints?: RecordedSubscriber[];
    lags?: ProjectionLag[];
  }> {
    const writerAlive = this.store.alive();
    let storeUp = true;
    try {
      await this.store.ping();
    } catch {
      storeUp = false;
    }
    let checkpoints: RecordedSubscriber[];
    try {
      checkpoints = await this.projections.recorded();
    } catch {
      return { writerAlive, storeUp };
    }
    if (!storeUp) return { writerAlive, storeUp, checkpoints };
    try {
      return { writerAlive, storeUp, checkpoints, lags: await this.lags(checkpoints) };
    } catch {
      return { writerAlive, storeUp: false, checkpoints };
    }
  }

  async check(): Promise<Readiness> {
    const { writerAlive, storeUp, checkpoints, lags } = await this.look();
    const reasons: DegradedReason[] = writerAlive ? [] : ['writer-stopped'];
    if (!storeUp) return { status: 'degraded', reasons: [...reasons, 'store-unreachable'] };
    if (!checkpoints) return { status: 'degraded', reasons: [...reasons, 'read-store-unreachable'] };
    const projections = lags!;
    checkpoints.forEach(({ name, parked }, i) => {
      if (parked) reasons.push(`projection-stopped:${name}`);
      else if (projections[i].lag.seconds * 1000 > this.config.readyMaxLagMs)
        reasons.push(`projection-lagging:${name}`);
    });
    return reasons.length === 0
      ? { status: 'ready', projections }
      : { status: 'degraded', reasons, projections };
  }

  /**
   * For a scrape of `/metrics`: whether the store answers and can write, and every projection's park
   * and (when the log can be read) lag.
   */
  async sample(): Promise<{ storeUp: boolean; projections: ProjectionSample[] }> {
    const { writerAlive, storeUp, checkpoints = [], lags } = await this.look();
    const projections = checkpoints.map(({ name, parked }, i) => ({
      name,
      parked: parked !== undefined,
      ...(lags && { lag: lags[i].lag }),
    }));
    return { storeUp: storeUp && writerAlive, projections };
  }

  private lags(checkpoints: RecordedSubscriber[]): Promise<ProjectionLag[]> {
    return projectionLags(this.store, checkpoints, this.clock.now());
  }
}
