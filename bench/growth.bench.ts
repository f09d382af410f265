/**
 * How a step's cost grows with the case: cases of 10, 50 and 100 participants (the most a case may
 * have; the 200 is refused with PARTICIPANTS.TOO_MANY), and of about 20, 200
 * and 2,000 events (10 participants, prepared again and again), each then taking 100 steps one after
 * another through the HTTP API (the API beside a worker, as `http.steps` measures it). The cost may grow
 * at most logarithmically with the case's size: the target for a case k times larger is a CPU time per
 * step (the API process's; the latency, mostly the fsync, is printed beside it) at most 1 + log10(k)
 * times the smallest case's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ScenarioResult } from './bench.types';
import { adminToken, caseWithParticipants, poster, startProcess, stop } from './processes';
import { against } from './verdict';

const ROOT = join(__dirname, '..');
const STEPS = 100;

interface Size {
  participants: number;
  /** Events the case has before the measured steps (about). */
  events: number;
  medianMs: number;
  p90Ms: number;
  /** CPU time of the API process per step (user + system): what the case's size costs, fsyncs aside. */
  cpuMsPerStep: number;
}

/** CPU time a process has used so far, in ms (`/proc/<pid>/stat`: utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function run(): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tafel-bench-growth-'));
  const { token, tokensFile } = adminToken(dir);
  const port = 3850 + Math.floor(Math.random() * 40);
  const env = { PORT: String(port), TAFEL_DATA_DIR: dir, TAFEL_TOKENS_FILE: tokensFile, TAFEL_WORKER: 'off' };
  const api = await startProcess([join(ROOT, 'apps/admin-api/src/main.js')], env, /Tafel admin API on/);
  const worker = await startProcess([join(ROOT, 'apps/worker/src/main.js')], env, /Tafel worker running/);
  const base = `http://127.0.0.1:${port}`;
  const post = poster(base, token);

  /** A case with `participants` invited and `preparations` preparation steps spread over them. */
  const grown = async (participants: number, preparations: number) => {
    const { id, pids } = await caseWithParticipants(post, participants);
    for (let i = 0; i < preparations; i++)
      await post(`/v1/cases/${id}/participants/${pids[i % pids.length]}/preparation`, {
        notes: `Gesprek ${i}`,
      });
    return { id, pids, events: 3 + participants + preparations };
  };

  const measure = async (participants: number, preparations: number): Promise<Size> => {
    const c = await grown(participants, preparations);
    const times: number[] = [];
    const cpuBefore = cpuMs(api.pid!);
    for (let i = 0; i < STEPS; i++) {
      const start = performance.now();
      await post(`/v1/cases/${c.id}/participants/${c.pids[i % c.pids.length]}/preparation`, {});
      times.push(performance.now() - start);
    }
    const cpuMsPerStep = (cpuMs(api.pid!) - cpuBefore) / STEPS;
    times.sort((a, b) => a - b);
    return {
      cpuMsPerStep: Number(cpuMsPerStep.toFixed(2)),
      participants,
      events: c.events,
      medianMs: Number(quantile(times, 0.5).toFixed(2)),
      p90Ms: Number(quantile(times, 0.9).toFixed(2)),
    };
  };

  try {
    await measure(10, 0); // warm-up: the first case pays for compiling and caches
    const byParticipants = [await measure(10, 7), await measure(50, 0), await measure(100, 0)];
    const byEvents = [await measure(10, 7), await measure(10, 187), await measure(10, 1987)];
    const line = (sizes: Size[], size: (s: Size) => number, unit: string) =>
      sizes
        .map((s, i) => {
          const k = size(s) / size(sizes[0]);
          const growth = s.cpuMsPerStep / sizes[0].cpuMsPerStep;
          return (
            `${size(s)} ${unit}: CPU ${s.cpuMsPerStep} ms/step, latency median ${s.medianMs} ms, p90 ${s.p90Ms} ms` +
            (i === 0 ? '' : `, ×${against(growth, Number((1 + Math.log10(k)).toFixed(2)), '≤')}`)
          );
        })
        .join('; ');
    return {
      scenario: 'growth.step-latency',
      steps: STEPS,
      byParticipants,
      byEvents,
      summary:
        `participants — ${line(byParticipants, (s) => s.participants, 'participants')}\n${''.padEnd(49)}` +
        `events — ${line(byEvents, (s) => s.events, 'events')}`,
    };
  } finally {
    await stop(worker);
    await stop(api);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios = [{ name: 'growth.step-latency', run }];
