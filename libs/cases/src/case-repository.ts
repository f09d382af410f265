import { deterministicId } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  type ExpectedRevision,
  type ReadOptions,
  type StoredEvent,
} from '@app/event-store';
import { EVENT_SCHEMA_VERSIONS, evolve, upcast, type CaseState, type DomainEvent } from '@app/workflow';
import type { Actor } from './access/actor';
import { CaseCache } from './case-cache';

export const streamOf = (caseId: string): string => `case-${caseId}`;

/**
 * Where the outcomes of a case's mail are recorded: beside the case's stream, not in it, so sending
 * a message never moves the case's revision (a staff member's `If-Match` stays valid).
 */
export const messagesStreamOf = (caseId: string): string => `messages-${caseId}`;

/** The case a stream belongs to, and which of its streams it is. */
export function caseStreamOf(stream: string): { caseId: string; kind: 'case' | 'messages' } | undefined {
  if (stream.startsWith('case-')) return { caseId: stream.slice('case-'.length), kind: 'case' };
  if (stream.startsWith('messages-')) return { caseId: stream.slice('messages-'.length), kind: 'messages' };
  return undefined;
}

export interface LoadedCase {
  state: CaseState | undefined;
  /** Revision of the stream's last event; -1 for no case. */
  revision: number;
  events: StoredEvent[];
}

export interface CommandContext {
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId?: string;
}

export function isDomainEvent(event: StoredEvent): boolean {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, event.type);
}

/** Folds stored events (upcast on read) into the case state. */
export function foldStored(events: StoredEvent[]): CaseState | undefined {
  let state: CaseState | undefined;
  for (const e of events) {
    if (isDomainEvent(e)) state = evolve(state, upcast(e.type, e.schemaVersion, e.data));
  }
  return state;
}

/** The id of a command's `index`-th event on a case: a repeated command names the same events. */
export const eventIdOf = (commandId: string, caseId: string, index: number): string =>
  deterministicId(commandId, caseId, String(index));

/** Loads and saves cases as event streams. */
@Injectable()
export class CaseRepository {
  private readonly cache = new CaseCache();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The whole stream and its fold: for reads that need the events themselves. */
  async load(caseId: string, options?: ReadOptions): Promise<LoadedCase> {
    const events = await this.store.read(streamOf(caseId), options);
    const revision = events.length ? events[events.length - 1].revision : -1;
    const state = foldStored(events);
    if (state && !options) this.cache.set(caseId, { state, revision });
    return { state, revision, events };
  }

  /** The case as of now: the cached fold plus whatever was appended since (one small read). */
  async current(caseId: string): Promise<{ state: CaseState | undefined; revision: number }> {
    const cached = this.cache.get(caseId);
    if (!cached) {
      const { state, revision } = await this.load(caseId);
      return { state, revision };
    }
    const tail = await this.store.read(streamOf(caseId), { fromRevision: cached.revision + 1 });
    if (tail.length === 0) return cached;
    let state = cached.state;
    for (const e of tail)
      if (isDomainEvent(e)) state = evolve(state, upcast(e.type, e.schemaVersion, e.data));
    const fresh = { state, revision: tail[tail.length - 1].revision };
    this.cache.set(caseId, fresh);
    return fresh;
  }

  /** Drops a case's cached fold (its data changed under it: a person in it was erased). */
  forget(caseId: string): void {
    this.cache.delete(caseId);
  }

  /** Records a fold the caller computed after its own append. */
  remember(caseId: string, state: CaseState, revision: number): void {
    this.cache.set(caseId, { state, revision });
  }

  /**
   * Appends the decided events. Event ids derive from the command id, so a repeated command
   * (retry, concurrent duplicate) is stored once.
   * @throws ExpectedRevisionConflict
   */
  async append(
    caseId: string,
    events: DomainEvent[],
    expectedRevision: ExpectedRevision,
    context: CommandContext,
    workflowVersion: number,
  ): Promise<number> {
    const result = await this.store.append(
      streamOf(caseId),
      events.map((event, i) => ({
        eventId: eventIdOf(context.commandId, caseId, i),
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        metadata: {
          occurredAt: event.data.at,
          actor: { id: context.actor.id, role: context.actor.role, name: context.actor.name },
          correlationId: context.correlationId,
          causationId: context.causationId,
          commandId: context.commandId,
          workflowVersion,
        },
      })),
      { expectedRevision },
    );
    return result.nextRevision;
  }
}
