import type { NewEvent, StoredEvent } from '@app/event-store';
import type { MessageKind } from './message.types';

/**
 * The outcome of a message, recorded in the case's messages stream (`messages-<caseId>`), beside
 * the case's own. Not workflow events: they never move the case's revision. Both outcomes of one message share its key as event id, so a message has one outcome.
 */
export const MESSAGE_EVENT_TYPES = ['MessageSent', 'MessageFailed'] as const;
export type MessageEventType = (typeof MESSAGE_EVENT_TYPES)[number];
export const MESSAGE_EVENT_SCHEMA_VERSION = 1;

interface MessageOutcomeBase {
  at: string;
  kind: MessageKind;
  participantId: string;
  dueAt: string;
  /** The `Message-ID` header the mail carried. */
  messageId: string;
  attempts: number;
}

export interface MessageSentData extends MessageOutcomeBase {
  transport: 'smtp' | 'outbox';
}

export interface MessageFailedData extends MessageOutcomeBase {
  /** The server's answer (addresses removed), or why the message was given up on. */
  reason: string;
  permanent: boolean;
}

export type MessageOutcome =
  { type: 'MessageSent'; data: MessageSentData } | { type: 'MessageFailed'; data: MessageFailedData };

export const DISPATCHER_ACTOR = { id: 'tafel-dispatcher', role: 'system', name: 'Tafel' };

export function isMessageEvent(event: Pick<StoredEvent, 'type'>): boolean {
  return (MESSAGE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The event to append for an outcome; `key` is the message key (deterministic). */
export function outcomeEvent(key: string, outcome: MessageOutcome): NewEvent {
  return {
    eventId: key,
    type: outcome.type,
    schemaVersion: MESSAGE_EVENT_SCHEMA_VERSION,
    data: outcome.data,
    metadata: { occurredAt: outcome.data.at, actor: DISPATCHER_ACTOR, causationId: key },
  };
}
