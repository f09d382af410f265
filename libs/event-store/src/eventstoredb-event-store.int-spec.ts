import { ANY, EventStoreDBClient, jsonEvent, type JSONType } from '@eventstore/db-client';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventStoreDbEventStore, StreamNaming, openEventStoreDbEventStore } from './eventstoredb';
import { describeEventStoreContract, type ContractHandle } from './testing';

const URL_ = process.env.TAFEL_EVENTSTORE_URL;
const where =
  URL_ ??
  'TAFEL_EVENTSTORE_URL (not set; `docker compose up eventstore` and set it to esdb://127.0.0.1:2113?tls=false)';

/** Whether something answers on the URL's host and port (checked before the specs are collected). */
function reachable(url: string): boolean {
  const { hostname, port } = new URL(url.replace(/^[a-z+]+:/, 'http:'));
  const probe = `const s=require('net').connect(${Number(port || 2113)},${JSON.stringify(hostname)});
    s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000);`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5_000 }).status === 0;
}

const live = URL_ !== undefined && reachable(URL_);
const namespace = (): string => `t${randomBytes(6).toString('hex')}-`;

async function esdbHandle(url: string): Promise<ContractHandle> {
  const naming = new StreamNaming(namespace(), ['']);
  const open = (): EventStoreDbEventStore =>
    new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), naming, 10_000);
  const opened = [open()];
  const raw = EventStoreDBClient.connectionString(url);
  return {
    store: opened[0],
    async reopen() {
      opened.push(open());
      return opened[opened.length - 1];
    },
    // EventStoreDB never rewrites an event: copy this store's log into a new namespace, one event
    // altered, and point the store there — what a reader would see had the bytes been changed.
    async tamper(stream, revision) {
      const from = naming.namespace;
      const to = namespace();
      for await (const { event: e } of raw.readAll()) {
        const name = e && naming.fromEsdb(e.streamId);
        if (!e || name === undefined) continue;
        const altered = name === stream && Number(e.revision) === revision;
        const data = (altered ? { tampered: true } : e.data) as JSONType;
        await raw.appendToStream(
          to + e.streamId.slice(from.length),
          jsonEvent({ type: e.type, data, metadata: e.metadata }),
          { expectedRevision: ANY },
        );
      }
      naming.namespace = to;
    },
    childOptions: { connectionString: url, namespace: naming.namespace, streamPrefixes: [''] },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      await raw.dispose();
    },
  };
}

if (live) {
  describeEventStoreContract('eventstoredb', {
    create: () => esdbHandle(URL_!),
    child: {
      module: join(__dirname, 'eventstoredb', 'open-eventstoredb-event-store.ts'),
      exportName: 'openEventStoreDbEventStore',
    },
    openUnreachable: () =>
      openEventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false', deadlineMs: 2_000 }),
  });
} else {
  process.stderr.write(`EventStoreDB contract NOT RUN: no server at ${where}\n`);
  describe('eventstoredb event store contract', () => {
    it.skip(`NOT RUN: no EventStoreDB server at ${where}`, () => undefined);
  });
}
