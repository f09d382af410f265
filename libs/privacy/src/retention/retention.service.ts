import { Inject, Injectable } from '@nestjs/common';
import { READ_DB, deterministicId, type SqlDb } from '@app/kernel';
import { CaseRepository, assertAuditOnly, cursorRefused, type Actor } from '@app/cases';
import { CLOCK, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { CASE_DATA_DESTROYED, retentionStreamOf, type CaseDataDestroyedData } from '@app/workflow';
import { eraseKeyOf } from '../erasure.service';
import { KEY_STORE, caseKeyId, type PersonKeyStore } from '../key-store.port';
import { dueAtOf, dueCases, isLive, type RetentionRecord } from './retention-policy';

export const RETENTION_SETTINGS = Symbol('RETENTION_SETTINGS');

export interface RetentionSettings {
  /** TAFEL_RETENTION: how long after its end a case's data is kept. */
  termMs: number;
  /** How often the leader looks whether a day has passed since its last run (real time; default 60 s). */
  roundMs?: number;
}

/**
 * Who destroys data at the end of the term, in the events' metadata: the system, like the mail
 * dispatcher (`tafel-dispatcher`) and the checkpoint signer (`tafel-checkpointer`).
 */
export const RETENTION_ACTOR = { id: 'tafel-retention', role: 'system', name: 'Tafel' };

/** The reason recorded on the `PersonErased` of someone whose last case passed its term. */
export const RETENTION_REASON = 'retention';

/** A case in the retention list: ids and times only. */
export interface RetentionItem {
  caseId: string;
  reference: string | null;
  endedAt: string;
  dueAt: string;
  destroyedAt: string | null;
}

export interface RetentionRun {
  /** When the run looked (the injected clock). */
  at: string;
  dryRun: boolean;
  /** The cases whose term had passed and that were not destroyed yet. */
  due: RetentionItem[];
  /** What this run destroyed (empty for a dry run): per case, the people whose keys went with it. */
  destroyed: { caseId: string; personIds: string[] }[];
}

export type RetentionStatus = 'due' | 'destroyed';

export interface RetentionListQuery {
  status?: RetentionStatus;
  limit?: number;
  cursor?: string;
}

export const DEFAULT_RETENTION_LIMIT = 100;

interface Row {
  case_id: string;
  ended_at: string;
  destroyed_at: string | null;
  reference: string | null;
}

const SELECT = `SELECT r.case_id, r.ended_at, r.destroyed_at, c.reference
  FROM tafel_retention r LEFT JOIN tafel_case_list c ON c.id = r.case_id`;

const encodeCursor = (row: Row) =>
  Buffer.from(JSON.stringify([row.ended_at, row.case_id])).toString('base64url');

/** @throws TafelError (validation) for a cursor this service did not give out. */
function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string') &&
      Buffer.from(JSON.stringify(value)).toString('base64url') === cursor
    )
      return value as [string, string];
  } catch {
    // falls through to the refusal
  }
  throw cursorRefused();
}

/**
 * Retention (Jeugdwet: at least twenty years; AVG: not longer than needed). Once a case's term has
 * passed since it ended, its data is destroyed by crypto-shredding: the keys of its people who
 * appear in no other live case, and the case's own key. The events stay, their hash chains intact;
 * what the keys sealed reads `[verwijderd]` from then on. `CaseDataDestroyed` in `retention-<caseId>`
 * records it, last, so a run that stopped half-way is finished by the next one.
 */
