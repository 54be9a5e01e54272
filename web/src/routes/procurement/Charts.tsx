import { useMemo } from 'react';
import EChart, { CHART_FONT, CHART_GRID_LINE, CHART_TEXT, CHART_TEXT_SUBTLE, escapeHtml, type ChartOption } from '../../ui/EChart.tsx';

// The procurement pages' charts. This module imports ECharts (through ui/EChart.tsx), so the pages
// load it with lazy(): the tables come first, the drawings when their chunk arrives.

/** Distinct colours (each at least 3:1 against white). */
const PALETTE = ['#0b50d0', '#15803d', '#c2410c', '#a21caf', '#0e7490', '#8a5c00', '#5b3fa8', '#be123c'];

export interface ChartSpec {
  /** bars by category (a month, an item, an institution); `horizontal` for long names */
  categories: string[];
  /** bars; a series with `line` is drawn as a line on the right axis (e.g. a share) */
  series: { name: string; values: (number | null)[]; line?: boolean; stack?: string }[];
  horizontal?: boolean;
  format: (v: number | null) => string;
  /** the right axis' values (shares), when a series is a line */
  lineFormat?: (v: number | null) => string;
}

const legend = { top: 0, left: 0, itemGap: 16, type: 'scroll' as const, textStyle: { fontFamily: CHART_FONT, fontSize: 13, color: CHART_TEXT } };
const valueAxis = { type: 'value' as const, axisLabel: { color: CHART_TEXT_SUBTLE }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } };

function optionOf(spec: ChartSpec): { option: ChartOption; height: number } {
  const hasLine = spec.series.some((s) => s.line);
  const categories = spec.horizontal ? [...spec.categories].reverse() : spec.categories;
  const valuesOf = (values: (number | null)[]) => (spec.horizontal ? [...values].reverse() : values);
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { color: CHART_TEXT, fontSize: 12 }, axisTick: { show: false } };
  const money = { ...valueAxis, axisLabel: { color: CHART_TEXT_SUBTLE, formatter: (v: number) => spec.format(v) } };
  const share = { ...valueAxis, splitLine: { show: false }, axisLabel: { color: CHART_TEXT_SUBTLE, formatter: (v: number) => (spec.lineFormat ?? spec.format)(v) } };
  return {
    height: spec.horizontal ? Math.max(categories.length, 1) * 26 + 90 : 340,
    option: {
      grid: { left: 8, right: 16, top: 56, bottom: 24, containLabel: true },
      legend,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const list = params as { axisValueLabel: string; seriesName: string; seriesIndex: number; value: number | null; marker: string }[];
          const head = list[0] ? escapeHtml(String(list[0].axisValueLabel)) : '';
          return [
            head,
            ...list.map((p) => {
              const fmt = spec.series[p.seriesIndex]?.line ? (spec.lineFormat ?? spec.format) : spec.format;
              return `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(fmt(p.value ?? null))}`;
            }),
          ].join('<br/>');
        },
      },
      xAxis: spec.horizontal ? money : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : hasLine ? [money, share] : money,
      series: spec.series.map((s, i) =>
        s.line
          ? {
              name: s.name,
              type: 'line',
              yAxisIndex: 1,
              data: valuesOf(s.values),
              symbol: 'circle',
              symbolSize: 6,
              lineStyle: { color: CHART_TEXT, width: 2, type: 'dashed' },
              itemStyle: { color: CHART_TEXT },
            }
          : {
              name: s.name,
              type: 'bar',
              stack: s.stack,
              data: valuesOf(s.values),
              itemStyle: { color: PALETTE[i % PALETTE.length] },
              barMaxWidth: 18,
            },
      ),
    },
  };
}

/** One chart of the procurement pages; the figures are in the table beside it. */
export default function ProcurementChart({ spec }: { spec: ChartSpec }) {
  const { option, height } = useMemo(() => optionOf(spec), [spec]);
  return <EChart option={option} height={`${height}px`} className="procurement-chart" />;
}
