/**
 * Net sales per day as a uPlot area chart (docs/decisions/0017: chosen over hand-drawn SVG by
 * bundle size and render time). The table beside it carries the same numbers for screen readers.
 */
import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type Currency, minorDigits } from '../../../domain/money.ts';

export function NetSalesChart(props: { days: string[]; net: number[]; currency: string; label: string }) {
  let host!: HTMLDivElement;
  let chart: uPlot | undefined;
  const scale = () => 10 ** minorDigits(props.currency as Currency);
  const data = (): uPlot.AlignedData => [
    props.days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000),
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
        scales: { x: { time: true } },
        axes: [{ stroke: '#6b6256' }, { stroke: '#6b6256', size: 70 }],
        series: [
          {},
          {
            label: props.label,
            stroke: '#9a7b3f',
            width: 2,
            fill: 'rgba(154, 123, 63, 0.12)',
            points: { show: props.days.length <= 62 },
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
