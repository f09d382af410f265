import { createReadSchema } from '@app/cases';
import { SqliteDb } from '@app/kernel/sqlite';
import { InMemoryEventStore, newEvents } from '@app/event-store/testing';
import { CASE_DATA_DESTROYED, ERASED } from '@app/workflow';
import { createMessageSchema } from './message-schema';
import { messageScheduleProjection } from './message-schedule.projection';

const settings = {
  reminderOffsetsMs: [7 * 86_400_000],
  answerNudgeAfterMs: 5 * 86_400_000,
  followUpAfterMs: 90 * 86_400_000,
};

describe('the message schedule when retention destroys a case', () => {
  let db: SqliteDb;
  beforeEach(async () => {
    db = new SqliteDb(':memory:');
    await createReadSchema(db);
    await createMessageSchema(db);
  });
  afterEach(() => db.close());

  it("drops what is still due for the case, keeps what went out, and erases its fold's sealed values", async () => {
    const sealed = { $enc: 'v1', p: 'case:a', iv: 'aa', ct: 'bb', tag: 'cc' };
    await db.run('INSERT INTO tafel_message_cases (case_id, revision, state_json) VALUES (?, ?, ?)', [
      'a',
      7,
      JSON.stringify({ caseId: 'a', status: 'closed', description: sealed, participants: [] }),
    ]);
    const message = (key: string, caseId: string, status: string) =>
      db.run(
        `INSERT INTO tafel_messages (message_key, case_id, kind, participant_id, due_at, status, attempts, next_attempt_at)
         VALUES (?, ?, 'reminder', 'p-1', '2026-03-09T09:00:00.000Z', ?, 0, '2026-03-09T09:00:00.000Z')`,
        [key, caseId, status],
      );
    await message('a-due', 'a', 'due');
    await message('a-sent', 'a', 'sent');
    await message('b-due', 'b', 'due');
    const store = new InMemoryEventStore();
    await store.append(
      'retention-a',
      [
        {
          ...newEvents(1)[0],
          type: CASE_DATA_DESTROYED,
          data: {
            at: '2046-03-10T09:00:00.000Z',
            caseId: 'a',
            endedAt: '2026-03-02T09:00:00.000Z',
            personIds: [],
          },
        },
      ],
      { expectedRevision: 'no-stream' },
    );
    const events = await store.readAll();
    await db.transaction((tx) => messageScheduleProjection(settings)(events, tx));
    const keys = await db.all<{ message_key: string }>(
      'SELECT message_key FROM tafel_messages ORDER BY message_key',
    );
    expect(keys.map((k) => k.message_key)).toEqual(['a-sent', 'b-due']);
    const [row] = await db.all<{ state_json: string; revision: number }>(
      'SELECT state_json, revision FROM tafel_message_cases WHERE case_id = ?',
      ['a'],
    );
    expect(JSON.parse(row.state_json)).toMatchObject({ description: ERASED, status: 'closed' });
    expect(Number(row.revision)).toBe(7);
  });
});
