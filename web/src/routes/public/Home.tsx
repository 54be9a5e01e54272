import { useId, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Facet } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { readSearch, useOrganizations } from './data.ts';
import { SearchBox } from './SearchBox.tsx';
import './public.css';

const EVERYTHING = readSearch(new URLSearchParams());

/** The front page: what the hub is, a search box, and live counts that lead into the directory. */
export function Home() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('public.home.title')} lead={t('public.home.lead')} />
      <div className="pub-home-intro">
        <p>{t('public.home.what')}</p>
        <p>{t('public.home.who')}</p>
      </div>
      <SearchBox big onSearch={(q) => void navigate(q ? `/organizations?q=${encodeURIComponent(q)}` : '/organizations')} />
      <Counts />
      <div className="pub-home-more">
        <HomeSection title={t('public.home.mapTitle')} className="card">
          <p>{t('public.home.mapText')}</p>
          <p>
            <Link className="btn primary" to="/map">
              {t('public.home.mapLink')}
            </Link>
          </p>
        </HomeSection>
        <HomeSection title={t('public.home.manageTitle')} className="card">
          <p>{t('public.home.manageText')}</p>
          <p>
            <Link to="/organizations">{t('public.home.manageLink')}</Link>
          </p>
        </HomeSection>
      </div>
    </>
  );
}

function HomeSection({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Counts() {
  const { t, l, lang } = useI18n();
  const all = useOrganizations(EVERYTHING, 1);
  const data = all.data;
  const byLabel = (a: Facet, b: Facet) => l(a.label).localeCompare(l(b.label), lang);
  return (
    <HomeSection title={t('public.home.countsTitle')} className="pub-counts">
      {!data ? (
        all.isError ? (
          <ErrorState error={all.error} retry={() => void all.refetch()} />
        ) : (
          <Loading />
        )
      ) : all.isError ? (
        <ErrorState error={all.error} retry={() => void all.refetch()} />
      ) : (
        <>
          <p className="pub-total">
            <Link to="/organizations" className="pub-total-link">
              <span className="pub-total-label">{t('public.home.totalLabel')}</span> <strong className="pub-total-number">{t('public.count', { count: data.total })}</strong>
            </Link>
          </p>
          <h3>{t('public.home.byType')}</h3>
          <ul className="pub-count-grid">
            {data.facets.type.map((f) => (
              <li key={f.key}>
                <Link to={`/organizations?type=${encodeURIComponent(f.key)}`} className="pub-count-link">
                  <span>{l(f.label)}</span> <strong>{t('public.count', { count: f.count })}</strong>
                </Link>
              </li>
            ))}
          </ul>
          <h3>{t('public.home.byDistrict')}</h3>
          <ul className="pub-count-grid pub-count-small">
            {[...data.facets.district].sort(byLabel).map((f) => (
              <li key={f.key}>
                <Link to={`/organizations?district=${encodeURIComponent(f.key)}`} className="pub-count-link">
                  <span>{l(f.label)}</span> <strong>{t('public.count', { count: f.count })}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </HomeSection>
  );
}
