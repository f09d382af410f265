/**
 * `npm run bench`: runs every scenario of every `*.bench.js` beside this file (or those whose file
 * name contains one of the words given as arguments), printing one JSON line per scenario and a
 * readable table at the end.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModule, ScenarioResult } from './bench.types';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort();
  const results: ScenarioResult[] = [];
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as BenchModule;
    for (const scenario of mod.scenarios) {
      const result = await scenario.run();
      results.push(result);
      process.stdout.write(JSON.stringify(result) + '\n');
    }
  }
  process.stdout.write('\n');
  for (const r of results) process.stdout.write(`${r.scenario.padEnd(48)} ${r.summary}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
