import { hashEvent, type ChainFault, type StoredEvent } from '@app/event-store';

export interface BrokenStream {
  stream: string;
  /** The first event that does not hold; later events of the stream are not judged. */
  firstInvalid: { revision: number; position: number; eventId: string; type: string; reason: ChainFault };
}

/** What a chain audit carries between pages (and, saved, between runs). */
export interface ChainAuditState {
  /** Position of the last event checked. */
  position: number;
  events: number;
  /** Per stream: revision and hash of its last event checked. */
  heads: Record<string, [number, string]>;
  broken: BrokenStream[];
}

export interface ChainAuditSummary {
  valid: boolean;
  streams: number;
  events: number;
  broken: BrokenStream[];
}

/**
 * Checks every stream's hash chain while the whole log streams past in global order: one pass, the
 * head of each stream kept in memory. Unlike `verifyChain` over a slice, nothing is taken on trust:
 * a stream must start at revision 0 with no previous hash, so a deleted first event shows too.
 */
export class ChainAudit {
  private readonly heads: Map<string, [number, string]>;
  private readonly brokenStreams: Map<string, BrokenStream>;
  private position: number;
  private events: number;

  constructor(from?: ChainAuditState) {
    this.heads = new Map(Object.entries(from?.heads ?? {}));
    this.brokenStreams = new Map((from?.broken ?? []).map((b) => [b.stream, b]));
    this.position = from?.position ?? 0;
    this.events = from?.events ?? 0;
  }

  /** Checks the next events of the log (in global order). */
  check(events: StoredEvent[]): void {
    for (const e of events) {
      this.events++;
      this.position = e.position;
      if (this.brokenStreams.has(e.stream)) continue;
      const head = this.heads.get(e.stream);
      const reason = faultOf(e, head);
      if (reason) {
        const { revision, position, eventId, type } = e;
        this.brokenStreams.set(e.stream, {
          stream: e.stream,
          firstInvalid: { revision, position, eventId, type, reason },
        });
      } else {
        this.heads.set(e.stream, [e.revision, e.hash]);
      }
    }
  }

  get checkedUpTo(): number {
    return this.position;
  }

  get checkedEvents(): number {
    return this.events;
  }

  state(): ChainAuditState {
    return {
      position: this.position,
      events: this.events,
      heads: Object.fromEntries(this.heads),
      broken: [...this.brokenStreams.values()],
    };
  }

  summary(): ChainAuditSummary {
    const broken = [...this.brokenStreams.values()].sort(
      (a, b) => a.firstInvalid.position - b.firstInvalid.position,
    );
    const streams = new Set([...this.heads.keys(), ...this.brokenStreams.keys()]).size;
    return { valid: broken.length === 0, streams, events: this.events, broken };
  }
}

function faultOf(e: StoredEvent, head: [number, string] | undefined): ChainFault | undefined {
  if (e.revision !== (head ? head[0] + 1 : 0)) return 'revision-gap';
  if (e.prevHash !== (head ? head[1] : null)) return 'prev-hash-mismatch';
  if (hashEvent(e) !== e.hash) return 'hash-mismatch';
  return undefined;
}
