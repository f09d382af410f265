/**
 * The admin API under load: the service started as `npm start` runs it (a child process on a fresh
 * data directory), many cases, a mix of steps, autocannon with 50 connections for 10 s; beside it the
 * two ceilings of `ceiling-server` in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { ScenarioResult } from './bench.types';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CASES = 1000;
const SETUP_CONCURRENCY = 20;
const ROOT = join(__dirname, '..');

interface Load {
  stepsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function startProcess(args: string[], env: Record<string, string>, readyText: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`not ready: ${seen.slice(-2000)}`)), 30_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (readyText.test(seen)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (seen += c.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${seen.slice(-2000)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function load(url: string, requests: autocannon.Request[]): Promise<Load> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests }, (err, r) => {
      if (err) return reject(err);
      resolve({
        stepsPerSecond: Math.round((r.requests.total - r.non2xx) / DURATION_S),
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}

async function tafel(dir: string): Promise<Load> {
  const token = randomBytes(16).toString('hex');
  const tokensFile = join(dir, 'tokens.json');
  const actor = { id: 'bench-admin', name: 'Bench', role: 'admin' };
  writeFileSync(
    tokensFile,
    JSON.stringify([{ tokenSha256: createHash('sha256').update(token).digest('hex'), actor }]),
  );
  const port = 3900 + Math.floor(Math.random() * 50);
  const env = { PORT: String(port), TAFEL_DATA_DIR: dir, TAFEL_TOKENS_FILE: tokensFile };
  const child = await startProcess(
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
      join(ROOT, 'apps/admin-api/src/main.js'),
    ],
    env,
    /Tafel admin API on/,
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; participantId?: string };
    };
    const setUp = async (i: number) => {
      const { id } = await post('/v1/cases', {
        kind: 'group',
        applicant: { name: `Aanvrager ${i}` },
        region: `Regio ${i % 7}`,
        description: 'Benchmark',
        channel: 'online',
      });
      await post(`/v1/cases/${id}/intake`, { conferenceQuestions: ['Hoe verder?'] });
      await post(`/v1/cases/${id}/coordinator`, {
        coordinatorId: 'c',
        name: 'C',
        email: 'c@example.org',
        independenceDeclared: true,
      });
      const pids: string[] = [];
      for (let p = 0; p < 2; p++) {
        pids.push(
          (await post(`/v1/cases/${id}/participants`, { name: `P${p}`, role: 'neighbour' })).participantId!,
        );
      }
      return { id, pids };
    };
    // A realistic spread: many cases of about a dozen participants each, not a few huge ones.
    const cases: { id: string; pids: string[] }[] = [];
    for (let i = 0; i < CASES; i += SETUP_CONCURRENCY) {
      cases.push(...(await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, (_, k) => setUp(i + k)))));
    }
    let n = 0;
    const pick = () => cases[n++ % cases.length];
    return await load(base, [
      {
        method: 'POST',
        headers,
        setupRequest: (req) => {
          const c = pick();
          const step = n % 3;
          if (step === 0)
            return {
              ...req,
              path: `/v1/cases/${c.id}/participants`,
              body: JSON.stringify({ name: 'Nieuw', role: 'other' }),
            };
          if (step === 1)
            return { ...req, path: `/v1/cases/${c.id}/participants/${c.pids[0]}/preparation`, body: '{}' };
          return {
            ...req,
            path: `/v1/cases/${c.id}/participants/${c.pids[1]}/answer`,
            body: JSON.stringify({ answer: 'accepted' }),
          };
        },
      },
    ]);
  } finally {
    await stop(child);
  }
}

async function ceiling(mode: 'single' | 'shared', dir: string): Promise<Load> {
  const port = 3950 + Math.floor(Math.random() * 40);
  const child = await startProcess(
    [join(__dirname, 'ceiling-server.js'), mode, String(port), join(dir, `${mode}.db`)],
    {},
    /ready/,
  );
  try {
    let n = 0;
    return await load(`http://127.0.0.1:${port}`, [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          path: `/v1/cases/case-${n++ % CASES}/steps`,
          body: JSON.stringify({ answer: 'accepted' }),
        }),
      },
    ]);
  } finally {
    await stop(child);
  }
}

async function run(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-http-'));
  try {
    const service = await tafel(dir);
    const single = await ceiling('single', dir);
    const shared = await ceiling('shared', dir);
    const vsSingle = service.stepsPerSecond / single.stepsPerSecond;
    const vsShared = service.stepsPerSecond / shared.stepsPerSecond;
    return {
      scenario: 'http.steps',
      connections: CONNECTIONS,
      seconds: DURATION_S,
      tafel: service,
      ceilingOneCommitPerRequest: single,
      ceilingSharedCommits: shared,
      ratioToOneCommitPerRequest: Number(vsSingle.toFixed(2)),
      ratioToSharedCommits: Number(vsShared.toFixed(2)),
      summary:
        `${service.stepsPerSecond} steps/s p50 ${service.p50} ms p99 ${service.p99} ms (non-2xx ${service.non2xx}); ` +
        `bare 1 commit/request ${single.stepsPerSecond}/s (×${vsSingle.toFixed(2)}, target >1), ` +
        `bare shared commits ${shared.stepsPerSecond}/s (×${vsShared.toFixed(2)}, target ≥0.4); p99 target ≤20 ms`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios = [{ name: 'http.steps', run }];
