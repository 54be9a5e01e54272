import { useMemo } from 'react';
import EChart, { CHART_FONT, CHART_GRID_LINE, CHART_TEXT, CHART_TEXT_SUBTLE, escapeHtml, type ChartOption } from '../../ui/EChart.tsx';

// The statistics page's charts. This module imports ECharts (through ui/EChart.tsx), so the page
// loads it with lazy(): the tables come first, the drawings when their chunk arrives.

/** Distinct colours (each at least 3:1 against white), in column order. */
const PALETTE = ['#0b50d0', '#4c87f6', '#0e7490', '#a21caf', '#c2410c', '#8a5c00', '#15803d', '#5b3fa8', '#be123c', '#1e2124', '#6b7280', '#0f766e', '#9a3412', '#4338ca'];
/** Line dashes, so curves differ without seeing colour. */
const DASHES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [2, 6]] as const;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect'] as const;

export interface Series {
  name: string;
  values: (number | null)[];
}

export type ChartSpec =
  | {
      /** horizontal stacked bars: one bar per category (a district), one stack part per series (a type) */
      kind: 'stackedBars';
      categories: string[];
      series: Series[];
      format: (v: number | null) => string;
    }
  | {
      /** per year: counts as bars on the left axis, one running figure as a line on the right axis */
      kind: 'years';
      years: number[];
      bars: Series[];
      line: Series;
      format: (v: number | null) => string;
    }
  | {
      /** Kaplan–Meier curves: survival (0…1) over months, drawn as steps */
      kind: 'steps';
      curves: { name: string; points: [number, number][] }[];
      monthLabel: string;
      format: (v: number | null) => string;
    };

const legend = { top: 0, left: 0, itemGap: 16, type: 'scroll' as const, textStyle: { fontFamily: CHART_FONT, fontSize: 13, color: CHART_TEXT } };
const valueAxis = { type: 'value' as const, axisLabel: { color: CHART_TEXT_SUBTLE }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } };

function axisTooltip(format: (v: number | null) => string) {
  return {
    trigger: 'axis' as const,
    axisPointer: { type: 'shadow' as const },
    formatter: (params: unknown) => {
      const list = params as { axisValueLabel: string; seriesName: string; value: number | null | [number, number]; marker: string }[];
      const head = list[0] ? escapeHtml(String(list[0].axisValueLabel)) : '';
      return [head, ...list.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(format(Array.isArray(p.value) ? p.value[1] : (p.value ?? null)))}`)].join('<br/>');
    },
  };
}

function optionOf(spec: ChartSpec): { option: ChartOption; height: number } {
  if (spec.kind === 'stackedBars') {
    // Top to bottom in table order (a category axis counts from the bottom).
    const categories = [...spec.categories].reverse();
    return {
      height: Math.max(categories.length, 1) * 24 + 90,
      option: {
        grid: { left: 8, right: 24, top: 56, bottom: 24, containLabel: true },
        legend,
        tooltip: axisTooltip(spec.format),
        xAxis: valueAxis,
        yAxis: { type: 'category', data: categories, axisLabel: { color: CHART_TEXT, fontSize: 12 }, axisTick: { show: false } },
        series: spec.series.map((s, i) => ({
          name: s.name,
          type: 'bar',
          stack: 'all',
          data: [...s.values].reverse(),
          itemStyle: { color: PALETTE[i % PALETTE.length], borderColor: '#fff', borderWidth: 0.5 },
          barMaxWidth: 16,
        })),
      },
    };
  }
  if (spec.kind === 'years') {
    return {
      height: 360,
      option: {
        grid: { left: 8, right: 8, top: 56, bottom: 24, containLabel: true },
        legend,
        tooltip: axisTooltip(spec.format),
        xAxis: { type: 'category', data: spec.years.map(String), axisLabel: { color: CHART_TEXT } },
        yAxis: [valueAxis, { ...valueAxis, splitLine: { show: false } }],
        series: [
          ...spec.bars.map((s, i) => ({ name: s.name, type: 'bar', data: s.values, itemStyle: { color: PALETTE[i % PALETTE.length] }, barMaxWidth: 14 })),
          {
            name: spec.line.name,
            type: 'line',
            yAxisIndex: 1,
            data: spec.line.values,
            symbol: 'circle',
            symbolSize: 6,
            lineStyle: { color: CHART_TEXT, width: 2, type: 'dashed' },
            itemStyle: { color: CHART_TEXT },
          },
        ],
      },
    };
  }
  return {
    height: 380,
    option: {
      grid: { left: 8, right: 24, top: 56, bottom: 40, containLabel: true },
      legend,
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = params as { seriesName: string; value: [number, number]; marker: string }[];
          const head = list[0] ? `${list[0].value[0]} ${escapeHtml(spec.monthLabel)}` : '';
          return [head, ...list.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(spec.format(p.value[1]))}`)].join('<br/>');
        },
      },
      xAxis: { ...valueAxis, name: spec.monthLabel, nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: CHART_TEXT_SUBTLE }, min: 0 },
      yAxis: { ...valueAxis, min: 0, max: 100, axisLabel: { formatter: '{value} %', color: CHART_TEXT_SUBTLE } },
      series: spec.curves.map((c, i) => ({
        name: c.name,
        type: 'line',
        step: 'end',
        data: c.points.map(([m, s]) => [m, s * 100]),
        showSymbol: true,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 5,
        lineStyle: { color: PALETTE[i % PALETTE.length], width: 2, type: DASHES[i % DASHES.length] },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
      })),
    },
  };
}

/** One chart of the statistics page; the figures are in the table beside it. */
export default function InsightsChart({ spec }: { spec: ChartSpec }) {
  const { option, height } = useMemo(() => optionOf(spec), [spec]);
  return <EChart option={option} height={`${height}px`} className="insights-chart" />;
}
