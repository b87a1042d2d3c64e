/**
 * Net sales per day as a uPlot area chart (docs/decisions/0017: chosen over hand-drawn SVG by
 * bundle size and render time). The table beside it carries the same numbers for screen readers.
 */
import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type Currency, minorDigits } from '../../../domain/money.ts';

const DAY_S = 86_400;
/** Ticks on whole days, weeks, months (uPlot's own month = 30 days) and years: never hours. */
const DAY_TICKS = [1, 2, 3, 7, 15, 30, 60, 90, 180, 365, 730].map((d) => d * DAY_S);

/** The x axis spans the period's days; one day (Today, or a one-day custom period) gets a day
 *  either side, where uPlot would otherwise stretch a lone point over years of axis. */
const xRange = (u: uPlot): uPlot.Range.MinMax => {
  const xs = u.data[0];
  const first = xs[0];
  const last = xs[xs.length - 1];
  if (first === undefined || last === undefined) {
    const now = Date.now() / 1000;
    return [now - DAY_S, now + DAY_S];
  }
  return last - first < DAY_S ? [first - DAY_S, last + DAY_S] : [first, last];
};

/** A YYYY-MM-DD day's local midnight, in seconds. */
const localMidnight = (day: string): number =>
  new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))).getTime() / 1000;

export function NetSalesChart(props: { days: string[]; net: number[]; currency: string; label: string }) {
  let host!: HTMLDivElement;
  let chart: uPlot | undefined;
  const scale = () => 10 ** minorDigits(props.currency as Currency);
  const data = (): uPlot.AlignedData => [
    // Each day at its local midnight, where uPlot draws that day's tick and label (it labels in
    // the browser's zone): a lone day's point sits on its date, not between two dates.
    props.days.map((d) => localMidnight(d)),
    props.net.map((n) => n / scale()),
  ];
  const width = () => Math.max(280, host.clientWidth || 600);
  onMount(() => {
    chart = new uPlot(
      {
        width: width(),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: xRange } },
        axes: [
          { stroke: '#6b6256', incrs: DAY_TICKS },
          { stroke: '#6b6256', size: 70 },
        ],
        series: [
          {},
          {
            label: props.label,
            stroke: '#9a7b3f',
            width: 2,
            fill: 'rgba(154, 123, 63, 0.12)',
            // Markers only while the days are few enough to tell apart (re-read on every redraw).
            points: { show: (u: uPlot) => u.data[0].length <= 62 },
          },
        ],
      },
      data(),
      host,
    );
    const resize = new ResizeObserver(() => chart?.setSize({ width: width(), height: 220 }));
    resize.observe(host);
    onCleanup(() => resize.disconnect());
  });
  createEffect(() => {
    const next = data();
    chart?.setData(next);
  });
  onCleanup(() => chart?.destroy());
  return (
    <div ref={host} class="report-chart" data-testid="reports-chart" role="img" aria-label={props.label} />
  );
}
