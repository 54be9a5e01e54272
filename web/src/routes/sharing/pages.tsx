import { useQueries } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { organizationQuery } from '../../queries.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Alert, Empty, ErrorState, Loading, PageHeader, Pagination, Select, TextArea, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { PhotoField, photosBody, type Photo } from '../../ui/PhotoField.tsx';
import { CheckGroup } from '../public/CheckGroup.tsx';
import { SearchBox } from '../public/SearchBox.tsx';
import '../public/public.css';
import './sharing.css';
import {
  PAGE_SIZE,
  useAct,
  useCreateRequest,
  useMarkRead,
  useNotifications,
  useRequests,
  useResource,
  useResources,
  useSaveResource,
  useSharingTaxonomy,
  type Facet,
  type RequestAction,
  type Resource,
  type SharingRequest,
} from './data.ts';

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** Names of the organisations the signed-in person manages (memberships carry ids only). */
function useMyOrganizations() {
  const session = useSession();
  const ids = session.data?.memberships.map((m) => m.organizationId) ?? [];
  const orgs = useQueries({
    queries: ids.map((id) => organizationQuery(id)),
  });
  return { session, orgs: ids.map((id, i) => ({ id, name: orgs[i]?.data?.name ?? id })) };
}

function Money({ r }: { r: Pick<Resource, 'terms' | 'feeWon'> }) {
  const { t, n } = useI18n();
  return (
    <>
      {t(`sharing.terms.${r.terms}`)}
      {r.feeWon !== null ? ` · ${t('sharing.won', { amount: n(r.feeWon) })}` : ''}
    </>
  );
}

// ——— /sharing ———

const toggled = (selected: string[], value: string, on: boolean) => (on ? [...selected, value] : selected.filter((v) => v !== value));

