/**
 * Display rules shared by every report format: won with thousands separators, rates to one
 * decimal with %, rate differences in percentage points, months and dates in Korean, and the
 * labels of rate rules and mean methods. One place, so the HTML, PDF, HWPX and XLSX outputs print
 * the same figures the same way.
 */
import type { DerivedRate, MeanMethod, RateRule, ReportKpi, RollupMean } from '../model.ts';

export const DASH = '–';

const wonFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 336075370 → "336,075,370"; null → "–". */
export function won(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return wonFormat.format(Math.round(value));
}

/** A count or quantity: up to two decimals, thousands separators. */
export function quantity(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat.format(value);
}

/** Rounds half away from zero to one decimal (135.25 → 135.3), never prints "-0.0". */
export function round1(value: number): number {
  const r = Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9) / 10;
  return Object.is(r, -0) ? 0 : r;
}

/** 135.2421 → "135.2%"; null → "–". */
export function rate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${round1(value).toFixed(1)}%`;
}

/** A difference of two rates in percentage points: +0.0 → "±0.0%p", 2.34 → "+2.3%p". */
export function points(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const r = round1(value);
  if (r === 0) return '±0.0%p';
  return `${r > 0 ? '+' : ''}${r.toFixed(1)}%p`;
}

/** A difference in won, signed: "+11,260,000", "-33,060", "0". */
export function wonDifference(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value === 0) return '0';
  return `${value > 0 ? '+' : ''}${won(value)}`;
}

/** '2013-03' → { year: 2013, month: 3 }. */
export function parseMonth(ym: string): { year: number; month: number } {
  const [y, m] = ym.split('-');
  return { year: Number(y), month: Number(m) };
}

/** '2013-03' → "2013. 3." */
export function monthLabel(ym: string | null | undefined): string {
  if (!ym) return DASH;
  const { year, month } = parseMonth(ym);
  return `${year}. ${month}.`;
}

/** The months grouped by year, for the two header rows of a schedule grid. */
export function monthsByYear(months: readonly string[]): { year: number; months: string[] }[] {
  const out: { year: number; months: string[] }[] = [];
  for (const m of months) {
    const { year } = parseMonth(m);
    const last = out[out.length - 1];
    if (last && last.year === year) last.months.push(m);
    else out.push({ year, months: [m] });
  }
  return out;
}

/** An ISO timestamp as a Korean date in Asia/Seoul: "2025. 3. 4." */
export function seoulDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return `${get('year')}. ${get('month')}. ${get('day')}.`;
}

/** 'YYYY-MM-DD' → "2013. 9. 5." */
export function dayLabel(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${Number(m[1])}. ${Number(m[2])}. ${Number(m[3])}.` : date;
}

export function periodLabel(period: { start: string | null; end: string | null; text: string | null }): string {
  if (period.start || period.end) {
    const span = `${monthLabel(period.start)} ~ ${monthLabel(period.end)}`;
    // the text as recorded is added only when it says more than the months ("2013. 3 ~ 2014. 2" does not)
    const digits = (x: string) => x.replace(/\D/g, '');
    return period.text && digits(period.text) !== digits(span) ? `${span} (${period.text})` : span;
  }
  return period.text ?? DASH;
}

export const RULE_LABELS: Record<RateRule, string> = {
  kpi_mean: '지표 추진율 평균',
  stated: '사업이 정한 값',
  ratio: '실적 ÷ 목표 × 100',
  deliverable: '산출물 완료 여부',
  spent_over_granted: '집행액 ÷ 교부액 × 100',
  spent_over_budget: '집행액 ÷ 예산액 × 100',
  none: '산출 불가',
};

export const METHOD_LABELS: Record<MeanMethod, string> = {
  simple: '단순 평균',
  budget_weighted: '교부액 가중 평균',
  spent_over_granted: '집행액 합계 ÷ 교부액 합계',
  mean_of_group_means: '구분별 평균의 평균',
};

export const TIER_LABELS = { programme: '사업', group: '사업군', sub: '세부 사업' } as const;

/** True when a derived rate differs from a printed one by 0.05 points or more (it shows as a different figure). */
export function differsFromReported(r: DerivedRate): boolean {
  return r.reported !== null && r.value !== null && Math.abs(r.value - r.reported) >= 0.05;
}

/** Whether a rate's derivation should be spelled out beside it: a stated rule, no rate, or a printed figure that differs. */
export function needsExplanation(r: DerivedRate): boolean {
  return r.rule === 'stated' || r.rule === 'none' || r.rule === 'kpi_mean' || differsFromReported(r) || (r.reported !== null && r.value === null);
}

/** "보고서 144.0% (차이 -2.3%p)" when a printed figure exists. */
export function reportedNote(r: DerivedRate): string | null {
  if (r.reported === null) return null;
  return r.difference !== null ? `보고서 ${rate(r.reported)} (차이 ${points(r.difference)})` : `보고서 ${rate(r.reported)}`;
}

/** The text of a rate cell's explanation: the derivation when it needs one, the printed figure when it differs. */
export function rateNote(r: DerivedRate): string {
  const parts: string[] = [];
  if (needsExplanation(r)) parts.push(r.explanation.ko);
  const rep = reportedNote(r);
  if (rep && (differsFromReported(r) || r.value === null)) parts.push(rep);
  return parts.join(' · ');
}

export function kpiTarget(k: ReportKpi): string {
  if (k.targetText) return k.targetText;
  if (k.kind === 'deliverable') return k.target !== null ? `${quantity(k.target)}${k.unit ?? ''}` : '산출물';
  return k.target !== null ? quantity(k.target) : DASH;
}

export function kpiResult(k: ReportKpi): string {
  if (k.resultText) return k.resultText;
  if (k.kind === 'deliverable') return k.done === true ? '완료' : k.done === false ? '미완료' : DASH;
  return k.result !== null ? quantity(k.result) : DASH;
}

/** The mean a summary row shows: the first the service lists (its primary method). */
export function primaryMean(means: readonly RollupMean[]): RollupMean | null {
  return means[0] ?? null;
}

/** The download's file name: "sehub-annual-report-2013.pdf". */
export function reportFileName(year: number, format: string): string {
  return `sehub-annual-report-${year}.${format}`;
}
