import { READ_DB, type SqlDb } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { CaseState } from '@app/workflow';
import { assertMayRead, listScope } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { CaseRepository } from '../case-repository';
import { caseSummary, caseView, type CaseView } from '../case-view';
import { caseNotFound, cursorRefused } from '../errors';

export interface CaseListFilter {
  state?: string;
  region?: string;
  kind?: string;
  coordinatorId?: string;
  limit?: number;
  cursor?: string;
}

const encodeCursor = (position: number) => Buffer.from(String(position)).toString('base64url');
/** @throws TafelError (validation) for a cursor this service did not give out. */
function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^\d{1,15}$/.test(text) || encodeCursor(Number(text)) !== cursor) throw cursorRefused();
  return Number(text);
}

/** `column IN (?, ...)` for `count` values; nothing matches an empty list. */
export const inList = (column: string, count: number): string =>
  count === 0 ? '1 = 0' : `${column} IN (${Array.from({ length: count }, () => '?').join(', ')})`;

/** Case reads: one case from its stream (always current); the list from the projection. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly cases: CaseRepository,
    @Inject(READ_DB) private readonly db: SqlDb,
  ) {}

  async getCase(actor: Actor, caseId: string): Promise<CaseView> {
    const loaded = await this.cases.load(caseId);
    if (!loaded.state) throw caseNotFound(caseId);
    assertMayRead(actor, loaded.state);
    return caseView(loaded.state, loaded.revision);
  }

  async listCases(actor: Actor, filter: CaseListFilter) {
    const where: string[] = ['created_position > ?'];
    const params: unknown[] = [filter.cursor ? decodeCursor(filter.cursor) : 0];
    const { regions, ...scope } = listScope(actor);
    const scoped = { ...filter, ...scope };
    for (const [column, value] of [
      ['state', scoped.state],
      ['region', scoped.region],
      ['kind', scoped.kind],
      ['coordinator_id', scoped.coordinatorId],
    ] as const) {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    if (regions) {
      where.push(inList('region', regions.length));
      params.push(...regions);
    }
    const limit = filter.limit ?? 50;
    const rows = await this.db.all<{ created_position: number; state_json: string; revision: number }>(
      `SELECT created_position, state_json, revision FROM tafel_case_list WHERE ${where.join(' AND ')}
       ORDER BY created_position LIMIT ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => caseSummary(JSON.parse(r.state_json) as CaseState, Number(r.revision))),
      nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].created_position)) : null,
    };
  }
}
