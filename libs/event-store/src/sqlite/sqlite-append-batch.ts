import { DuplicateEventId, ExpectedRevisionConflict } from '../errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { hashEvent } from '../hash-chain';
import type { PreparedEvent } from './sqlite-rows';
import type { KnownEvent, Statements } from './sqlite-schema';

/** One caller's append as the writer sees it (plain data: it crosses to the writer thread). */
export interface AppendRequest {
  stream: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
}

/** One caller's append, waiting in the group-commit queue. */
export interface PendingAppend extends AppendRequest {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Writes one append inside the open write transaction, or refuses it before writing anything, so a
 * refusal never touches the other appends of the batch. Appends earlier in the batch are already
 * visible to these queries, so each is checked against them as well.
 */
export function writeAppend(s: Statements, p: AppendRequest, recordedAt: string): AppendResult {
  const repeat = repeatedResult(s, p);
  if (repeat) return repeat;
  const head = s.head.get(p.stream);
  const current = head ? head.revision : -1;
  if (!matches(p.expected, current)) throw new ExpectedRevisionConflict(p.stream, p.expected, current);
  let prevHash = head ? head.hash : null;
  const positions: number[] = [];
  p.events.forEach(({ event, data, metadata, occurredAt }, i) => {
    const revision = current + 1 + i;
    const { eventId, type, schemaVersion } = event;
    const hash = hashEvent({
      stream: p.stream,
      revision,
      eventId,
      type,
      schemaVersion,
      data: event.data,
      metadata: event.metadata,
      prevHash,
    });
    const info = s.insert.run(
      p.stream,
      revision,
      eventId,
      type,
      schemaVersion,
      data,
      metadata,
      occurredAt,
      recordedAt,
      prevHash,
      hash,
    );
    positions.push(Number(info.lastInsertRowid));
    prevHash = hash;
  });
  return { nextRevision: current + p.events.length, positions };
}

function matches(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === -1;
  return expected === current;
}

/** The first result again when every id is already stored in this stream; a refusal for any other overlap. */
function repeatedResult(s: Statements, p: AppendRequest): AppendResult | undefined {
  const known = p.events.map((e) => s.byId.get(e.event.eventId));
  if (known.every((k) => k === undefined)) return undefined;
  const stored = known.filter((k): k is KnownEvent => k !== undefined && k.stream === p.stream);
  if (stored.length < known.length) {
    const ids = p.events.filter((_, i) => known[i] !== undefined).map((e) => e.event.eventId);
    throw new DuplicateEventId(p.stream, ids);
  }
  return {
    nextRevision: Math.max(...stored.map((k) => k.revision)),
    positions: stored.map((k) => k.position),
  };
}
