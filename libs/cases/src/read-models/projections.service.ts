import { READ_DB, type SqlDb, type SqlTx } from '@app/kernel';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/config';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import type { EventOf } from '@app/workflow';
import type { Role } from '../access/actor';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { CaseRepository } from '../case-repository';
import { CASE_LIST, projectCaseList } from './case-list.projection';
import { FLOW, projectFlow, resetFlow } from './flow.projection';
import {
  CheckpointedSubscriber,
  errorText,
  readParks,
  type BatchHandler,
  type ParkedEvent,
  type SubscriberStatus,
} from './checkpointed-subscriber';

/** A subscriber as its rows in the read database record it (readable from any process). */
export interface RecordedSubscriber {
  name: string;
  checkpoint: number;
  parked?: ParkedEvent;
}

/**
 * A subscriber over the log. A projection (`transactional`) commits its rows with its checkpoint and
 * can be dropped and rebuilt (`reset` clears its rows); a process manager does idempotent work and
 * saves its checkpoint after it.
 */
export interface SubscriberDefinition {
  name: string;
  handle: BatchHandler;
  transactional: boolean;
  /** Projections only: deletes the rows, so the log can build them again. */
  reset?: (tx: SqlTx) => Promise<void>;
  /**
   * Reads the events as stored, sealed fields still sealed: for a projection that keeps a fold at
   * rest and needs only which fields hold a value, not what they say.
   */
  sealed?: true;
}

/**
 * Runs the projections and process managers (the worker's part). Other modules add theirs with
 * `register` before the application starts.
 */
@Injectable()
export class ProjectionsService {
  private readonly logger = new Logger('Projections');
  private readonly subscribers = new Map<
    string,
    { definition: SubscriberDefinition; runner: CheckpointedSubscriber }
  >();
  private running = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: SqlDb,
    private readonly cases: CaseRepository,
    private readonly completer: FollowUpCompleter,
    @Inject(CLOCK) private readonly clock: Clock,
    /** The store under the sealing one, where there is one. */
    @Optional() @Inject(RAW_EVENT_STORE) private readonly sealedStore?: EventStore,
  ) {
    this.register({
      name: CASE_LIST,
      handle: projectCaseList,
      transactional: true,
      reset: (tx) => tx.run('DELETE FROM tafel_case_list'),
      sealed: true,
    });
    this.register({ name: FLOW, handle: projectFlow, transactional: true, reset: resetFlow, sealed: true });
    this.register({
      name: 'follow-up-completer',
      handle: (events) => this.completeFollowUps(events),
      transactional: false,
    });
  }

  register(definition: SubscriberDefinition): void {
    if (this.subscribers.has(definition.name))
      throw new Error(`subscriber ${definition.name} registered twice`);
    const fail = (e: unknown) => this.logger.error(`${definition.name} failed (retrying): ${errorText(e)}`);
    const runner = new CheckpointedSubscriber(
      definition.name,
      (definition.sealed && this.sealedStore) || this.store,
      this.db,
      definition.handle,
      definition.transactional,
      fail,
      { now: () => this.clock.now() },
    );
    this.subscribers.set(definition.name, { definition, runner });
  }

  /** The runner of one subscriber (for `caughtUp`, `checkpoint`, `error`). */
  subscriber(name: string): CheckpointedSubscriber {
    const entry = this.subscribers.get(name);
    if (!entry) throw new Error(`no subscriber ${name}`);
    return entry.runner;
  }

  /** Names of the projections that can be rebuilt. */
  projections(): string[] {
    return [...this.subscribers.values()].filter((s) => s.definition.reset).map((s) => s.definition.name);
  }

  /** Every subscriber of this process: running, retrying, parked or stopped, and where. */
  status(): SubscriberStatus[] {
    return [...this.subscribers.values()].map(({ runner }) => runner.status());
  }

  /** Every registered subscriber as the read database records it: checkpoint and park. */
  async recorded(): Promise<RecordedSubscriber[]> {
    const checkpoints = await this.db.all<{ name: string; position: number }>(
      'SELECT name, position FROM tafel_checkpoints',
    );
    const parks = await readParks(this.db);
    return [...this.subscribers.keys()].map((name) => {
      const checkpoint = Number(checkpoints.find((c) => c.name === name)?.position ?? 0);
      const parked = parks.get(name);
      return { name, checkpoint, ...(parked && { parked }) };
    });
  }

  /**
   * Clears the parks (of one subscriber, or all): a running process notices within 30 s, or at
   * once when it is this one. Answers the names that were parked.
   */
  async retryParked(name?: string): Promise<string[]> {
    const parked = (await this.recorded()).filter((s) => s.parked && (!name || s.name === name));
    for (const { name: parkedName } of parked) {
      const runner = this.subscriber(parkedName);
      if (runner.status().state === 'parked') await runner.retry();
      else await this.db.run('DELETE FROM tafel_parked_events WHERE name = ?', [parkedName]);
    }
    return parked.map((s) => s.name);
  }

  async start(): Promise<void> {
    this.running = true;
    for (const { runner } of this.subscribers.values()) await runner.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const { runner } of this.subscribers.values()) await runner.stop();
  }

  /** Drops a projection's rows and checkpoint; it is built again from the log when (re)started. */
  async reset(name: string): Promise<void> {
    const { definition, runner } = this.subscribers.get(name) ?? {};
    if (!definition?.reset || !runner) throw new Error(`${name} is not a projection that can be rebuilt`);
    await runner.stop();
    await this.db.transaction(async (tx) => {
      await definition.reset!(tx);
      await tx.run('DELETE FROM tafel_checkpoints WHERE name = ?', [name]);
    });
    if (this.running) await runner.start();
  }

  private async completeFollowUps(events: StoredEvent[]): Promise<void> {
    for (const event of events)
      if (event.type === 'FollowUpConferenceRequested') await this.completeFollowUp(event);
  }

  /** A link without its follow-up case (the request died between its two writes) gets its case. */
  private async completeFollowUp(event: StoredEvent): Promise<void> {
    const link = event.data as EventOf<'FollowUpConferenceRequested'>['data'];
    const original = await this.cases.load(event.stream.slice('case-'.length), {
      toRevision: event.revision,
    });
    const { actor, commandId, correlationId } = event.metadata;
    await this.completer.ensureFollowUpCase(original.state!, link, {
      actor: { id: actor.id, name: actor.name ?? actor.id, role: actor.role as Role },
      commandId: commandId ?? event.eventId,
      correlationId: correlationId ?? event.eventId,
      causationId: event.eventId,
    });
  }
}
