import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

/**
 * Compiles `.ts` on require with swc (decorators and their metadata, as Nest needs) and resolves the
 * `@app/*` paths of tsconfig.json, then runs the CLI's entry: no build needed.
 */
const BOOT = `
const fs = require('fs'), path = require('path'), Module = require('module');
const [swcPath, root, entry] = process.argv.slice(1, 4);
const swc = require(swcPath);
const paths = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions.paths;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = paths[request];
  return resolveFilename.call(this, mapped ? path.join(root, mapped[0]) : request, ...rest);
};
Module._extensions['.ts'] = (m, file) => {
  const { code } = swc.transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file,
    jsc: { parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  m._compile(code, file);
};
process.argv.splice(1, 3, entry);
require(entry);
`;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry of this repository (`@app/*` paths, Nest decorators) in a child process
 * with the given environment (and this one's PATH), stdout and stderr piped. No build needed.
 */
export function spawnTsProcess(
  entry: string,
  args: string[],
  env: Record<string, string>,
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['-e', BOOT, require.resolve('@swc/core'), ROOT, entry, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `tafel <args>` in a child process with the given environment (added to this one's PATH etc.). */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawnTsProcess(join(ROOT, 'apps/cli/src/main.ts'), args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
