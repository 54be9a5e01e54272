import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { Bilingual } from './data.ts';
import { statHref } from './data.ts';

/** Counts, percentages (one decimal, "64.6 %"), ratios (two decimals) and signed differences, the local way; "—" when unknown. */
export function useStatFormat() {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const locale = lang === 'ko' ? 'ko-KR' : 'en-GB';
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
    const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const none = t('insights.none');
    return {
      num: (v: number | null | undefined) => (v === null || v === undefined ? none : whole.format(v)),
      signed: (v: number | null | undefined) => (v === null || v === undefined ? none : signed.format(v)),
      mean: (v: number | null | undefined) => (v === null || v === undefined ? none : one.format(v)),
      pct: (v: number | null | undefined) => (v === null || v === undefined ? none : `${one.format(v)} %`),
      ratio: (v: number | null | undefined) => (v === null || v === undefined ? none : two.format(v)),
    };
  }, [lang, t]);
}

/** A section with an h2 tied to it. */
export function Section({ id, title, children, className }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`insights-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * CSV and XLSX of a table: the API's own path with the same parameters and `format`, so the file
 * holds exactly the numbers on screen. The table's name is in each link's accessible name.
 */
export function Downloads({ path, params, what }: { path: string; params: Record<string, string | number | undefined>; what: string }) {
  const { t } = useI18n();
  return (
    <ul className="insights-downloads" aria-label={t('insights.download.label', { what })}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <li key={format}>
          <a className="btn secondary small" href={statHref(path, params, format)} download>
            {t(format === 'csv' ? 'insights.download.csv' : 'insights.download.xlsx')}
            <span className="visually-hidden"> ({what})</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * A table's scrolling box: on a narrow screen a wide table scrolls sideways, so the box takes
 * keyboard focus (arrow keys scroll it) and is named by the table's caption.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap insights-table-wrap" role="region" aria-label={t('insights.table', { what: label })} tabIndex={0}>
      {children}
    </div>
  );
}

/** The notes an answer of the API carries (how it counted), in the current language. */
export function Notes({ notes }: { notes: Bilingual[] }) {
  const { l } = useI18n();
  if (!notes.length) return null;
  return (
    <ul className="insights-notes">
      {notes.map((n, i) => (
        <li key={i}>{l(n)}</li>
      ))}
    </ul>
  );
}

/** A formula written out, with what its letters stand for. */
export function Formula({ label, text, explanation }: { label: string; text?: string; explanation: string }) {
  return (
    <div className="insights-formula">
      <p className="insights-formula-label">{label}</p>
      {text ? (
        <p>
          <code>{text}</code>
        </p>
      ) : null}
      <p>{explanation}</p>
    </div>
  );
}

/**
 * A figure with its data table beside it (side by side on wide screens, one under the other on
 * phones and, with `stacked`, for tables too wide to share the row).
 */
export function ChartWithTable({ chart, table, caption, lead, stacked }: { chart: ReactNode; table: ReactNode; caption: string; lead: string; stacked?: boolean }) {
  return (
    <div className={`insights-pair${stacked ? ' stacked' : ''}`}>
      <figure className="insights-figure">
        <figcaption>
          <strong>{caption}</strong> <span className="insights-muted">{lead}</span>
        </figcaption>
        {chart}
      </figure>
      <div className="insights-pair-table">{table}</div>
    </div>
  );
}
