import { Link } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/index.tsx';
import { usePendingCounts } from './data.ts';

interface Card {
  to: string;
  title: MessageKey;
  text: MessageKey;
  count?: 'proposals' | 'claims' | 'both';
}

const CARDS: Card[] = [
  { to: '/staff/moderation', title: 'staff.nav.moderation', text: 'staff.home.moderationText', count: 'both' },
  { to: '/staff/programs', title: 'programs.nav', text: 'programs.homeText' },
  { to: '/staff/insights', title: 'insights.staffNav', text: 'insights.homeText' },
  { to: '/staff/spaces', title: 'spaces.staffNav', text: 'spaces.homeText' },
  { to: '/staff/procurement', title: 'procurement.staffNav', text: 'procurement.homeText' },
  { to: '/staff/import', title: 'staff.nav.import', text: 'staff.home.importText' },
  { to: '/staff/exports', title: 'staff.nav.exports', text: 'staff.home.exportsText' },
  { to: '/staff/audit', title: 'staff.nav.audit', text: 'staff.home.auditText' },
  { to: '/staff/users', title: 'staff.nav.users', text: 'staff.home.usersText' },
];

/** /staff: one card per tool; the moderation card says how much is waiting. */
export function StaffHome() {
  const { t } = useI18n();
  const counts = usePendingCounts();
  return (
    <>
      <PageHeader title={t('staff.home.title')} lead={t('staff.home.lead')} />
      <ul className="staff-cards">
        {CARDS.map((c) => (
          <li key={c.to} className="card staff-card">
            <h2>
              <Link to={c.to}>{t(c.title)}</Link>
            </h2>
            <p>{t(c.text)}</p>
            {c.count ? (
              <p className="staff-counts" aria-live="polite">
                {counts.isLoading ? (
                  t('state.loading')
                ) : counts.data ? (
                  <>
                    <span className={`badge${counts.data.proposals ? ' primary' : ''}`}>{t('staff.home.pendingProposals', { count: counts.data.proposals })}</span>{' '}
                    <span className={`badge${counts.data.claims ? ' primary' : ''}`}>{t('staff.home.pendingClaims', { count: counts.data.claims })}</span>
                  </>
                ) : (
                  t('staff.home.countsUnavailable')
                )}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
