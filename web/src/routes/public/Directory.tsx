import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Facet, OrganizationSummary, Taxonomy } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading, PageHeader, Pagination, Select } from '../../ui/index.tsx';
import { PAGE_SIZE, readSearch, useOrganizations, type Search } from './data.ts';
import { useTaxonomy } from '../../queries.ts';
import { CheckGroup } from './CheckGroup.tsx';
import { SearchBox } from './SearchBox.tsx';
import './public.css';

type ListKey = 'type' | 'subtype' | 'industry' | 'district';

/** The directory: search words and filters all live in the URL, so a search can be shared and the back button steps back through searches. */
export function Directory() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const s = readSearch(params);
  const taxonomy = useTaxonomy();
  const result = useOrganizations(s);

  /** A new search: changes the given parts of the query and goes back to the first page. */
  const update = (changes: Partial<Record<keyof Search, string | string[]>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      const value = Array.isArray(v) ? v.join(',') : (v ?? '');
      if (value) next.set(k, value);
      else next.delete(k);
    }
    next.delete('page');
    if (!next.get('q') && next.get('sort') === 'relevance') next.delete('sort');
    setParams(next);
  };
  const hrefOf = (page: number) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set('page', String(page));
    else next.delete('page');
    const q = next.toString();
    return `/organizations${q ? `?${q}` : ''}`;
  };
  const resultsId = useId();
  const filterCount = s.type.length + s.subtype.length + s.industry.length + s.district.length + (s.status ? 1 : 0);

  return (
    <>
      <PageHeader title={t('public.dir.title')} lead={t('public.dir.lead')} />
      <SearchBox
        key={s.q}
        initial={s.q}
        onSearch={(q) => {
          // A new query ranks by relevance unless a sort was chosen on purpose.
          update({ q, sort: s.sort === 'relevance' ? '' : s.sort });
        }}
      />
      <div className="pub-dir">
        <Filters
          search={s}
          taxonomy={taxonomy.data}
          facets={result.data?.facets}
          total={result.data?.total}
          resultsId={resultsId}
          filterCount={filterCount}
          update={update}
          taxonomyError={taxonomy.error}
          retryTaxonomy={() => void taxonomy.refetch()}
        />
        <Results id={resultsId} search={s} result={result} filterCount={filterCount} update={update} hrefOf={hrefOf} />
      </div>
    </>
  );
}

function Results({
  id,
  search: s,
  result,
  filterCount,
  update,
  hrefOf,
}: {
  id: string;
  search: Search;
  result: ReturnType<typeof useOrganizations>;
  filterCount: number;
  update: (c: Partial<Record<keyof Search, string | string[]>>) => void;
  hrefOf: (page: number) => string;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const data = result.data;
  // Another page of the same search: bring its first result into view and give the list the focus,
  // as a page load would, instead of leaving people at the bottom of the previous page.
  const sectionRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const shownPage = useRef(s.page);
  useEffect(() => {
    if (shownPage.current === s.page) return;
    shownPage.current = s.page;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    listRef.current?.focus({ preventScroll: true });
  }, [s.page]);
  const sortValue = s.sort && (s.sort !== 'relevance' || s.q) ? s.sort : s.q ? 'relevance' : 'name';
  const sortOptions = (['relevance', 'name', 'newest', 'founded'] as const)
    .filter((k) => k !== 'relevance' || s.q)
    .map((k) => ({ value: k, label: t(`public.dir.sort.${k}`) }));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  let status = '';
  if (result.isFetching && (result.isPlaceholderData || !data)) status = t('public.dir.searching');
  else if (data) status = s.q ? t('public.dir.foundFor', { q: s.q, count: data.total }) : t('public.dir.found', { count: data.total });

  return (
    <section className="pub-results" id={id} aria-labelledby={headingId} ref={sectionRef} tabIndex={-1}>
      <h2 id={headingId} className="visually-hidden">
        {t('public.dir.results')}
      </h2>
      <div className="pub-results-bar">
        <p role="status" className="pub-found">
          {status}
        </p>
        <div className="pub-sort">
          <Select label={t('public.dir.sort')} value={sortValue} options={sortOptions} onChange={(e) => update({ sort: e.target.value === (s.q ? 'relevance' : 'name') ? '' : e.target.value })} />
        </div>
      </div>
      {result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ErrorState error={result.error} retry={() => void result.refetch()} />
      ) : data && data.items.length === 0 ? (
        <NoResults search={s} filterCount={filterCount} beyondEnd={data.total > 0} hrefFirst={hrefOf(1)} />
      ) : data ? (
        <>
          <ul className="pub-org-list" aria-label={t('public.dir.results')} ref={listRef} tabIndex={-1}>
            {data.items.map((o) => (
              <OrganizationCard key={o.id} o={o} />
            ))}
          </ul>
          <Pagination page={s.page} pages={pages} hrefOf={hrefOf} />
        </>
      ) : null}
    </section>
  );
}

