import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import type { Role } from '../access/actor';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { CaseRepository } from '../case-repository';
import { READ_DB, type SqlDb } from '../sql/sql-db';
import { CASE_LIST, projectCaseList } from './case-list.projection';
import { CheckpointedSubscriber } from './checkpointed-subscriber';

/** Runs the projections and the follow-up process manager (the worker's part of this lib). */
@Injectable()
export class ProjectionsService {
  private readonly logger = new Logger('Projections');
  readonly caseList: CheckpointedSubscriber;
  readonly followUps: CheckpointedSubscriber;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: SqlDb,
    private readonly cases: CaseRepository,
    private readonly completer: FollowUpCompleter,
  ) {
    const fail = (name: string) => (e: unknown) => this.logger.error(`${name} stopped: ${String(e)}`);
    this.caseList = new CheckpointedSubscriber(CASE_LIST, store, db, projectCaseList, true, fail(CASE_LIST));
    this.followUps = new CheckpointedSubscriber(
      'follow-up-completer',
      store,
      db,
      (events) => this.completeFollowUps(events),
      false,
      fail('follow-up-completer'),
    );
  }

  async start(): Promise<void> {
    await this.caseList.start();
    await this.followUps.start();
  }

  async stop(): Promise<void> {
    await this.caseList.stop();
    await this.followUps.stop();
  }

  /** Drops the case list and builds it again from the log. */
  async rebuildCaseList(): Promise<void> {
    await this.caseList.stop();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM tafel_case_list');
      await tx.run('DELETE FROM tafel_checkpoints WHERE name = ?', [CASE_LIST]);
    });
    await this.caseList.start();
  }

  /** A link without its follow-up case (the request died between its two writes) gets its case. */
  private async completeFollowUps(events: StoredEvent[]): Promise<void> {
    for (const event of events)
      if (event.type === 'FollowUpConferenceRequested') await this.completeFollowUp(event);
  }

  private async completeFollowUp(event: StoredEvent): Promise<void> {
    const data = event.data as { followUpCaseId: string; reason: string; at: string };
    const original = await this.cases.load(event.stream.slice('case-'.length), {
      toRevision: event.revision,
    });
    const { actor, commandId, correlationId } = event.metadata;
    await this.completer.ensureFollowUpCase(
      original.state!,
      data.followUpCaseId,
      data.reason,
      new Date(data.at),
      {
        actor: { id: actor.id, name: actor.name ?? actor.id, role: actor.role as Role },
        commandId: commandId ?? event.eventId,
        correlationId: correlationId ?? event.eventId,
        causationId: event.eventId,
      },
    );
  }
}
