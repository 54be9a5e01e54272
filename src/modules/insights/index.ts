// Public surface of the insights module: statistics of the social economy (distribution, growth,
// survival, location quotients) and the centre's headline figures, computed live from the views
// other modules publish; and a chapter of the annual report built from them.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { can } from '../../kernel/policy.ts';
import type { InsightsChapter } from './model.ts';
import { createInsightsService } from './service.ts';

export { createInsightsService, type InsightsService } from './service.ts';
export { insightsRoutes } from './routes.ts';
export type * from './model.ts';

const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/**
 * The insights chapter of a year's annual report: the distribution by district and type at
 * 31 December (on the report's registered basis), growth over the seven years to the year, the
 * survival table, location quotients, and — for readers who may see them — the headline figures
 * beside the figures a source report printed. Rates are rounded to one decimal, LQ to two.
 * `ctx` is the reader's request context with the database handle (the statistics are computed
 * with the reader's permissions: headline figures only for staff).
 */
export async function insightsChapter(ctx: RequestContext & { db: Db }, year: number): Promise<InsightsChapter> {
  const insights = createInsightsService(ctx.db);
  const asOf = `${year}-12-31`;
  const [dist, growth, survival, lq] = await Promise.all([
    insights.distribution(ctx, { asOf, basis: 'registered', dimension: 'type' }),
    insights.growth(ctx, { from: year - 6, to: year }),
    insights.survival(ctx, { asOf, type: 'social_enterprise' }),
    insights.locationQuotients(ctx, { asOf, basis: 'operating' }),
  ]);
  const tables: InsightsChapter['tables'] = [];
  const notes: string[] = [];

  tables.push({
    caption: `자치구별 사회적경제 조직 현황 (${asOf} 기준, 등록 기준) · Organisations by district and type`,
    headers: ['자치구', ...dist.columns.map((c) => c.label.ko)],
    rows: [
      ...dist.rows.map((r) => [r.label.ko, ...dist.columns.map((c) => r.cells[c.key] ?? 0)]),
      ['계', ...dist.columns.map((c) => dist.totals[c.key] ?? 0)],
      ['평균', ...dist.columns.map((c) => r1(dist.seoulMean[c.key] ?? 0))],
    ],
  });
  notes.push(...dist.notes.map((n) => n.ko));

  tables.push({
    caption: `연도별 설립·지정·인증·폐업 (${growth.from}-${growth.to}) · Growth by year`,
    headers: ['연도', '설립', '지정', '인증', '전환', '지정취소', '폐업', '연말 등록', '연말 운영'],
    rows: growth.years.map((y) => [y.year, y.founded, y.designated, y.certified, y.converted, y.cancelled, y.closed, y.registeredAtYearEnd, y.operatingAtYearEnd]),
  });

  const after = (c: (typeof survival.cohorts)[number], n: number) => c.after.find((a) => a.years === n)!;
  tables.push({
    caption: `(예비)사회적기업 유형별 운영 현황 (${asOf} 기준) · Survival by designation type`,
    headers: ['구분', '전체', '비중(%)', '운영 중', '비중(%)', '운영률(%)', '1년 생존(%)', '2년 생존(%)', '3년 생존(%)'],
    rows: [...survival.cohorts, survival.total].map((c) => [
      c.label.ko,
      c.designated,
      r1(c.shareOfDesignated),
      c.operating,
      r1(c.shareOfOperating),
      r1(c.operatingRate),
      r1(after(c, 1).share),
      r1(after(c, 2).share),
      r1(after(c, 3).share),
    ]),
  });
  notes.push(survival.formulas.operatingRate.ko, survival.formulas.after.ko, ...survival.notes.map((n) => n.ko));

  tables.push({
    caption: `자치구 × 업종 입지계수 (${asOf} 기준, 1.2 이상 ▲) · Location quotients`,
    headers: ['자치구', ...lq.industries.map((i) => i.label.ko)],
    rows: lq.rows.map((r) => [r.label.ko, ...r.cells.map((c) => (c.lq === null ? null : c.high ? `${r2(c.lq)!.toFixed(2)} ▲` : r2(c.lq)))]),
  });
  notes.push(`${lq.formula.text} — ${lq.formula.explanation.ko}`, ...lq.notes.slice(1).map((n) => n.ko));

  if (can(ctx.actor, 'insights.figures.read', undefined)) {
    const figures = await insights.figures(ctx, { year });
    tables.push({
      caption: `${year}년 핵심 성과 지표 · Headline figures`,
      headers: ['지표', '산출값', '단위', '보고서 수치', '차이', '정의'],
      rows: figures.figures.map((f) => [f.label.ko, f.value, f.unit.ko, f.reported?.value ?? null, f.difference, `${f.explanation.ko} (${f.version}판)`]),
    });
    notes.push('핵심 성과 지표는 공개된 사업 데이터에서 그때마다 새로 계산하며, 보고서 수치는 비교를 위해 함께 적습니다.');
  } else {
    notes.push('핵심 성과 지표는 센터 직원에게만 보입니다.');
  }
  notes.push('비율은 소수 첫째 자리, 입지계수는 소수 둘째 자리에서 반올림했습니다.');
  return { title: `${year}년 사회적경제 통계 · Social economy statistics ${year}`, tables, notes };
}

/**
 * The insights chapter as the programs module's report takes it: wired by the app (and the CLI)
 * with `createProgramsService(db, { chapters: [insightsReportChapter(db)] })`, so that programs
 * need not know insights exists.
 */
export function insightsReportChapter(db: Db): (ctx: RequestContext, year: number) => Promise<InsightsChapter> {
  return (ctx, year) => insightsChapter({ ...ctx, db }, year);
}

