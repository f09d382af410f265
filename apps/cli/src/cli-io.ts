/** What a command talks to: the process's streams and signal, or a test's. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** Standard input, read only by commands that ask for it (`rotate-master-key --new-key-stdin`). */
  stdin?: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Aborted on SIGINT: long work saves where it is and stops between two pages. */
  signal: AbortSignal;
  /** Milliseconds, for rates and time left (default `Date.now`). */
  now?: () => number;
}

/** Exit codes: 0 fine, 1 something invalid or not found, 2 usage, 78 configuration, 130 interrupted. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, config: 78, interrupted: 130 } as const;
