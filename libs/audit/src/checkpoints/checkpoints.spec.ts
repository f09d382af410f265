import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashEvent, type EventStore, type StoredEvent } from '@app/event-store';
import { InMemoryEventStore, newEvent } from '@app/event-store/testing';
import { CHECKPOINTS_STREAM, keyIdOf, signCheckpoint, signatureHolds, type Checkpoint } from './checkpoint';
import { CheckpointAudit, checkpointsIn } from './checkpoint-audit';
import { Checkpointer } from './checkpointer';
import { GENESIS_HEAD, foldHead, nextHead } from './log-head';
import { publicKeyPem, readPublicKey, resolveSigningKey, type SigningKey } from './signing-key';

const keyPair = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, source: 'test' };
};

describe('the running head of the log', () => {
  const e = { position: 7, stream: 'case-1', revision: 2, hash: 'ab'.repeat(32) };

  it('is SHA-256 over the previous head, the position, the stream, the revision and the stored hash', () => {
    const u64 = (n: number) => Buffer.from(n.toString(16).padStart(16, '0'), 'hex');
    const len = (s: string) => Buffer.from(s.length.toString(16).padStart(8, '0'), 'hex');
    const expected = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.alloc(32),
          u64(7),
          len('case-1'),
          Buffer.from('case-1'),
          u64(2),
          len(e.hash),
          Buffer.from(e.hash),
        ]),
      )
      .digest('hex');
    expect(nextHead(GENESIS_HEAD, e)).toBe(expected);
    expect(foldHead(GENESIS_HEAD, [e, e])).toBe(nextHead(expected, e));
  });

  it('changes with every field, and fields cannot run into each other', () => {
    const base = nextHead(GENESIS_HEAD, e);
    const variants = [
      { ...e, position: 8 },
      { ...e, revision: 3 },
      { ...e, stream: 'case-2' },
      { ...e, hash: 'cd'.repeat(32) },
      { ...e, stream: 'case-1a', hash: 'b'.repeat(63) },
    ];
    const heads = variants.map((v) => nextHead(GENESIS_HEAD, v));
    expect(new Set([base, ...heads]).size).toBe(variants.length + 1);
    expect(() => nextHead('not a head', e)).toThrow(/not a log head/);
  });
});

describe('signed checkpoints', () => {
  const key = keyPair();
  const signed = signCheckpoint(key.privateKey, {
    position: 42,
    head: 'ef'.repeat(32),
    signedAt: '2026-03-02T09:10:00.000Z',
  });

  it('are Ed25519 signatures (base64) over position, head and time, named by a fingerprint of the key', () => {
    expect(signed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(signed.keyId).toBe(keyIdOf(key.publicKey));
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(signatureHolds(key.publicKey, signed)).toBe(true);
  });

  it.each<[string, Partial<Checkpoint>]>([
    ['position', { position: 41 }],
    ['head', { head: 'ee'.repeat(32) }],
    ['signedAt', { signedAt: '2026-03-02T09:10:00.001Z' }],
    ['signature', { signature: 'AAAA' }],
  ])('do not hold once the %s changes', (_, change) => {
    expect(signatureHolds(key.publicKey, { ...signed, ...change })).toBe(false);
  });

  it('do not hold under another key', () => {
    expect(signatureHolds(keyPair().publicKey, signed)).toBe(false);
  });
});

describe('the signing key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-signing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once in a 0600 file, read again the next time, and never made when asked not to', () => {
    const settings = { signingKeyFile: join(dir, 'signing.key') };
    expect(resolveSigningKey(settings, { create: false })).toBeUndefined();
    const logged: string[] = [];
    const made = resolveSigningKey(settings, { create: true, log: (m) => logged.push(m) })!;
    expect(statSync(settings.signingKeyFile).mode & 0o777).toBe(0o600);
    expect(logged.join()).toContain(settings.signingKeyFile);
    expect(logged.join()).not.toContain('PRIVATE KEY');
    const again = resolveSigningKey(settings, { create: true })!;
    expect(keyIdOf(again.publicKey)).toBe(keyIdOf(made.publicKey));
    expect(keyIdOf(readPublicKey(settings.signingKeyFile))).toBe(keyIdOf(made.publicKey));
    const pemFile = join(dir, 'public.pem');
    writeFileSync(pemFile, publicKeyPem(made.publicKey));
    expect(readFileSync(pemFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keyIdOf(readPublicKey(pemFile))).toBe(keyIdOf(made.publicKey));
  });

  it('comes from TAFEL_SIGNING_KEY as PEM or as base64 DER, before any file', () => {
    const { privateKey } = keyPair();
    const id = keyIdOf(createPublicKey(privateKey));
    const file = join(dir, 'never.key');
    for (const signingKey of [
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    ]) {
      const key = resolveSigningKey({ signingKey, signingKeyFile: file }, { create: true })!;
      expect([key.source, keyIdOf(key.publicKey)]).toEqual(['TAFEL_SIGNING_KEY', id]);
    }
    expect(() => statSync(file)).toThrow();
  });
});

