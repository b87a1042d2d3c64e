/**
 * Runs the benchmarks: all, or those named on the command line (`npm run bench -- crdt`).
 * Each runs in its own Node process (no heap or JIT state carried from one to the next),
 * writes `bench/results/<name>.json`; this process prints the tables and rewrites
 * `bench/results/latest.md` from every result file. BENCH_SCALE=small for a quick run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachmentsBench } from './attachments.bench.ts';
import { coldStartBench } from './browser/cold-start.bench.ts';
import { scanToCartBench } from './browser/scan-to-cart.bench.ts';
import { clientSearchBench } from './client-search.bench.ts';
import { crdtBench } from './crdt.bench.ts';
import { crossInstanceBench } from './cross-instance.bench.ts';
import { importBench } from './import.bench.ts';
import { propagationBench } from './propagation.bench.ts';
import { replicatedBench } from './replicated.bench.ts';
import { reportsBench, reportsChainBench } from './reports.bench.ts';
import {
  type Bench,
  type BenchResult,
  machine,
  RESULTS_DIR,
  readResults,
  scale,
  toMarkdown,
  toTable,
  writeResult,
} from './stats.ts';
import { validatorBench } from './validator.bench.ts';
import { workListBench } from './work-list.bench.ts';

const BENCHES: readonly Bench[] = [
  validatorBench,
  propagationBench,
  crdtBench,
  coldStartBench,
  scanToCartBench,
  clientSearchBench,
  workListBench,
  attachmentsBench,
  importBench,
  reportsBench,
  reportsChainBench,
  crossInstanceBench,
  replicatedBench,
];

async function runOne(bench: Bench): Promise<BenchResult> {
  const t0 = performance.now();
  const out = await bench.run();
  const result: BenchResult = {
    name: bench.name,
    date: new Date().toISOString(),
    scale: scale(),
    machine: machine(),
    ...out,
    durationMs: performance.now() - t0,
  };
  writeResult(result);
  return result;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const bench = BENCHES.find((b) => b.name === args[1]);
    if (!bench) throw new Error(`no benchmark ${args[1]}`);
    await runOne(bench);
    // The result is written: leave now rather than wait for whatever a benchmark left running
    // (a relay document loaded during shutdown once kept its awareness timer alive for minutes).
    process.exit(0);
  }
  const unknown = args.filter((a) => !BENCHES.some((b) => b.name === a));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`,
    );
    return 2;
  }
  const selected =
    args.length > 0 ? BENCHES.filter((b) => args.includes(b.name)) : BENCHES.filter((b) => !b.onlyWhenNamed);
  const m = machine();
  console.log(
    `Loupe benchmarks · ${new Date().toISOString()} · scale ${scale()} · ${m.cpus} cpus (${m.cpuModel}) · Node ${m.node}`,
  );
  const self = fileURLToPath(import.meta.url);
  let failed = 0;
  const fresh: BenchResult[] = [];
  for (const bench of selected) {
    const child = spawnSync(process.execPath, [self, '--child', bench.name], {
      stdio: 'inherit',
      env: process.env,
    });
    if (child.status !== 0) {
      console.error(`benchmark ${bench.name} failed (exit ${child.status ?? child.signal})`);
      failed++;
      continue;
    }
    const result = readResults().find((r) => r.name === bench.name);
    if (result) {
      fresh.push(result);
      console.log(`\n${toTable(result)}\n`);
    }
  }
  const order = (r: BenchResult) => BENCHES.findIndex((b) => b.name === r.name) >>> 0;
  const all = readResults().sort((a, b) => order(a) - order(b));
  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); one section per benchmark, its latest run.',
    'Ratios compare with a baseline measured in the same run on the same machine.',
    '',
    ...all.map(toMarkdown),
  ].join('\n');
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.md'), md);
  console.log(
    `results: ${fresh.map((r) => `bench/results/${r.name}.json`).join(', ')}, bench/results/latest.md`,
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