@Injectable()
export class RetentionService {
  /** Runs never overlap in one process (the daily job, the CLI, a test). */
  private runs: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(KEY_STORE) private readonly keys: PersonKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DB) private readonly db: SqlDb,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    private readonly cases: CaseRepository,
  ) {}

  /** The cases whose term has passed at `now` and that are not destroyed yet, oldest end first. */
  async due(now: Date = this.clock.now()): Promise<RetentionItem[]> {
    const cutoff = new Date(now.getTime() - this.settings.termMs).toISOString();
    const rows = await this.db.all<Row>(
      `${SELECT} WHERE r.destroyed_at IS NULL AND r.ended_at <= ? ORDER BY r.ended_at, r.case_id`,
      [cutoff],
    );
    const items = rows.map((r) => this.itemOf(r));
    return dueCases(items, this.settings.termMs, now);
  }

  /**
   * The retention list (auditor, admin): cases due now, destroyed ones, or both (the default);
   * oldest end first, at most `limit` after `cursor`.
   * @throws TafelError forbidden, validation (a cursor not given out here)
   */
  async list(actor: Actor, query: RetentionListQuery = {}) {
    assertAuditOnly(actor, 'see the retention list');
    const limit = query.limit ?? DEFAULT_RETENTION_LIMIT;
    const cutoff = new Date(this.clock.now().getTime() - this.settings.termMs).toISOString();
    const where: string[] = [];
    const params: unknown[] = [];
    const due = 'r.destroyed_at IS NULL AND r.ended_at <= ?';
    if (query.status === 'due') where.push(due);
    else if (query.status === 'destroyed') where.push('r.destroyed_at IS NOT NULL');
    else where.push(`((${due}) OR r.destroyed_at IS NOT NULL)`);
    if (query.status !== 'destroyed') params.push(cutoff);
    if (query.cursor) {
      const [endedAt, caseId] = decodeCursor(query.cursor);
      where.push('(r.ended_at > ? OR (r.ended_at = ? AND r.case_id > ?))');
      params.push(endedAt, endedAt, caseId);
    }
    const rows = await this.db.all<Row>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.ended_at, r.case_id LIMIT ?`,
      [...params, limit + 1],
    );
    const shown = rows.slice(0, limit);
    return {
      items: shown.map((r) => this.itemOf(r)),
      nextCursor: rows.length > limit ? encodeCursor(shown[shown.length - 1]) : null,
    };
  }

  /**
   * Destroys the data of every case that is due (with `dryRun`, only says which). A case already
   * destroyed — `CaseDataDestroyed` in its stream, even before the read model shows it — is left
   * alone, so running again changes nothing.
   * @throws Error when a store cannot be reached: what was done stays done, the next run goes on.
   */
  run(options: { dryRun?: boolean } = {}): Promise<RetentionRun> {
    const next = this.runs.then(() => this.runOnce(options.dryRun ?? false));
    this.runs = next.catch(() => undefined);
    return next;
  }

  private async runOnce(dryRun: boolean): Promise<RetentionRun> {
    const now = this.clock.now();
    const due = await this.due(now);
    const destroyed: RetentionRun['destroyed'] = [];
    if (!dryRun)
      for (const item of due) {
        if ((await this.store.streamRevision(retentionStreamOf(item.caseId))) >= 0) continue;
        destroyed.push(await this.destroy(item, now));
      }
    return { at: now.toISOString(), dryRun, due, destroyed };
  }

  /**
   * One case, in an order a crash cannot spoil: first the people's keys (each with its own
   * `PersonErased`), then the case's key, and only then `CaseDataDestroyed`. Every step is
   * idempotent (a tombstone stays a tombstone; the events have ids fixed by person and case), and
   * until the last step the case still counts as due, so the next run repeats what was done and does
   * the rest.
   */
  private async destroy(item: RetentionItem, now: Date): Promise<{ caseId: string; personIds: string[] }> {
    const { caseId } = item;
    const personIds: string[] = [];
    for (const personId of await this.keys.peopleOf(caseId)) {
      if (personId.startsWith('case:')) continue; // a case's own key, never a person: erased below
      const others = (await this.keys.casesOf(personId)).filter((id) => id !== caseId);
      if (await this.anyLive(others, now)) continue;
      await eraseKeyOf(this.keys, this.store, personId, {
        at: now,
        reason: RETENTION_REASON,
        actor: RETENTION_ACTOR,
      });
      for (const other of others) this.cases.forget(other);
      personIds.push(personId);
    }
    await this.keys.erase(caseKeyId(caseId), now);
    const data: CaseDataDestroyedData = { at: now.toISOString(), caseId, endedAt: item.endedAt, personIds };
    await this.store.append(
      retentionStreamOf(caseId),
      [
        {
          eventId: deterministicId('case-data-destroyed', caseId),
          type: CASE_DATA_DESTROYED,
          schemaVersion: 1,
          data,
          metadata: { occurredAt: data.at, actor: RETENTION_ACTOR },
        },
      ],
      { expectedRevision: 'any' },
    );
    this.cases.forget(caseId);
    return { caseId, personIds };
  }

  /** Whether any of these cases is live at `now`: not ended, or ended and its term not passed. */
  private async anyLive(caseIds: string[], now: Date): Promise<boolean> {
    if (caseIds.length === 0) return false;
    const records = new Map<string, RetentionRecord>();
    for (let i = 0; i < caseIds.length; i += 400) {
      const part = caseIds.slice(i, i + 400);
      const rows = await this.db.all<{ case_id: string; ended_at: string; destroyed_at: string | null }>(
        `SELECT case_id, ended_at, destroyed_at FROM tafel_retention
         WHERE case_id IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) records.set(r.case_id, { endedAt: r.ended_at, destroyedAt: r.destroyed_at });
    }
    return caseIds.some((id) => isLive(records.get(id), this.settings.termMs, now));
  }

  private itemOf(r: Row): RetentionItem {
    return {
      caseId: r.case_id,
      reference: r.reference ?? null,
      endedAt: r.ended_at,
      dueAt: dueAtOf(r.ended_at, this.settings.termMs),
      destroyedAt: r.destroyed_at ?? null,
    };
  }
}
