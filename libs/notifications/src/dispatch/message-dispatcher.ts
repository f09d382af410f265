import { randomUUID } from 'node:crypto';
import type { Clock } from '@app/config';
import type { EventStore } from '@app/event-store';
import { NO_METRICS, redactPersonal, type Metrics } from '@app/kernel';
import { foldStored, messagesStreamOf, streamOf } from '@app/cases';
import type { CaseState } from '@app/workflow';
import type { MailLanguage } from '../../templates';
import type { AnswerLinks } from '../answer-links/answer-links';
import { isMessageEvent, outcomeEvent, type MessageOutcome } from '../policy/message-events';
import { planMessages } from '../policy/message-policy';
import type { NotificationSettings, PlannedMessage } from '../policy/message.types';
import { renderMessage } from '../render/render-message';
import type { MessageRow, MessageRows } from '../schedule/message-rows';
import { classifyDeliveryError, type MailTransport } from '../transport/mail-transport';
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './backoff';

export interface DispatcherSettings extends NotificationSettings {
  mailFrom: string;
  /** TAFEL_MAIL_LANGUAGE: for participants without a language of their own. */
  language: MailLanguage;
  /** TAFEL_ORGANISATION_PHONE: in the signature when set. */
  organisationPhone?: string;
}

export interface DispatcherOptions {
  /** Names this dispatcher in its claims; unique per instance by default. */
  owner?: string;
  batchSize?: number;
  /** How long a claim holds (on the clock) before another dispatcher may take the message. */
  leaseMs?: number;
  /** Messages in flight at once within a round. */
  concurrency?: number;
  retry?: RetryPolicy;
  random?: () => number;
  /** Where each round's outcomes are counted (`tafel_messages_total`). */
  metrics?: Metrics;
  /** The personal answer links for invitations, nudges and reminders (none without). */
  answerLinks?: AnswerLinks;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** No longer called for when its turn came (the case moved on); removed from the schedule. */
  cancelled: number;
}

interface CaseContext {
  state?: CaseState;
  plan: Map<string, PlannedMessage>;
  recorded: Map<string, { status: 'sent' | 'failed'; attempts: number }>;
  /** Participants who were sent any mail of this case. */
  reached: Set<string>;
}

/**
 * Sends what the schedule says is due at `clock.now()`: claims the rows, checks each against the
 * case as it is now (its stream), sends, and records the outcome in the case stream under the
 * message key. 5xx fails for good; 4xx and unreachable servers retry with backoff, a bounded number
 * of times, then fail with the last answer.
 */
export class MessageDispatcher {
  private readonly owner: string;
  private readonly options: Required<Omit<DispatcherOptions, 'owner' | 'answerLinks'>>;
  private readonly answerLinks?: AnswerLinks;
  private readonly domain: string;

  constructor(
    private readonly store: EventStore,
    private readonly rows: MessageRows,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly settings: DispatcherSettings,
    options: DispatcherOptions = {},
  ) {
    this.owner = options.owner ?? `dispatcher-${randomUUID()}`;
    this.options = {
      batchSize: options.batchSize ?? 200,
      leaseMs: options.leaseMs ?? 10 * 60_000,
      concurrency: options.concurrency ?? 10,
      retry: options.retry ?? DEFAULT_RETRY,
      random: options.random ?? Math.random,
      metrics: options.metrics ?? NO_METRICS,
    };
    this.answerLinks = options.answerLinks;
    this.domain = /@([^>\s]+)>?\s*$/.exec(settings.mailFrom)?.[1] ?? 'localhost';
  }