export function SharingSearch() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const s = { q: params.get('q') ?? '', category: list(params.get('category')), district: list(params.get('district')), page: Math.max(1, Number(params.get('page')) || 1) };
  const taxonomy = useSharingTaxonomy();
  const result = useResources(s);
  const update = (changes: Record<string, string | string[]>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      const value = Array.isArray(v) ? v.join(',') : v;
      if (value) next.set(k, value);
      else next.delete(k);
    }
    next.delete('page');
    setParams(next);
  };
  const hrefOf = (page: number) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set('page', String(page));
    else next.delete('page');
    return `/sharing?${next.toString()}`;
  };
  const data = result.data;
  const headingId = useId();
  const counts = (f: Facet[] | undefined) => new Map((f ?? []).map((x) => [x.key, x.count]));
  const countText = (count: number) => t('sharing.count', { count });
  return (
    <>
      <PageHeader title={t('sharing.title')} lead={t('sharing.lead')} />
      <SearchBox
        key={s.q}
        initial={s.q}
        onSearch={(q) => update({ q })}
        labels={{ region: t('sharing.search.region'), label: t('sharing.search.label'), hint: t('sharing.search.hint') }}
      />
      <div className="pub-dir">
        <details className="pub-filters" open>
          <summary>{t('sharing.filters')}</summary>
          <div className="pub-filters-body">
            {taxonomy.isError ? (
              <ErrorState error={taxonomy.error} retry={() => void taxonomy.refetch()} />
            ) : !taxonomy.data ? (
              <Loading />
            ) : (
              <>
                {s.category.length + s.district.length ? (
                  <p className="pub-clear">
                    <Link to={s.q ? `/sharing?q=${encodeURIComponent(s.q)}` : '/sharing'}>{t('sharing.clear')}</Link>
                  </p>
                ) : null}
                <CheckGroup
                  legend={t('sharing.category')}
                  options={taxonomy.data.categories.map((c) => ({ value: c.key, label: l(c.label) }))}
                  counts={data && counts(data.facets.category)}
                  countText={countText}
                  selected={s.category}
                  onToggle={(v, on) => update({ category: toggled(s.category, v, on) })}
                />
                <CheckGroup
                  legend={t('sharing.district')}
                  options={taxonomy.data.districts.map((d) => ({ value: d.code, label: l(d.name) }))}
                  counts={data && counts(data.facets.district)}
                  countText={countText}
                  selected={s.district}
                  onToggle={(v, on) => update({ district: toggled(s.district, v, on) })}
                  columns
                />
              </>
            )}
          </div>
        </details>
        <section className="pub-results" aria-labelledby={headingId}>
          <h2 id={headingId} className="visually-hidden">
            {t('sharing.results')}
          </h2>
          <p role="status" className="pub-found">
            {data ? t('sharing.found', { count: data.total }) : ''}
          </p>
          {result.isPending ? (
            <Loading />
          ) : result.isError ? (
            <ErrorState error={result.error} retry={() => void result.refetch()} />
          ) : data && data.items.length === 0 ? (
            <Empty>{t('sharing.empty')}</Empty>
          ) : data ? (
            <>
              <ul className="pub-org-list" aria-label={t('sharing.results')}>
                {data.items.map((r) => (
                  <ResourceCard key={r.id} r={r} />
                ))}
              </ul>
              <Pagination page={s.page} pages={Math.max(1, Math.ceil(data.total / PAGE_SIZE))} hrefOf={hrefOf} />
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}


function ResourceCard({ r }: { r: Resource }) {
  const { t, l } = useI18n();
  return (
    <li className="card pub-org">
      <h3 className="pub-org-name">
        <Link to={`/sharing/resources/${r.id}`} lang="ko">
          {r.title}
        </Link>
      </h3>
      <p className="pub-badges">
        <span className="badge primary">{l(r.category.label)}</span>
        {r.status !== 'available' ? <span className="badge">{t(`sharing.status.${r.status}`)}</span> : null}
        {r.isDemo ? <span className="badge pub-demo">{t('sharing.demo')}</span> : null}
      </p>
      <dl className="pub-meta">
        <div>
          <dt>{t('sharing.offeredBy')}</dt>
          <dd lang="ko">{r.organization.name}</dd>
        </div>
        {r.district ? (
          <div>
            <dt>{t('sharing.district')}</dt>
            <dd>{l(r.district.name)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('sharing.terms')}</dt>
          <dd>
            <Money r={r} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

// ——— /sharing/resources/:id ———

export function ResourcePage() {
  const { id } = useParams();
  const { t, l, d, n } = useI18n();
  const resource = useResource(id);
  if (resource.isPending) return <Loading />;
  if (resource.isError) return <ErrorState error={resource.error} retry={() => void resource.refetch()} />;
  const r = resource.data;
  return (
    <>
      <PageHeader title={r.title}>
        <p className="pub-badges">
          <span className="badge primary">{l(r.category.label)}</span>
          {r.isDemo ? <span className="badge pub-demo">{t('sharing.demo')}</span> : null}
          {r.canManage ? (
            <Link className="btn secondary small" to={`/sharing/resources/${r.id}/edit`}>
              {t('sharing.edit')}
            </Link>
          ) : null}
        </p>
      </PageHeader>
      <div className="sharing-detail">
        <section className="card">
          {r.photos.map((p) => (
            <img key={p.url} src={p.url} alt={p.alt} className="sharing-photo" />
          ))}
          <dl className="pub-meta">
            <div>
              <dt>{t('sharing.offeredBy')}</dt>
              <dd>
                <Link to={`/organizations/${r.organization.id}`} lang="ko">
                  {r.organization.name}
                </Link>
              </dd>
            </div>
            {r.district ? (
              <div>
                <dt>{t('sharing.district')}</dt>
                <dd>{l(r.district.name)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('sharing.terms')}</dt>
              <dd>
                <Money r={r} />
              </dd>
            </div>
            <div>
              <dt>{t('sharing.status')}</dt>
              <dd>{t(`sharing.status.${r.status}`)}</dd>
            </div>
            {r.quantity !== null ? (
              <div>
                <dt>{t('sharing.quantity')}</dt>
                <dd>{n(r.quantity)}</dd>
              </div>
            ) : null}
            {r.availability ? (
              <div className="pub-meta-wide">
                <dt>{t('sharing.availability')}</dt>
                <dd lang="ko">{r.availability}</dd>
              </div>
            ) : null}
            {r.availableRanges.length ? (
              <div className="pub-meta-wide">
                <dt>{t('sharing.ranges')}</dt>
                <dd>{r.availableRanges.map((x) => `${d(x.from)} – ${d(x.to)}`).join(', ')}</dd>
              </div>
            ) : null}
            {r.description ? (
              <div className="pub-meta-wide">
                <dt>{t('sharing.description')}</dt>
                <dd lang="ko">{r.description}</dd>
              </div>
            ) : null}
          </dl>
        </section>
        <RequestForm r={r} />
      </div>
    </>
  );
}

function RequestForm({ r }: { r: Resource }) {
  const { t } = useI18n();
  const { session, orgs } = useMyOrganizations();
  const create = useCreateRequest(r.id);
  const errorsOf = useFieldErrors(create.error);
  const headingId = useId();
  const eligible = orgs.filter((o) => o.id !== r.organization.id);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    create.mutate({
      requesterOrganizationId: get('org'),
      ...(get('from') ? { fromDate: get('from') } : {}),
      ...(get('to') ? { toDate: get('to') } : {}),
      ...(get('quantity') ? { quantity: Number(get('quantity')) } : {}),
      message: get('message'),
    });
  };
  let body;
  if (!session.data) {
    body = (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/sharing/resources/${r.id}`)}`}>{t('sharing.request.signIn')}</Link>
      </p>
    );
  } else if (!eligible.length) {
    body = <p>{orgs.length ? t('sharing.request.own') : t('sharing.request.noOrg')}</p>;
  } else if (create.isSuccess) {
    body = (
      <Alert kind="success" live>
        <p>{t('sharing.request.sent')}</p>
        <p>
          <Link to="/me/requests">{t('sharing.request.myRequests')}</Link>
        </p>
      </Alert>
    );
  } else {
    body = (
      <form onSubmit={submit} noValidate>
        {create.error instanceof ApiError && !create.error.errors.length ? <ErrorState error={create.error} /> : null}
        <Select label={t('sharing.request.for')} name="org" options={eligible.map((o) => ({ value: o.id, label: o.name }))} errors={errorsOf('requesterOrganizationId')} required />
        <p className="hint">{t('sharing.request.datesHint')}</p>
        <div className="sharing-row">
          <TextInput label={t('sharing.request.from')} name="from" type="date" errors={errorsOf('fromDate')} />
          <TextInput label={t('sharing.request.to')} name="to" type="date" errors={errorsOf('toDate')} />
          <TextInput label={t('sharing.request.quantity')} name="quantity" type="number" min={1} inputMode="numeric" errors={errorsOf('quantity')} />
        </div>
        <TextArea label={t('sharing.request.message')} name="message" rows={3} maxLength={2000} errors={errorsOf('message')} />
        <button type="submit" className="btn primary" disabled={create.isPending}>
          {t('sharing.request.submit')}
        </button>
      </form>
    );
  }
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sharing.request.title')}</h2>
      {body}
    </section>
  );
}

// ——— /me/requests ———

export function MyRequests() {
  const { t } = useI18n();
  const { session, orgs } = useMyOrganizations();
  const sent = useRequests('requester');
  const inbox = useRequests('owner');
  if (session.isPending) return <Loading />;
  if (!session.data) {
    return (
      <>
        <PageHeader title={t('sharing.mine.title')} />
        <p>
          <Link to="/login?next=/me/requests">{t('sharing.request.signIn')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('sharing.mine.title')} lead={t('sharing.mine.lead')} />
      <RequestList title={t('sharing.mine.inbox')} q={inbox} />
      <RequestList title={t('sharing.mine.sent')} q={sent} />
      {orgs.length ? (
        <section className="sharing-section">
          <h2>{t('sharing.mine.resources')}</h2>
          <p>
            <Link className="btn primary small" to="/sharing/new">
              {t('sharing.form.new')}
            </Link>
          </p>
          {orgs.map((o) => (
            <OwnResources key={o.id} org={o} />
          ))}
        </section>
      ) : null}
    </>
  );
}

function OwnResources({ org }: { org: { id: string; name: string } }) {
  const { t } = useI18n();
  const res = useResources({ q: '', category: [], district: [], organization: org.id, status: 'all', page: 1 });
  return (
    <div>
      <h3 lang="ko">{org.name}</h3>
      {res.isPending ? (
        <Loading />
      ) : res.isError ? (
        <ErrorState error={res.error} />
      ) : res.data.items.length ? (
        <ul className="sharing-own">
          {res.data.items.map((r) => (
            <li key={r.id}>
              <Link to={`/sharing/resources/${r.id}`}>{r.title}</Link> · {t(`sharing.status.${r.status}`)} ·{' '}
              <Link to={`/sharing/resources/${r.id}/edit`} aria-label={`${t('sharing.edit')}: ${r.title}`}>
                {t('sharing.edit')}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <Empty />
      )}
    </div>
  );
}

function RequestList({ title, q }: { title: string; q: ReturnType<typeof useRequests> }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="sharing-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length ? (
        <ul className="sharing-requests">
          {q.data.items.map((r) => (
            <RequestItem key={r.id} r={r} />
          ))}
        </ul>
      ) : (
        <Empty>{t('sharing.mine.empty')}</Empty>
      )}
    </section>
  );
}

function RequestItem({ r }: { r: SharingRequest }) {
  const { t, l, d } = useI18n();
  const [open, setOpen] = useState<RequestAction | null>(null);
  const headingId = useId();
  return (
    <li className="card sharing-request" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/sharing/resources/${r.resource.id}`} lang="ko">
          {r.resource.title}
        </Link>
      </h3>
      <p>
        <span className="badge primary">{t(`sharing.req.state.${r.status}`)}</span> <span className="badge">{l(r.resource.category.label)}</span>
      </p>
      <p lang="ko">{t('sharing.req.from', { owner: r.owner.name, requester: r.requester.name })}</p>
      {r.fromDate && r.toDate ? (
        <p>
          {t('sharing.req.dates')}: {d(r.fromDate)} – {d(r.toDate)}
        </p>
      ) : null}
      {r.quantity !== null ? (
        <p>
          {t('sharing.quantity')}: {r.quantity}
        </p>
      ) : null}
      {r.message ? <p lang="ko">“{r.message}”</p> : null}
      {r.proposal ? <p>{t('sharing.req.proposal', { from: d(r.proposal.fromDate), to: d(r.proposal.toDate) })}</p> : null}
      {r.declineReason ? <p>{t('sharing.req.declineReason', { reason: r.declineReason })}</p> : null}
      {r.handedOverOn ? <p>{t('sharing.req.handedOver', { date: d(r.handedOverOn) })}</p> : null}
      {r.returnedOn ? <p>{t('sharing.req.returned', { date: d(r.returnedOn), condition: r.returnCondition ?? '' })}</p> : null}
      {r.reviews.map((v) => (
        <p key={v.side}>
          {t('sharing.req.review', { side: t(`sharing.req.side.${v.side}`), rating: v.rating })}
          {v.body ? ` — ${v.body}` : ''}
        </p>
      ))}
      {r.actions.length ? (
        <div className="sharing-actions">
          {r.actions.map((a) => (
            <button key={a} type="button" className={a === 'accept' || a === 'accept-proposal' ? 'btn primary small' : 'btn secondary small'} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
              {t(`sharing.act.${a}`)}
            </button>
          ))}
        </div>
      ) : null}
      {open ? <ActionForm key={open} r={r} action={open} onDone={() => setOpen(null)} /> : null}
    </li>
  );
}

/** The fields each step asks for; steps without fields are confirmed with one button. */
function ActionForm({ r, action, onDone }: { r: SharingRequest; action: RequestAction; onDone: () => void }) {
  const { t } = useI18n();
  const act = useAct();
  const errorsOf = useFieldErrors(act.error);
  const today = new Date().toISOString().slice(0, 10);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, unknown> = {};
    for (const [k, v] of f.entries()) if (String(v).trim() !== '') body[k] = k === 'rating' ? Number(v) : String(v).trim();
    act.mutate({ id: r.id, action, body }, { onSuccess: onDone });
  };
  return (
    <form className="sharing-action-form" onSubmit={submit} noValidate aria-label={t(`sharing.act.${action}`)}>
      {act.error instanceof ApiError && !act.error.errors.length ? <ErrorState error={act.error} /> : null}
      {action === 'decline' || action === 'cancel' ? <TextInput label={t('sharing.act.reason')} name="reason" required={action === 'decline'} errors={errorsOf('reason')} /> : null}
      {action === 'propose' ? (
        <>
          <div className="sharing-row">
            <TextInput label={t('sharing.request.from')} name="fromDate" type="date" required errors={errorsOf('fromDate')} />
            <TextInput label={t('sharing.request.to')} name="toDate" type="date" required errors={errorsOf('toDate')} />
          </div>
          <TextInput label={t('sharing.act.note')} name="note" errors={errorsOf('note')} />
        </>
      ) : null}
      {action === 'handover' || action === 'return' ? <TextInput label={t('sharing.act.on')} name="on" type="date" defaultValue={today} required errors={errorsOf('on')} /> : null}
      {action === 'return' ? <TextInput label={t('sharing.act.condition')} name="condition" required errors={errorsOf('condition')} /> : null}
      {action === 'review' ? (
        <>
          <TextInput label={t('sharing.act.rating')} name="rating" type="number" min={1} max={5} required errors={errorsOf('rating')} />
          <TextArea label={t('sharing.act.body')} name="body" rows={2} errors={errorsOf('body')} />
        </>
      ) : null}
      <button type="submit" className="btn primary small" disabled={act.isPending}>
        {t('sharing.act.confirm')}: {t(`sharing.act.${action}`)}
      </button>{' '}
      <button type="button" className="btn text small" onClick={onDone}>
        {t('sharing.act.close')}
      </button>
    </form>
  );
}

// ——— /sharing/new, /sharing/resources/:id/edit ———

export function ResourceForm() {
  const { id } = useParams();
  const existing = useResource(id);
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ErrorState error={existing.error} />;
  return <ResourceFormBody key={id ?? 'new'} r={id ? existing.data : undefined} />;
}

function ResourceFormBody({ r }: { r: Resource | undefined }) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const { orgs } = useMyOrganizations();
  const taxonomy = useSharingTaxonomy();
  const save = useSaveResource(r?.id);
  const errorsOf = useFieldErrors(save.error);
  const [terms, setTerms] = useState<string>(r?.terms ?? 'free');
  // Photos are uploaded for the resource's organisation: the one chosen below for a new resource.
  const [chosenOrg, setChosenOrg] = useState('');
  const orgId = r ? r.organization.id : chosenOrg || orgs[0]?.id;
  const [photos, setPhotos] = useState<Photo[]>(r?.photos ?? []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    const body: Record<string, unknown> = {
      title: get('title'),
      description: get('description'),
      categoryKey: get('categoryKey'),
      terms: get('terms'),
      feeWon: get('terms') === 'free' || !get('feeWon') ? null : Number(get('feeWon')),
      availability: get('availability'),
      quantity: get('quantity') ? Number(get('quantity')) : null,
      status: get('status') || 'available',
      photos: photosBody(photos),
      // The form edits the first period; any further ones (from the API) are kept.
      availableRanges: get('rangeFrom') || get('rangeTo') ? [{ from: get('rangeFrom'), to: get('rangeTo') }, ...(r?.availableRanges.slice(1) ?? [])] : (r?.availableRanges.slice(1) ?? []),
      ...(get('districtCode') ? { districtCode: get('districtCode') } : {}),
    };
    if (!r) body.organizationId = orgId ?? '';
    save.mutate(body, { onSuccess: (saved) => void navigate(`/sharing/resources/${saved.id}`) });
  };
  const title = r ? t('sharing.form.edit') : t('sharing.form.new');
  return (
    <>
      <PageHeader title={title} />
      {save.error instanceof ApiError ? <Alert kind="danger">{save.error.errors.length ? t('sharing.form.errors') : l(save.error.messages)}</Alert> : null}
      <form className="card sharing-form" onSubmit={submit} noValidate>
        {!r ? (
          <Select
            label={t('sharing.form.organization')}
            name="organizationId"
            value={orgId ?? ''}
            onChange={(e) => setChosenOrg(e.target.value)}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            required
            errors={errorsOf('organizationId')}
          />
        ) : null}
        <TextInput label={t('sharing.form.title')} name="title" defaultValue={r?.title} required maxLength={200} errors={errorsOf('title')} />
        <TextArea label={t('sharing.form.description')} name="description" defaultValue={r?.description ?? ''} rows={4} errors={errorsOf('description')} />
        <Select
          label={t('sharing.form.category')}
          name="categoryKey"
          defaultValue={r?.category.key}
          options={(taxonomy.data?.categories ?? []).map((c) => ({ value: c.key, label: l(c.label) }))}
          required
          errors={errorsOf('categoryKey')}
        />
        <Select
          label={t('sharing.form.district')}
          name="districtCode"
          defaultValue={r?.district?.code ?? ''}
          options={[{ value: '', label: t('sharing.form.districtDefault') }, ...(taxonomy.data?.districts ?? []).map((d) => ({ value: d.code, label: l(d.name) }))]}
          errors={errorsOf('districtCode')}
        />
        <div className="sharing-row">
          <Select
            label={t('sharing.form.terms')}
            name="terms"
            value={terms}
            onChange={(e) => setTerms(e.target.value)}
            options={(['free', 'cost_recovery', 'fee'] as const).map((k) => ({ value: k, label: t(`sharing.terms.${k}`) }))}
            errors={errorsOf('terms')}
          />
          {terms !== 'free' ? <TextInput label={t('sharing.form.fee')} name="feeWon" type="number" min={0} inputMode="numeric" defaultValue={r?.feeWon ?? ''} required errors={errorsOf('feeWon')} /> : null}
          <TextInput label={t('sharing.form.quantity')} name="quantity" type="number" min={1} inputMode="numeric" defaultValue={r?.quantity ?? ''} errors={errorsOf('quantity')} />
        </div>
        <TextInput label={t('sharing.form.availability')} name="availability" defaultValue={r?.availability ?? ''} errors={errorsOf('availability')} />
        <div className="sharing-row">
          <TextInput label={t('sharing.form.rangeFrom')} name="rangeFrom" type="date" defaultValue={r?.availableRanges[0]?.from ?? ''} errors={errorsOf('availableRanges.0.from')} />
          <TextInput label={t('sharing.form.rangeTo')} name="rangeTo" type="date" defaultValue={r?.availableRanges[0]?.to ?? ''} errors={errorsOf('availableRanges.0.to')} />
        </div>
        <PhotoField organizationId={orgId} value={photos} onChange={setPhotos} errorsOf={errorsOf} />
        <Select
          label={t('sharing.form.status')}
          name="status"
          defaultValue={r?.status ?? 'available'}
          options={(['available', 'paused', 'gone'] as const).map((k) => ({ value: k, label: t(`sharing.status.${k}`) }))}
          errors={errorsOf('status')}
        />
        <button type="submit" className="btn primary" disabled={save.isPending}>
          {t('sharing.form.save')}
        </button>
      </form>
    </>
  );
}

// ——— /me/notifications ———

export function Notifications() {
  const { t, l, d } = useI18n();
  const notes = useNotifications();
  const mark = useMarkRead();
  return (
    <>
      <PageHeader title={t('sharing.notes.title')} lead={notes.data ? t('sharing.notes.unread', { count: notes.data.unread }) : undefined} />
      {notes.isPending ? (
        <Loading />
      ) : notes.isError ? (
        <ErrorState error={notes.error} retry={() => void notes.refetch()} />
      ) : notes.data.items.length === 0 ? (
        <Empty>{t('sharing.notes.empty')}</Empty>
      ) : (
        <>
          {notes.data.unread ? (
            <p>
              <button type="button" className="btn secondary small" onClick={() => mark.mutate('all')}>
                {t('sharing.notes.readAll')}
              </button>
            </p>
          ) : null}
          <ul className="sharing-notes">
            {notes.data.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'card' : 'card sharing-unread'}>
                {!n.readAt ? <span className="badge primary">{t('sharing.notes.new')}</span> : null}{' '}
                {n.link ? <Link to={n.link}>{l(n.title)}</Link> : l(n.title)} <span className="hint">{d(n.createdAt, true)}</span>
                {!n.readAt ? (
                  <>
                    {' '}
                    <button type="button" className="btn text small" onClick={() => mark.mutate(n.id)} aria-label={`${t('sharing.notes.markRead')}: ${l(n.title)}`}>
                      {t('sharing.notes.markRead')}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

