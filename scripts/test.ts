/**
 * `npm test`: everything that guards the project, in order, stopping at the first failure.
 * lint → typecheck → unit/property/integration tests (vitest) → the date-sensitive tests again on a
 * faked clock at a month's last minute (faketime) → end-to-end (Playwright).
 */
import { spawnSync } from 'node:child_process';

console.log(`Loupe test run on Node ${process.version}`);
if (!process.version.startsWith('v24.')) {
  console.error('Loupe requires Node 24: run through npm (npm test) so node_modules/.bin/node is used.');
  process.exit(1);
}

/**
 * The last minute of this UTC month, as faketime reads it (local time): the rules and the validator
 * run again on a clock that crosses into the next month while they run (ledger months, demo history,
 * recovery windows). LOUPE_FAKE_CLOCK='YYYY-MM-DD HH:MM:SS' (local time) picks another instant.
 */
function monthsLastMinute(): string {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}:00`;
}
const fakeClock = process.env.LOUPE_FAKE_CLOCK ?? monthsLastMinute();
/** The files whose code reads the calendar: domain rules and the validator (ledger months, history). */
const DATED = ['domain', 'sync/server/validator'];

const steps: Array<[string, string, string[]]> = [
  ['lint', 'biome', ['check', '.']],
  ['typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['unit, property and integration tests', 'vitest', ['run']],
  [
    `the rules and the validator at a month's last minute (${fakeClock})`,
    'faketime',
    [fakeClock, 'vitest', 'run', '--project', 'node', ...DATED],
  ],
  ['end-to-end tests', 'node', ['scripts/e2e.ts']],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (cmd === 'faketime' && (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    console.log(
      `– ${name} skipped: faketime is not installed (Debian: apt-get install faketime; .ci/run does)`,
    );
    continue;
  }
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
