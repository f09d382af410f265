/**
 * The HTTP ceilings for `http.bench`: bare Fastify (the framework under Nest) answering one POST route
 * with better-sqlite3 and the same durability as Tafel (WAL, synchronous=FULL). Mode `single`: one
 * INSERT per transaction per request. Mode `shared`: requests that arrive together share a commit.
 * Usage: node ceiling-server.js <single|shared> <port> <sqlite file>
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [mode, port, file] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream TEXT, data TEXT)');
const insert = db.prepare('INSERT INTO events (stream, data) VALUES (?, ?)');

let queue: { stream: string; data: string; done: () => void }[] = [];
let scheduled = false;
const flush = db.transaction((batch: typeof queue) => {
  for (const item of batch) insert.run(item.stream, item.data);
});
function enqueue(stream: string, data: string): Promise<void> {
  return new Promise((done) => {
    queue.push({ stream, data, done });
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        const batch = queue;
        queue = [];
        scheduled = false;
        flush.immediate(batch);
        for (const item of batch) item.done();
      });
    }
  });
}

const app = Fastify({ bodyLimit: 100 * 1024 });
app.post('/v1/cases/:id/steps', async (request) => {
  const { id } = request.params as { id: string };
  const data = JSON.stringify(request.body);
  if (mode === 'shared') await enqueue(id, data);
  else db.transaction(() => insert.run(id, data)).immediate();
  return { id, ok: true };
});
app.listen({ port: Number(port), host: '127.0.0.1' }).then(() => process.stdout.write('ready\n'));
