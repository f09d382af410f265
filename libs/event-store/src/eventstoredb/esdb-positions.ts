import { START, type Position } from '@eventstore/db-client';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The port's global position (a JS number) of an EventStoreDB event: its commit position. Events
 * appended over gRPC are committed implicitly, so commit and prepare position are the same log
 * offset, unique per event and increasing in `$all` order. A log offset passes 2^53 only after
 * 9 PB of log; the conversion throws rather than round.
 * @throws Error when the position is not a safe integer or belongs to an explicit transaction.
 */
export function toPortPosition(position: Position): number {
  if (position.commit !== position.prepare) {
    throw new Error(
      `eventstoredb: event at commit ${position.commit} / prepare ${position.prepare} was written in an explicit transaction; Tafel's positions need commit = prepare`,
    );
  }
  if (position.commit < 0n || position.commit > MAX) {
    throw new Error(`eventstoredb: commit position ${position.commit} does not fit a JS number`);
  }
  return Number(position.commit);
}

/** Where to start reading `$all` for events after `position` (inclusive: the caller drops `<= position`). */
export function fromPortPosition(position: number | undefined): typeof START | Position {
  if (position === undefined || position <= 0) return START;
  if (!Number.isSafeInteger(position)) throw new Error(`eventstoredb: not a position: ${position}`);
  return { commit: BigInt(position), prepare: BigInt(position) };
}
