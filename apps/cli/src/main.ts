import { runCli } from './cli';

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
