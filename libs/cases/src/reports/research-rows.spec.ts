import type { StoredEvent } from '@app/event-store';
import { InMemoryEventStore } from '@app/event-store/testing';
import { WORKFLOW_VERSION } from '@app/workflow';
import { CaseRepository } from '../case-repository';
import { ADMIN, PERSONAL, historyUpTo } from '../testing/case-histories';
import type { FlowRow } from './flow-row';
import { foldFlowRows, researchCsv } from './research-rows';

const pseudonymOf = (id: string) => `p(${id})`;

async function log(): Promise<StoredEvent[]> {
  const store = new InMemoryEventStore();
  const repository = new CaseRepository(store);
  const context = (n: number) => ({ actor: ADMIN, commandId: `c-${n}`, correlationId: 'spec' });
  await repository.append('b', historyUpTo('b', 'plan-distributed'), 'any', context(1), WORKFLOW_VERSION);
  await repository.append('a', historyUpTo('a', 'preparing'), 'any', context(2), WORKFLOW_VERSION);
  const events = await store.readAll();
  await store.close();
  return events;
}

function fold(events: StoredEvent[]): FlowRow[] {
  const rows = new Map<string, FlowRow>();
  foldFlowRows(rows, events);
  return [...rows.values()];
}

describe('the research export', () => {
  it('has a pseudonym instead of each case id, dates to the day, rows sorted by pseudonym', async () => {
    const rows = fold(await log());
    rows[1] = { ...rows[1], followUpOf: 'b' };
    const [header, ...lines] = researchCsv(rows, pseudonymOf).split('\r\n');
    expect(header.split(',').slice(0, 8)).toEqual([
      'case_pseudonym',
      'workflow_version',
      'kind',
      'region',
      'state',
      'issue_type',
      'follow_up_of_pseudonym',
      'requested_on',
    ]);
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['p(a)', 'p(b)']);
    expect(lines[0]).toContain(',p(b),2025-05-01,2025-05-02,2025-05-03,');
    expect(lines[1]).toMatch(/,2025-05-08,2025-05-11,/); // held (day 7.5) and distributed (day 10)
    expect(lines.join()).not.toMatch(/T\d\d:/);
  });

  it('gives the same bytes for the same events, however they are paged', async () => {
    const events = await log();
    const once = researchCsv(fold(events), pseudonymOf);
    const rows = new Map<string, FlowRow>();
    for (const event of events) foldFlowRows(rows, [event]);
    expect(researchCsv([...rows.values()].reverse(), pseudonymOf)).toBe(once);
  });

  it('holds no name, e-mail address or free text', async () => {
    const text = researchCsv(fold(await log()), pseudonymOf);
    for (const fragment of [...PERSONAL, 'garden', 'Buurthuis', 'Mows']) expect(text).not.toContain(fragment);
  });
});