  /**
   * One round: what is due now, at most one batch.
   * @throws the round's first error (store or read database unavailable). A message sent but not
   * recorded is sent again, with the same Message-ID, once its claim has expired.
   */
  async dispatchOnce(): Promise<DispatchReport> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
    const claimed = await this.rows.claim(this.owner, now.toISOString(), leaseUntil, this.options.batchSize);
    const report: DispatchReport = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    const cases = new Map<string, Promise<CaseContext>>();
    for (const row of claimed)
      if (!cases.has(row.case_id)) cases.set(row.case_id, this.loadCase(row.case_id));
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const row = claimed[next++];
        await this.deliver(row, await cases.get(row.case_id)!, now, leaseUntil, report);
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(this.options.concurrency, claimed.length) }, worker),
    );
    // What was sent or recorded before a crash counts too.
    const { sent, retried: retrying, failed, cancelled } = report;
    this.options.metrics.messages({ sent, retrying, failed, cancelled });
    const crash = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (crash) throw crash.reason;
    return report;
  }

  /** Rounds until nothing more is due now (tests, benchmarks, catching up). */
  async dispatchDue(): Promise<DispatchReport> {
    const total: DispatchReport = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    for (;;) {
      const round = await this.dispatchOnce();
      for (const k of Object.keys(total) as (keyof DispatchReport)[]) total[k] += round[k];
      if (round.claimed === 0) return total;
    }
  }

  private async loadCase(caseId: string): Promise<CaseContext> {
    const [events, outcomes] = await Promise.all([
      this.store.read(streamOf(caseId)),
      this.store.read(messagesStreamOf(caseId)),
    ]);
    const state = foldStored(events);
    const recorded: CaseContext['recorded'] = new Map();
    const reached = new Set<string>();
    for (const e of outcomes) {
      if (!isMessageEvent(e)) continue;
      const { attempts, participantId } = e.data as { attempts: number; participantId: string };
      recorded.set(e.eventId, { status: e.type === 'MessageSent' ? 'sent' : 'failed', attempts });
      if (e.type === 'MessageSent') reached.add(participantId);
    }
    const plan = new Map(state ? planMessages(state, this.settings).map((m) => [m.key, m]) : []);
    return { state, plan, recorded, reached };
  }

  private async deliver(
    row: MessageRow,
    c: CaseContext,
    now: Date,
    leaseUntil: string,
    report: DispatchReport,
  ) {
    const key = row.message_key;
    const done = c.recorded.get(key);
    if (done) return this.rows.finish(key, done.status, done.attempts);
    const message = c.plan.get(key);
    if (!message || !message.email || !c.state) {
      report.cancelled++;
      return this.rows.drop(key);
    }
    const attempts = row.attempts + 1;
    const messageId = `<${key}@${this.domain}>`;
    const base = { at: now.toISOString(), kind: message.kind, participantId: message.participantId };
    const outcome = { ...base, dueAt: message.dueAt, messageId, attempts };
    if (message.expiresAt && now.toISOString() >= message.expiresAt) {
      report.failed++;
      const reason = 'Expired: the conference had started before the message could be sent.';
      return this.record(c, key, { type: 'MessageFailed', data: { ...outcome, reason, permanent: true } });
    }
    if (message.kind === 'conference-cancelled' && !c.reached.has(message.participantId)) {
      // Withdrawn before any mail reached them (say, their invitation was still queued): they never
      // heard of the date, so there is nothing to cancel for them.
      report.failed++;
      const reason = 'Not sent: no mail had reached them, so they did not know the date.';
      return this.record(c, key, { type: 'MessageFailed', data: { ...outcome, reason, permanent: true } });
    }
    if (!(await this.rows.renew(key, this.owner, leaseUntil))) return;
    const participant = c.state.participants.find((p) => p.participantId === message.participantId);
    const { calendar, ...mail } = renderMessage(
      message,
      c.state,
      participant?.language ?? this.settings.language,
      {
        answerLinks: this.answerLinks,
        organisationPhone: this.settings.organisationPhone,
        mailFrom: this.settings.mailFrom,
      },
    );
    try {
      await this.transport.send({
        ...mail,
        ...(calendar
          ? {
              attachments: [
                {
                  filename: calendar.filename,
                  content: calendar.content,
                  contentType: `text/calendar; charset=utf-8; method=${calendar.method}`,
                },
              ],
            }
          : {}),
        from: this.settings.mailFrom,
        to: message.email,
        messageId,
        key,
        dueAt: message.dueAt,
        date: now,
        headers: { 'X-Tafel-Message-Kind': message.kind },
      });
    } catch (e) {
      const { permanent, answer } = classifyDeliveryError(e);
      // Stored in the event and in last_error, and shown: never the address the server named.
      const reason = redactPersonal(answer);
      if (permanent || attempts >= this.options.retry.maxAttempts) {
        report.failed++;
        return this.record(c, key, { type: 'MessageFailed', data: { ...outcome, reason, permanent } });
      }
      report.retried++;
      const delay = retryDelay(attempts, this.options.retry, this.options.random);
      const nextAt = new Date(now.getTime() + delay).toISOString();
      return this.rows.retryLater(key, this.owner, attempts, nextAt, reason);
    }
    report.sent++;
    await this.record(c, key, { type: 'MessageSent', data: { ...outcome, transport: this.transport.kind } });
  }

  private async record(c: CaseContext, key: string, outcome: MessageOutcome): Promise<void> {
    await this.store.append(messagesStreamOf(c.state!.id), [outcomeEvent(key, outcome)], {
      expectedRevision: 'any',
    });
    const status = outcome.type === 'MessageSent' ? 'sent' : 'failed';
    if (status === 'sent') c.reached.add(outcome.data.participantId);
    c.recorded.set(key, { status, attempts: outcome.data.attempts });
    await this.rows.finish(key, status, outcome.data.attempts);
  }
}
