import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, type Organization, type Taxonomy, type Proposal } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { isStaff, useSession } from '../../session.ts';
import { ErrorState, Loading, PageHeader, Select, TextArea, TextInput } from '../../ui/index.tsx';
import { ChangesTable } from './ChangesTable.tsx';
import { keys } from './data.ts';
import { useOrganization, useTaxonomy } from '../../queries.ts';
import { changedFields, FORM_FIELDS, toApi, toForm, type FormField, type FormValues } from './profile.ts';
import { SignInPrompt } from './parts.tsx';
import './member.css';

/** /me/organizations/:id/propose — an owner or editor proposes changes to the profile; staff review them. */
export default function ProposeEdit() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const s = session.data;
  if (session.isLoading) return <Frame title={t('member.proposeTitleShort')}>{<Loading />}</Frame>;
  if (session.error) return <Frame title={t('member.proposeTitleShort')}>{<ErrorState error={session.error} retry={() => void session.refetch()} />}</Frame>;
  if (!s) {
    return (
      <Frame title={t('member.proposeTitleShort')}>
        <SignInPrompt next={location.pathname} message={t('member.signInToPropose')} />
      </Frame>
    );
  }
  if (!isStaff(s) && !s.memberships.some((m) => m.organizationId === id)) return <NoPermission />;
  return <Proposer id={id} />;
}

function Frame({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <div className="member-page propose-page">
      <PageHeader title={title} lead={lead} />
      {children}
    </div>
  );
}

/** Someone who does not manage the organisation (the API answers 403 to them too). */
function NoPermission() {
  const { t } = useI18n();
  return (
    <Frame title={t('member.proposeTitleShort')}>
      <div className="alert warning">
        <p>
          <strong>{t('member.noPermission')}</strong>
        </p>
        <p>{t('member.noPermissionHint')}</p>
      </div>
      <p className="actions">
        <Link className="btn secondary" to="/me">
          {t('member.backToMine')}
        </Link>
        <Link className="btn text" to="/organizations">
          {t('member.toDirectory')}
        </Link>
      </p>
    </Frame>
  );
}

function Proposer({ id }: { id: string }) {
  const { t } = useI18n();
  const org = useOrganization(id);
  const taxonomy = useTaxonomy();
  if (org.isLoading || taxonomy.isLoading) return <Frame title={t('member.proposeTitleShort')}>{<Loading />}</Frame>;
  const error = org.error ?? taxonomy.error;
  if (error || !org.data || !taxonomy.data) {
    return (
      <Frame title={t('member.proposeTitleShort')}>
        {error instanceof ApiError && error.status === 404 ? (
          <div className="alert warning">
            <p>{t('member.orgGone')}</p>
          </div>
        ) : (
          <ErrorState error={error} retry={() => void (org.error ? org.refetch() : taxonomy.refetch())} />
        )}
        <p>
          <Link to="/me">{t('member.backToMine')}</Link>
        </p>
      </Frame>
    );
  }
  return <Editor key={org.data.updatedAt} org={org.data} taxonomy={taxonomy.data} />;
}

type Mode = 'edit' | 'preview' | 'sent';
const ERROR_FIELDS: string[] = [...FORM_FIELDS, 'note'];

