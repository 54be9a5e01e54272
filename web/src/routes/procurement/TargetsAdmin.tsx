import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, ErrorState, Loading, Select, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { rowsOf, useDeleteTarget, useInstitutions, useProcurementTaxonomy, useSaveTarget, useTargetAchievement, type TargetAchievement } from './data.ts';
import { Section, TableWrap, useMoney } from './parts.tsx';
import { seoulYear, useLabels, useYear } from './year.ts';

const digits = (s: string) => s.replace(/[^\d]/g, '');

/**
 * 목표: the purchase targets of a year — city-wide and per institution, overall and per item — each
 * with what is achieved beside it; amounts edited in place, targets added and removed.
 */
export function TargetsAdmin() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  // The year in the address; else this year, or the latest year with records before this year has any.
  const { year: shown, years: withRecords } = useYear(params.get('year'));
  const year = shown ?? seoulYear();
  const achievement = useTargetAchievement({ year });
  const rows = rowsOf<TargetAchievement>(achievement.data);
  const years = [...new Set([seoulYear() + 1, ...Array.from({ length: seoulYear() - 2009 }, (_, i) => seoulYear() - i), ...withRecords])].sort((a, b) => b - a);
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  return (
    <Section id="targets-admin" title={t('procurement.targetsAdmin.title')}>
      <p className="procurement-muted">{t('procurement.targetsAdmin.lead')}</p>
      <form className="procurement-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('procurement.controls')}>
        <Select label={t('procurement.year')} value={String(year)} onChange={(e) => setYear(Number(e.target.value))} options={years.map((y) => ({ value: String(y), label: t('procurement.yearOption', { year: String(y) }) }))} />
      </form>
      {achievement.isLoading ? <Loading /> : null}
      {achievement.error ? <ErrorState error={achievement.error} retry={() => void achievement.refetch()} /> : null}
      {achievement.data ? <TargetList rows={rows} year={year} /> : null}
      <NewTarget year={year} />
    </Section>
  );
}

function TargetList({ rows, year }: { rows: TargetAchievement[]; year: number }) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!rows.length) return <p className="procurement-muted">{t('procurement.targets.none', { year: String(year) })}</p>;
  return (
    <TableWrap label={t('procurement.targetsAdmin.title')}>
      <table className="procurement-table procurement-targets-admin">
        <caption>{t('procurement.targets.caption', { year: String(year) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procurement.institution')}</th>
            <th scope="col">{t('procurement.targets.item')}</th>
            <th scope="col">{t('procurement.col.target')}</th>
            <th scope="col" className="num">
              {t('procurement.col.seo')}
            </th>
            <th scope="col" className="num">
              {t('procurement.col.achievement')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('procurement.history.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <TargetRow key={r.targetId} row={r} year={year} what={`${r.institution ? r.institution.name : t('procurement.targets.cityWide')} · ${r.itemCode ? labels.item(r.itemCode) : t('procurement.targets.overall')}`} />
          ))}
        </tbody>
      </table>
      <p className="procurement-muted">{t('procurement.targetsAdmin.formula')}</p>
    </TableWrap>
  );
}

function TargetRow({ row, year, what }: { row: TargetAchievement; year: number; what: string }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const save = useSaveTarget();
  const remove = useDeleteTarget();
  const [amount, setAmount] = useState(String(row.amount));
  const errorsOf = useFieldErrors(save.error);
  const changed = digits(amount) !== String(row.amount);
  return (
    <tr data-target={row.targetId}>
      <th scope="row">{row.institution ? row.institution.name : t('procurement.targets.cityWide')}</th>
      <td>{row.itemCode ? (row.itemLabel ? l(row.itemLabel) : row.itemCode) : t('procurement.targets.overall')}</td>
      <td>
        <form
          className="procurement-amount-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ year, institutionId: row.institution?.id ?? null, itemCode: row.itemCode, amount: Number(digits(amount)), note: row.note });
          }}
        >
          <TextInput
            label={t('procurement.targetsAdmin.amountOf', { what })}
            inputMode="numeric"
            value={amount}
            errors={errorsOf('amount')}
            onChange={(e) => setAmount(e.target.value)}
            hint={digits(amount) ? m.eok(Number(digits(amount))) : undefined}
          />
          <button type="submit" className="btn secondary small" disabled={!changed || save.isPending}>
            {t('procurement.targetsAdmin.save')}
            <span className="visually-hidden"> ({what})</span>
          </button>
        </form>
        {save.error && !errorsOf('amount').length ? <ErrorState error={save.error} /> : null}
      </td>
      <td className="num">{m.won(row.seoAmount)}</td>
      <td className="num">{m.pct(row.achievement)}</td>
      <td>
        <button type="button" className="btn text small" disabled={remove.isPending} onClick={() => remove.mutate(row.targetId)}>
          {t('procurement.targetsAdmin.delete')}
          <span className="visually-hidden"> ({what})</span>
        </button>
        {remove.error ? <ErrorState error={remove.error} /> : null}
      </td>
    </tr>
  );
}

function NewTarget({ year }: { year: number }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const institutions = useInstitutions();
  const taxonomy = useProcurementTaxonomy();
  const save = useSaveTarget();
  const errorsOf = useFieldErrors(save.error);
  const [institutionId, setInstitutionId] = useState('');
  const [itemCode, setItemCode] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (!digits(amount)) {
      setAmountError([t('procurement.targetsAdmin.amountNeeded')]);
      return;
    }
    setAmountError([]);
    save.mutate(
      { year, institutionId: institutionId || null, itemCode: itemCode || null, amount: Number(digits(amount)), note: note.trim() || null },
      {
        onSuccess: () => {
          setSaved(true);
          setAmount('');
          setNote('');
        },
      },
    );
  }
  return (
    <section className="procurement-new-target" aria-labelledby="new-target">
      <h3 id="new-target">{t('procurement.targetsAdmin.add', { year: String(year) })}</h3>
      <form className="form-narrow" onSubmit={submit} noValidate>
        <Select
          label={t('procurement.institution')}
          value={institutionId}
          errors={errorsOf('institutionId')}
          onChange={(e) => setInstitutionId(e.target.value)}
          options={[{ value: '', label: t('procurement.targets.cityWide') }, ...(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))]}
        />
        <Select
          label={t('procurement.targets.item')}
          value={itemCode}
          errors={errorsOf('itemCode')}
          onChange={(e) => setItemCode(e.target.value)}
          options={[{ value: '', label: t('procurement.targets.overall') }, ...(taxonomy.data?.items ?? []).map((i) => ({ value: i.code, label: l(i.label) }))]}
        />
        <TextInput
          label={t('procurement.targetsAdmin.amount')}
          hint={digits(amount) ? m.eok(Number(digits(amount))) : t('procurement.targetsAdmin.amountHint')}
          inputMode="numeric"
          required
          value={amount}
          errors={[...amountError, ...errorsOf('amount')]}
          onChange={(e) => setAmount(e.target.value)}
        />
        <TextInput label={t('procurement.targetsAdmin.note')} value={note} errors={errorsOf('note')} onChange={(e) => setNote(e.target.value)} />
        {save.error && !errorsOf('amount').length && !errorsOf('institutionId').length && !errorsOf('itemCode').length ? <ErrorState error={save.error} /> : null}
        <div aria-live="polite">{saved ? <Alert kind="success">{t('procurement.targetsAdmin.saved')}</Alert> : null}</div>
        <div className="actions">
          <button type="submit" className="btn primary" disabled={save.isPending}>
            {t('procurement.targetsAdmin.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
