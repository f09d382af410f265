import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const STAFF_WEB_DIST = join(ROOT, 'dist', 'staff-web');

/**
 * Builds the staff web app (`vite build` into dist/staff-web) when its index.html is missing or older
 * than a source of the app, under a lock so spec files running side by side build it once. Returns
 * how long the build took in ms (0: it was up to date).
 */
export function ensureStaffWebBuilt(): number {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const out = execFileSync(
    'flock',
    [
      join(ROOT, '.tmp', 'staff-web-build.lock'),
      process.execPath,
      join(__dirname, 'staff-web-build.child.mjs'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000, encoding: 'utf8' },
  );
  return (JSON.parse(out.trim().split('\n').pop() as string) as { builtMs: number }).builtMs;
}
