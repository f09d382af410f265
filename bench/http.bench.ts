/**
 * The admin API under load: the service started as `npm start` runs it (a child process on a fresh
 * data directory), many cases, a mix of steps, autocannon with 50 connections for 10 s; beside it the
 * two ceilings of `ceiling-server` in the same run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { ScenarioResult } from './bench.types';
import {
  adminToken,
  caseWithParticipants,
  countFsyncs,
  poster,
  startProcess,
  startTraced,
  stop,
  type FsyncCount,
} from './processes';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Cases set up before the load (BENCH_HTTP_CASES; the memory run uses 100,000). */
const CASES = Number(process.env.BENCH_HTTP_CASES ?? 1000);
const SETUP_CONCURRENCY = 20;
const ROOT = join(__dirname, '..');

interface Load {
  stepsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
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

/**
 * The shapes measured: `one process` is `npm start` as is (projections, dispatcher and read log in the
 * API process, `TAFEL_WORKER=on`); `api + worker` moves them to `npm run start:worker` beside it, so
 * a step's cost does not include the projections it triggers.
 */
type Shape = 'one process' | 'api + worker';

interface TafelLoad extends Load {
  /** The API process's fsyncs while the load ran (not during the set-up); absent without strace. */
  fsyncs?: FsyncCount;
  /** The API process's resident memory in MB, sampled each second of the load: first, largest, last. */
  rssMb: { first: number; max: number; last: number };
}

/** Resident memory of a process in MB (`VmRSS` of `/proc/<pid>/status`). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

async function tafel(dir: string, shape: Shape): Promise<TafelLoad> {
  const { token, tokensFile } = adminToken(dir);
  const port = 3900 + Math.floor(Math.random() * 50);
  const env = {
    PORT: String(port),
    TAFEL_DATA_DIR: dir,
    TAFEL_TOKENS_FILE: tokensFile,
    TAFEL_WORKER: shape === 'one process' ? 'on' : 'off',
  };
  const trace = join(dir, 'fsyncs.trace');
  const api = await startTraced(
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
      join(ROOT, 'apps/admin-api/src/main.js'),
    ],
    env,
    /Tafel admin API on/,
    trace,
  );
  const worker =
    shape === 'api + worker'
      ? await startProcess([join(ROOT, 'apps/worker/src/main.js')], env, /Tafel worker running/).catch(
          async (e: unknown) => {
            await stop(api.child, api.pid);
            throw e;
          },
        )
      : undefined;
  try {
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = poster(base, token);
    const setUp = (i: number) => caseWithParticipants(post, 2, i);
    // A realistic spread: many cases of about a dozen participants each, not a few huge ones.
    const cases: { id: string; pids: string[] }[] = [];
    for (let i = 0; i < CASES; i += SETUP_CONCURRENCY) {
      cases.push(...(await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, (_, k) => setUp(i + k)))));
    }
    let n = 0;
    const pick = () => cases[n++ % cases.length];
    const traceStart = api.trace ? statSync(api.trace).size : 0;
    const samples = [rssMb(api.pid)];
    const sampler = setInterval(() => samples.push(rssMb(api.pid)), 1000);
    const loaded = await load(base, [
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
    clearInterval(sampler);
    samples.push(rssMb(api.pid));
    const result: TafelLoad = {
      ...loaded,
      rssMb: { first: samples[0], max: Math.max(...samples), last: samples[samples.length - 1] },
    };
    if (api.trace) {
      await new Promise((r) => setTimeout(r, 200)); // strace writes what it saw last
      const during = readFileSync(api.trace).subarray(traceStart).toString();
      result.fsyncs = countFsyncs(during, api.pid);
    }
    return result;
  } finally {
    if (worker) await stop(worker);
    await stop(api.child, api.pid);
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

const perStep = (n: number, steps: number) => (steps > 0 ? (n / steps).toFixed(2) : '—');

function fsyncText(load: TafelLoad): string {
  const f = load.fsyncs;
  if (!f) return 'fsyncs not counted (no strace)';
  const steps = load.stepsPerSecond * DURATION_S;
  const files = Object.entries(f.mainThreadByFile)
    .map(([file, n]) => `${file} ${n}`)
    .join(', ');
  return (
    `fsyncs ${perStep(f.total, steps)}/step, on the main thread ${f.mainThread}` +
    `${files ? ` (${files})` : ''} (target 0 ${f.mainThread === 0 ? '✓' : '✗'})`
  );
}

async function run(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-http-'));
  try {
    // BENCH_HTTP_SHAPE=api+worker (or one-process) measures one shape only (the long memory run).
    const only = process.env.BENCH_HTTP_SHAPE?.replace(/[^a-z]+/g, ' ');
    const shapes = (['api + worker', 'one process'] as Shape[]).filter(
      (shape) => !only || shape.replace(/[^a-z]+/g, ' ') === only,
    );
    const tafels: TafelLoad[] = [];
    for (const shape of shapes) {
      const sub = join(dir, shape.replace(/\W+/g, '-'));
      mkdirSync(sub);
      tafels.push(await tafel(sub, shape));
      // At once, so a long run (the memory run) shows its figure before the ceilings run.
      process.stdout.write(
        `${JSON.stringify({ scenario: 'http.steps', shape, ...tafels[tafels.length - 1] })}\n`,
      );
    }
    // BENCH_HTTP_CEILINGS=off leaves the ceilings out (the memory run measures the service alone).
    if (process.env.BENCH_HTTP_CEILINGS === 'off')
      return { scenario: 'http.steps', summary: 'ceilings left out (BENCH_HTTP_CEILINGS=off)', tafels };
    const single = await ceiling('single', dir);
    const shared = await ceiling('shared', dir);
    const lines = tafels.map((t, i) => {
      const vsSingle = t.stepsPerSecond / single.stepsPerSecond;
      const vsShared = t.stepsPerSecond / shared.stepsPerSecond;
      const met = (ok: boolean) => (ok ? '✓' : '✗');
      return (
        `${shapes[i]}: ${t.stepsPerSecond} steps/s p50 ${t.p50} ms p99 ${t.p99} ms (non-2xx ${t.non2xx}); ` +
        `×${vsSingle.toFixed(2)} of 1 commit/request (target ≥1.0 ${met(vsSingle >= 1)}), ` +
        `×${vsShared.toFixed(2)} of shared commits (target ≥0.3 ${met(vsShared >= 0.3)}), ` +
        `p99 ×${(t.p99 / single.p99).toFixed(2)} of the ceiling's (target ≤2 ${met(t.p99 <= 2 * single.p99)}); ` +
        fsyncText(t) +
        `; RSS ${t.rssMb.first} → ${t.rssMb.last} MB (max ${t.rssMb.max})`
      );
    });
    return {
      scenario: 'http.steps',
      connections: CONNECTIONS,
      seconds: DURATION_S,
      tafel: Object.fromEntries(shapes.map((shape, i) => [shape, tafels[i]])),
      ceilingOneCommitPerRequest: single,
      ceilingSharedCommits: shared,
      summary:
        `bare 1 commit/request ${single.stepsPerSecond}/s p99 ${single.p99} ms, ` +
        `bare shared commits ${shared.stepsPerSecond}/s p99 ${shared.p99} ms\n` +
        lines.map((l) => `${''.padEnd(49)}${l}`).join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios = [{ name: 'http.steps', run }];
