import { READ_DB, type SqlDb } from '@app/kernel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig, type TafelConfig } from '@app/config';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import { createTestDatabase } from '@app/event-store/testing';
import {
  CasesModule,
  PLACEHOLDER_IDS,
  ProjectionsService,
  TakeStep,
  messagesStreamOf,
  type Actor,
  type GeneratedIds,
  type StepOutcome,
} from '@app/cases';
import { stepOf, type Answer, type Command, type Language, type ParticipantRole } from '@app/workflow';
import type { AnswerLinks } from '../answer-links/answer-links';
import { ANSWER_LINKS } from '../answer-links/answer-links.provider';
import { MessageDispatcher, type DispatcherOptions } from '../dispatch/message-dispatcher';
import { NOTIFICATION_SETTINGS, type ConfiguredNotifications } from '../notification-settings';
import { NotificationsModule } from '../notifications.module';
import { MessageRows } from '../schedule/message-rows';
import { MESSAGE_SCHEDULE } from '../schedule/message-schedule.projection';
import { MAIL_TRANSPORT, type MailTransport } from '../transport/mail-transport';
import { openMailTransport } from '../transport/open-mail-transport';
import { HarnessStores } from './harness-stores';

const ADMIN: Actor = { id: 'admin-1', name: 'Ada Admin', role: 'admin' };

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The notifications part of the worker on a real store (SQLite file or a fresh PostgreSQL database),
 * without HTTP: steps go through the real command handler, the projection runs, dispatch rounds are
 * triggered by the test.
 */
export class NotificationsHarness {
  readonly dispatcher: MessageDispatcher;
  readonly store: EventStore;
  readonly db: SqlDb;
  readonly settings: ConfiguredNotifications;
  readonly transport: MailTransport;
  readonly answerLinks: AnswerLinks;
  private readonly extra: MailTransport[] = [];

  private constructor(
    readonly app: INestApplicationContext,
    readonly clock: ManualClock,
    readonly config: TafelConfig,
    private readonly cleanup: () => Promise<void>,
  ) {
    this.dispatcher = app.get(MessageDispatcher);
    this.store = app.get(EVENT_STORE);
    this.db = app.get(READ_DB);
    this.settings = app.get(NOTIFICATION_SETTINGS);
    this.transport = app.get(MAIL_TRANSPORT);
    this.answerLinks = app.get(ANSWER_LINKS);
  }

  static async start(
    options: { store?: 'sqlite' | 'postgres'; env?: Record<string, string>; now?: Date } = {},
  ): Promise<NotificationsHarness> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tafel-mail-'));
    const database = options.store === 'postgres' ? await createTestDatabase('tafel_mail') : undefined;
    const config = loadConfig({
      TAFEL_DATA_DIR: dataDir,
      TAFEL_STORE: options.store ?? 'sqlite',
      ...(database ? { TAFEL_POSTGRES_URL: database.url } : {}),
      ...options.env,
    });
    const clock = new ManualClock(options.now ?? new Date('2026-03-02T09:00:00Z'));
    const moduleRef = await Test.createTestingModule({
      imports: [HarnessStores.forRoot(config, clock), CasesModule, NotificationsModule.forRoot(config)],
    }).compile();
    const app = await moduleRef.init();
    await app.get(ProjectionsService).start();
    return new NotificationsHarness(app, clock, config, async () => {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }

  /** Takes a step through the real command handler; answers the case after it. @throws on a refusal. */
  async step(
    caseId: string | undefined,
    command: Command | ((ids: GeneratedIds) => Command),
    participantId?: string,
  ) {
    const build = typeof command === 'function' ? command : () => command;
    const step = stepOf(build(PLACEHOLDER_IDS));
    const outcome = await this.app
      .get(CommandBus)
      .execute<TakeStep, StepOutcome>(
        new TakeStep(step, { caseId, participantId }, build as never, ADMIN, { correlationId: 'test' }),
      );
    if (!outcome.ok) throw new Error(`step ${step} refused: ${JSON.stringify(outcome.refusal)}`);
    return { id: outcome.state.id, participantId: outcome.participantId, revision: outcome.revision };
  }

  /** A group case with a coordinator and these participants invited; answers its id and participant ids. */
  async preparedCase(
    people: { name: string; email?: string; role?: ParticipantRole }[],
    questions = ['Hoe kunnen we weer samen om tafel?'],
  ): Promise<{ id: string; pids: string[] }> {
    const { id } = await this.step(undefined, (ids) => ({
      type: 'RequestConference',
      caseId: ids.caseId,
      reference: 'EK-TEST',
      kind: 'group',
      applicant: { personId: ids.applicantPersonId, name: 'Wijkteam Lombok' },
      region: 'Utrecht',
      description: 'Spanning tussen buren.',
      channel: 'online',
    }));
    await this.step(id, { type: 'CompleteIntake', conferenceQuestions: questions });
    await this.step(id, {
      type: 'AssignCoordinator',
      coordinatorId: 'coord-1',
      name: 'Fatima de Vries',
      email: 'fatima@example.org',
      independenceDeclared: true,
    });
    const pids: string[] = [];
    for (const p of people) pids.push(await this.invite(id, p));
    return { id, pids };
  }

  /** Invites one participant; answers their id. */
  async invite(
    caseId: string,
    p: { name: string; email?: string; role?: ParticipantRole; language?: Language },
  ): Promise<string> {
    const { participantId } = await this.step(caseId, (ids) => ({
      type: 'InviteParticipant',
      participantId: ids.participantId,
      role: 'neighbour',
      ...p,
    }));
    return participantId!;
  }

  answer(caseId: string, participantId: string, answer: Answer) {
    return this.step(caseId, { type: 'RecordAnswer', participantId, answer }, participantId);
  }

  /** Waits until the message schedule has seen every event in the store. */
  async settled(): Promise<void> {
    const runner = this.app.get(ProjectionsService).subscriber(MESSAGE_SCHEDULE);
    const rest = await this.store.readAll({ fromPosition: runner.checkpoint });
    if (rest.length) await runner.caughtUp(rest[rest.length - 1].position);
  }

  /** Projection caught up, then rounds until nothing is due now. */
  async dispatch(dispatcher = this.dispatcher) {
    await this.settled();
    return dispatcher.dispatchDue();
  }

  /**
   * A second dispatcher on the same read database, with its own SMTP pool; on the same store, or on
   * `store` (the same store wrapped by the test, see `wrapEventStore`).
   */
  newDispatcher(options: DispatcherOptions = {}, store: EventStore = this.store): MessageDispatcher {
    const transport = openMailTransport(this.config);
    this.extra.push(transport);
    return new MessageDispatcher(store, new MessageRows(this.db), transport, this.clock, this.settings, {
      answerLinks: this.answerLinks,
      ...options,
    });
  }

  /** The message events of a case, in order. */
  async messageEvents(caseId: string): Promise<StoredEvent[]> {
    const events = await this.store.read(messagesStreamOf(caseId));
    return events.filter((e) => e.type === 'MessageSent' || e.type === 'MessageFailed');
  }

  async close(): Promise<void> {
    for (const t of this.extra) await t.close();
    await this.app.get(ProjectionsService).stop();
    await this.app.close();
    await this.db.close();
    await this.store.close();
    await this.cleanup();
  }
}
