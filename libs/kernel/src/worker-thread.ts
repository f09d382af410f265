import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Loads a TypeScript worker through swc when the code runs from source (the test runner). The event
 * store's writer thread keeps a copy of its own: that library runs in child processes without the
 * `@app/` paths.
 */
const TS_BOOT = `
const fs = require('fs'), Module = require('module'), { workerData } = require('worker_threads');
const swc = require(workerData.swc);
Module._extensions['.ts'] = (m, file) => {
  const { code } = swc.transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  m._compile(code, file);
};
require(workerData.entry);
`;

/**
 * Starts the worker thread `entry` (a path without extension, beside the caller): the compiled `.js`
 * when the caller runs compiled, the `.ts` source through swc when it runs from source.
 */
export function startWorkerThread(entry: string, callerFile: string, workerData: object): Worker {
  const file = `${entry}${extname(callerFile)}`;
  return file.endsWith('.ts')
    ? new Worker(TS_BOOT, {
        eval: true,
        workerData: { ...workerData, entry: file, swc: require.resolve('@swc/core') },
      })
    : new Worker(file, { workerData });
}
