import { runCli } from './cli';

// Whatever this process makes (SQLite's -wal/-shm, any file or directory) is its owner's only.
process.umask(0o077);

const interrupt = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C does not wait for the current page.
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: interrupt.signal,
}).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e: unknown) => {
    process.stderr.write(`tafel: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
