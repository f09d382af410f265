import { upcast } from '@app/workflow';
import type { StoredEvent } from '@app/event-store';
import { isDomainEvent } from '../case-repository';
import { FLOW_COLUMNS, toCsv } from './flow-csv';
import { evolveFlowRow, type FlowRow } from './flow-row';

/** Folds events of the log (in order, from the start) into one flow row per case. */
export function foldFlowRows(rows: Map<string, FlowRow>, events: StoredEvent[]): void {
  for (const event of events) {
    if (!isDomainEvent(event) || !event.stream.startsWith('case-')) continue;
    const caseId = event.stream.slice('case-'.length);
    const row = evolveFlowRow(rows.get(caseId), upcast(event.type, event.schemaVersion, event.data));
    if (row) rows.set(caseId, row);
  }
}

const RENAMED: Record<string, string> = {
  case_id: 'case_pseudonym',
  follow_up_of: 'follow_up_of_pseudonym',
};
const toDay = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : value);

/**
 * The research export: the flow rows with a pseudonym for every case id (the case's own and
 * `follow_up_of`) and every time cut to its UTC day, sorted by pseudonym, so the same rows and the
 * same `pseudonymOf` always give the same bytes.
 */
export function researchCsv(rows: FlowRow[], pseudonymOf: (caseId: string) => string): string {
  const columns = FLOW_COLUMNS.map(([name, read]) => {
    if (name in RENAMED)
      return [
        RENAMED[name],
        (r: FlowRow) => {
          const id = read(r);
          return typeof id === 'string' ? pseudonymOf(id) : id;
        },
      ] as const;
    if (name.endsWith('_at')) return [name.replace(/_at$/, '_on'), (r: FlowRow) => toDay(read(r))] as const;
    return [name, read] as const;
  });
  const records = rows.map((row) => columns.map(([, read]) => read(row) as string | number | boolean | null));
  records.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
  return toCsv(
    columns.map(([name]) => name),
    records,
  );
}
