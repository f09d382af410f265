/**
 * The service under a bench: started as `npm start` starts it (a child process), optionally under
 * strace to count its fsyncs by thread; and the API's token for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where `strace` is, if this machine has it: the service then runs under it to count its fsyncs. */
const STRACE = ['/usr/bin/strace', '/bin/strace'].find((f) => existsSync(f));

/** The fsyncs (and fdatasyncs) one process made, by thread and by file. */
export interface FsyncCount {
  total: number;
  /** On the main thread, the one that runs the event loop (its thread id is the process id). */
  mainThread: number;
  /** By file name (e.g. `events.db-wal`), any thread. */
  byFile: Record<string, number>;
  /** By file name, on the main thread. */
  mainThreadByFile: Record<string, number>;
}

/** Counts the fsyncs of a trace `strace -f -y -e trace=fsync,fdatasync` wrote; `main` is the process id. */
export function countFsyncs(trace: string, main: number): FsyncCount {
  const count: FsyncCount = { total: 0, mainThread: 0, byFile: {}, mainThreadByFile: {} };
  for (const line of trace.split('\n')) {
    const m = /^(\d+)\s+f(?:data)?sync\(\d+<([^>]*)>\)/.exec(line);
    if (!m) continue;
    const file = basename(m[2]);
    count.total++;
    count.byFile[file] = (count.byFile[file] ?? 0) + 1;
    if (Number(m[1]) === main) {
      count.mainThread++;
      count.mainThreadByFile[file] = (count.mainThreadByFile[file] ?? 0) + 1;
    }
  }
  return count;
}

/** A child process of ours (or of `strace`, when traced) and the pid of the traced node process. */
export interface Service {
  child: ChildProcess;
  pid: number;
  trace?: string;
}

export function startProcess(
  args: string[],
  env: Record<string, string>,
  readyText: RegExp,
): Promise<ChildProcess> {
  return startTraced(args, env, readyText).then((s) => s.child);
}

/**
 * Starts node with `args`; with `trace` (a file) and strace on the machine, under
 * `strace -f --seccomp-bpf` tracing only fsync and fdatasync (the other system calls run untraced).
 */
export function startTraced(
  args: string[],
  env: Record<string, string>,
  readyText: RegExp,
  trace?: string,
): Promise<Service> {
  const traced = trace !== undefined && STRACE !== undefined;
  const [file, argv] = traced
    ? [
        STRACE!,
        [
          '-f',
          '--seccomp-bpf',
          '-qq',
          '-y',
          '-e',
          'trace=fsync,fdatasync',
          '-o',
          trace,
          process.execPath,
          ...args,
        ],
      ]
    : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
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
        const pid = traced ? childOf(child.pid!) : child.pid!;
        resolve({ child, pid, ...(traced ? { trace } : {}) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (seen += c.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${seen.slice(-2000)}`)));
  });
}

/** The one child of a process (strace's node). */
function childOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return Number(children[0]);
}

export async function stop(child: ChildProcess, pid = child.pid!): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    process.kill(pid, 'SIGTERM');
  });
}

/** Writes a tokens file with one admin token; answers the token and the file. */
export function adminToken(dir: string): { token: string; tokensFile: string } {
  const token = randomBytes(16).toString('hex');
  const tokensFile = join(dir, 'tokens.json');
  const actor = { id: 'bench-admin', name: 'Bench', role: 'admin' };
  writeFileSync(
    tokensFile,
    JSON.stringify([{ tokenSha256: createHash('sha256').update(token).digest('hex'), actor }]),
  );
  return { token, tokensFile };
}

/** A POST to the API that answers its JSON body, or throws with the status and problem. */
export type Post = (path: string, body: unknown) => Promise<{ id: string; participantId?: string }>;

/** POSTs with the admin token to the API at `base`. */
export function poster(base: string, token: string): Post {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return async (path, body) => {
    const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; participantId?: string };
  };
}

/** A case requested, through intake, with a coordinator and `participants` invited: its id and theirs. */
export async function caseWithParticipants(
  post: Post,
  participants: number,
  i = 0,
): Promise<{ id: string; pids: string[] }> {
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
  for (let p = 0; p < participants; p++)
    pids.push(
      (await post(`/v1/cases/${id}/participants`, { name: `P${p}`, role: 'neighbour' })).participantId!,
    );
  return { id, pids };
}
