import { METRICS, READ_DB, type Metrics, type SqlDb } from '@app/kernel';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { CasesModule, ProjectionsService } from '@app/cases';
import { ANSWER_LINKS, answerLinksProvider } from './answer-links/answer-links.provider';
import type { AnswerLinks } from './answer-links/answer-links';
import { MessageDispatcher } from './dispatch/message-dispatcher';
import {
  NOTIFICATION_SETTINGS,
  notificationSettingsOf,
  type ConfiguredNotifications,
} from './notification-settings';
import { MessageQueries } from './queries/message-queries';
import { MessageRows } from './schedule/message-rows';
import { clearMessageSchedule, createMessageSchema } from './schedule/message-schema';
import { MESSAGE_SCHEDULE, messageScheduleProjection } from './schedule/message-schedule.projection';
import { MAIL_TRANSPORT, type MailTransport } from './transport/mail-transport';
import { openMailTransport } from './transport/open-mail-transport';

/** Creates the tables, registers the projection, and closes the mail transport at shutdown. */
@Injectable()
class NotificationsLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(READ_DB) private readonly db: SqlDb,
    private readonly projections: ProjectionsService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: ConfiguredNotifications,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  async onModuleInit(): Promise<void> {
    await createMessageSchema(this.db);
    this.projections.register({
      name: MESSAGE_SCHEDULE,
      handle: messageScheduleProjection(this.settings),
      transactional: true,
      reset: clearMessageSchedule,
      // It plans by which fields hold a value; the dispatcher opens the address when it sends.
      sealed: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

/**
 * Mail to participants: the message schedule (a projection), the dispatcher, the staff view. The
 * dispatch loop runs where the worker's part runs, while leader (`WorkerRuntime` in the infrastructure).
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: TafelConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [CasesModule],
      providers: [
        { provide: NOTIFICATION_SETTINGS, useValue: notificationSettingsOf(config) },
        { provide: MAIL_TRANSPORT, useFactory: () => openMailTransport(config) },
        {
          provide: MessageRows,
          useFactory: (db: SqlDb) => new MessageRows(db),
          inject: [READ_DB],
        },
        {
          provide: MessageDispatcher,
          useFactory: (
            store: EventStore,
            rows: MessageRows,
            transport: MailTransport,
            clock: Clock,
            settings: ConfiguredNotifications,
            answerLinks: AnswerLinks,
            metrics?: Metrics,
          ) => new MessageDispatcher(store, rows, transport, clock, settings, { answerLinks, metrics }),
          inject: [
            EVENT_STORE,
            MessageRows,
            MAIL_TRANSPORT,
            CLOCK,
            NOTIFICATION_SETTINGS,
            ANSWER_LINKS,
            { token: METRICS, optional: true },
          ],
        },
        MessageQueries,
        NotificationsLifecycle,
        answerLinksProvider(config),
      ],
      exports: [
        MessageDispatcher,
        MessageQueries,
        MessageRows,
        MAIL_TRANSPORT,
        NOTIFICATION_SETTINGS,
        ANSWER_LINKS,
      ],
    };
  }
}
