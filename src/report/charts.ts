// Charts are Apache ECharts rendered to SVG strings in Node (its server-side renderer): no browser,
// no script in the page, nothing fetched. Suppressed cells are missing points, never values, so a
// chart gives away no more than its table.
import * as echarts from 'echarts';
import type { Cell } from './cells.ts';
import { escapeHtml } from './html.ts';

/** One colour per canonical stage, and a neutral pair for other series; readable in print. */
export const STAGE_COLORS: Readonly<Record<string, string>> = {
  applied: '#4e79a7', screen: '#76b7b2', interview: '#f28e2b', offer: '#e15759', hired: '#59a14f',
};
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#9c755f'];
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface Series {
  readonly name: string;
  readonly cells: readonly Cell[];
  readonly color?: string;
}

interface Size {
  width?: number;
  height?: number;
}

const points = (cells: readonly Cell[]) => cells.map((c) => (c.value === null ? '-' : c.value));

/** Renders an option to an SVG string labelled for screen readers. */
export function renderSvg(option: echarts.EChartsOption, title: string, size: Size = {}): string {
  const width = size.width ?? 640;
  const height = size.height ?? 300;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet" `);
  } finally {
    chart.dispose();
  }
}

// The legend sits under the plot, clear of the value axis' name at the top left.
const grid = { left: 48, right: 24, top: 36, bottom: 44, containLabel: true };
// ECharts measures text without a canvas in Node and underestimates it: extra gap keeps labels apart.
const legend = { bottom: 0, left: 'center' as const, itemGap: 28, textStyle: { fontFamily: FONT } };

/** Stage by stage, the applications that got there; suppressed stages show "<5" and no width. */
export function funnelChart(stages: readonly { name: string; cell: Cell }[], title: string): string {
  return renderSvg(
    {
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '4%',
          width: '62%',
          top: 16,
          bottom: 16,
          minSize: '4%',
          gap: 3,
          // Beside each band, not inside it: the narrow bands of a steep funnel would clip the text.
          label: { show: true, position: 'right', color: '#1f2328', fontSize: 14, formatter: (p: any) => `${p.name}: ${stages[p.dataIndex]!.cell.text}` },
          labelLine: { show: true, length: 12 },
          data: stages.map((s) => ({ name: s.name, value: s.cell.value ?? 0, itemStyle: { color: STAGE_COLORS[s.name] ?? '#888', opacity: s.cell.suppressed ? 0.35 : 1 } })),
        },
      ],
    },
    title,
    { height: 280 },
  );
}

export function barChart(categories: readonly string[], series: readonly Series[], title: string, opts: { stack?: boolean; horizontal?: boolean; yName?: string } = {}): string {
  const catAxis = { type: 'category' as const, data: [...categories], axisLabel: { interval: 0, hideOverlap: true } };
  const valAxis = { type: 'value' as const, name: opts.yName ?? '', minInterval: 1 };
  const height = opts.horizontal ? Math.max(200, 60 + categories.length * (opts.stack ? 22 : 14 * series.length + 6)) : 300;
  return renderSvg(
    {
      legend,
      grid,
      xAxis: opts.horizontal ? valAxis : catAxis,
      yAxis: opts.horizontal ? { ...catAxis, inverse: true } : valAxis,
      series: series.map((s) => ({ type: 'bar', name: s.name, data: points(s.cells), ...(opts.stack ? { stack: 'total' } : {}), ...(s.color ? { itemStyle: { color: s.color } } : {}) })),
    },
    title,
    { height },
  );
}

export function lineChart(categories: readonly string[], series: readonly Series[], title: string, opts: { yName?: string } = {}): string {
  return renderSvg(
    {
      legend,
      grid,
      xAxis: { type: 'category', data: [...categories], boundaryGap: false },
      yAxis: { type: 'value', name: opts.yName ?? '' },
      series: series.map((s) => ({ type: 'line', name: s.name, data: points(s.cells), connectNulls: false, symbolSize: 6, ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}) })),
    },
    title,
  );
}

/** Stacked areas over days: the pipeline's shape over the period. */
export function stackedArea(days: readonly string[], series: readonly Series[], title: string): string {
  return renderSvg(
    {
      legend,
      grid,
      xAxis: { type: 'category', data: [...days], boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: 'active applications', minInterval: 1 },
      series: series.map((s) => ({
        type: 'line', name: s.name, stack: 'total', data: points(s.cells), showSymbol: false, areaStyle: { opacity: 0.85 },
        ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { width: 0.5, color: s.color }, areaStyle: { color: s.color, opacity: 0.85 } } : {}),
      })),
    },
    title,
  );
}
