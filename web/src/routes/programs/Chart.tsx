import { useMemo } from 'react';
import EChart, { CHART_FONT, CHART_GRID_LINE, CHART_TEXT, CHART_TEXT_SUBTLE, escapeHtml } from '../../ui/EChart.tsx';

// Imports ECharts (through ui/EChart.tsx): a chunk of its own that only the year overview loads.

export interface ChartRow {
  code: string;
  name: string;
  achievement: number | null;
  execution: number | null;
}

interface Props {
  rows: ChartRow[];
  labels: { achievement: string; execution: string; target: string };
  format: (v: number | null) => string;
}

const ROW_HEIGHT = 40;

/**
 * Achievement and execution rate per programme as horizontal bars with a line at 100 %. It only
 * draws: the figures, with how each was derived, are in the table that goes with it.
 */
export default function RatesChart({ rows, labels, format }: Props) {
  const option = useMemo(() => {
    // Top to bottom in table order (a category axis counts from the bottom).
    const ordered = [...rows].reverse();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return {
      grid: { left: 8, right: 48, top: 40, bottom: 24, containLabel: true },
      legend: { top: 0, left: 0, itemGap: 24, data: [labels.achievement, labels.execution], textStyle: { fontFamily: CHART_FONT, fontSize: 14, color: CHART_TEXT } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const list = params as { axisValue: string; seriesName: string; value: number | null; marker: string }[];
          const row = list[0] ? byCode.get(list[0].axisValue) : undefined;
          const head = row ? `${escapeHtml(row.code)} ${escapeHtml(row.name)}` : '';
          return [head, ...list.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${escapeHtml(format(p.value ?? null))}`)].join('<br/>');
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: '{value} %', color: CHART_TEXT_SUBTLE }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
      yAxis: { type: 'category', data: ordered.map((r) => r.code), axisLabel: { color: CHART_TEXT, fontSize: 13 }, axisTick: { show: false } },
      series: [
        {
          name: labels.achievement,
          type: 'bar',
          data: ordered.map((r) => r.achievement),
          itemStyle: { color: '#0b50d0' },
          barMaxWidth: 14,
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ xAxis: 100 }],
            label: { formatter: labels.target, color: CHART_TEXT },
            lineStyle: { color: CHART_TEXT, type: 'dashed' },
          },
        },
        {
          name: labels.execution,
          type: 'bar',
          data: ordered.map((r) => r.execution),
          // Stripes as well as colour, so the two series differ without seeing colour.
          itemStyle: { color: '#c05600', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: Math.PI / 4, color: 'rgba(255,255,255,0.55)' } },
          barMaxWidth: 14,
        },
      ],
    };
  }, [rows, labels, format]);

  return <EChart option={option} className="programs-chart" height={`${Math.max(rows.length, 1) * ROW_HEIGHT + 80}px`} />;
}
