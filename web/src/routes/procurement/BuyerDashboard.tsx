import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Empty, ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { useMyInstitutions } from './data.ts';
import { InstitutionYear } from './InstitutionPage.tsx';
import { seoulYear } from './year.ts';

/**
 * /procurement/mine: the buyer officer's dashboard — for each institution they buy for, this year's
 * purchases, the SEO share and each target's achievement, with the ways to buy from social economy
 * organisations: the catalogue, need matching and their bundle orders.
 */
export default function BuyerDashboard() {
  const { t } = useI18n();
  const session = useSession();
  const signedIn = Boolean(session.data);
  const mine = useMyInstitutions(signedIn);
  const year = seoulYear();
  return (
    <div className="procurement-mine">
      <PageHeader title={t('procurement.mine.title')} lead={t('procurement.mine.lead', { year: String(year) })} />
      <nav aria-label={t('procurement.mine.shortcuts')} className="procurement-shortcuts">
        <ul>
          <li>
            <Link className="btn secondary" to="/catalogue">
              {t('procurement.mine.catalogue')}
            </Link>
          </li>
          <li>
            <Link className="btn secondary" to="/catalogue/match">
              {t('procurement.mine.match')}
            </Link>
          </li>
          <li>
            <Link className="btn secondary" to="/orders/mine">
              {t('procurement.mine.orders')}
            </Link>
          </li>
        </ul>
      </nav>
      {session.isLoading ? <Loading /> : null}
      {!session.isLoading && !signedIn ? (
        <p>
          <Link className="btn primary" to={`/login?next=${encodeURIComponent('/procurement/mine')}`}>
            {t('procurement.mine.signIn')}
          </Link>
        </p>
      ) : null}
      {mine.error ? <ErrorState error={mine.error} retry={() => void mine.refetch()} /> : null}
      {mine.data && !mine.data.length ? <Empty>{t('procurement.mine.none')}</Empty> : null}
      {mine.data?.map((inst) => (
        <section key={inst.id} className="procurement-mine-institution" aria-labelledby={`mine-${inst.id}`}>
          <h2 id={`mine-${inst.id}`}>{inst.name}</h2>
          <p>
            <Link to={`/procurement/institutions/${inst.id}?year=${year}`}>{t('procurement.mine.details', { name: inst.name })}</Link>
          </p>
          <InstitutionYear institution={inst} year={year} compact />
        </section>
      ))}
    </div>
  );
}
