import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Tree-shaken ECharts with SVG output: bars and lines with their axes, legend, tooltip and marker
// lines. Some 190 KB gzipped, so import this file only from a module that is itself loaded with
// lazy(): the chart pages get it as a chunk of its own and a first visit never does.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A named font (not 'inherit'): ECharts measures legend and label widths with it. */
export const CHART_FONT = "'Pretendard GOV', Pretendard, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif";
/** Text colours of the KRDS palette, for axis labels and legends. */
export const CHART_TEXT = '#1e2124';
export const CHART_TEXT_SUBTLE = '#464c53';
export const CHART_GRID_LINE = '#e6e8ea';

/** Escapes text written into a tooltip (ECharts tooltips are HTML). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

interface Props {
  /** The chart's option; replaced whole (notMerge) whenever it changes — memoise it. */
  option: ChartOption;
  /** CSS height, e.g. "320px" */
  height: string;
  className?: string;
}

/**
 * One ECharts chart drawn as SVG, resized with its box and disposed with the component. It only
 * draws: every chart of the app stands beside a table with the same figures, which is what screen
 * readers and keyboards use, so the drawing is hidden from them.
 */
export default function EChart({ option, height, className }: Props) {
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
    c.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true });
    c.resize();
  }, [option]);

  return <div ref={box} className={className} style={{ height }} aria-hidden="true" />;
}
