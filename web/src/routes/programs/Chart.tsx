import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the bar chart needs (tree-shaken ECharts, SVG output). Still some 180 KB gzipped, so
// this file is a chunk of its own that only the year overview loads.
echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

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
const FONT = "'Pretendard GOV', Pretendard, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif";

/**
 * Achievement and execution rate per programme as horizontal bars with a line at 100 %. It only
 * draws: the figures, with how each was derived, are in the table that goes with it, which is
 * what screen readers and keyboards use (the chart is hidden from them).
 */
export default function RatesChart({ rows, labels, format }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    // Top to bottom in table order (a category axis counts from the bottom).
    const ordered = [...rows].reverse();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    c.setOption(
      {
        animation: false,
        // A named font (not 'inherit'): ECharts measures legend and label widths with it.
        textStyle: { fontFamily: FONT },
        grid: { left: 8, right: 48, top: 40, bottom: 24, containLabel: true },
        legend: { top: 0, left: 0, itemGap: 24, data: [labels.achievement, labels.execution], textStyle: { fontFamily: FONT, fontSize: 14, color: '#1e2124' } },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const list = params as { axisValue: string; seriesName: string; value: number | null; marker: string }[];
            const row = list[0] ? byCode.get(list[0].axisValue) : undefined;
            const head = row ? `${escape(row.code)} ${escape(row.name)}` : '';
            return [head, ...list.map((p) => `${p.marker}${escape(p.seriesName)}: ${escape(format(p.value ?? null))}`)].join('<br/>');
          },
        },
        xAxis: { type: 'value', axisLabel: { formatter: '{value} %', color: '#464c53' }, splitLine: { lineStyle: { color: '#e6e8ea' } } },
        yAxis: { type: 'category', data: ordered.map((r) => r.code), axisLabel: { color: '#1e2124', fontSize: 13 }, axisTick: { show: false } },
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
              label: { formatter: labels.target, color: '#1e2124' },
              lineStyle: { color: '#1e2124', type: 'dashed' },
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
      },
      { notMerge: true },
    );
    c.resize();
  }, [rows, labels, format]);

  return <div ref={box} className="programs-chart" style={{ height: `${Math.max(rows.length, 1) * ROW_HEIGHT + 80}px` }} aria-hidden="true" />;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
