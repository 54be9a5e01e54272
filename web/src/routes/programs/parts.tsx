import { useMemo, type ReactNode } from 'react';
import type { DerivedRate, RateRule } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

/** Percent with one decimal ("135.2 %") and won amounts, written the local way; "—" when unknown. */
export function useFormat() {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const locale = lang === 'ko' ? 'ko-KR' : 'en-GB';
    const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const signed = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    return {
      pct: (v: number | null | undefined) => (v === null || v === undefined ? t('programs.none') : `${one.format(v)} %`),
      /** a difference of rates, in percentage points */
      pp: (v: number | null | undefined) => (v === null || v === undefined ? t('programs.none') : t('programs.pp', { value: signed.format(v) })),
      won: (v: number | null | undefined) => (v === null || v === undefined ? t('programs.none') : t('programs.won', { amount: whole.format(v) })),
      wonSigned: (v: number | null | undefined) =>
        v === null || v === undefined ? t('programs.none') : t('programs.won', { amount: new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' }).format(v) }),
      num: (v: number | null | undefined) => (v === null || v === undefined ? t('programs.none') : number.format(v)),
    };
  }, [lang, t]);
}

export const RULES: Record<RateRule, MessageKey> = {
  kpi_mean: 'programs.rule.kpi_mean',
  stated: 'programs.rule.stated',
  ratio: 'programs.rule.ratio',
  deliverable: 'programs.rule.deliverable',
  spent_over_granted: 'programs.rule.spent_over_granted',
  spent_over_budget: 'programs.rule.spent_over_budget',
  none: 'programs.rule.none',
};

/** |difference| under 0.1 percentage points counts as the same figure (one printed decimal). */
export const differs = (rate: DerivedRate) => rate.difference !== null && Math.abs(rate.difference) >= 0.1;

/**
 * A rate with how it was derived, in a disclosure: the value is the summary; opening it shows the
 * rule, the figures used, and what the source printed with the difference.
 */
export function Rate({ rate, label }: { rate: DerivedRate; label?: string }) {
  const { t, l } = useI18n();
  const f = useFormat();
  return (
    <details className="rate">
      <summary>
        <span className="rate-value">{f.pct(rate.value)}</span>
        {differs(rate) ? (
          <span className="rate-flag" title={t('programs.rate.differs')}>
            <span aria-hidden="true">≠</span>
            <span className="visually-hidden">{t('programs.rate.differs')}</span>
          </span>
        ) : null}
        <span className="visually-hidden">
          {' '}
          ({label ? `${label}, ` : ''}
          {t('programs.rate.how')})
        </span>
      </summary>
      <div className="rate-body">
        <p>
          <strong>{t(RULES[rate.rule])}</strong>: {l(rate.explanation)}
        </p>
        {rate.reported !== null ? (
          <p>
            {t('programs.rate.reported', { value: f.pct(rate.reported) })}
            {rate.difference !== null ? ` · ${t('programs.rate.difference', { value: f.pp(rate.difference) })}` : ''}
          </p>
        ) : null}
      </div>
    </details>
  );
}

/** "재현됨 / 재현 안 됨": whether sehub's figure matches what the source printed. */
export function Reproduced({ reproduces }: { reproduces: boolean | null }) {
  const { t } = useI18n();
  if (reproduces === null) return null;
  return (
    <span className={`badge ${reproduces ? 'programs-ok' : 'programs-bad'}`}>
      <span aria-hidden="true">{reproduces ? '✓ ' : '✗ '}</span>
      {reproduces ? t('programs.reproduced') : t('programs.notReproduced')}
    </span>
  );
}

/** A section with an h2 tied to it. */
export function Section({ id, title, children, className }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`programs-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A list of strings, or a "none" line. */
export function Lines({ items, empty }: { items: string[]; empty?: string }) {
  const { t } = useI18n();
  if (!items.length) return <p className="programs-muted">{empty ?? t('programs.nothing')}</p>;
  return (
    <ul className="programs-lines">
      {items.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ul>
  );
}

/** The months a schedule spans: the twelve of the year, widened to any month a task names. */
export function scheduleMonths(year: number, tasks: { planned: string[]; actual: string[] }[]): string[] {
  const set = new Set<string>();
  for (let m = 1; m <= 12; m++) set.add(`${year}-${String(m).padStart(2, '0')}`);
  for (const task of tasks) for (const m of [...task.planned, ...task.actual]) if (/^\d{4}-\d{2}$/.test(m)) set.add(m);
  const sorted = [...set].sort();
  // Fill gaps so columns are consecutive months.
  const out: string[] = [];
  let [y, mo] = sorted[0]!.split('-').map(Number) as [number, number];
  const last = sorted.at(-1)!;
  for (;;) {
    const key = `${y}-${String(mo).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    mo += 1;
    if (mo > 12) {
      mo = 1;
      y += 1;
    }
  }
  return out;
}

/** "2013-03" → "3월" (or "Mar"), with the year when it is not the programme's year. */
export function useMonthLabel(year: number) {
  const { lang } = useI18n();
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { month: 'short', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return {
      short: (m: string) => {
        const [y, mo] = m.split('-').map(Number) as [number, number];
        const s = short.format(new Date(Date.UTC(y, mo - 1, 1)));
        if (y === year) return s;
        return lang === 'ko' ? `${String(y).slice(2)}년 ${s}` : `${s} ’${String(y).slice(2)}`;
      },
      long: (m: string) => {
        const [y, mo] = m.split('-').map(Number) as [number, number];
        return long.format(new Date(Date.UTC(y, mo - 1, 1)));
      },
    };
  }, [lang, year]);
}
