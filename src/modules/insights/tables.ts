import { PassThrough } from 'node:stream';
import { csvWriter, xlsxWriter, type TabularFormat } from '../../kernel/tabular.ts';
import type * as M from './model.ts';

/**
 * Every statistic as a flat table: the CSV and XLSX downloads and the annual-report chapter are
 * written from these, so they carry the same numbers as the JSON (unrounded in downloads).
 * Headers are Korean with English in brackets.
 */
export interface FlatTable {
  /** sheet name and file stem */
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
}

const h = (l: M.Bilingual) => (l.ko === l.en ? l.ko : `${l.ko} (${l.en})`);

export function distributionTable(d: M.DistributionTable): FlatTable {
  return {
    name: `distribution-${d.dimension}-${d.asOf}`,
    headers: ['코드 (code)', '지역 (area)', ...d.columns.map((c) => h(c.label))],
    rows: [
      ...d.rows.map((r) => [r.code, r.label.ko, ...d.columns.map((c) => r.cells[c.key] ?? 0)]),
      [null, '계 (total)', ...d.columns.map((c) => d.totals[c.key] ?? 0)],
      [null, '평균 (mean of the 25 districts)', ...d.columns.map((c) => d.seoulMean[c.key] ?? 0)],
    ],
  };
}

export function growthTable(g: M.GrowthTable): FlatTable {
  return {
    name: `growth-${g.from}-${g.to}`,
    headers: ['연도 (year)', '설립 (founded)', '지정 (designated)', '인증 (certified)', '전환 (converted)', '지정취소 (cancelled)', '폐업 (closed)', '연말 등록 (registered at year end)', '연말 운영 (operating at year end)'],
    rows: g.years.map((y) => [y.year, y.founded, y.designated, y.certified, y.converted, y.cancelled, y.closed, y.registeredAtYearEnd, y.operatingAtYearEnd]),
  };
}

export function survivalTable(s: M.SurvivalReport): FlatTable {
  const after = (c: M.SurvivalCohort, n: 1 | 2 | 3) => c.after.find((a) => a.years === n)!;
  return {
    name: `survival-${s.type}-${s.asOf}`,
    headers: [
      '코호트 (cohort)',
      '지정 전체 (designated)',
      '비중 % (share of designated)',
      '운영 중 (operating)',
      '비중 % (share of operating)',
      '운영률 % (operating rate)',
      ...[1, 2, 3].flatMap((n) => [`${n}년 대상 (eligible after ${n} y)`, `${n}년 생존 (surviving ${n} y)`, `${n}년 생존 비율 % (share after ${n} y)`]),
      '폐업일 미상 (undated closures)',
    ],
    rows: [...s.cohorts, s.total].map((c) => [
      c.label.ko,
      c.designated,
      c.shareOfDesignated,
      c.operating,
      c.shareOfOperating,
      c.operatingRate,
      ...([1, 2, 3] as const).flatMap((n) => [after(c, n).eligible, after(c, n).surviving, after(c, n).share]),
      c.undatedClosures,
    ]),
  };
}

/** The Kaplan–Meier steps of every curve, one row per step. */
export function survivalCurveTable(s: M.SurvivalReport): FlatTable {
  return {
    name: `survival-curve-${s.type}-${s.asOf}`,
    headers: ['코호트 (cohort)', '개월 (month)', '관찰 중 (at risk)', '폐업·취소 (events)', '중도절단 (censored)', '생존 확률 (survival)'],
    rows: s.curves.flatMap((c) => c.steps.map((x) => [c.label.ko, x.month, x.atRisk, x.events, x.censored, x.survival])),
  };
}

export function locationQuotientTable(l: M.LocationQuotientTable): FlatTable {
  return {
    name: `location-quotients-${l.asOf}`,
    headers: ['코드 (code)', '자치구 (district)', '조직 수 (organisations)', ...l.industries.map((i) => `LQ ${h(i.label)}`)],
    rows: l.rows.map((r) => [r.code, r.label.ko, r.count, ...r.cells.map((c) => c.lq)]),
  };
}

export function figuresTable(f: M.HeadlineFigures): FlatTable {
  return {
    name: `figures-${f.year}`,
    headers: ['지표 (figure)', '키 (key)', '정의 판 (version)', '값 (value)', '단위 (unit)', '보고된 값 (reported)', '차이 (difference)', '출처 (reported source)', '정의 (definition)'],
    rows: f.figures.map((x) => [x.label.ko, x.key, x.version, x.value, x.unit.ko, x.reported?.value ?? null, x.difference, x.reported?.source ?? null, x.explanation.ko]),
  };
}

export function figureRowsTable(r: M.FigureRows): FlatTable {
  return {
    name: `figure-${r.key}-${r.year}`,
    headers: r.columns.map((c) => h(c.label)),
    rows: r.rows.map((row) => r.columns.map((c) => {
      const v = row[c.key];
      return typeof v === 'boolean' ? (v ? 'true' : 'false') : (v ?? null);
    })),
  };
}

export const MEDIA_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One table as a CSV or XLSX file in memory (statistics are small). */
export async function writeTable(format: TabularFormat, t: FlatTable): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Excel limits sheet names to 31 characters without []:*?/\
  const w = format === 'csv' ? csvWriter(out) : xlsxWriter(out, t.name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31));
  w.row(t.headers);
  for (const r of t.rows) w.row(r);
  await w.end();
  await done;
  return Buffer.concat(chunks);
}
