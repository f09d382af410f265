// First-load JavaScript of the built staff app: every module script index.html loads, plus the
// chunks those import statically, gzipped. Exits non-zero above the limit. Also refuses inline
// scripts and inline styles in index.html (the server's CSP allows neither).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 250;
const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/staff-web');
const html = readFileSync(join(out, 'index.html'), 'utf8');

if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html) || /\sstyle=|<style/i.test(html)) {
  console.error('index.html has an inline script or style; the CSP would block it');
  process.exit(1);
}

const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(out, file), 'utf8');
  // Static imports only: `import ... from "./x.js"` and `import "./x.js"`, never `import("./x.js")`.
  for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    queue.push(join(dirname(file), spec));
  }
}

const bytes = [...seen].reduce((sum, file) => sum + gzipSync(readFileSync(join(out, file))).length, 0);
const kb = Math.round(bytes / 100) / 10;
console.log(`first load: ${kb} kB gzipped (limit ${LIMIT_KB} kB) in ${seen.size} file(s): ${[...seen].join(', ')}`);
if (kb > LIMIT_KB) process.exit(1);
