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
import { CasesModule, ProjectionsService, RunStepCommand, messagesStreamOf, type Actor } from '@app/cases';
import { InfrastructureModule } from '@app/infrastructure';
import type { Step } from '@app/workflow';
import { MessageDispatcher, type DispatcherOptions } from '../dispatch/message-dispatcher';
import { NOTIFICATION_SETTINGS, type ConfiguredNotifications } from '../notification-settings';
import { NotificationsModule } from '../notifications.module';
import { MessageRows } from '../schedule/message-rows';
import { MESSAGE_SCHEDULE } from '../schedule/message-schedule.projection';
import { MAIL_TRANSPORT, type MailTransport } from '../transport/mail-transport';
import { openMailTransport } from '../transport/open-mail-transport';

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
      imports: [
        InfrastructureModule.forRoot(config, clock),
        CasesModule,
        NotificationsModule.forRoot(config, { dispatch: false }),
      ],
    }).compile();
    const app = await moduleRef.init();
    await app.get(ProjectionsService).start();
    return new NotificationsHarness(app, clock, config, async () => {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }

  /** Takes a step through the real command handler; answers the case body. */
  async step(step: Step, caseId: string | undefined, input: object = {}, participantId?: string) {
    const answer = await this.app
      .get(CommandBus)
      .execute(
        new RunStepCommand(step, caseId, input as never, ADMIN, { participantId, correlationId: 'test' }),
      );
    return answer.body as { id: string; participantId?: string; state: string; revision: number };
  }

  /** A group case with a coordinator and these participants invited; answers its id and participant ids. */
  async preparedCase(
    people: { name: string; email?: string; role?: string }[],
    questions = ['Hoe kunnen we weer samen om tafel?'],
  ): Promise<{ id: string; pids: string[] }> {
    const { id } = await this.step('request', undefined, {
      kind: 'group',
      applicant: { name: 'Wijkteam Lombok' },
      region: 'Utrecht',
      description: 'Spanning tussen buren.',
      channel: 'online',
    });
    await this.step('complete-intake', id, { conferenceQuestions: questions });
    await this.step('assign-coordinator', id, {
      coordinatorId: 'coord-1',
      name: 'Fatima de Vries',
      email: 'fatima@example.org',
      independenceDeclared: true,
    });
    const pids: string[] = [];
    for (const p of people) {
      const body = await this.step('invite-participant', id, { role: 'neighbour', ...p });
      pids.push(body.participantId!);
    }
    return { id, pids };
  }

  answer(caseId: string, pid: string, answer: 'accepted' | 'declined') {
    return this.step('record-answer', caseId, { answer }, pid);
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

  /** A second dispatcher on the same store and read database, with its own SMTP pool. */
  newDispatcher(options: DispatcherOptions = {}): MessageDispatcher {
    const transport = openMailTransport(this.config);
    this.extra.push(transport);
    return new MessageDispatcher(
      this.store,
      new MessageRows(this.db),
      transport,
      this.clock,
      this.settings,
      options,
    );
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
    await this.cleanup();
  }
}
