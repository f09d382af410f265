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

  async check(): Promise<Readiness> {
    const reasons: DegradedReason[] = this.store.alive() ? [] : ['writer-stopped'];
    try {
      await this.store.ping();
    } catch {
      return { status: 'degraded', reasons: [...reasons, 'store-unreachable'] };
    }
    let checkpoints: RecordedSubscriber[];
    try {
      // As the read database records them, so also when the worker runs in another process.
      checkpoints = await this.projections.recorded();
    } catch {
      return { status: 'degraded', reasons: [...reasons, 'read-store-unreachable'] };
    }
    let projections: ProjectionLag[];
    try {
      projections = await this.lags(checkpoints);
    } catch {
      return { status: 'degraded', reasons: [...reasons, 'store-unreachable'] };
    }
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
   * and (when the log can be read) lag. Never throws: what cannot be read is left out.
   */
  async sample(): Promise<{ storeUp: boolean; projections: ProjectionSample[] }> {
    let storeUp = this.store.alive();
    try {
      await this.store.ping();
    } catch {
      storeUp = false;
    }
    let checkpoints: RecordedSubscriber[];
    try {
      checkpoints = await this.projections.recorded();
    } catch {
      return { storeUp, projections: [] };
    }
    let lags: ProjectionLag[] | undefined;
    try {
      lags = await this.lags(checkpoints);
    } catch {
      storeUp = false;
    }
    const projections = checkpoints.map(({ name, parked }, i) => ({
      name,
      parked: parked !== undefined,
      ...(lags && { lag: lags[i].lag }),
    }));
    return { storeUp, projections };
  }

  private lags(checkpoints: RecordedSubscriber[]): Promise<ProjectionLag[]> {
    return projectionLags(this.store, checkpoints, this.clock.now());
  }
}
