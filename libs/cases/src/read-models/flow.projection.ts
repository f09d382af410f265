import type { SqlTx } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import { columnsOf, rowOf } from '../reports/flow-columns';
import { evolveFlowRow, type FlowRow } from '../reports/flow-row';
import { CaseRows } from './case-rows';

/** The projection's name: its checkpoint, and its table `tafel_flow_cases`. */
export const FLOW = 'flow-cases';

/** Writes one case's row: the `FlowRow` as columns, so the report counts in SQL. */
export async function writeFlowRow(
  tx: SqlTx,
  row: FlowRow,
  createdPosition: number,
  revision: number,
): Promise<void> {
  const columns = { ...columnsOf(row), created_position: createdPosition, revision };
  const names = Object.keys(columns);
  const updates = names
    .filter((n) => n !== 'id' && n !== 'created_position')
    .map((n) => `${n} = excluded.${n}`);
  await tx.run(
    `INSERT INTO tafel_flow_cases (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    Object.values(columns),
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
