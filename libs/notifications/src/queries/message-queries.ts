import { Inject, Injectable } from '@nestjs/common';
import { CaseRepository, assertMayRead, caseNotFound, messagesStreamOf, type Actor } from '@app/cases';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { isMessageEvent, type MessageFailedData, type MessageSentData } from '../policy/message-events';
import { planMessages, reachByOf } from '../policy/message-policy';
import type { MessageKind, ReachBy } from '../policy/message.types';
import { MessageRows } from '../schedule/message-rows';
import { NOTIFICATION_SETTINGS, type ConfiguredNotifications } from '../notification-settings';

export interface ParticipantMessages {
  id: string;
  name: string;
  role: string;
  /** `phone`: no e-mail address; staff tell this participant by phone. */
  reachBy: ReachBy;
  sent: { kind: MessageKind; at: string; dueAt: string; messageId: string; attempts: number }[];
  /** Still to come (or to phone about): when it is due, and for mail being retried, the next attempt. */
  due: { kind: MessageKind; dueAt: string; attempts: number; nextAttemptAt?: string; lastError?: string }[];
  failed: {
    kind: MessageKind;
    at: string;
    dueAt: string;
    reason: string;
    attempts: number;
    permanent: boolean;
  }[];
}

/** The staff view of a case's mail: per participant, what was sent, what is due, what failed and why. */
@Injectable()
export class MessageQueries {
  constructor(
    private readonly cases: CaseRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rows: MessageRows,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: ConfiguredNotifications,
  ) {}

  /** @throws TafelError not-found / forbidden */
  async messagesOf(
    actor: Actor,
    caseId: string,
  ): Promise<{ caseId: string; participants: ParticipantMessages[] }> {
    const { state } = await this.cases.load(caseId);
    if (!state) throw caseNotFound(caseId);
    assertMayRead(actor, state);
    const events = await this.store.read(messagesStreamOf(caseId));
    const view = new Map<string, ParticipantMessages>(
      state.participants.map((p) => [
        p.participantId,
        {
          id: p.participantId,
          name: p.name,
          role: p.role,
          reachBy: reachByOf(p),
          sent: [],
          due: [],
          failed: [],
        },
      ]),
    );
    const recorded = new Set<string>();
    for (const e of events) {
      if (!isMessageEvent(e)) continue;
      recorded.add(e.eventId);
      const d = e.data as MessageSentData & MessageFailedData;
      const entry = view.get(d.participantId);
      if (!entry) continue;
      if (e.type === 'MessageSent')
        entry.sent.push({
          kind: d.kind,
          at: d.at,
          dueAt: d.dueAt,
          messageId: d.messageId,
          attempts: d.attempts,
        });
      else
        entry.failed.push({
          kind: d.kind,
          at: d.at,
          dueAt: d.dueAt,
          reason: d.reason,
          attempts: d.attempts,
          permanent: d.permanent,
        });
    }
    const retries = new Map((await this.rows.ofCase(caseId)).map((r) => [r.message_key, r]));
    for (const m of planMessages(state, this.settings)) {
      if (recorded.has(m.key)) continue;
      const retry = retries.get(m.key);
      view.get(m.participantId)?.due.push({
        kind: m.kind,
        dueAt: m.dueAt,
        attempts: retry ? Number(retry.attempts) : 0,
        ...(retry && Number(retry.attempts) > 0
          ? { nextAttemptAt: retry.next_attempt_at, lastError: retry.last_error ?? undefined }
          : {}),
      });
    }
    return { caseId, participants: [...view.values()] };
  }
}
