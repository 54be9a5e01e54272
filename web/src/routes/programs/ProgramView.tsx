import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ProgramDetail, ReportBudgetLine, ReportScheduleTask } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/index.tsx';
import { Lines, Rate, Section, differs, scheduleMonths, useFormat, useMonthLabel } from './parts.tsx';

const TIER = { programme: 'programs.tier.programme', group: 'programs.tier.group', sub: 'programs.tier.sub' } as const;

/** A programme as its report section shows it: overview, KPIs, budget, transfers, schedule, evaluation. */
export function ProgramView({ p, actions, crumbs, status }: { p: ProgramDetail; actions?: ReactNode; crumbs?: ReactNode; status?: ReactNode }) {
  const { t, l, lang } = useI18n();
  const title = `${p.code} ${lang === 'en' && p.nameEn ? p.nameEn : p.name}`;
  return (
    <article className="programs programs-page">
      {crumbs ? <p className="programs-crumbs">{crumbs}</p> : null}
      <PageHeader title={title} lead={[p.area?.name, l(p.budgetGroup.label), t(TIER[p.tier]), String(p.year)].filter(Boolean).join(' · ')}>
        {lang === 'en' && p.nameEn ? (
          <p className="programs-muted" lang="ko">
            {p.name}
          </p>
        ) : null}
        {actions ? <div className="actions">{actions}</div> : null}
      </PageHeader>
      {status}
      <Overview p={p} />
      <Kpis p={p} />
      <Budget p={p} />
      <Transfers p={p} />
      <Schedule p={p} />
      <Evaluation p={p} />
      {p.notes.length || p.source ? (
        <Section id="program-notes" title={t('programs.page.notes')}>
          <Lines items={p.notes} />
          {p.source ? <p className="programs-source">{t('programs.year.source', { source: p.source })}</p> : null}
        </Section>
      ) : null}
    </article>
  );
}

