import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/index.tsx';
import type { ChartSpec } from './Charts.tsx';
import { analyticsHref, type Params } from './data.ts';

const ProcurementChart = lazy(() => import('./Charts.tsx'));

/**
 * Amounts and shares the local way: won in full ("3,106,000,000원"), in 억 ("580억") and in
 * 백만원 ("3,106", the unit of the 2013 report's tables); shares are percentages (0–100) shown
 * with one decimal ("49.0 %"); "—" when unknown.
 */
export function useMoney() {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const locale = lang === 'ko' ? 'ko-KR' : 'en-GB';
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const upToOne = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const none = t('procurement.none');
    const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
    return {
      none,
      num: (v: number | null | undefined) => (isNum(v) ? whole.format(v) : none),
      won: (v: number | null | undefined) => (isNum(v) ? t('procurement.unit.won', { amount: whole.format(v) }) : none),
      /** 억 원 (10^8): "580억"; in English "KRW 58.0 bn" */
      eok: (v: number | null | undefined) => (isNum(v) ? (lang === 'ko' ? `${upToOne.format(v / 1e8)}억` : `KRW ${one.format(v / 1e9)} bn`) : none),
      /** 백만원 (10^6), the 2013 report's unit */
      million: (v: number | null | undefined) => (isNum(v) ? whole.format(Math.round(v / 1e6)) : none),
      /** a percentage (0–100) with one decimal */
      pct: (percent: number | null | undefined) => (isNum(percent) ? `${one.format(percent)} %` : none),
      /** a printed percent (already in percent), as the report wrote it */
      printedPct: (percent: number | null | undefined) => (isNum(percent) ? `${upToOne.format(percent)} %` : none),
      signed: (v: number | null | undefined) => (isNum(v) ? signed.format(v) : none),
    };
  }, [lang, t]);
}

/** A section with an h2 tied to it. */
export function Section({ id, title, children, className }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`procurement-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A table's scrolling box, focusable (arrow keys scroll it) and named after the table. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap procurement-table-wrap" role="region" aria-label={t('procurement.table', { what: label })} tabIndex={0}>
      {children}
    </div>
  );
}

/** CSV and XLSX of an analytics table: the API's own path with the same parameters. */
export function Downloads({ path, params, what }: { path: string; params: Params; what: string }) {
  const { t } = useI18n();
  return (
    <ul className="procurement-downloads" aria-label={t('procurement.download.label', { what })}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <li key={format}>
          <a className="btn secondary small" href={analyticsHref(path, params, format)} download>
            {t(format === 'csv' ? 'procurement.download.csv' : 'procurement.download.xlsx')}
            <span className="visually-hidden"> ({what})</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The address of the records behind a figure (the drill-down list with the same filters). An empty
 * itemCode or supplierType is a filter of its own (items not recognised, suppliers not in the
 * directory), so it is kept; other empty values are left out.
 */
export function recordsHref(filters: Params): string {
  return `/procurement/records${filterQuery(filters)}`;
}

export function filterQuery(filters: Params): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || (v === '' && !KEEP_EMPTY.has(k))) continue;
    u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}
const KEEP_EMPTY = new Set(['itemCode', 'supplierType']);

/** A CSV of a table computed on the page (figures the API gives as part of another answer). */
export function CsvDownload({ name, head, rows, what }: { name: string; head: string[]; rows: (string | number | null)[][]; what: string }) {
  const { t } = useI18n();
  const href = useMemo(() => {
    const cell = (v: string | number | null) => {
      const s = v === null ? '' : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    const text = `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
    return `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
  }, [head, rows]);
  return (
    <ul className="procurement-downloads" aria-label={t('procurement.download.label', { what })}>
      <li>
        <a className="btn secondary small" href={href} download={name}>
          {t('procurement.download.csv')}
          <span className="visually-hidden"> ({what})</span>
        </a>
      </li>
    </ul>
  );
}

/** A figure that opens its records: the link's name is the figure, then (for screen readers) what it counts. */
export function FigureLink({ filters, label, children }: { filters: Params; label?: string; children: ReactNode }) {
  return (
    <Link to={recordsHref(filters)} className="procurement-figure-link">
      {children}
      {label ? <span className="visually-hidden"> ({label})</span> : null}
    </Link>
  );
}

export function Chart({ spec }: { spec: ChartSpec }) {
  return (
    <Suspense fallback={<Loading />}>
      <ProcurementChart spec={spec} />
    </Suspense>
  );
}

/** A chart with its table: the same figures, the table for screen readers and keyboards. */
export function ChartWithTable({ spec, caption, table, stacked }: { spec: ChartSpec; caption: string; table: ReactNode; stacked?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={`procurement-pair${stacked ? ' stacked' : ''}`}>
      <figure className="procurement-figure">
        <figcaption>
          <strong>{caption}</strong> <span className="procurement-muted">{t('procurement.chart.alt')}</span>
        </figcaption>
        <Chart spec={spec} />
      </figure>
      <div className="procurement-pair-table">{table}</div>
    </div>
  );
}

/** While the next year's answer loads, the previous one stays on screen, marked busy. */
export function Busy({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <div className={busy ? 'procurement-busy' : undefined} aria-busy={busy || undefined}>
      {children}
    </div>
  );
}

/** A headline figure with how it is computed written beside it. */
export function Headline({ label, value, formula, href, testId }: { label: string; value: string; formula?: ReactNode; href?: string; testId?: string }) {
  return (
    <div className="card procurement-card" data-figure={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="procurement-card-value">{href ? <Link to={href}>{value}</Link> : value}</span>
        {formula ? <span className="procurement-card-formula">{formula}</span> : null}
      </dd>
    </div>
  );
}
