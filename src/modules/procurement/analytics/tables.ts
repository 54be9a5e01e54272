import { PassThrough } from 'node:stream';
import { csvWriter, xlsxWriter } from '../../../kernel/tabular.ts';
import type { ByCategory, ByInstitution, ByItem, ByMethod, InstitutionItems, PriorityItems, Targets } from './schema.ts';

/** An analytics table as a download: Korean headers with English in brackets, amounts in won, shares in %. */
export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export const sheets = {
  byInstitution: (t: ByInstitution): Sheet => ({
    name: `기관별 ${t.year}`,
    headers: ['기관 (institution)', '유형 (kind)', '구매액 (amount, won)', '사회적경제기업 구매액 (from SEOs, won)', '비율 % (share)', '목표 (target, won)', '달성률 % (achievement)'],
    rows: t.rows.map((r) => [r.name.ko, r.kind, r.amount, r.seoAmount, pct(r.share), r.target, pct(r.achievement)]),
  }),
  byCategory: (t: ByCategory): Sheet => ({
    name: `분류별 ${t.year}`,
    headers: ['분류 (category)', '구분 (kind)', '구매액 (amount, won)', '사회적경제기업 구매액 (from SEOs, won)', '비율 % (share)', '건수 (records)'],
    rows: t.rows.map((r) => [r.label.ko, r.kind === 'product' ? '물품' : '용역', r.amount, r.seoAmount, pct(r.share), r.records]),
  }),
  byItem: (t: ByItem | InstitutionItems): Sheet => ({
    name: `품목별 ${t.year}`,
    headers: ['품목 (item)', '품목 코드 (item code)', '분류 코드 (category)', '중점관리 순위 (priority)', '구매액 (amount, won)', '사회적경제기업 구매액 (from SEOs, won)', '비율 % (share)', '건수 (records)'],
    rows: t.rows.map((r) => [r.label.ko, r.itemCode, r.categoryCode, r.priorityOrder, r.amount, r.seoAmount, pct(r.share), r.records]),
  }),
  byMethod: (t: ByMethod): Sheet => ({
    name: `계약방법별 ${t.year}`,
    headers: ['계약방법 (method)', '계약유형 (contract type)', '구매액 (amount, won)', '사회적경제기업 구매액 (from SEOs, won)', '비율 % (share)', '건수 (records)'],
    rows: t.rows.map((r) => [r.methodLabel.ko, r.contractTypeLabel.ko, r.amount, r.seoAmount, pct(r.share), r.records]),
  }),
  priorityItems: (t: PriorityItems): Sheet => ({
    name: `10대 중점관리 품목 ${t.year}`,
    headers: [
      '순위 (order)',
      '품목 (item)',
      '사회적경제기업 구매실적 (from SEOs, won)',
      '품목 총구매액 (all purchases, won)',
      '총액 대비 비율 % (share)',
      '보고서 구매실적 (printed, won)',
      '보고서 비율 % (printed share)',
      '차이 (difference, won)',
    ],
    rows: [
      ...t.rows.map((r) => [r.order, r.label.ko, r.seoAmount, r.totalAmount, pct(r.share), r.printed?.seoAmount ?? null, r.printed?.share ?? null, r.difference?.seoAmount ?? null]),
      ['', '합계 (total)', t.total.seoAmount, t.total.totalAmount, pct(t.total.share), t.total.printed?.seoAmount ?? null, t.total.printed?.share ?? null, t.total.printed ? t.total.seoAmount - t.total.printed.seoAmount : null],
      // The report's own inconsistencies, and where the printed figures come from.
      ...t.anomalies.map((a) => [a.id, a.text.ko, null, null, null, null, null, null]),
      ...(t.source ? [['출처 (source)', t.source, null, null, null, null, null, null]] : []),
    ],
  }),
  targets: (t: Targets): Sheet => ({
    name: `목표 달성 ${t.year}`,
    headers: ['기관 (institution)', '품목 (item)', '목표 (target, won)', '사회적경제기업 구매액 (from SEOs, won)', '달성률 % (achievement)'],
    rows: t.rows.map((r) => [r.institution?.name ?? '서울시 전체 (city-wide)', r.itemLabel?.ko ?? '전체 (overall)', r.amount, r.seoAmount, pct(r.achievement)]),
  }),
};

export async function sheetFile(format: 'csv' | 'xlsx', s: Sheet): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const w = format === 'csv' ? csvWriter(out) : xlsxWriter(out, s.name.slice(0, 31));
  w.row(s.headers);
  for (const r of s.rows) w.row(r);
  await w.end();
  await done;
  return Buffer.concat(chunks);
}
