/**
 * Mail to participants: messages per second the dispatcher delivers to a local SMTP server for
 * 10k due messages (claim, check against the case stream, render, send, record the event), beside
 * bare nodemailer sending the same 10k mails through the same kind of pool; and the cost of
 * computing what is due for 10k open cases, beside folding those cases.
 */
import { SqliteDb } from '@app/kernel/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { NewEvent } from '@app/event-store';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import { createReadSchema, streamOf } from '@app/cases';
import { fold, type CaseState, type DomainEvent } from '@app/workflow';
import {
  MessageDispatcher,
  MessageRows,
  SmtpMailTransport,
  createMessageSchema,
  dueMessages,
  messageScheduleProjection,
  planMessages,
  renderMessage,
} from '@app/notifications';
import { SmtpTestServer } from '@app/notifications/testing';
import { against } from './verdict';
import type { BenchModule, ScenarioResult } from './bench.types';

const DAY = 86_400_000;
const CASES = 2_500;
const PER_CASE = 4;
const NOW = new Date('2026-03-02T09:00:00Z');
const settings = {
  reminderOffsetsMs: [7 * DAY, DAY],
  answerNudgeAfterMs: 5 * DAY,
  followUpAfterMs: 90 * DAY,
  mailFrom: 'Eigen Kracht <noreply@localhost>',
  language: 'nl' as const,
};

function caseEvents(n: number, scheduled: boolean): DomainEvent[] {
  const at = NOW.toISOString();
  const events: DomainEvent[] = [
    {
      type: 'ConferenceRequested',
      data: {
        at,
        caseId: `case-${n}`,
        reference: `EK-${n}`,
        kind: 'group',
        applicant: { personId: `ap-${n}`, name: 'Aanvrager' },
        region: 'Utrecht',
        description: 'Spanning tussen buren.',
        channel: 'online',
        workflowVersion: 1,
      },
    },
    { type: 'IntakeCompleted', data: { at, conferenceQuestions: ['Hoe kunnen we weer samen om tafel?'] } },
    {
      type: 'CoordinatorAssigned',
      data: { at, coordinatorId: 'k', name: 'Fatima', email: 'k@example.org', independenceDeclared: true },
    },
  ];
  for (let p = 0; p < PER_CASE; p++)
    events.push({
      type: 'ParticipantInvited',
      data: {
        at,
        participantId: `p${p}`,
        name: `Deelnemer ${p}`,
        role: 'neighbour',
        email: `p${p}@example.org`,
      },
    });
  if (scheduled) {
    events.push({ type: 'ParticipantAnswered', data: { at, participantId: 'p0', answer: 'accepted' } });
    events.push({
      type: 'ConferenceScheduled',
      data: {
        at,
        startsAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
        location: 'Buurthuis',
        rescheduled: false,
      },
    });
  }
  return events;
}

const asNew = (e: DomainEvent, i: number, n: number): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n * 100 + i).padStart(12, '0')}`,
  type: e.type,
  schemaVersion: 1,
  data: e.data,
  metadata: { occurredAt: e.data.at, actor: { id: 'bench', role: 'admin' } },
});

async function dispatch(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-mail-'));
  const smtp = new SmtpTestServer({ parse: false });
  await smtp.start(0);
  const store = await openSqliteEventStore({ path: join(dir, 'tafel.db') });
  const db = new SqliteDb(join(dir, 'tafel.db'));
  try {
    await createReadSchema(db);
    await createMessageSchema(db);
    for (let n = 0; n < CASES; n++)
      await store.append(
        streamOf(`case-${n}`),
        caseEvents(n, false).map((e, i) => asNew(e, i, n)),
        {
          expectedRevision: 'no-stream',
        },
      );
    const project = messageScheduleProjection(settings);
    for (let from = 0; ;) {
      const batch = await store.readAll({ fromPosition: from, limit: 2_000 });
      if (!batch.length) break;
      await db.transaction((tx) => project(batch, tx));
      from = batch[batch.length - 1].position;
    }
    const total = CASES * PER_CASE;

    // Ceiling: the same 10k rendered mails through a bare nodemailer pool, 10 in flight.
    const state = fold(caseEvents(0, false))!;
    const mails = planMessages(state, settings)
      .filter((m) => m.kind === 'invitation')
      .map((m) => ({ ...renderMessage(m, state, 'nl'), to: m.email!, from: settings.mailFrom }));
    const bare = createTransport({ pool: true, url: smtp.url, maxConnections: 5, maxMessages: Infinity });
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < total) await bare.sendMail({ ...mails[next++ % mails.length] });
      }),
    );
    const bareMs = performance.now() - t0;
    bare.close();

    const transport = new SmtpMailTransport(smtp.url);
    const dispatcher = new MessageDispatcher(
      store,
      new MessageRows(db),
      transport,
      { now: () => NOW },
      settings,
      {
        batchSize: 500,
      },
    );
    const t1 = performance.now();
    const report = await dispatcher.dispatchDue();
    const ms = performance.now() - t1;
    await transport.close();
    if (report.sent !== total) throw new Error(`sent ${report.sent} of ${total}`);
    const perSecond = Math.round((total / ms) * 1000);
    const ceiling = Math.round((total / bareMs) * 1000);
    return {
      scenario: 'notifications.dispatch-10k',
      summary: `${perSecond} msg/s dispatched (claim, check, render, SMTP, event) vs bare nodemailer pool ${ceiling} msg/s: ${against(perSecond / ceiling, 0.8)}`,
      messages: total,
      perSecond,
      ceilingPerSecond: ceiling,
    };
  } finally {
    await store.close();
    await db.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function policy(): Promise<ScenarioResult> {
  const histories = Array.from({ length: 10_000 }, (_, n) => caseEvents(n, true));
  const states: CaseState[] = [];
  const t0 = performance.now();
  for (const h of histories) states.push(fold(h)!);
  const foldMs = performance.now() - t0;
  const done = new Set<string>();
  let due = 0;
  const t1 = performance.now();
  for (const s of states) due += dueMessages(s, done, settings, NOW).due.length;
  const policyMs = performance.now() - t1;
  if (due !== 10_000 * PER_CASE) throw new Error(`expected ${10_000 * PER_CASE} due, got ${due}`);
  const perCase = (policyMs * 1000) / states.length;
  const foldPerCase = (foldMs * 1000) / states.length;
  return {
    scenario: 'notifications.due-10k-cases',
    summary: `${perCase.toFixed(1)} µs/case to compute what is due (10k open cases) vs ${foldPerCase.toFixed(1)} µs/case to fold them`,
    cases: states.length,
    microsPerCase: perCase,
    foldMicrosPerCase: foldPerCase,
  };
}

export const scenarios: BenchModule['scenarios'] = [
  { name: 'notifications.dispatch-10k', run: dispatch },
  { name: 'notifications.due-10k-cases', run: policy },
];
