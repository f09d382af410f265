import { projectionSpec, type ProjectionSpec } from '../testing/projection-spec';
import type { StoredEvent } from '@app/event-store';
import { newEvents } from '@app/event-store/testing';
import {
  CASE_DATA_DESTROYED,
  ERASED,
  PERSON_ERASED,
  destroyCaseText,
  type CaseState,
  type DomainEvent,
} from '@app/workflow';
import { FATIMA, day, historyUpTo } from '../testing/case-histories';
import { projectCaseList } from './case-list.projection';

interface CaseRow {
  id: string;
  created_position: number;
  reference: string;
  kind: string;
  state: string;
  region: string;
  coordinator_id: string | null;
  revision: number;
  requested_at: string;
  updated_at: string;
  state_json: string;
}

let spec: ProjectionSpec;
beforeEach(async () => (spec = await projectionSpec()));
afterEach(() => spec.close());
const stored = (caseId: string, events: DomainEvent[]) => spec.stored(caseId, events);

const project = (events: StoredEvent[]) => spec.db.transaction((tx) => projectCaseList(events, tx));
const rows = () => spec.db.all<CaseRow>('SELECT * FROM tafel_case_list ORDER BY created_position');
const stateOfRow = (row: CaseRow) => JSON.parse(row.state_json) as CaseState;

describe('the case list', () => {
  it('adds a row for a requested case', async () => {
    const [requested] = await stored('a', historyUpTo('a', 'requested'));
    await project([requested]);
    expect(await rows()).toEqual([
      expect.objectContaining({
        id: 'a',
        created_position: requested.position,
        reference: 'EK-TEST-1',
        kind: 'group',
        state: 'requested',
        region: 'Utrecht',
        coordinator_id: null,
        revision: 0,
        requested_at: day(0),
        updated_at: day(0),
      }),
    ]);
  });

  it('updates that one row for each later event: state, coordinator, revision, updated', async () => {
    const events = await stored('a', historyUpTo('a', 'preparing'));
    const seen: Partial<CaseRow>[] = [];
    for (const event of events) {
      await project([event]);
      const [row, ...more] = await rows();
      expect(more).toEqual([]);
      const { state, coordinator_id, revision, updated_at, created_position } = row;
      seen.push({ state, coordinator_id, revision, updated_at, created_position });
    }
    expect(seen).toEqual([
      { state: 'requested', coordinator_id: null, revision: 0, updated_at: day(0), created_position: 1 },
      {
        state: 'awaiting-coordinator',
        coordinator_id: null,
        revision: 1,
        updated_at: day(1),
        created_position: 1,
      },
      { state: 'preparing', coordinator_id: FATIMA.id, revision: 2, updated_at: day(2), created_position: 1 },
    ]);
  });

  it('writes the latest state of a case whose events arrive in one batch', async () => {
    await project(await stored('a', historyUpTo('a', 'scheduled')));
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'scheduled', revision: 7, updated_at: day(7) });
    expect(stateOfRow(row).participants).toHaveLength(2);
  });

  it('does not apply an event delivered again', async () => {
    const events = await stored('a', historyUpTo('a', 'sanne-invited'));
    await project(events);
    await project(events.slice(3));
    const [row] = await rows();
    expect(row.revision).toBe(3);
    expect(stateOfRow(row).participants.map((p) => p.participantId)).toEqual(['p-sanne']);
  });

  it('keeps one row per case, in the order the cases were created', async () => {
    const b = await stored('b', historyUpTo('b', 'requested'));
    const a = await stored('a', historyUpTo('a', 'awaiting-coordinator'));
    await project([...b, ...a]);
    expect((await rows()).map((r) => [r.id, r.created_position, r.state])).toEqual([
      ['b', b[0].position, 'requested'],
      ['a', a[0].position, 'awaiting-coordinator'],
    ]);
  });

  it("ignores what is not a case's domain event", async () => {
    await spec.store.append('messages-a', newEvents(1), { expectedRevision: 'any' });
    await spec.store.append('case-a', newEvents(1), { expectedRevision: 'any' });
    await project(await spec.store.readAll());
    expect(await rows()).toEqual([]);
  });

  it('redacts the rows of the cases an erased person appears in, leaving revision and time', async () => {
    await project(await stored('a', historyUpTo('a', 'sanne-invited')));
    await spec.store.append(
      'person-p-sanne',
      [
        {
          ...newEvents(1)[0],
          type: PERSON_ERASED,
          data: { at: day(20), personId: 'p-sanne', reason: 'asked', caseIds: ['a'] },
        },
      ],
      { expectedRevision: 'no-stream' },
    );
    await project(await spec.store.readAll({ fromPosition: 4 }));
    const [row] = await rows();
    expect(stateOfRow(row).participants[0]).toMatchObject({
      participantId: 'p-sanne',
      name: ERASED,
      email: ERASED,
    });
    expect(row.state_json).not.toContain('Sanne Bakker');
    expect(row).toMatchObject({ revision: 3, updated_at: day(3) });
  });

  it("on CaseDataDestroyed, replaces the case's free text and every sealed value of the row by ERASED, leaving the rest", async () => {
    await project(await stored('a', historyUpTo('a', 'sanne-invited')));
    // The row as the sealed fold leaves it: what a key sealed is an envelope.
    const sealed = { $enc: 'v1', p: 'case:a', iv: 'aa', ct: 'bb', tag: 'cc' };
    const [before] = await rows();
    const state = { ...stateOfRow(before), description: sealed };
    await spec.db.run('UPDATE tafel_case_list SET state_json = ? WHERE id = ?', [JSON.stringify(state), 'a']);
    await spec.store.append(
      'retention-a',
      [
        {
          ...newEvents(1)[0],
          type: CASE_DATA_DESTROYED,
          data: { at: day(7400), caseId: 'a', endedAt: day(20), personIds: [] },
        },
      ],
      { expectedRevision: 'no-stream' },
    );
    const all = await spec.store.readAll();
    await project(all.slice(-1));
    const [row] = await rows();
    // Sealed or not (events stored before case text was sealed hold it in clear), it reads erased.
    expect(stateOfRow(row)).toEqual({ ...destroyCaseText(stateOfRow(before)), description: ERASED });
    expect(stateOfRow(row).conferenceQuestions).toEqual([ERASED]);
    expect(row.state_json).not.toContain('$enc');
    expect(row).toMatchObject({ revision: before.revision, updated_at: before.updated_at });
  });
});
