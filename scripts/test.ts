/**
 * `npm test`: everything that guards the project, in order, stopping at the first failure.
 * lint → typecheck → unit/property/integration tests (vitest) → end-to-end (Playwright).
 */
import { spawnSync } from 'node:child_process';

console.log(`Loupe test run on Node ${process.version}`);
if (!process.version.startsWith('v24.')) {
  console.error('Loupe requires Node 24: run through npm (npm test) so node_modules/.bin/node is used.');
  process.exit(1);
}

const steps: Array<[string, string, string[]]> = [
  ['lint', 'biome', ['check', '.']],
  ['typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['unit, property and integration tests', 'vitest', ['run']],
  ['end-to-end tests', 'node', ['scripts/e2e.ts']],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
