import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Empty, ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { useMyInstitutions, type Institution } from './data.ts';
import { InstitutionYear } from './InstitutionPage.tsx';
import { useYear } from './year.ts';

/**
 * /procurement/mine: the buyer officer's dashboard — for each institution they buy for, this year's
 * (or, before this year's first records, the latest year's) purchases, the SEO share and each target's achievement, with the ways to buy from social economy
 * organisations: the catalogue, need matching and their bundle orders.
 */
export default function BuyerDashboard() {
  const { t } = useI18n();
  const session = useSession();
  const signedIn = Boolean(session.data);
  const mine = useMyInstitutions(signedIn);
  return (
    <div className="procurement-mine">
      <PageHeader title={t('procurement.mine.title')} lead={t('procurement.mine.lead')} />
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
      {mine.data?.map((inst) => <MineInstitution key={inst.id} institution={inst} />)}
    </div>
  );
}

/** One institution: this year's figures, or its latest year's when this year has no records yet. */
function MineInstitution({ institution }: { institution: Institution }) {
  const { t } = useI18n();
  const { year, probe } = useYear(null, institution.id);
  return (
    <section className="procurement-mine-institution" aria-labelledby={`mine-${institution.id}`}>
      <h2 id={`mine-${institution.id}`}>{year ? t('procurement.mine.heading', { name: institution.name, year: String(year) }) : institution.name}</h2>
      {probe.error ? <ErrorState error={probe.error} retry={() => void probe.refetch()} /> : null}
      {year ? (
        <>
          <p>
            <Link to={`/procurement/institutions/${institution.id}?year=${year}`}>{t('procurement.mine.details', { name: institution.name })}</Link>
          </p>
          <InstitutionYear institution={institution} year={year} compact />
        </>
      ) : (
        <Loading />
      )}
    </section>
  );
}