function NoResults({ search: s, filterCount, beyondEnd, hrefFirst }: { search: Search; filterCount: number; beyondEnd: boolean; hrefFirst: string }) {
  const { t } = useI18n();
  if (beyondEnd) {
    return (
      <Empty>
        {t('public.dir.beyondEnd')} <Link to={hrefFirst}>{t('public.dir.firstPage')}</Link>
      </Empty>
    );
  }
  return (
    <div className="pub-empty">
      <p className="pub-empty-title">{s.q ? t('public.dir.emptyFor', { q: s.q }) : t('public.dir.empty')}</p>
      <ul>
        {filterCount > 0 ? <li>{t('public.dir.emptyFewerFilters')}</li> : null}
        {s.q ? <li>{t('public.dir.emptyShorter')}</li> : null}
        <li>{t('public.dir.emptyChoseong')}</li>
      </ul>
      {filterCount > 0 || s.q ? (
        <p>
          <Link to="/organizations">{t('public.dir.startOver')}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function OrganizationCard({ o }: { o: OrganizationSummary }) {
  const { t, l, lang } = useI18n();
  return (
    <li className="card pub-org">
      <h3 className="pub-org-name">
        <Link to={`/organizations/${o.id}`} lang="ko">
          {o.name}
        </Link>
      </h3>
      {lang === 'en' && o.nameEn ? <p className="pub-org-name-en">{o.nameEn}</p> : null}
      <p className="pub-badges">
        {o.type ? <span className="badge primary">{l(o.type.label)}</span> : null}
        {o.subtype && o.subtype.label.ko !== o.type?.label.ko ? <span className="badge">{l(o.subtype.label)}</span> : null}
        {o.status === 'closed' ? <span className="badge pub-closed">{t('public.status.closed')}</span> : null}
        {o.isDemo ? <span className="badge pub-demo">{t('public.demo')}</span> : null}
      </p>
      <dl className="pub-meta">
        {o.industry ? (
          <div>
            <dt>{t('public.field.industry')}</dt>
            <dd>{l(o.industry.label)}</dd>
          </div>
        ) : null}
        {o.district ? (
          <div>
            <dt>{t('public.field.district')}</dt>
            <dd className="pub-district">{l(o.district.name)}</dd>
          </div>
        ) : null}
        {o.roadAddress ? (
          <div className="pub-meta-wide">
            <dt>{t('public.field.address')}</dt>
            <dd lang="ko">{o.roadAddress}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

/** Whether the filters start open: on wide screens they sit beside the results; on phones they fold away. */
function useWide() {
  const query = '(min-width: 1024px)';
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setWide(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return wide;
}

interface FiltersProps {
  search: Search;
  taxonomy: Taxonomy | undefined;
  facets: { type: Facet[]; industry: Facet[]; district: Facet[] } | undefined;
  total: number | undefined;
  resultsId: string;
  filterCount: number;
  update: (c: Partial<Record<keyof Search, string | string[]>>) => void;
  taxonomyError: unknown;
  retryTaxonomy: () => void;
}

function Filters({ search: s, taxonomy, facets, total, resultsId, filterCount, update, taxonomyError, retryTaxonomy }: FiltersProps) {
  const { t, l, lang } = useI18n();
  const wide = useWide();
  const [open, setOpen] = useState(wide);
  // Follow the screen when it crosses the breakpoint (a phone turned sideways, a window resized).
  const [seenWide, setSeenWide] = useState(wide);
  if (seenWide !== wide) {
    setSeenWide(wide);
    setOpen(wide);
  }
  const countOf = (list: Facet[] | undefined) => new Map((list ?? []).map((f) => [f.key, f.count]));
  const toggle = (key: ListKey, value: string, checked: boolean, extra?: Partial<Record<keyof Search, string | string[]>>) => {
    const current = s[key];
    const next = checked ? [...current.filter((v) => v !== value), value] : current.filter((v) => v !== value);
    update({ [key]: next, ...extra });
  };
  const onlyType = s.type.length === 1 ? taxonomy?.types.find((ty) => ty.key === s.type[0]) : undefined;
  const districts = taxonomy ? [...taxonomy.districts].sort((a, b) => l(a.name).localeCompare(l(b.name), lang)) : [];
  const clearHref = s.q ? `/organizations?q=${encodeURIComponent(s.q)}` : '/organizations';

  return (
    <details className="pub-filters" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        {t('public.dir.filters')}
        {filterCount ? <span className="pub-filter-count"> {t('public.dir.filtersChosen', { count: filterCount })}</span> : null}
      </summary>
      <div className="pub-filters-body">
        {taxonomyError ? (
          <ErrorState error={taxonomyError} retry={retryTaxonomy} />
        ) : !taxonomy ? (
          <Loading />
        ) : (
          <>
            {filterCount ? (
              <p className="pub-clear">
                <Link to={clearHref}>{t('public.dir.clearFilters')}</Link>
              </p>
            ) : null}
            <CheckGroup
              legend={t('public.field.type')}
              options={taxonomy.types.map((ty) => ({ value: ty.key, label: l(ty.label) }))}
              counts={facets && countOf(facets.type)}
              selected={s.type}
              onToggle={(v, on) => toggle('type', v, on, { subtype: [] })}
            />
            {onlyType && onlyType.subtypes.length > 1 ? (
              <CheckGroup
                legend={t('public.dir.subtypeOf', { type: l(onlyType.label) })}
                options={onlyType.subtypes.map((st) => ({ value: st.key, label: l(st.label) }))}
                selected={s.subtype}
                onToggle={(v, on) => toggle('subtype', v, on)}
              />
            ) : null}
            <CheckGroup
              legend={t('public.field.industry')}
              options={taxonomy.industries.map((i) => ({ value: i.key, label: l(i.label) }))}
              counts={facets && countOf(facets.industry)}
              selected={s.industry}
              onToggle={(v, on) => toggle('industry', v, on)}
            />
            <CheckGroup
              legend={t('public.field.district')}
              options={districts.map((d) => ({ value: d.code, label: l(d.name) }))}
              counts={facets && countOf(facets.district)}
              selected={s.district}
              onToggle={(v, on) => toggle('district', v, on)}
              columns
            />
            <Select
              label={t('public.field.status')}
              value={s.status}
              options={[
                { value: '', label: t('public.status.any') },
                { value: 'operating', label: t('public.status.operating') },
                { value: 'closed', label: t('public.status.closed') },
              ]}
              onChange={(e) => update({ status: e.target.value })}
            />
            {!wide && total !== undefined ? (
              // On a phone the results are below this long list: a way down to them.
              <button
                type="button"
                className="btn secondary small"
                onClick={() => {
                  const results = document.getElementById(resultsId);
                  results?.scrollIntoView({ block: 'start' });
                  results?.focus({ preventScroll: true });
                }}
              >
                {t('public.dir.showResults', { count: total })}
              </button>
            ) : null}
          </>
        )}
      </div>
    </details>
  );
}