describe('the leader checkpointer', () => {
  let t = Date.parse('2026-03-02T09:00:00Z');
  const clock = { now: () => new Date(t) };
  const key = keyPair();
  const minutes = (n: number) => (t += n * 60_000);

  /** A store whose readAll calls are recorded (where each started). */
  function recorded(store: EventStore) {
    const starts: (number | undefined)[] = [];
    const readAll: EventStore['readAll'] = (o) => (starts.push(o?.fromPosition), store.readAll(o));
    return { store: Object.assign(Object.create(store) as EventStore, { readAll }), starts };
  }
  const append = (store: EventStore, stream: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, () => store.append(stream, [newEvent()], { expectedRevision: 'any' })),
    );
  const checkpointer = (store: EventStore) =>
    new Checkpointer(store, clock, key, { every: 3, intervalMs: 600_000 });

  it('signs after every `every` new events, covering every event up to that position', async () => {
    const store = new InMemoryEventStore();
    await append(store, 'case-a', 4);
    await append(store, 'access-a', 3);
    const signed = await checkpointer(store).round();
    const log = await store.readAll();
    expect(signed.map((c) => c.position)).toEqual([3, 6]);
    for (const c of signed) {
      expect(c.head).toBe(
        foldHead(
          GENESIS_HEAD,
          log.filter((e) => e.position <= c.position),
        ),
      );
      expect(signatureHolds(key.publicKey, c)).toBe(true);
    }
    const kept = await store.read(CHECKPOINTS_STREAM);
    expect(kept.map((e) => [e.type, e.data])).toEqual(signed.map((c) => ['LogCheckpointSigned', c]));
    expect(kept.map((e) => e.position)).toEqual([8, 9]);
  });

  it('signs what is new once the interval has passed by the clock, and nothing when nothing is new', async () => {
    const store = new InMemoryEventStore();
    const leader = checkpointer(store);
    await append(store, 'case-a', 1);
    expect(await leader.round()).toEqual([]);
    minutes(9);
    expect(await leader.round()).toEqual([]);
    minutes(1);
    const [first] = await leader.round();
    expect(first).toMatchObject({ position: 1, signedAt: clock.now().toISOString() });
    minutes(30);
    // Only the checkpoint's own event came since: it does not count as new.
    expect(await leader.round()).toEqual([]);
    await append(store, 'case-b', 1);
    minutes(10);
    const [second] = await leader.round();
    expect(second.position).toBe(3);
    // The first checkpoint's event (position 2) is covered too.
    expect(second.head).toBe(foldHead(GENESIS_HEAD, await store.readAll({ limit: 3 })));
  });

  it('counts the interval of a log without checkpoints from when it began to lead', async () => {
    const store = new InMemoryEventStore();
    const leader = checkpointer(store);
    leader.start();
    minutes(10);
    await append(store, 'case-a', 1);
    try {
      expect(await leader.round()).toHaveLength(1);
    } finally {
      await leader.stop();
    }
  });

  it('resumes the head from the last checkpoint in the log, without reading the log before it', async () => {
    const store = new InMemoryEventStore();
    await append(store, 'case-a', 7);
    await checkpointer(store).round(); // at 3 and 6; their events at 8 and 9
    await append(store, 'case-a', 2);
    const { store: watched, starts } = recorded(store);
    const [next] = await checkpointer(watched).round();
    expect(starts[0]).toBe(6);
    expect(next.position).toBe(11);
    expect(next.head).toBe(
      foldHead(
        GENESIS_HEAD,
        (await store.readAll()).filter((e) => e.position <= 11),
      ),
    );
  });

  it('never runs two rounds at once, and a second leader only meets a conflict', async () => {
    const store = new InMemoryEventStore();
    await append(store, 'case-a', 3);
    const leader = checkpointer(store);
    const [a, b] = await Promise.all([leader.round(), leader.round()]);
    expect([a.length, b.length]).toEqual([1, 0]);
    await append(store, 'case-a', 3);
    const [one, two] = [checkpointer(store), checkpointer(store)];
    await one.round();
    await append(store, 'case-a', 3);
    await expect(two.round()).resolves.toHaveLength(1); // resumed from the log: after one's checkpoint
    expect((await store.read(CHECKPOINTS_STREAM)).map((e) => (e.data as Checkpoint).position)).toEqual([
      3, 7, 11,
    ]);
  });
});

