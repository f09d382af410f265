// Run under flock by staff-web-build.ts: builds the staff web app when its build is missing or older
// than a source file (tests of the app itself do not count), and prints {"builtMs": <ms or 0>}.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !/\.test\.tsx?$/.test(e.name))
    .reduce((max, e) => {
      const path = join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
const index = join(root, 'dist', 'staff-web', 'index.html');
let builtMs = 0;
if (!existsSync(index) || statSync(index).mtimeMs < newest(join(root, 'apps', 'staff-web'))) {
  const started = Date.now();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/staff-web/vite.config.ts', '--logLevel', 'error'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  builtMs = Date.now() - started;
}
console.log(JSON.stringify({ builtMs }));
