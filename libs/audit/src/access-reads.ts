import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { READ_DB, type SqlDb, type SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { ProjectionsService, TafelError, assertAuditOnly, cursorRefused, type Actor } from '@app/cases';

export const ACCESS_READS = 'access-reads';
const ACCESS_STREAM = /^access-(.+)$/;

/**
 * Every read of the read log (`access-<caseId>` streams, `CaseRead`) as a row, so the NEN 7513 views
 * across cases (by employee, by person) are one indexed query instead of a walk over the log. Ids,
 * routes and statuses only, as in the streams: never personal data of the people in a case.
 */
export async function createAccessReadSchema(db: SqlDb): Promise<void> {
  const bigint = db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  await db.run(`CREATE TABLE IF NOT EXISTS tafel_access_reads (
    position ${bigint} PRIMARY KEY,
    case_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    at TEXT NOT NULL,
    route TEXT NOT NULL,
    status INTEGER NOT NULL,
    request_id TEXT
  )`);
  await db.run(
    'CREATE INDEX IF NOT EXISTS tafel_access_reads_actor ON tafel_access_reads (actor_id, position)',
  );
  await db.run(
    'CREATE INDEX IF NOT EXISTS tafel_access_reads_case ON tafel_access_reads (case_id, position)',
  );
}

/** The projection: one row per `CaseRead`, keyed by its position (a batch seen twice writes nothing twice). */
export async function projectAccessReads(events: StoredEvent[], tx: SqlTx): Promise<void> {
  for (const event of events) {
    const caseId = ACCESS_STREAM.exec(event.stream)?.[1];
    if (event.type !== 'CaseRead' || caseId === undefined) continue;
    const data = event.data as { route: string; status: number };
    const actor = event.metadata.actor as { id: string; role: string; name: string };
    await tx.run(
      `INSERT INTO tafel_access_reads
         (position, case_id, actor_id, actor_role, actor_name, at, route, status, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING`,
      [
        event.position,
        caseId,
        actor.id,
        actor.role,
        actor.name ?? actor.id,
        event.metadata.occurredAt,
        data.route,
        data.status,
        event.metadata.correlationId ?? null,
      ],
    );
  }
}

export interface AccessReadPage {
  limit?: number;
  cursor?: string;
}

export interface ActorReadsFilter extends AccessReadPage {
  actorId: string;
  from?: Date;
  to?: Date;
}

interface ReadRow {
  position: number | string;
  case_id: string;
  actor_id: string;
  actor_role: string;
  actor_name: string;
  at: string;
  route: string;
  status: number | string;
  request_id: string | null;
}

export const DEFAULT_ACCESS_LIMIT = 100;

const encodeCursor = (position: number) => Buffer.from(`r${position}`).toString('base64url');
/** @throws TafelError (validation) for a cursor this service did not give out. */
function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^r(\d{1,15})$/.exec(text);
  if (!match || encodeCursor(Number(match[1])) !== cursor) throw cursorRefused();
  return Number(match[1]);
}

/** Registers the projection (its table first) with the worker's subscribers. */
@Injectable()
export class AccessReadsLifecycle implements OnModuleInit {
  constructor(
    @Inject(READ_DB) private readonly db: SqlDb,
    private readonly projections: ProjectionsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await createAccessReadSchema(this.db);
    this.projections.register({
      name: ACCESS_READS,
      handle: projectAccessReads,
      transactional: true,
      reset: (tx) => tx.run('DELETE FROM tafel_access_reads'),
      sealed: true,
    });
  }
}

/**
 * NEN 7513 views across cases, for auditors and admins: every case one employee read, and every read
 * of a case a person is in. From the `access-reads` projection, which may trail the read log by a moment.
 */
@Injectable()
export class AccessReadQueries {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  /** Every read by one employee, oldest first, at `[from, to)`. @throws TafelError forbidden */
  byActor(actor: Actor, filter: ActorReadsFilter) {
    assertAuditOnly(actor, 'read the access log');
    const where = ['actor_id = ?'];
    const params: unknown[] = [filter.actorId];
    if (filter.from) {
      where.push('at >= ?');
      params.push(filter.from.toISOString());
    }
    if (filter.to) {
      where.push('at < ?');
      params.push(filter.to.toISOString());
    }
    return this.page(where, params, filter);
  }

  /**
   * Every read of a case the person is (or was) in, oldest first. `casesOf` finds the person's cases
   * (the key store's links, kept for erasure): `undefined` for a person never seen.
   * @throws TafelError forbidden (asked before the person is looked up), not-found (no such person)
   */
  async byPerson(
    actor: Actor,
    personId: string,
    page: AccessReadPage,
    casesOf: (personId: string) => Promise<string[] | undefined>,
  ) {
    assertAuditOnly(actor, 'read the access log');
    const caseIds = await casesOf(personId);
    if (caseIds === undefined)
      throw new TafelError('PERSON.NOT_FOUND', 'not-found', `No person with id ${personId}.`);
    if (caseIds.length === 0) return { entries: [], nextCursor: null };
    return this.page([`case_id IN (${caseIds.map(() => '?').join(', ')})`], caseIds, page);
  }

  private async page(where: string[], params: unknown[], page: AccessReadPage) {
    const limit = page.limit ?? DEFAULT_ACCESS_LIMIT;
    const after = page.cursor ? decodeCursor(page.cursor) : 0;
    const rows = await this.db.all<ReadRow>(
      `SELECT * FROM tafel_access_reads WHERE position > ? AND ${where.join(' AND ')}
       ORDER BY position LIMIT ?`,
      [after, ...params, limit + 1],
    );
    const shown = rows.slice(0, limit);
    return {
      entries: shown.map((r) => ({
        at: r.at,
        caseId: r.case_id,
        actor: { id: r.actor_id, role: r.actor_role, name: r.actor_name },
        route: r.route,
        status: Number(r.status),
        requestId: r.request_id ?? undefined,
      })),
      nextCursor: rows.length > limit ? encodeCursor(Number(shown[shown.length - 1].position)) : null,
    };
  }
}
