import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDb } from '@app/kernel/sqlite';
import { createReadSchema } from './read-schema';

describe('the read schema of an earlier release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-read-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('empties a case list of format 1 (opened values) once, so it is built again from the log', async () => {
    const db = new SqliteDb(join(dir, 'read.db'));
    await createReadSchema(db);
    // As the earlier release left it: a row holding a name in clear, and its checkpoint.
    await db.run('DELETE FROM tafel_read_formats');
    const row = `INSERT INTO tafel_case_list (id, created_position, reference, kind, state, region, revision,
      requested_at, updated_at, state_json) VALUES (?, 1, 'EK-1', 'group', 'requested', 'Utrecht', 0, 't', 't', ?)`;
    await db.run(row, ['a', JSON.stringify({ applicant: { name: 'Anna Jansen' } })]);
    await db.run("INSERT INTO tafel_checkpoints (name, position) VALUES ('case-list', 1), ('flow-cases', 1)");

    await createReadSchema(db);
    expect(await db.all('SELECT id FROM tafel_case_list')).toEqual([]);
    expect(await db.all('SELECT name FROM tafel_checkpoints ORDER BY name')).toEqual([
      { name: 'flow-cases' },
    ]);

    // Once: rows of the new format stay at the next start.
    await db.run(row, ['b', '{}']);
    await createReadSchema(db);
    expect(await db.all('SELECT id FROM tafel_case_list')).toEqual([{ id: 'b' }]);
    await db.close();
  });
});
