import { lazy, Suspense } from 'react';
import { Link, NavLink, Route, Routes, useLocation } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { isStaff, useSession } from '../../session.ts';
import { ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { AuditLog } from './AuditLog.tsx';
import { Exports } from './Exports.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import { Moderation } from './Moderation.tsx';
import { StaffHome } from './StaffHome.tsx';
import { Users } from './Users.tsx';
import './staff.css';

// The programme pages carry ECharts: a chunk of their own, loaded when a programme page is opened.
const Programs = lazy(() => import('../programs/StaffPrograms.tsx'));
const Insights = lazy(() => import('../insights/StaffInsights.tsx'));
const Spaces = lazy(() => import('../spaces/StaffSpaces.tsx'));
const Procurement = lazy(() => import('../procurement/StaffProcurement.tsx'));

/** The console's tools, in the order of the sub-navigation and the home cards. */
const TOOLS: { path: string; label: MessageKey }[] = [
  { path: '/staff', label: 'staff.nav.home' },
  { path: '/staff/moderation', label: 'staff.nav.moderation' },
  { path: '/staff/programs', label: 'programs.nav' },
  { path: '/staff/insights', label: 'insights.staffNav' },
  { path: '/staff/spaces', label: 'spaces.staffNav' },
  { path: '/staff/procurement', label: 'procurement.staffNav' },
  { path: '/staff/import', label: 'staff.nav.import' },
  { path: '/staff/exports', label: 'staff.nav.exports' },
  { path: '/staff/audit', label: 'staff.nav.audit' },
  { path: '/staff/users', label: 'staff.nav.users' },
];

function StaffNav() {
  const { t } = useI18n();
  return (
    <nav className="staff-nav" aria-label={t('staff.nav.label')}>
      <ul>
        {TOOLS.map((tool) => (
          <li key={tool.path}>
            <NavLink to={tool.path} end={tool.path === '/staff'}>
              {t(tool.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The centre's console under /staff: only staff and admins; the API refuses others anyway. */
export default function StaffRoutes() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  if (session.isLoading) return <Loading />;
  if (session.error) return <ErrorState error={session.error} retry={() => void session.refetch()} />;
  const s = session.data;
  if (!s) {
    const next = `${location.pathname}${location.search}`;
    return (
      <div className="staff-gate">
        <PageHeader title={t('staff.gate.signInTitle')} lead={t('staff.gate.signInLead')} />
        <p>
          <Link className="btn primary" to={`/login?next=${encodeURIComponent(next)}`}>
            {t('staff.gate.signIn')}
          </Link>
        </p>
      </div>
    );
  }
  if (!isStaff(s)) {
    return (
      <div className="staff-gate">
        <PageHeader title={t('staff.gate.forbiddenTitle')} lead={t('staff.gate.forbiddenLead')} />
        <p>{t('staff.gate.forbiddenHelp')}</p>
        <ul className="staff-gate-links">
          <li>
            <Link to="/me">{t('staff.gate.toMine')}</Link>
          </li>
          <li>
            <Link to="/">{t('staff.gate.toHome')}</Link>
          </li>
        </ul>
      </div>
    );
  }
  return (
    <div className="staff">
      <StaffNav />
      <Routes>
        <Route index element={<StaffHome />} />
        <Route path="moderation" element={<Moderation />} />
        <Route path="import" element={<ImportWizard />} />
        <Route path="exports" element={<Exports />} />
        <Route path="audit" element={<AuditLog />} />
        <Route path="users" element={<Users />} />
        <Route
          path="programs/*"
          element={
            <Suspense fallback={<Loading />}>
              <Programs />
            </Suspense>
          }
        />
        <Route
          path="insights/*"
          element={
            <Suspense fallback={<Loading />}>
              <Insights />
            </Suspense>
          }
        />
        <Route
          path="spaces"
          element={
            <Suspense fallback={<Loading />}>
              <Spaces />
            </Suspense>
          }
        />
        <Route
          path="procurement/*"
          element={
            <Suspense fallback={<Loading />}>
              <Procurement />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
