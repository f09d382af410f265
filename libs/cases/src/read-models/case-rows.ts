import type { SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { upcast, type DomainEvent } from '@app/workflow';
import { isDomainEvent } from '../case-repository';

/** One case's row as a batch holds it: what was read or folded, and whether it must be written. */
export interface CaseRow<T> {
  value: T;
  createdPosition: number;
  revision: number;
  updatedAt: string;
  dirty: boolean;
}

interface Found {
  created_position: number;
  revision: number;
  updated_at: string;
  [column: string]: unknown;
}

/**
 * The rows a projection's batch touches, one per case, each read at most once. `select` takes the
 * case id and answers `created_position`, `revision`, `updated_at` and what `decode` reads the
 * value from (by default a `json` column).
 */
export class CaseRows<T> {
  private readonly rows = new Map<string, CaseRow<T> | undefined>();

  constructor(
    private readonly tx: SqlTx,
    private readonly select: string,
    private readonly decode: (found: Found) => T = (found) => JSON.parse(found.json as string) as T,
  ) {}

  async load(caseId: string): Promise<CaseRow<T> | undefined> {
    if (this.rows.has(caseId)) return this.rows.get(caseId);
    const [found] = await this.tx.all<Found>(this.select, [caseId]);
    const row = found && {
      value: this.decode(found),
      createdPosition: Number(found.created_position),
      revision: Number(found.revision),
      updatedAt: found.updated_at,
      dirty: false,
    };
    this.rows.set(caseId, row);
    return row;
  }

  /** Replaces a case's value (e.g. erased), to be written. */
  async change(caseId: string, change: (value: T) => T): Promise<void> {
    const row = await this.load(caseId);
    if (row) this.rows.set(caseId, { ...row, value: change(row.value), dirty: true });
  }

  /** Folds one event of a case's stream into its row, unless it was applied before (delivered again). */
  async apply(
    event: StoredEvent,
    fold: (value: T | undefined, e: DomainEvent) => T | undefined,
  ): Promise<void> {
    if (!isDomainEvent(event) || !event.stream.startsWith('case-')) return;
    const caseId = event.stream.slice('case-'.length);
    const before = await this.load(caseId);
    if (before && event.revision <= before.revision) return;
    const value = fold(before?.value, upcast(event.type, event.schemaVersion, event.data));
    if (value === undefined) return;
    this.rows.set(caseId, {
      value,
      createdPosition: before?.createdPosition ?? event.position,
      revision: event.revision,
      updatedAt: event.metadata.occurredAt,
      dirty: true,
    });
  }

  /** The rows to write, by case id. */
  changed(): [string, CaseRow<T>][] {
    return [...this.rows].filter((entry): entry is [string, CaseRow<T>] => entry[1]?.dirty === true);
  }
}
