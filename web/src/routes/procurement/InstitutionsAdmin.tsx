import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, Empty, ErrorState, Loading, Select, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { INSTITUTION_KINDS, useAddOfficer, useInstitutions, useOfficers, useRemoveOfficer, useSaveInstitution, type Institution, type InstitutionInput, type InstitutionKind } from './data.ts';
import { Section, TableWrap } from './parts.tsx';
import { useLabels } from './year.ts';

/**
 * 기관: the buying institutions — find, add, edit (name, code, kind, whether their records are
 * public) and their buyer officers (added by the e-mail of an existing account, removed).
 */
export function InstitutionsAdmin() {
  const { t } = useI18n();
  const labels = useLabels();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const list = useInstitutions({ q: q.trim() || undefined, kind: kind || undefined });
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Section id="institutions-admin" title={t('procurement.inst.title')}>
        <p className="procurement-muted">{t('procurement.inst.lead')}</p>
        <form className="procurement-controls" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('procurement.inst.search')}>
          <TextInput label={t('procurement.inst.q')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
          <Select
            label={t('procurement.institutions.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={[{ value: '', label: t('procurement.inst.allKinds') }, ...INSTITUTION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))]}
          />
        </form>
        <div className="actions">
          <button type="button" className="btn primary" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
            {t('procurement.inst.add')}
          </button>
        </div>
        {adding ? <InstitutionForm onDone={() => setAdding(false)} /> : null}
        {list.isLoading ? <Loading /> : null}
        {list.error ? <ErrorState error={list.error} retry={() => void list.refetch()} /> : null}
        {list.data && !list.data.length ? <Empty>{t('procurement.inst.none')}</Empty> : null}
        {list.data?.length ? (
          <TableWrap label={t('procurement.inst.title')}>
            <table className="procurement-table procurement-institutions-admin">
              <caption>{t('procurement.inst.caption', { count: list.data.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('procurement.inst.name')}</th>
                  <th scope="col">{t('procurement.inst.code')}</th>
                  <th scope="col">{t('procurement.institutions.kind')}</th>
                  <th scope="col">{t('procurement.inst.public')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('procurement.history.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((i) => (
                  <InstitutionRowView key={i.id} institution={i} open={open === i.id} onToggle={() => setOpen(open === i.id ? null : i.id)} />
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </Section>
    </>
  );
}

function InstitutionRowView({ institution, open, onToggle }: { institution: Institution; open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const save = useSaveInstitution();
  const i = institution;
  return (
    <>
      <tr data-institution={i.id}>
        <th scope="row">
          <Link to={`/procurement/institutions/${i.id}`}>{i.name}</Link>
        </th>
        <td>{i.code ?? t('procurement.none')}</td>
        <td>{labels.kind(i.kind)}</td>
        <td>
          <label className="procurement-toggle">
            <input
              type="checkbox"
              checked={i.recordsPublic}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ id: i.id, body: { recordsPublic: e.target.checked } })}
            />{' '}
            {t(i.recordsPublic ? 'procurement.inst.isPublic' : 'procurement.inst.isPrivate')}
            <span className="visually-hidden"> ({i.name})</span>
          </label>
          {save.error ? <ErrorState error={save.error} /> : null}
        </td>
        <td>
          <button type="button" className="btn secondary small" aria-expanded={open} aria-controls={`inst-${i.id}`} onClick={onToggle}>
            {t('procurement.inst.manage')}
            <span className="visually-hidden"> ({i.name})</span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={`inst-${i.id}`} className="procurement-expanded">
          <td colSpan={5}>
            <InstitutionForm institution={i} onDone={onToggle} />
            <Officers institution={i} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function InstitutionForm({ institution, onDone }: { institution?: Institution; onDone: () => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const save = useSaveInstitution();
  const errorsOf = useFieldErrors(save.error);
  const [draft, setDraft] = useState<InstitutionInput>({
    name: institution?.name ?? '',
    code: institution?.code ?? '',
    kind: institution?.kind ?? 'agency',
    districtCode: institution?.districtCode ?? null,
    recordsPublic: institution?.recordsPublic ?? true,
  });
  const [saved, setSaved] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate({ id: institution?.id, body: { ...draft, code: draft.code?.trim() || null } }, { onSuccess: () => (institution ? setSaved(true) : onDone()) });
  }
  return (
    <form className="form-narrow procurement-form" onSubmit={submit} noValidate aria-label={institution ? t('procurement.inst.editOf', { name: institution.name }) : t('procurement.inst.add')}>
      <TextInput label={t('procurement.inst.name')} value={draft.name} required errors={errorsOf('name')} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      <TextInput label={t('procurement.inst.code')} hint={t('procurement.inst.codeHint')} value={draft.code ?? ''} errors={errorsOf('code')} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />
      <Select
        label={t('procurement.institutions.kind')}
        value={draft.kind}
        errors={errorsOf('kind')}
        onChange={(e) => setDraft({ ...draft, kind: e.target.value as InstitutionKind })}
        options={INSTITUTION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
      />
      <div className="field">
        <label className="procurement-toggle">
          <input type="checkbox" checked={draft.recordsPublic} onChange={(e) => setDraft({ ...draft, recordsPublic: e.target.checked })} /> {t('procurement.inst.publicLabel')}
        </label>
      </div>
      {save.error && !errorsOf('name').length && !errorsOf('code').length && !errorsOf('kind').length ? <ErrorState error={save.error} /> : null}
      <div aria-live="polite">{saved ? <Alert kind="success">{t('procurement.inst.saved')}</Alert> : null}</div>
      <div className="actions">
        <button type="submit" className="btn primary" disabled={save.isPending}>
          {t(institution ? 'procurement.inst.save' : 'procurement.inst.create')}
        </button>
        <button type="button" className="btn secondary" onClick={onDone}>
          {t('procurement.inst.close')}
        </button>
      </div>
    </form>
  );
}

function Officers({ institution }: { institution: Institution }) {
  const { t } = useI18n();
  const officers = useOfficers(institution.id);
  const add = useAddOfficer(institution.id);
  const remove = useRemoveOfficer(institution.id);
  const errorsOf = useFieldErrors(add.error);
  const [email, setEmail] = useState('');
  return (
    <section className="procurement-officers" aria-labelledby={`officers-${institution.id}`}>
      <h3 id={`officers-${institution.id}`}>{t('procurement.officers.title', { name: institution.name })}</h3>
      {officers.isLoading ? <Loading /> : null}
      {officers.error ? <ErrorState error={officers.error} /> : null}
      {officers.data && !officers.data.length ? <p className="procurement-muted">{t('procurement.officers.none')}</p> : null}
      {officers.data?.length ? (
        <ul className="procurement-officer-list">
          {officers.data.map((o) => (
            <li key={o.userId}>
              {o.displayName} <span className="procurement-muted">{o.email}</span>{' '}
              <button type="button" className="btn text small" disabled={remove.isPending} onClick={() => remove.mutate(o.userId)}>
                {t('procurement.officers.remove')}
                <span className="visually-hidden"> ({o.displayName})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {remove.error ? <ErrorState error={remove.error} /> : null}
      <form
        className="procurement-inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(email.trim(), { onSuccess: () => setEmail('') });
        }}
      >
        <TextInput label={t('procurement.officers.email')} hint={t('procurement.officers.emailHint')} type="email" value={email} errors={errorsOf('email')} onChange={(e) => setEmail(e.target.value)} />
        {add.error && !errorsOf('email').length ? <ErrorState error={add.error} /> : null}
        <div className="actions">
          <button type="submit" className="btn secondary" disabled={add.isPending}>
            {t('procurement.officers.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
