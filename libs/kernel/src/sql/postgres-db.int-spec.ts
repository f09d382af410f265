import { PostgresDb } from './postgres-db';
import { ReadStoreUnavailable } from './sql-db';

describe('the PostgreSQL read database', () => {
  it('says the server cannot be reached as ReadStoreUnavailable (a 503), in a query and in a transaction', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const db = new PostgresDb('postgres://postgres@127.0.0.1:1/nothing');
    try {
      await expect(db.all('SELECT 1')).rejects.toBeInstanceOf(ReadStoreUnavailable);
      await expect(db.transaction((tx) => tx.run('SELECT 1'))).rejects.toBeInstanceOf(ReadStoreUnavailable);
    } finally {
      await db.close();
    }
  });

  it('leaves a fault of the query itself as it is (a 500 and a log line, not "try again")', async () => {
    // The test server (README, "Test it"); the kernel does not import the event store's test helpers.
    const db = new PostgresDb(
      process.env.TAFEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    try {
      const error = await db.all('SELECT * FROM no_such_table').catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(ReadStoreUnavailable);
      expect(error).toMatchObject({ code: '42P01' });
    } finally {
      await db.close();
    }
  });
});
