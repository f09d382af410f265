import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, RAW_EVENT_STORE, verifyChain, type EventStore } from '@app/event-store';
import type { CaseState } from '@app/workflow';
import { AccessLog } from './access-log';
import {
  CaseRepository,
  TafelError,
  assertAuditOnly,
  assertMayRead,
  caseNotFound,
  caseView,
  messagesStreamOf,
  streamOf,
  type Actor,
  type CaseView,
} from '@app/cases';

export type PointInTime = { at: Date } | { revision: number };

/** The auditors' reads: history, the case at a past moment, and the hash chain's verdict. */
@Injectable()
export class AuditQueries {
  constructor(
    private readonly cases: CaseRepository,
    private readonly accessLog_: AccessLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    /** The stored bytes (personal data encrypted): what the hash chains were computed over. */
    @Inject(RAW_EVENT_STORE) private readonly raw: EventStore,
  ) {}

  /** Throws unless the case exists and `actor` may read it, judged by the case as it is now. */
  private assertReadable(actor: Actor, caseId: string, now: CaseState | undefined): void {
    if (!now) throw caseNotFound(caseId);
    assertMayRead(actor, now);
  }

  /** The case as it is now (the cached fold plus the stream's tail), if `actor` may read it. */
  private async readable(actor: Actor, caseId: string) {
    const now = await this.cases.current(caseId);
    this.assertReadable(actor, caseId, now.state);
    return now;
  }

  /** The case's events and its messages' outcomes, in global order: its whole history. */
  async history(actor: Actor, caseId: string) {
    const { state, events } = await this.cases.load(caseId);
    this.assertReadable(actor, caseId, state);
    const messages = await this.store.read(messagesStreamOf(caseId));
    return {
      events: [...events, ...messages]
        .sort((a, b) => a.position - b.position)
        .map((e) => ({
          position: e.position,
          stream: e.stream,
          revision: e.revision,
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          occurredAt: e.metadata.occurredAt,
          recordedAt: e.recordedAt,
          actor: e.metadata.actor,
          hash: e.hash,
          prevHash: e.prevHash,
        })),
    };
  }

  /**
   * The case as it was then, replayed from its history under the workflow version it ran on (same
   * shape as the live case). A revision the case never reached is not found, like a time before it.
   * Only the events up to that point are read (the store's `toRevision` / `toTime`).
   */
  async stateAt(actor: Actor, caseId: string, when: PointInTime): Promise<CaseView> {
    const { revision } = await this.readable(actor, caseId);
    if ('revision' in when && when.revision > revision) {
      throw new TafelError(
        'CASE.REVISION_NOT_FOUND',
        'not-found',
        `The case has no revision ${when.revision}; its last is ${revision}.`,
      );
    }
    const then = await this.cases.load(
      caseId,
      'at' in when ? { toTime: when.at } : { toRevision: when.revision },
    );
    if (!then.state) {
      throw new TafelError(
        'CASE.NOT_YET_REQUESTED',
        'not-found',
        'The case did not exist yet at that moment.',
      );
    }
    return caseView(then.state, then.revision);
  }

  /** Who read this case: auditors and admins only. */
  async accessLog(actor: Actor, caseId: string) {
    assertAuditOnly(actor, 'read the access log');
    await this.readable(actor, caseId);
    return { entries: await this.accessLog_.entries(caseId) };
  }

  /**
   * Checks the hash chain of the case's stream and of its messages stream, each from its revision 0
   * (a stream whose first events were deleted is refused). `head` is the case
   * stream's last hash (keep it elsewhere to detect removed last events); `firstInvalid` names the
   * first bad event of the first broken chain.
   */
  async verification(actor: Actor, caseId: string) {
    await this.readable(actor, caseId);
    const [events, messages] = await Promise.all([
      this.raw.read(streamOf(caseId)),
      this.raw.read(messagesStreamOf(caseId)),
    ]);
    const verdicts = [
      { stream: streamOf(caseId), ...verifyChain(events, { wholeStream: true }) },
      { stream: messagesStreamOf(caseId), ...verifyChain(messages, { wholeStream: true }) },
    ];
    const broken = verdicts.find((v) => !v.valid);
    return {
      valid: !broken,
      events: verdicts[0].events + verdicts[1].events,
      head: verdicts[0].head,
      ...(broken && !broken.valid ? { firstInvalid: { stream: broken.stream, ...broken.firstInvalid } } : {}),
      streams: verdicts,
    };
  }
}