describe('a checkpoint audit over the log', () => {
  const key = keyPair();
  let t = Date.parse('2026-03-02T09:00:00Z');
  const clock = { now: () => new Date((t += 1000)) };

  async function signedLog() {
    const store = new InMemoryEventStore();
    for (let i = 0; i < 4; i++)
      for (const stream of ['case-a', 'case-b', 'access-a'])
        await store.append(stream, [newEvent({ i })], { expectedRevision: 'any' });
    await new Checkpointer(store, clock, key, { every: 4, intervalMs: 600_000 }).round();
    return store.readAll();
  }

  function audit(log: StoredEvent[], publicKey = key.publicKey, pageSize = 5) {
    const { checkpoints } = checkpointsIn(log.filter((e) => e.stream === CHECKPOINTS_STREAM));
    const a = new CheckpointAudit(checkpoints, publicKey);
    for (let i = 0; i < log.length; i += pageSize) a.check(log.slice(i, i + pageSize));
    a.finish();
    return a.summary();
  }

  /** Re-chains one stream after an edit, as an insider who knows the hash function would. */
  function rechain(log: StoredEvent[], stream: string, edit: (events: StoredEvent[]) => StoredEvent[]) {
    const others = log.filter((e) => e.stream !== stream);
    const events = edit(log.filter((e) => e.stream === stream).map((e) => ({ ...e })));
    events.forEach((e, i) => {
      e.revision = i;
      e.prevHash = i === 0 ? null : events[i - 1].hash;
      e.hash = hashEvent(e);
    });
    return [...others, ...events].sort((a, b) => a.position - b.position);
  }

  it('finds every checkpoint of an untouched log holding, in one pass or resumed between pages', async () => {
    const log = await signedLog();
    expect(audit(log)).toEqual({ valid: true, checkpoints: 3, coveredUpTo: 12, faults: [] });
    const { checkpoints } = checkpointsIn(log.filter((e) => e.stream === CHECKPOINTS_STREAM));
    const first = new CheckpointAudit(checkpoints, key.publicKey);
    first.check(log.slice(0, 6));
    const resumed = new CheckpointAudit(
      checkpoints,
      key.publicKey,
      JSON.parse(JSON.stringify(first.state())),
    );
    resumed.check(log.slice(6));
    resumed.finish();
    expect(resumed.summary()).toEqual(audit(log));
  });

  it.each<[string, (log: StoredEvent[]) => StoredEvent[], number]>([
    [
      'an event rewritten and its chain re-hashed',
      (log) => rechain(log, 'case-b', (es) => ((es[1].data = { i: 'forged' }), es)),
      8,
    ],
    ['a deleted stream', (log) => log.filter((e) => e.stream !== 'access-a'), 4],
    ["a stream's tail cut off", (log) => log.filter((e) => !(e.stream === 'case-a' && e.revision >= 2)), 8],
    [
      'an event taken out of the middle, re-chained',
      (log) => rechain(log, 'case-a', (es) => es.filter((e) => e.revision !== 1)),
      4,
    ],
  ])('names the first checkpoint that no longer matches after %s', async (_, tamper, firstBad) => {
    const summary = audit(tamper(await signedLog()));
    expect(summary.valid).toBe(false);
    expect(summary.faults[0]).toMatchObject({ position: firstBad, reason: 'head-mismatch' });
    expect(summary.faults.every((f) => f.reason === 'head-mismatch')).toBe(true);
  });

  it('refuses a checkpoint whose signature does not hold, and one signed by another key', async () => {
    const log = await signedLog();
    const forged = log.map((e) =>
      e.stream === CHECKPOINTS_STREAM && e.revision === 1
        ? { ...e, data: { ...(e.data as Checkpoint), head: 'ab'.repeat(32) } }
        : e,
    );
    expect(audit(forged).faults).toEqual([expect.objectContaining({ position: 8, reason: 'bad-signature' })]);
    const other = keyPair().publicKey;
    expect(audit(log, other).faults.map((f) => f.reason)).toEqual(['other-key', 'other-key', 'other-key']);
  });

  it('reads a checkpoint event without the shape of one as malformed', async () => {
    const log = await signedLog();
    const cps = log.filter((e) => e.stream === CHECKPOINTS_STREAM);
    const { checkpoints, malformed } = checkpointsIn([
      ...cps,
      { ...cps[0], position: 99, data: { head: 1 } },
    ]);
    expect(checkpoints).toHaveLength(3);
    expect(malformed).toEqual([{ position: 99, reason: 'malformed' }]);
  });
});
