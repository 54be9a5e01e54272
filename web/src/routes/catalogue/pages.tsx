import { useQueries } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { organizationQuery } from '../../queries.ts';
import { isStaff, useSession } from '../../session.ts';
import { Alert, Empty, ErrorState, Loading, PageHeader, Pagination, Select, TextArea, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { OrganizationPicker, type OrganizationPickerText } from '../../ui/OrganizationPicker.tsx';
import { PhotoField, photosBody, type Photo } from '../../ui/PhotoField.tsx';
import { CheckGroup } from '../public/CheckGroup.tsx';
import { SearchBox } from '../public/SearchBox.tsx';
import '../public/public.css';
import './catalogue.css';
import { PAGE_SIZE, searchPath, useCatalogueTaxonomy, useMatching, useOffering, useOfferings, useSaveOffering, useSetStatus, type Facet, type Offering } from './data.ts';

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);
const toggled = (selected: string[], value: string, on: boolean) => (on ? [...selected, value] : selected.filter((v) => v !== value));

/** Names of the organisations the signed-in person manages (memberships carry ids only). */
function useMyOrganizations() {
  const session = useSession();
  const ids = session.data?.memberships.map((m) => m.organizationId) ?? [];
  const orgs = useQueries({ queries: ids.map((id) => organizationQuery(id)) });
  return { session, orgs: ids.map((id, i) => ({ id, name: orgs[i]?.data?.name ?? id })) };
}

/** "250,000원 / 개" or "견적". */
function Price({ o }: { o: Pick<Offering, 'priceWon' | 'priceBasis' | 'unit'> }) {
  const { t, n } = useI18n();
  return <>{o.priceWon !== null ? t('catalogue.perUnit', { price: t('catalogue.won', { amount: n(o.priceWon) }), unit: o.unit }) : o.priceBasis}</>;
}

function Delivery({ o }: { o: Pick<Offering, 'deliveryArea'> }) {
  const { t, l } = useI18n();
  return <>{o.deliveryArea.allSeoul ? t('catalogue.allSeoul') : o.deliveryArea.districts.map((d) => l(d.name)).join(', ')}</>;
}

function OfferingFacts({ o }: { o: Offering }) {
  const { t, n } = useI18n();
  return (
    <>
      <div>
        <dt>{t('catalogue.supplier')}</dt>
        <dd lang="ko">{o.organization.name}</dd>
      </div>
      <div>
        <dt>{t('catalogue.price')}</dt>
        <dd>
          <Price o={o} />
        </dd>
      </div>
      <div>
        <dt>{t('catalogue.minOrder')}</dt>
        <dd>{t('catalogue.minOrderValue', { count: n(o.minOrder), unit: o.unit })}</dd>
      </div>
      <div>
        <dt>{t('catalogue.delivery')}</dt>
        <dd>
          <Delivery o={o} />
        </dd>
      </div>
    </>
  );
}

function OfferingCard({ o }: { o: Offering }) {
  const { t, l } = useI18n();
  return (
    <li className={`card pub-org${o.photos[0] ? ' catalogue-card-pictured' : ''}`}>
      {o.photos[0] ? <img src={o.photos[0].url} alt={o.photos[0].alt} className="catalogue-card-photo" loading="lazy" /> : null}
      <h3 className="pub-org-name">
        <Link to={`/catalogue/${o.id}`} lang="ko">
          {o.name}
        </Link>
      </h3>
      <p className="pub-badges">
        <span className="badge primary">{l(o.category.label)}</span>
        {o.certifications.map((c) => (
          <span key={c.key} className="badge">
            {l(c.label)}
          </span>
        ))}
        {o.status !== 'active' ? <span className="badge">{t(`catalogue.status.${o.status}`)}</span> : null}
        {o.isDemo ? <span className="badge pub-demo">{t('catalogue.demo')}</span> : null}
      </p>
      <dl className="pub-meta">
        <OfferingFacts o={o} />
      </dl>
    </li>
  );
}

// ——— /catalogue ———