function Editor({ org, taxonomy }: { org: Organization; taxonomy: Taxonomy }) {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const original = useMemo(() => toForm(org), [org]);
  const [values, setValues] = useState<FormValues>(original);
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<Mode>('edit');
  const [problems, setProblems] = useState<Partial<Record<FormField, MessageKey>>>({});
  // Bumped to move focus once the form shows its errors (after the render that shows them).
  const [focusInvalid, setFocusInvalid] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  const before = useMemo(() => toApi(original).values, [original]);
  const after = toApi(values).values;
  const changed = changedFields(before, after);

  const send = useMutation({
    mutationFn: () =>
      api<Proposal>(`/api/v1/organizations/${encodeURIComponent(org.id)}/proposals`, {
        method: 'POST',
        body: { changes: Object.fromEntries(changed.map((f) => [f, after[f]])), note: note.trim() || null },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.proposals(org.id) });
      setMode('sent');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400 && e.errors.some((x) => ERROR_FIELDS.some((f) => x.path === f || x.path.endsWith(`.${f}`)))) {
        setMode('edit');
        setFocusInvalid((n) => n + 1);
      }
    },
  });

  useEffect(() => {
    if (!focusInvalid) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);
  useEffect(() => {
    if (mode === 'preview') previewHeading.current?.focus();
  }, [mode]);

  const set = (f: FormField) => (e: { target: { value: string } }) => {
    const v = e.target.value;
    setValues((old) => {
      const next = { ...old, [f]: v };
      // A subtype belongs to its type: changing the type drops a subtype the new type does not have.
      if (f === 'typeKey' && !taxonomy.types.find((x) => x.key === v)?.subtypes.some((s) => s.key === old.subtypeKey)) next.subtypeKey = '';
      return next;
    });
  };
  const apiErrors = (path: string): string[] => (send.error instanceof ApiError ? send.error.forField(path).map((e) => l(e.messages)) : []);
  const errorsOf = (f: FormField): string[] => (problems[f] ? [t(problems[f])] : apiErrors(f));
  const input = (f: FormField) => ({ name: f, value: values[f], onChange: set(f), errors: errorsOf(f) });

  const preview = (e: FormEvent) => {
    e.preventDefault();
    const found = toApi(values).problems;
    setProblems(found);
    if (Object.keys(found).length) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    send.reset();
    setMode('preview');
  };

  const title = t('member.proposeTitle', { name: org.name });
  if (send.error instanceof ApiError && send.error.status === 403) return <NoPermission />;
  if (mode === 'sent') {
    return (
      <Frame title={title}>
        <Sent org={org} count={changed.length} />
      </Frame>
    );
  }

  const generalError =
    send.error && !(send.error instanceof ApiError && send.error.errors.length > 0 && send.error.errors.every((x) => ERROR_FIELDS.some((f) => x.path === f || x.path.endsWith(`.${f}`))))
      ? send.error
      : null;

  if (mode === 'preview') {
    return (
      <Frame title={title}>
        <section aria-labelledby="preview-heading" className="preview">
          <h2 id="preview-heading" ref={previewHeading} tabIndex={-1}>
            {t('member.previewHeading')}
          </h2>
          {changed.length === 0 ? (
            <>
              <div className="alert warning">
                <p>{t('member.nothingChanged')}</p>
              </div>
              <div className="actions">
                <button type="button" className="btn primary" onClick={() => setMode('edit')}>
                  {t('member.backToEdit')}
                </button>
              </div>
            </>
          ) : (
            <>
              <p>{t('member.previewLead', { count: changed.length })}</p>
              <ChangesTable
                caption={t('member.previewCaption', { name: org.name })}
                fields={changed}
                before={before}
                after={after}
                taxonomy={taxonomy}
                beforeLabel={t('member.changes.now')}
                afterLabel={t('member.changes.proposed')}
              />
              <h3>{t('member.noteHeading')}</h3>
              <p className="note-preview">{note.trim() || t('member.noNote')}</p>
              {generalError ? <ErrorState error={generalError} /> : null}
              <div className="actions">
                <button type="button" className="btn primary" aria-disabled={send.isPending || undefined} onClick={() => !send.isPending && send.mutate()}>
                  {send.isPending ? t('member.sending') : t('member.send')}
                </button>
                <button type="button" className="btn secondary" onClick={() => setMode('edit')}>
                  {t('member.backToEdit')}
                </button>
              </div>
              {send.isPending ? <Loading /> : null}
            </>
          )}
        </section>
      </Frame>
    );
  }

  const typeOptions = [{ value: '', label: t('member.notSet') }, ...taxonomy.types.map((x) => ({ value: x.key, label: l(x.label) }))];
  const subtypes = taxonomy.types.find((x) => x.key === values.typeKey)?.subtypes ?? [];
  const subtypeOptions = [{ value: '', label: t('member.notSet') }, ...subtypes.map((x) => ({ value: x.key, label: l(x.label) }))];
  if (values.subtypeKey && !subtypes.some((x) => x.key === values.subtypeKey)) subtypeOptions.push({ value: values.subtypeKey, label: values.subtypeKey });
  const industryOptions = [{ value: '', label: t('member.notSet') }, ...taxonomy.industries.map((x) => ({ value: x.key, label: l(x.label) }))];
  const districtOptions = [{ value: '', label: t('member.notSet') }, ...taxonomy.districts.map((x) => ({ value: x.code, label: l(x.name) }))];
  const hasErrors = Object.keys(problems).length > 0 || (send.error instanceof ApiError && send.error.status === 400);

  return (
    <Frame title={title} lead={t('member.proposeLead')}>
      <form ref={form} noValidate onSubmit={preview} className="propose-form">
        {hasErrors ? (
          <div className="alert danger" role="alert">
            <p>{t('member.fixErrors')}</p>
          </div>
        ) : null}
        <fieldset>
          <legend>{t('member.section.basic')}</legend>
          <div className="propose-grid">
            <TextInput label={t('member.field.name')} hint={t('member.hint.name')} required maxLength={200} {...input('name')} />
            <TextInput label={t('member.field.nameEn')} maxLength={200} lang="en" {...input('nameEn')} />
            <TextInput label={t('member.field.representative')} maxLength={100} {...input('representative')} />
            <TextInput label={t('member.field.legalForm')} hint={t('member.hint.legalForm')} maxLength={100} {...input('legalForm')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('member.section.classification')}</legend>
          <div className="propose-grid">
            <Select label={t('member.field.typeKey')} options={typeOptions} {...input('typeKey')} />
            <Select
              label={t('member.field.subtypeKey')}
              hint={subtypes.length ? undefined : t('member.hint.noSubtypes')}
              options={subtypeOptions}
              {...input('subtypeKey')}
            />
            <Select label={t('member.field.industryKey')} options={industryOptions} {...input('industryKey')} />
            <Select label={t('member.field.districtCode')} options={districtOptions} {...input('districtCode')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('member.section.contact')}</legend>
          <div className="propose-grid">
            <div className="wide">
              <TextInput label={t('member.field.roadAddress')} hint={t('member.hint.roadAddress')} maxLength={300} {...input('roadAddress')} />
            </div>
            <TextInput label={t('member.field.phone')} hint={t('member.hint.phone')} type="tel" {...input('phone')} />
            <TextInput label={t('member.field.email')} hint={t('member.hint.email')} type="email" spellCheck={false} {...input('email')} />
            <div className="wide">
              <TextInput label={t('member.field.website')} hint={t('member.hint.website')} type="url" spellCheck={false} {...input('website')} />
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('member.section.about')}</legend>
          <TextArea label={t('member.field.description')} maxLength={5000} rows={6} {...input('description')} />
          <TextArea label={t('member.field.products')} hint={t('member.hint.products')} maxLength={5000} rows={4} {...input('products')} />
        </fieldset>
        <fieldset>
          <legend>{t('member.section.size')}</legend>
          <div className="propose-grid three">
            <TextInput label={t('member.field.foundedOn')} type="date" {...input('foundedOn')} />
            <TextInput label={t('member.field.employees')} hint={t('member.hint.count')} inputMode="numeric" {...input('employees')} />
            <TextInput label={t('member.field.members')} hint={t('member.hint.count')} inputMode="numeric" {...input('members')} />
          </div>
        </fieldset>
        <TextArea label={t('member.field.note')} hint={t('member.hint.note')} name="note" maxLength={1000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} errors={apiErrors('note')} />
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('member.preview')}
          </button>
          <Link className="btn secondary" to="/me">
            {t('member.cancel')}
          </Link>
        </div>
      </form>
    </Frame>
  );
}

function Sent({ org, count }: { org: Organization; count: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <>
      <div className="alert success sent" role="status" tabIndex={-1} ref={ref}>
        <p>
          <strong>{t('member.sent', { count })}</strong>
        </p>
        <p>{t('member.sentHint')}</p>
      </div>
      <p className="actions">
        <Link className="btn primary" to="/me">
          {t('member.toMine')}
        </Link>
        <Link className="btn secondary" to={`/organizations/${org.id}`}>
          {t('member.toOrgPage')}
        </Link>
      </p>
    </>
  );
}
