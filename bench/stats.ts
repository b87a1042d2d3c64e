/**
 * Shared by every benchmark: scale from the environment, timing, percentiles, the machine
 * description and the result files (`bench/results/<name>.json`, `bench/results/latest.md`).
 * Benchmarks report numbers; nothing here asserts a timing.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

export type Scale = 'small' | 'default';
export const scale = (): Scale => (process.env.BENCH_SCALE === 'small' ? 'small' : 'default');

/** An integer from the environment (e.g. BENCH_SALES=2000), else the scale's default. */
export function sizeFromEnv(name: string, defaults: Record<Scale, number>): number {
  const raw = process.env[name];
  const n = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n : defaults[scale()];
}

export type Machine = { cpus: number; cpuModel: string; memGiB: number; node: string; platform: string };
export const machine = (): Machine => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  memGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
});

/** One reported figure; `ratio` is value / baseline when the row has a same-run baseline. */
export type Metric = { label: string; value: number; unit: string; baseline?: number; ratio?: number };
/** `met: null` for a figure that is reported without a target. */
export type Goal = { label: string; target: string; actual: string; met: boolean | null };
export type BenchResult = {
  name: string;
  title: string;
  date: string;
  scale: Scale;
  machine: Machine;
  sizes: Record<string, number>;
  metrics: Metric[];
  goals: Goal[];
  notes: string[];
  durationMs: number;
};

export const metric = (label: string, value: number, unit: string, baseline?: number): Metric =>
  baseline === undefined ? { label, value, unit } : { label, value, unit, baseline, ratio: value / baseline };

export const now = (): number => performance.now();

/** Milliseconds taken by `fn`. */
export function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Nearest-rank percentile of already sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** The 95th percentile of samples in any order (the goals are set on it; the summary stops at p90). */
export const p95 = (samples: readonly number[]): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    95,
  );

export type Summary = {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
};
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((t, x) => t + x, 0) / Math.max(1, s.length);
  return {
    n: s.length,
    min: s[0] ?? Number.NaN,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
    mean,
  };
}

export const median = (samples: readonly number[]): number => summarize(samples).p50;

export function fmt(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

export const fmtRatio = (r: number | undefined): string => (r === undefined ? '' : `${fmt(r)}×`);

export function writeResult(result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${result.name}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

export function readResults(): BenchResult[] {
  let files: string[] = [];
  try {
    files = readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as BenchResult);
}

/** Markdown for one result: a metrics table with baselines and ratios, goals, notes. */
export function toMarkdown(r: BenchResult): string {
  const lines = [
    `## ${r.title} (\`${r.name}\`)`,
    '',
    `${r.date} · scale ${r.scale} · ${r.machine.cpus} cpus (${r.machine.cpuModel}) · ${r.machine.memGiB} GiB · Node ${r.machine.node} · ${r.machine.platform} · took ${fmt(r.durationMs / 1000)} s`,
    '',
    `Sizes: ${Object.entries(r.sizes)
      .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
      .join(', ')}`,
    '',
    '| measure | value | baseline | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...r.metrics.map(
      (m) =>
        `| ${m.label} | ${fmt(m.value, m.unit)} | ${m.baseline === undefined ? '' : fmt(m.baseline, m.unit)} | ${fmtRatio(m.ratio)} |`,
    ),
  ];
  if (r.goals.length > 0) {
    lines.push('', '| goal | target | actual | met |', '| --- | --- | --- | --- |');
    for (const g of r.goals)
      lines.push(
        `| ${g.label} | ${g.target} | ${g.actual} | ${g.met === null ? '—' : g.met ? 'yes' : '**no**'} |`,
      );
  }
  if (r.notes.length > 0) lines.push('', ...r.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

/** Plain-text table for the terminal. */
export function toTable(r: BenchResult): string {
  const rows = r.metrics.map((m) => [
    m.label,
    fmt(m.value, m.unit),
    m.baseline === undefined ? '' : fmt(m.baseline, m.unit),
    fmtRatio(m.ratio),
  ]);
  const head = ['measure', 'value', 'baseline', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [`== ${r.title} (${r.name}, scale ${r.scale}, ${fmt(r.durationMs / 1000)} s)`, line(head)];
  for (const row of rows) out.push(line(row));
  for (const g of r.goals)
    out.push(
      `goal ${g.met === null ? 'INFO  ' : g.met ? 'MET   ' : 'MISSED'} ${g.label}: ${g.actual} (target ${g.target})`,
    );
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

/** What a benchmark module exports; run.ts adds name, date, machine and duration. */
export type BenchOutput = Pick<BenchResult, 'title' | 'sizes' | 'metrics' | 'goals' | 'notes'>;
export type Bench = {
  name: string;
  run: () => Promise<BenchOutput>;
  /** Run only when named on the command line (too long for `npm run bench` as a whole). */
  onlyWhenNamed?: boolean;
};

export const goal = (label: string, target: string, actual: string, met: boolean | null): Goal => ({
  label,
  target,
  actual,
  met,
});
