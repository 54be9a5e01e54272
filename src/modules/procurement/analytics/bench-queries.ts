import type { Db } from '../../../db/engine.ts';
import { ANONYMOUS, type RequestContext } from '../../../kernel/context.ts';
import { q, recordsPageQuery, run, scan, type Query } from './repository.ts';
import { createAnalyticsService } from './service.ts';

/**
 * The analytics queries bench/procurement.ts times: each through the service as its route calls it
 * (`run`), the same statement as plain SQL through the driver (`raw`), and the same figure computed
 * from every record (`scan`: the whole-table floor the aggregates exist to avoid).
 *
 * The summary route runs several statements (totals, months, concentration, years, target): its entry
 * times the whole route against its main statement; by-month and concentration are timed on their
 * own through the repository, as the service issues them. Callers are anonymous visitors (the public
 * dashboard), so the visibility check (recordsScope) is part of every `run`; pass another context to
 * time an officer or staff.
 */
export interface BenchQuery {
  name: string;
  kind: 'dashboard' | 'drill-down';
  run: () => Promise<unknown>;
  raw: Query;
  scan: Query;
}

const PRIORITY_ITEM = 'copy_paper';

export function dashboardQueries(db: Db, sample: { year: number; institutionId: string }, ctx: RequestContext = { actor: ANONYMOUS, requestId: 'bench', locale: 'ko' }): BenchQuery[] {
  const analytics = createAnalyticsService(db);
  const { year, institutionId } = sample;
  const f = { year };
  return [
    { name: 'summary (route: totals, months, concentration, years, target)', kind: 'dashboard', run: () => analytics.summary(ctx, f), raw: q.totals(year), scan: scan.totals(year) },
    { name: 'by-institution', kind: 'dashboard', run: () => analytics.byInstitution(ctx, f), raw: q.byInstitution(year), scan: scan.byInstitution(year) },
    { name: 'by-month', kind: 'dashboard', run: () => run(db, q.byMonth(year)), raw: q.byMonth(year), scan: scan.byMonth(year) },
    { name: 'by-category', kind: 'dashboard', run: () => analytics.byCategory(ctx, f), raw: q.byCategory(year), scan: scan.byCategory(year) },
    { name: 'by-item (SEO share per item)', kind: 'dashboard', run: () => analytics.byItem(ctx, f), raw: q.byItem(year), scan: scan.byItem(year) },
    { name: 'by-method', kind: 'dashboard', run: () => analytics.byMethod(ctx, f), raw: q.byMethod(year), scan: scan.byMethod(year) },
    { name: 'concentration (top 10, HHI)', kind: 'dashboard', run: () => run(db, q.concentration(year)), raw: q.concentration(year), scan: scan.concentration(year) },
    { name: 'priority-items', kind: 'dashboard', run: () => analytics.priorityItems(ctx, f), raw: q.priorityItems(year), scan: scan.priorityItems(year) },
    { name: 'target achievement', kind: 'dashboard', run: () => analytics.targets(ctx, f), raw: q.targets(year), scan: scan.targets(year) },
    {
      name: 'one institution, one year, by item',
      kind: 'drill-down',
      run: () => analytics.institutionItems(ctx, institutionId, f),
      raw: q.institutionItems(year, institutionId),
      scan: scan.institutionItems(year, institutionId),
    },
    {
      name: 'records of one priority item (first page)',
      kind: 'drill-down',
      run: () => analytics.records(ctx, { year, itemCode: PRIORITY_ITEM, page: 1, pageSize: 50 }),
      raw: recordsPageQuery({ year, itemCode: PRIORITY_ITEM }, [], { page: 1, pageSize: 50 }),
      scan: scan.records(year, PRIORITY_ITEM),
    },
  ];
}
