import type { SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { columnsOf, rowOf } from '../reports/flow-columns';
import { evolveFlowRow, type FlowRow } from '../reports/flow-row';
import { CaseRows } from './case-rows';

/** The projection's name: its checkpoint, and its table `tafel_flow_cases`. */
export const FLOW = 'flow-cases';

/** The columns in the order `columnsOf` gives them (always the same), then the row's place in the log. */
let upsert: { sql: string; names: string[] } | undefined;
function upsertOf(columns: Record<string, unknown>): { sql: string; names: string[] } {
  if (!upsert) {
    const names = Object.keys(columns);
    const updates = names
      .filter((n) => n !== 'id' && n !== 'created_position')
      .map((n) => `${n} = excluded.${n}`);
    upsert = {
      names,
      sql: `INSERT INTO tafel_flow_cases (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    };
  }
  return upsert;
}

/**
 * Writes one case's row: the `FlowRow` as columns, so the report counts in SQL. The statement is
 * made once: a rebuild writes it for every case of every batch.
 */
export async function writeFlowRow(
  tx: SqlTx,
  row: FlowRow,
  createdPosition: number,
  revision: number,
): Promise<void> {
  const columns: Record<string, unknown> = { ...columnsOf(row), created_position: createdPosition, revision };
  const { sql, names } = upsertOf(columns);
  await tx.run(
    sql,
    names.map((n) => columns[n]),
  );
}

/** Keeps one `FlowRow` per case; a batch reads and writes each case once. */
export async function projectFlow(events: StoredEvent[], tx: SqlTx): Promise<void> {
  const rows = new CaseRows<FlowRow>(
    tx,
    'SELECT *, requested_at AS updated_at FROM tafel_flow_cases WHERE id = ?',
    rowOf,
  );
  for (const event of events) await rows.apply(event, evolveFlowRow);
  for (const [, { value, createdPosition, revision }] of rows.changed())
    await writeFlowRow(tx, value, createdPosition, revision);
}

/** Deletes the rows, so the log can build them again. */
export const resetFlow = (tx: SqlTx) => tx.run('DELETE FROM tafel_flow_cases');
