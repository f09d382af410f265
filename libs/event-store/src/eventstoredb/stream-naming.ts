/**
 * Every kind of stream Tafel appends to — the one list: `readAll` and `subscribe` on EventStoreDB see
 * only these, so a kind missing here never reaches the projections. Where each is named:
 * - `case-`: a case's history (`streamOf`, @app/cases)
 * - `messages-`: its mail outcomes (`messagesStreamOf`, @app/cases)
 * - `access-`: its read log (`accessStreamOf`, @app/audit)
 * - `person-`: a person's erasure, `PersonErased` (`personStreamOf`, @app/workflow)
 * - `retention-`: a case's data destroyed, `CaseDataDestroyed` (`retentionStreamOf`, @app/workflow)
 * - `checkpoints`: the log's signed checkpoints (`CHECKPOINTS_STREAM`, @app/audit)
 * The ground libs cannot import those (workflow imports no lib), so the list is written here and
 * `libs/infrastructure/src/stream-kinds.spec.ts` fails when a stream the app appends to is missing.
 */
export const TAFEL_STREAM_PREFIXES: readonly string[] = [
  'case-',
  'messages-',
  'access-',
  'person-',
  'retention-',
  'checkpoints',
];

const RESERVATIONS = '_tafel-id-';

/**
 * How Tafel's stream names map onto EventStoreDB's. `namespace` is put in front of every name (empty
 * in production; a fresh one per test, so one server holds many empty stores); `prefixes` are the
 * Tafel streams that `readAll` and `subscribe` see on `$all`. Event-id reservations live in streams
 * outside those prefixes.
 */
export class StreamNaming {
  constructor(
    public namespace = '',
    readonly prefixes: readonly string[] = TAFEL_STREAM_PREFIXES,
  ) {}

  toEsdb(stream: string): string {
    return this.namespace + stream;
  }

  /** Tafel's name of an EventStoreDB stream, or `undefined` when it is not one of Tafel's. */
  fromEsdb(name: string): string | undefined {
    if (name.startsWith('$') || name.startsWith(RESERVATIONS)) return undefined;
    if (!name.startsWith(this.namespace)) return undefined;
    const stream = name.slice(this.namespace.length);
    return this.prefixes.some((p) => stream.startsWith(p)) ? stream : undefined;
  }

  /** Server-side filter for `$all`: the prefixes with the namespace in front. */
  get filterPrefixes(): string[] {
    return this.prefixes.map((p) => this.namespace + p);
  }

  /** The stream that records which Tafel stream an event id belongs to. */
  reservation(eventId: string): string {
    return `${RESERVATIONS}${this.namespace}${eventId}`;
  }
}
