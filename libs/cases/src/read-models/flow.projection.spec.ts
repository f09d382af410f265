import { projectionSpec, type ProjectionSpec } from '../testing/projection-spec';
import type { StoredEvent } from '@app/event-store';
import type { DomainEvent } from '@app/workflow';
import { day, historyUpTo } from '../testing/case-histories';
import { projectFlow, resetFlow } from './flow.projection';
import { rowOf } from '../reports/flow-columns';

let spec: ProjectionSpec;
beforeEach(async () => (spec = await projectionSpec()));
afterEach(() => spec.close());
const stored = (caseId: string, events: DomainEvent[]) => spec.stored(caseId, events);

const project = (events: StoredEvent[]) => spec.db.transaction((tx) => projectFlow(events, tx));
const rows = async () =>
  (
    await spec.db.all<{
      id: string;
      revision: number;
      requested_at: string;
      region: string;
      state: string;
      distributed_ms: number | null;
      held_ms: number | null;
    }>('SELECT * FROM tafel_flow_cases ORDER BY created_position')
  ).map((r) => ({ ...r, row: rowOf(r) }));

describe('the flow projection', () => {
  it('keeps one row per case, built event by event or in one batch alike', async () => {
    const a = await stored('a', historyUpTo('a', 'plan-distributed'));
    const b = await stored('b', historyUpTo('b', 'preparing'));
    for (const event of a) await project([event]);
    await project(b);
    const [rowA, rowB, ...more] = await rows();
    expect(more).toEqual([]);
    expect(rowA).toMatchObject({ id: 'a', revision: 10, requested_at: day(0), region: 'Utrecht' });
    expect(rowA.row).toMatchObject({ state: 'plan-distributed', planDistributedAt: day(10) });
    expect(rowB.row).toMatchObject({ caseId: 'b', state: 'preparing', coordinatorAssignedAt: day(2) });
    // The figure columns the report counts in SQL follow the row.
    expect(rowA).toMatchObject({ state: 'plan-distributed', distributed_ms: Date.parse(day(10)) });
    expect(rowB).toMatchObject({ state: 'preparing', held_ms: null });
  });

  it('does not apply an event delivered again', async () => {
    const events = await stored('a', historyUpTo('a', 'preparing'));
    await project(events);
    await project(events);
    const [row] = await rows();
    expect(row.revision).toBe(2);
    expect(row.row.state).toBe('preparing');
  });

  it('is empty after a reset, and the same after building it again', async () => {
    const events = await stored('a', historyUpTo('a', 'held'));
    await project(events);
    const first = await rows();
    await spec.db.transaction((tx) => resetFlow(tx));
    expect(await rows()).toEqual([]);
    await project(events);
    expect(await rows()).toEqual(first);
  });
});