export function CatalogueSearch() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const s = {
    q: params.get('q') ?? '',
    kind: list(params.get('kind')),
    category: list(params.get('category')),
    district: params.get('district') ?? '',
    certification: list(params.get('certification')),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const taxonomy = useCatalogueTaxonomy();
  const { session } = useMyOrganizations();
  const result = useOfferings({ ...s, kind: s.kind.length === 1 ? s.kind[0] : undefined, district: s.district || undefined });
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
    return `/catalogue?${next.toString()}`;
  };
  const data = result.data;
  const headingId = useId();
  const counts = (f: Facet[] | undefined) => new Map((f ?? []).map((x) => [x.key, x.count]));
  const countText = (count: number) => t('catalogue.count', { count });
  const oneCategory = s.category.length === 1 ? taxonomy.data?.categories.find((c) => c.code === s.category[0]) : undefined;
  const filtered = s.kind.length + s.category.length + s.certification.length + (s.district ? 1 : 0);
  return (
    <>
      <PageHeader title={t('catalogue.title')} lead={t('catalogue.lead')}>
        <p className="catalogue-links">
          <Link className="btn secondary small" to="/catalogue/match">
            {t('catalogue.toMatch')}
          </Link>
          <a className="btn secondary small" href={`/api/v1/procurement/catalogue/print.pdf${oneCategory ? `?category=${oneCategory.code}` : ''}`}>
            {oneCategory ? t('catalogue.printCategory', { category: l(oneCategory.label) }) : t('catalogue.print')}
          </a>
          {session.data?.memberships.length ? (
            <Link className="btn secondary small" to="/catalogue/mine">
              {t('catalogue.toMine')}
            </Link>
          ) : null}
        </p>
      </PageHeader>
      <SearchBox key={s.q} initial={s.q} onSearch={(q) => update({ q })} labels={{ region: t('catalogue.search.region'), label: t('catalogue.search.label'), hint: t('catalogue.search.hint') }} />
      <div className="pub-dir">
        <details className="pub-filters" open>
          <summary>{t('catalogue.filters')}</summary>
          <div className="pub-filters-body">
            {taxonomy.isError ? (
              <ErrorState error={taxonomy.error} retry={() => void taxonomy.refetch()} />
            ) : !taxonomy.data ? (
              <Loading />
            ) : (
              <>
                {filtered ? (
                  <p className="pub-clear">
                    <Link to={s.q ? `/catalogue?q=${encodeURIComponent(s.q)}` : '/catalogue'}>{t('catalogue.clear')}</Link>
                  </p>
                ) : null}
                <CheckGroup
                  legend={t('catalogue.kind')}
                  options={(['product', 'service'] as const).map((k) => ({ value: k, label: t(`catalogue.kind.${k}`) }))}
                  counts={data && counts(data.facets.kind)}
                  countText={countText}
                  selected={s.kind}
                  onToggle={(v, on) => update({ kind: toggled(s.kind, v, on) })}
                />
                <CheckGroup
                  legend={t('catalogue.category')}
                  options={taxonomy.data.categories
                    .filter((c) => s.kind.length !== 1 || c.kind === s.kind[0])
                    .map((c) => ({ value: c.code, label: l(c.label) }))}
                  counts={data && counts(data.facets.category)}
                  countText={countText}
                  selected={s.category}
                  onToggle={(v, on) => update({ category: toggled(s.category, v, on) })}
                />
                <Select
                  label={t('catalogue.district')}
                  value={s.district}
                  onChange={(e) => update({ district: e.target.value })}
                  options={[{ value: '', label: t('catalogue.districtAny') }, ...taxonomy.data.districts.map((d) => ({ value: d.code, label: l(d.name) }))]}
                />
                <CheckGroup
                  legend={t('catalogue.certification')}
                  options={taxonomy.data.certifications.map((c) => ({ value: c.key, label: l(c.label) }))}
                  selected={s.certification}
                  onToggle={(v, on) => update({ certification: toggled(s.certification, v, on) })}
                />
              </>
            )}
          </div>
        </details>
        <section className="pub-results" aria-labelledby={headingId}>
          <h2 id={headingId} className="visually-hidden">
            {t('catalogue.results')}
          </h2>
          <p role="status" className="pub-found">
            {data ? t('catalogue.found', { count: data.total }) : ''}
          </p>
          {result.isPending ? (
            <Loading />
          ) : result.isError ? (
            <ErrorState error={result.error} retry={() => void result.refetch()} />
          ) : data && data.items.length === 0 ? (
            <Empty>{t('catalogue.empty')}</Empty>
          ) : data ? (
            <>
              <ul className="pub-org-list" aria-label={t('catalogue.results')}>
                {data.items.map((o) => (
                  <OfferingCard key={o.id} o={o} />
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

// ——— /catalogue/:id ———

export function OfferingPage() {
  const { id } = useParams();
  const { t, l, n } = useI18n();
  const offering = useOffering(id);
  const setStatus = useSetStatus();
  if (offering.isPending) return <Loading />;
  if (offering.isError) return <ErrorState error={offering.error} retry={() => void offering.refetch()} />;
  const o = offering.data;
  const r = o.deliveryRecord;
  return (
    <>
      <PageHeader title={o.name}>
        <p className="pub-badges">
          <span className="badge primary">{l(o.category.label)}</span>
          {o.item ? <span className="badge">{l(o.item.label)}</span> : null}
          {o.status !== 'active' ? <span className="badge">{t(`catalogue.status.${o.status}`)}</span> : null}
          {o.isDemo ? <span className="badge pub-demo">{t('catalogue.demo')}</span> : null}
          {o.canManage ? (
            <>
              <Link className="btn secondary small" to={`/catalogue/${o.id}/edit`}>
                {t('catalogue.edit')}
              </Link>
              <button type="button" className="btn secondary small" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ id: o.id, action: o.status === 'active' ? 'pause' : 'resume' })}>
                {o.status === 'active' ? t('catalogue.pause') : t('catalogue.resume')}
              </button>
            </>
          ) : null}
        </p>
      </PageHeader>
      {setStatus.error ? <ErrorState error={setStatus.error} /> : null}
      <div className="catalogue-detail">
        <section className="card" aria-labelledby="offering-facts">
          <h2 id="offering-facts" className="visually-hidden">
            {t('catalogue.description')}
          </h2>
          {o.photos.length ? (
            <div className="catalogue-photos">
              {o.photos.map((p) => (
                <img key={p.url} src={p.url} alt={p.alt} className="catalogue-photo" />
              ))}
            </div>
          ) : null}
          <dl className="pub-meta">
            <div>
              <dt>{t('catalogue.supplier')}</dt>
              <dd>
                <Link to={`/organizations/${o.organization.id}`} lang="ko">
                  {o.organization.name}
                </Link>
                {o.organization.type ? ` · ${l(o.organization.type.label)}` : ''}
                {o.organization.district ? ` · ${l(o.organization.district.name)}` : ''}
              </dd>
            </div>
            <div>
              <dt>{t('catalogue.price')}</dt>
              <dd>
                <Price o={o} />
              </dd>
            </div>
            <div>
              <dt>{t('catalogue.minOrder')}</dt>
              <dd>{t('catalogue.minOrderValue', { count: n(o.minOrder), unit: o.unit })}</dd>
            </div>
            <div>
              <dt>{t('catalogue.delivery')}</dt>
              <dd>
                <Delivery o={o} />
              </dd>
            </div>
            {o.leadTimeDays !== null ? (
              <div>
                <dt>{t('catalogue.leadTime')}</dt>
                <dd>{t('catalogue.leadTimeValue', { days: o.leadTimeDays })}</dd>
              </div>
            ) : null}
            {o.certifications.length ? (
              <div>
                <dt>{t('catalogue.certification')}</dt>
                <dd>{o.certifications.map((c) => l(c.label)).join(', ')}</dd>
              </div>
            ) : null}
            {o.description ? (
              <div className="pub-meta-wide">
                <dt>{t('catalogue.description')}</dt>
                <dd lang="ko">{o.description}</dd>
              </div>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="offering-contact">
          <h2 id="offering-contact">{t('catalogue.contact')}</h2>
          <dl className="pub-meta">
            {o.contact.phone ? (
              <div>
                <dt>{t('catalogue.phone')}</dt>
                <dd>
                  <a href={`tel:${o.contact.phone}`}>{o.contact.phone}</a>
                </dd>
              </div>
            ) : null}
            {o.contact.email ? (
              <div>
                <dt>{t('catalogue.email')}</dt>
                <dd>
                  <a href={`mailto:${o.contact.email}`}>{o.contact.email}</a>
                </dd>
              </div>
            ) : null}
            {o.contact.website ? (
              <div>
                <dt>{t('catalogue.website')}</dt>
                <dd>{/^https?:\/\//i.test(o.contact.website) ? <a href={o.contact.website}>{o.contact.website}</a> : o.contact.website}</dd>
              </div>
            ) : null}
            {o.contact.roadAddress ? (
              <div className="pub-meta-wide">
                <dt>{t('catalogue.address')}</dt>
                <dd lang="ko">{o.contact.roadAddress}</dd>
              </div>
            ) : null}
          </dl>
          <p>
            <Link to={`/organizations/${o.organization.id}`}>{t('catalogue.orgPage')}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="offering-record">
          <h2 id="offering-record">{t('catalogue.record')}</h2>
          {r.years && r.records ? (
            <>
              <p className="hint">{t('catalogue.recordYears', { from: String(r.years.from), to: String(r.years.to) })}</p>
              <dl className="pub-meta">
                <div>
                  <dt>{t('catalogue.recordCount')}</dt>
                  <dd>{t('catalogue.records', { count: r.records })}</dd>
                </div>
                <div>
                  <dt>{t('catalogue.recordAmount')}</dt>
                  <dd>{t('catalogue.won', { amount: n(r.amount) })}</dd>
                </div>
                <div>
                  <dt>{t('catalogue.recordInstitutions')}</dt>
                  <dd>{t('catalogue.institutions', { count: r.institutions })}</dd>
                </div>
              </dl>
            </>
          ) : (
            <p>{t('catalogue.recordNone')}</p>
          )}
        </section>
      </div>
    </>
  );
}

// ——— /catalogue/mine ———

export function MyOfferings() {
  const { t } = useI18n();
  const { session, orgs } = useMyOrganizations();
  if (session.isPending) return <Loading />;
  if (!session.data) {
    return (
      <>
        <PageHeader title={t('catalogue.mine.title')} />
        <p>
          <Link to="/login?next=/catalogue/mine">{t('catalogue.form.signIn')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('catalogue.mine.title')} lead={t('catalogue.mine.lead')} />
      {orgs.length ? (
        <>
          <p>
            <Link className="btn primary small" to="/catalogue/new">
              {t('catalogue.form.new')}
            </Link>
          </p>
          {orgs.map((o) => (
            <OwnOfferings key={o.id} org={o} />
          ))}
        </>
      ) : (
        <p>{t('catalogue.form.noOrg')}</p>
      )}
    </>
  );
}

function OwnOfferings({ org }: { org: { id: string; name: string } }) {
  const { t } = useI18n();
  const res = useOfferings({ organizationId: org.id, status: 'all', pageSize: 200 });
  const setStatus = useSetStatus();
  const headingId = useId();
  return (
    <section className="catalogue-own" aria-labelledby={headingId}>
      <h2 id={headingId} lang="ko">
        {org.name}
      </h2>
      {res.isPending ? (
        <Loading />
      ) : res.isError ? (
        <ErrorState error={res.error} />
      ) : res.data.items.length ? (
        <ul>
          {res.data.items.map((o) => (
            <li key={o.id}>
              <Link to={`/catalogue/${o.id}`} lang="ko">
                {o.name}
              </Link>{' '}
              · {t(`catalogue.status.${o.status}`)} ·{' '}
              <Link to={`/catalogue/${o.id}/edit`} aria-label={`${t('catalogue.edit')}: ${o.name}`}>
                {t('catalogue.edit')}
              </Link>{' '}
              <button
                type="button"
                className="btn text small"
                aria-label={`${o.status === 'active' ? t('catalogue.pause') : t('catalogue.resume')}: ${o.name}`}
                onClick={() => setStatus.mutate({ id: o.id, action: o.status === 'active' ? 'pause' : 'resume' })}
              >
                {o.status === 'active' ? t('catalogue.pause') : t('catalogue.resume')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('catalogue.mine.empty')}</Empty>
      )}
    </section>
  );
}

// ——— /catalogue/new, /catalogue/:id/edit ———

export function OfferingForm() {
  const { id } = useParams();
  const existing = useOffering(id);
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ErrorState error={existing.error} />;
  return <OfferingFormBody key={id ? `${id}-${existing.data?.version}` : 'new'} o={id ? existing.data : undefined} reload={() => void existing.refetch()} />;
}

function OfferingFormBody({ o, reload }: { o: Offering | undefined; reload: () => void }) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { session, orgs } = useMyOrganizations();
  const taxonomy = useCatalogueTaxonomy();
  const save = useSaveOffering(o?.id);
  const errorsOf = useFieldErrors(save.error);
  const [category, setCategory] = useState(o?.category.code ?? '');
  const [districts, setDistricts] = useState<string[]>(o?.deliveryArea.districts.map((d) => d.code) ?? []);
  const [certs, setCerts] = useState<string[]>(o?.certifications.map((c) => c.key) ?? []);
  // Staff add for any organisation of the directory (picked by name, or named in the address as ?organization=…).
  const staff = isStaff(session.data);
  const [pickedOrg, setPickedOrg] = useState(params.get('organization') ?? '');
  const [memberOrg, setMemberOrg] = useState('');
  const [photos, setPhotos] = useState<Photo[]>(o?.photos ?? []);
  const pickerText = useMemo<OrganizationPickerText>(
    () => ({
      label: t('catalogue.form.orgSearch'),
      linkedLabel: t('catalogue.form.organization'),
      unlink: t('catalogue.form.orgUnlink'),
      found: (count) => t('catalogue.form.orgFound', { count }),
      none: (q) => t('catalogue.form.orgNone', { q }),
      searching: t('catalogue.form.orgSearching'),
      unknown: (orgId) => t('catalogue.form.orgUnknown', { id: orgId }),
      linked: (name) => t('catalogue.form.orgLinked', { name }),
      unlinked: t('catalogue.form.orgUnlinked'),
      failed: t('catalogue.form.orgFailed'),
    }),
    [t],
  );
  const orgChoices = orgs;
  if (session.isPending) return <Loading />;
  if (!session.data) {
    return (
      <>
        <PageHeader title={t('catalogue.form.new')} />
        <p>
          <Link to={`/login?next=${encodeURIComponent('/catalogue/new')}`}>{t('catalogue.form.signIn')}</Link>
        </p>
      </>
    );
  }
  if (!o && !orgChoices.length && !staff) {
    return (
      <>
        <PageHeader title={t('catalogue.form.new')} />
        <p>{t('catalogue.form.noOrg')}</p>
      </>
    );
  }
  const items = taxonomy.data?.categories.find((c) => c.code === category)?.items ?? [];
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    const num = (k: string) => (get(k) === '' ? null : Number(get(k)));
    const body: Record<string, unknown> = {
      categoryCode: get('categoryCode'),
      itemCode: get('itemCode') || null,
      name: get('name'),
      description: get('description'),
      priceWon: num('priceWon'),
      priceBasis: get('priceBasis'),
      unit: get('unit'),
      minOrder: num('minOrder') ?? 1,
      leadTimeDays: num('leadTimeDays'),
      deliveryDistricts: districts,
      certifications: certs,
      photos: photosBody(photos),
    };
    if (o) body.version = o.version;
    else body.organizationId = staff ? pickedOrg : get('organizationId');
    save.mutate(body, { onSuccess: (saved) => void navigate(`/catalogue/${saved.id}`) });
  };
  const stale = save.error instanceof ApiError && save.error.status === 409;
  return (
    <>
      <PageHeader title={o ? t('catalogue.form.edit') : t('catalogue.form.new')} />
      {stale ? (
        <Alert kind="warning" live>
          <p>{t('catalogue.form.stale')}</p>
          <p>
            <button type="button" className="btn secondary small" onClick={reload}>
              {t('catalogue.form.reload')}
            </button>
          </p>
        </Alert>
      ) : save.error instanceof ApiError ? (
        <Alert kind="danger" live>
          {save.error.errors.length ? t('catalogue.form.errors') : l(save.error.messages)}
        </Alert>
      ) : null}
      <form className="card catalogue-form" onSubmit={submit} noValidate>
        {!o && staff ? <OrganizationPicker value={pickedOrg} onChange={(org) => setPickedOrg(org?.id ?? '')} text={pickerText} errors={errorsOf('organizationId')} /> : null}
        {!o && !staff ? (
          <Select
            label={t('catalogue.form.organization')}
            name="organizationId"
            value={memberOrg || orgChoices[0]?.id || ''}
            onChange={(e) => setMemberOrg(e.target.value)}
            options={orgChoices.map((x) => ({ value: x.id, label: x.name }))}
            required
            errors={errorsOf('organizationId')}
          />
        ) : null}
        <Select
          label={t('catalogue.form.category')}
          name="categoryCode"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          required
          errors={[...errorsOf('categoryCode'), ...errorsOf('kind')]}
          options={[
            { value: '', label: t('catalogue.form.chooseCategory') },
            ...(taxonomy.data?.categories ?? []).map((c) => ({ value: c.code, label: `${l(c.label)} (${t(`catalogue.kind.${c.kind}`)})` })),
          ]}
        />
        <Select
          key={category}
          label={t('catalogue.form.item')}
          name="itemCode"
          defaultValue={o?.category.code === category ? (o?.item?.code ?? '') : ''}
          errors={errorsOf('itemCode')}
          options={[{ value: '', label: t('catalogue.form.noItem') }, ...items.map((i) => ({ value: i.code, label: l(i.label) }))]}
        />
        <TextInput label={t('catalogue.form.name')} name="name" defaultValue={o?.name} required maxLength={200} errors={errorsOf('name')} />
        <TextArea label={t('catalogue.form.description')} name="description" defaultValue={o?.description ?? ''} rows={4} errors={errorsOf('description')} />
        <div className="catalogue-row">
          <TextInput label={t('catalogue.form.priceWon')} hint={t('catalogue.form.priceHint')} name="priceWon" type="number" min={0} inputMode="numeric" defaultValue={o?.priceWon ?? ''} errors={errorsOf('priceWon')} />
          <TextInput label={t('catalogue.form.priceBasis')} hint={t('catalogue.form.priceBasisHint')} name="priceBasis" defaultValue={o?.priceBasis ?? ''} maxLength={40} errors={errorsOf('priceBasis')} />
        </div>
        <div className="catalogue-row">
          <TextInput label={t('catalogue.form.unit')} hint={t('catalogue.form.unitHint')} name="unit" defaultValue={o?.unit ?? ''} required maxLength={20} errors={errorsOf('unit')} />
          <TextInput label={t('catalogue.form.minOrder')} name="minOrder" type="number" min={1} inputMode="numeric" defaultValue={o?.minOrder ?? 1} errors={errorsOf('minOrder')} />
          <TextInput label={t('catalogue.form.leadTime')} name="leadTimeDays" type="number" min={0} max={365} inputMode="numeric" defaultValue={o?.leadTimeDays ?? ''} errors={errorsOf('leadTimeDays')} />
        </div>
        <CheckGroup
          legend={t('catalogue.form.delivery')}
          options={(taxonomy.data?.districts ?? []).map((d) => ({ value: d.code, label: l(d.name) }))}
          selected={districts}
          onToggle={(v, on) => setDistricts(toggled(districts, v, on))}
          columns
        />
        <p className="hint">{t('catalogue.form.deliveryHint')}</p>
        {errorsOf('deliveryDistricts').length ? <p className="field-error">{errorsOf('deliveryDistricts').join(' ')}</p> : null}
        <CheckGroup
          legend={t('catalogue.form.certifications')}
          options={(taxonomy.data?.certifications ?? []).map((c) => ({ value: c.key, label: l(c.label) }))}
          selected={certs}
          onToggle={(v, on) => setCerts(toggled(certs, v, on))}
        />
        <PhotoField organizationId={o ? o.organization.id : staff ? pickedOrg || undefined : memberOrg || orgChoices[0]?.id} value={photos} onChange={setPhotos} errorsOf={errorsOf} />
        <button type="submit" className="btn primary" disabled={save.isPending}>
          {t('catalogue.form.save')}
        </button>
      </form>
    </>
  );
}

// ——— /catalogue/match ———

export function MatchPage() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const s = { category: params.get('category') ?? '', q: params.get('q') ?? '', district: params.get('district') ?? '' };
  const asked = !!(s.category || s.q);
  const taxonomy = useCatalogueTaxonomy();
  const match = useMatching({ category: s.category || undefined, q: s.q || undefined, district: s.district || undefined }, asked);
  const errorsOf = useFieldErrors(match.error);
  const headingId = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const k of ['category', 'q', 'district']) {
      const v = String(f.get(k) ?? '').trim();
      if (v) next.set(k, v);
    }
    setParams(next);
  };
  return (
    <>
      <PageHeader title={t('catalogue.match.title')} lead={t('catalogue.match.lead')} />
      <form className="card catalogue-form" onSubmit={submit} noValidate key={params.toString()}>
        <Select
          label={t('catalogue.match.category')}
          name="category"
          defaultValue={s.category}
          errors={errorsOf('category')}
          options={[{ value: '', label: t('catalogue.match.anyCategory') }, ...(taxonomy.data?.categories ?? []).map((c) => ({ value: c.code, label: l(c.label) }))]}
        />
        <TextInput label={t('catalogue.match.q')} hint={t('catalogue.match.qHint')} name="q" defaultValue={s.q} maxLength={100} errors={errorsOf('q')} />
        <Select
          label={t('catalogue.match.district')}
          name="district"
          defaultValue={s.district}
          errors={errorsOf('district')}
          options={[{ value: '', label: t('catalogue.districtAny') }, ...(taxonomy.data?.districts ?? []).map((d) => ({ value: d.code, label: l(d.name) }))]}
        />
        <button type="submit" className="btn primary">
          {t('catalogue.match.submit')}
        </button>
      </form>
      {asked ? (
        <section aria-labelledby={headingId} className="catalogue-matches">
          <h2 id={headingId}>{t('catalogue.match.results')}</h2>
          {match.isPending ? (
            <Loading />
          ) : match.isError ? (
            match.error instanceof ApiError && match.error.errors.length ? null : (
              <ErrorState error={match.error} retry={() => void match.refetch()} />
            )
          ) : match.data.suggestions.length === 0 ? (
            <Empty>{t('catalogue.match.empty')}</Empty>
          ) : (
            <ol className="catalogue-suggestions" aria-label={t('catalogue.match.results')}>
              {match.data.suggestions.map((x) => (
                <li key={x.offering.id} className="card">
                  <h3>
                    <Link to={`/catalogue/${x.offering.id}`} lang="ko">
                      {x.offering.name}
                    </Link>{' '}
                    <span className="badge primary">{t('catalogue.match.score', { score: x.score })}</span>
                  </h3>
                  <dl className="pub-meta">
                    <OfferingFacts o={x.offering} />
                  </dl>
                  <p className="catalogue-reasons">
                    <span className="visually-hidden">{t('catalogue.match.reasons')}: </span>
                    {x.reasons.map((r, i) => (
                      <span key={i} className="badge">
                        {l(r.label)}
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </>
  );
}

/** The search path of one page (for tests and links). */
export { searchPath };