function Overview({ p }: { p: ProgramDetail }) {
  const { t } = useI18n();
  const period = p.period.text || [p.period.start, p.period.end].filter(Boolean).join(' ~ ');
  const items: { label: string; value: ReactNode }[] = [
    { label: t('programs.field.period'), value: period || t('programs.none') },
    { label: t('programs.field.method'), value: p.method || t('programs.none') },
    {
      label: t('programs.field.partners'),
      value: p.partners.length ? (
        <ul className="programs-lines">
          {p.partners.map((partner, i) => (
            <li key={i}>
              {partner.organizationId ? <Link to={`/organizations/${partner.organizationId}`}>{partner.name}</Link> : partner.name}
              {partner.role ? <span className="programs-muted"> — {partner.role}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        t('programs.none')
      ),
    },
    { label: t('programs.field.goal'), value: p.goal || t('programs.none') },
    { label: t('programs.field.responsibleStaff'), value: p.responsibleStaff.length ? p.responsibleStaff.join(', ') : t('programs.none') },
  ];
  return (
    <Section id="program-overview" title={t('programs.page.overview')}>
      <dl className="programs-facts">
        {items.map((i) => (
          <div key={i.label}>
            <dt>{i.label}</dt>
            <dd>{i.value}</dd>
          </div>
        ))}
      </dl>
      {p.description ? (
        <details className="programs-description">
          <summary>{t('programs.field.description')}</summary>
          <p className="programs-text">{p.description}</p>
        </details>
      ) : null}
      <Headline p={p} />
    </Section>
  );
}

/** The programme's two rates, large, with how each was derived. */
function Headline({ p }: { p: ProgramDetail }) {
  const { t, l } = useI18n();
  const f = useFormat();
  const rates = [
    { key: 'achievement', label: t('programs.col.achievement'), rate: p.achievement },
    { key: 'execution', label: t('programs.col.execution'), rate: p.execution },
  ];
  return (
    <div className="programs-headline">
      {rates.map((r) => (
        <div key={r.key} className="card programs-headline-card" data-rate={r.key}>
          <p className="programs-mean-heading">{r.label}</p>
          <p className="programs-big">{f.pct(r.rate.value)}</p>
          <p className="programs-formula">{l(r.rate.explanation)}</p>
          {r.key === 'achievement' && p.achievement.rule === 'stated' && p.kpiMean !== null ? <p className="programs-reported">{t('programs.page.kpiMeanToo', { value: f.pct(p.kpiMean) })}</p> : null}
          {r.rate.reported !== null ? (
            <p className={`programs-reported${differs(r.rate) ? ' differs' : ''}`}>
              {t('programs.rate.reported', { value: f.pct(r.rate.reported) })}
              {r.rate.difference !== null ? ` · ${t('programs.rate.difference', { value: f.pp(r.rate.difference) })}` : ''}
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function Kpis({ p }: { p: ProgramDetail }) {
  const { t } = useI18n();
  const f = useFormat();
  const valueOf = (v: number | null, text: string | null, unit: string | null) => {
    if (v === null) return text || t('programs.none');
    const n = `${f.num(v)}${unit ? ` ${unit}` : ''}`;
    return text && text !== n ? (
      <>
        {n}
        <span className="programs-muted programs-block">{text}</span>
      </>
    ) : (
      n
    );
  };
  return (
    <Section id="program-kpis" title={t('programs.page.kpis')}>
      {p.kpis.length ? (
        <div className="table-wrap">
          <table className="programs-kpis">
            <caption>{t('programs.page.kpisCaption', { code: p.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programs.kpi.name')}</th>
                <th scope="col">{t('programs.kpi.target')}</th>
                <th scope="col">{t('programs.kpi.result')}</th>
                <th scope="col" className="num">
                  {t('programs.col.achievement')}
                </th>
                <th scope="col">{t('programs.kpi.note')}</th>
              </tr>
            </thead>
            <tbody>
              {p.kpis.map((k) => (
                <tr key={k.id}>
                  <th scope="row">
                    {k.name}
                    {k.kind === 'deliverable' ? <span className="programs-group">{t('programs.kpi.deliverable')}</span> : null}
                  </th>
                  <td>{valueOf(k.target, k.targetText, k.unit)}</td>
                  <td>
                    {k.kind === 'deliverable' && k.result === null ? (
                      <>
                        {k.resultText ? <span className="programs-block">{k.resultText}</span> : null}
                        {k.done === null ? t('programs.kpi.doneUnknown') : k.done ? t('programs.kpi.doneYes') : t('programs.kpi.doneNo')}
                      </>
                    ) : (
                      valueOf(k.result, k.resultText, k.unit)
                    )}
                  </td>
                  <td className="num">
                    <Rate rate={k.rate} label={k.name} />
                  </td>
                  <td>{k.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="programs-muted">{t('programs.page.noKpis')}</p>
      )}
    </Section>
  );
}

function Budget({ p }: { p: ProgramDetail }) {
  const { t, l } = useI18n();
  const f = useFormat();
  const m = p.money;
  const lineRow = (line: ReportBudgetLine) => (
    <tr key={line.id} className={line.level ? 'programs-subline' : undefined}>
      <th scope="row">
        {line.level ? <span aria-hidden="true">└ </span> : null}
        {line.name}
        {line.note ? <span className="programs-muted programs-block">{line.note}</span> : null}
      </th>
      <td>{line.categoryLabel ? l(line.categoryLabel) : ''}</td>
      <td className="num">{f.won(line.budget)}</td>
      <td className="num">{f.won(line.granted)}</td>
      <td className="num">{f.won(line.spent)}</td>
      <td className="num">
        <Rate rate={line.execution} label={line.name} />
      </td>
      <td className="num">{f.won(line.returned)}</td>
      <td className="num">{f.won(line.returnedExpected)}</td>
    </tr>
  );
  const returnedDiffers = m.returned !== null && m.returnedExpected !== null && m.returned !== m.returnedExpected;
  return (
    <Section id="program-budget" title={t('programs.page.budget')}>
      <dl className="programs-money wide">
        <div>
          <dt>{t('programs.col.budget')}</dt>
          <dd>{f.won(m.budget)}</dd>
        </div>
        <div>
          <dt>{t('programs.col.granted')}</dt>
          <dd>{f.won(m.granted)}</dd>
        </div>
        <div>
          <dt>{t('programs.col.spent')}</dt>
          <dd>{f.won(m.spent)}</dd>
        </div>
        <div>
          <dt>{t('programs.col.returned')}</dt>
          <dd>
            {f.won(m.returned)}
            <span className={`programs-reported${returnedDiffers ? ' differs' : ''}`}>
              {t('programs.page.returnedExpected', { value: f.won(m.returnedExpected) })}
              {returnedDiffers ? ` · ${t('programs.page.returnedDiffers')}` : ''}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('programs.col.interest')}</dt>
          <dd>{f.won(m.interest)}</dd>
        </div>
      </dl>
      {p.lines.length ? (
        <div className="table-wrap">
          <table className="programs-budget">
            <caption>{t('programs.page.budgetCaption', { code: p.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programs.line.name')}</th>
                <th scope="col">{t('programs.line.category')}</th>
                <th scope="col" className="num">
                  {t('programs.col.budget')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.granted')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.spent')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.execution')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.returned')}
                </th>
                <th scope="col" className="num">
                  {t('programs.col.returnedExpected')}
                </th>
              </tr>
            </thead>
            <tbody>{p.lines.map(lineRow)}</tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('programs.page.lineTotals')}
                </th>
                <td className="num">{f.won(p.lineTotals.budget)}</td>
                <td />
                <td className="num">{f.won(p.lineTotals.spent)}</td>
                <td colSpan={3}>
                  {p.lineTotals.differenceBudget || p.lineTotals.differenceSpent ? (
                    <span className="programs-reported differs">
                      {t('programs.page.lineTotalsDiffer', { budget: f.wonSigned(p.lineTotals.differenceBudget), spent: f.wonSigned(p.lineTotals.differenceSpent) })}
                    </span>
                  ) : null}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p className="programs-muted">{t('programs.page.noLines')}</p>
      )}
      <div className="programs-formula programs-inline">
        {t('programs.page.execution')}: <Rate rate={p.execution} label={t('programs.col.execution')} />
      </div>
    </Section>
  );
}

function Transfers({ p }: { p: ProgramDetail }) {
  const { t, d } = useI18n();
  const f = useFormat();
  if (!p.transfers.length) return null;
  return (
    <Section id="program-transfers" title={t('programs.page.transfers')}>
      <div className="table-wrap">
        <table>
          <caption>{t('programs.page.transfersCaption', { code: p.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programs.transfer.date')}</th>
              <th scope="col">{t('programs.transfer.fromLine')}</th>
              <th scope="col">{t('programs.transfer.toLine')}</th>
              <th scope="col" className="num">
                {t('programs.transfer.amount')}
              </th>
              <th scope="col">{t('programs.transfer.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {p.transfers.map((tr) => (
              <tr key={tr.id}>
                <th scope="row">{d(tr.date)}</th>
                <td>{tr.fromLine ?? t('programs.none')}</td>
                <td>{tr.toLine ?? t('programs.none')}</td>
                <td className="num">{f.won(tr.amount)}</td>
                <td>{tr.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** The month grid: a real table, each mark with its words (planned, done), shapes as well as colour. */
function Schedule({ p }: { p: ProgramDetail }) {
  const { t } = useI18n();
  const months = scheduleMonths(p.year, p.schedule);
  const label = useMonthLabel(p.year);
  const samePlan = p.schedule.every((s) => s.planned.join() === s.actual.join());
  const mark = (task: ReportScheduleTask, m: string) => {
    const planned = task.planned.includes(m);
    const actual = task.actual.includes(m);
    if (!planned && !actual) return <span className="visually-hidden">{t('programs.schedule.none')}</span>;
    const text = planned && actual ? t('programs.schedule.both') : planned ? t('programs.schedule.plannedOnly') : t('programs.schedule.actualOnly');
    return (
      <span className={`programs-mark ${planned && actual ? 'both' : planned ? 'planned' : 'actual'}`} title={text}>
        <span aria-hidden="true">{planned && actual ? '●' : planned ? '○' : '◆'}</span>
        <span className="visually-hidden">{text}</span>
      </span>
    );
  };
  return (
    <Section id="program-schedule" title={t('programs.page.schedule')}>
      {p.schedule.length ? (
        <>
          <p className="programs-legend">
            <span>
              <span aria-hidden="true">●</span> {t('programs.schedule.both')}
            </span>
            <span>
              <span aria-hidden="true">○</span> {t('programs.schedule.plannedOnly')}
            </span>
            <span>
              <span aria-hidden="true">◆</span> {t('programs.schedule.actualOnly')}
            </span>
            <span>
              <span aria-hidden="true">★</span> {t('programs.schedule.milestone')}
            </span>
          </p>
          {samePlan ? <p className="programs-muted">{t('programs.schedule.samePlan')}</p> : null}
          <div className="table-wrap">
            <table className="programs-schedule">
              <caption>{t('programs.page.scheduleCaption', { code: p.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programs.task.task')}</th>
                  {months.map((m) => (
                    <th key={m} scope="col" className="programs-month">
                      <abbr title={label.long(m)}>{label.short(m)}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.schedule.map((task) => (
                  <tr key={task.id}>
                    <th scope="row">
                      {task.milestone ? (
                        <>
                          <span aria-hidden="true">★ </span>
                          <span className="visually-hidden">{t('programs.schedule.milestone')}: </span>
                        </>
                      ) : null}
                      {task.task}
                      {task.note ? <span className="programs-muted programs-block">{task.note}</span> : null}
                    </th>
                    {months.map((m) => (
                      <td key={m} className="programs-cell">
                        {mark(task, m)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="programs-muted">{t('programs.page.noSchedule')}</p>
      )}
    </Section>
  );
}

function Evaluation({ p }: { p: ProgramDetail }) {
  const { t } = useI18n();
  const e = p.evaluation;
  return (
    <Section id="program-evaluation" title={t('programs.page.evaluation')}>
      <div className="programs-evaluation">
        <div>
          <h3>{t('programs.eval.achievements')}</h3>
          <Lines items={e.achievements} />
        </div>
        <div>
          <h3>{t('programs.eval.limits')}</h3>
          <Lines items={e.limits} />
        </div>
        <div>
          <h3>{t('programs.eval.nextTasks')}</h3>
          <Lines items={e.nextTasks} />
        </div>
      </div>
    </Section>
  );
}
