import { READ_DB, type SqlDb } from '@app/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Role } from '../access/actor';
import { forbidden } from '../errors';
import { flowCsv } from './flow-csv';
import { flowReport, type FlowReport } from './flow-report';
import type { FlowRow } from './flow-row';

/** Which cases a report covers: requested in `[from, to)`, in a region, of a kind. */
export interface FlowFilter {
  from?: Date;
  to?: Date;
  region?: string;
  kind?: string;
}

const REPORT_ROLES: readonly Role[] = ['admin', 'region-manager', 'researcher'];

/** The flow report, read from the flow projection (which may trail the log by a moment). */
@Injectable()
export class ReportQueries {
  constructor(@Inject(READ_DB) private readonly db: SqlDb) {}

  /** @throws TafelError (forbidden) for a role that may not read reports. */
  async flow(actor: Actor, filter: FlowFilter): Promise<FlowReport> {
    return flowReport(await this.rows(actor, filter, false));
  }

  /** The per-case rows as RFC 4180 CSV. @throws TafelError (forbidden) as `flow`. */
  async flowCsv(actor: Actor, filter: FlowFilter): Promise<string> {
    return flowCsv(await this.rows(actor, filter, true));
  }

  /** The figures do not depend on the order: only the CSV pays for sorting. */
  private async rows(actor: Actor, filter: FlowFilter, ordered: boolean): Promise<FlowRow[]> {
    if (!REPORT_ROLES.includes(actor.role)) throw forbidden(`The role ${actor.role} may not read reports.`);
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [condition, value] of [
      ['requested_at >= ?', filter.from?.toISOString()],
      ['requested_at < ?', filter.to?.toISOString()],
      ['region = ?', filter.region],
      ['kind = ?', filter.kind],
    ] as const) {
      if (value === undefined) continue;
      where.push(condition);
      params.push(value);
    }
    const found = await this.db.all<{ row_json: string }>(
      `SELECT row_json FROM tafel_flow ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ${ordered ? 'ORDER BY requested_at, id' : ''}`,
      params,
    );
    return found.map((r) => JSON.parse(r.row_json) as FlowRow);
  }
}
