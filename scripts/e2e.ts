/**
 * `npm run test:e2e`: build the web app the relay serves, then run the Playwright suite (e2e/).
 * Extra arguments go to Playwright, e.g. `npm run test:e2e -- e2e/smoke.spec.ts`.
 */
import { spawnSync } from 'node:child_process';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('vite', ['build', '--logLevel', 'warn']);
run('playwright', ['test', ...process.argv.slice(2)]);
