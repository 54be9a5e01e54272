import { lazy, Suspense, type ComponentType } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { Loading, PageHeader } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportRecords } from './ImportRecords.tsx';
import { InstitutionsAdmin } from './InstitutionsAdmin.tsx';
import { TargetsAdmin } from './TargetsAdmin.tsx';
import './procurement.css';

// The catalogue helper's opportunities page (web/src/routes/catalogue/, its own chunk) is found by
// name, so this console links it when it is there and builds without it when it is not.
const opportunityModules = import.meta.glob<{ default?: ComponentType; Opportunities?: ComponentType }>('../catalogue/*pportunit*.tsx');
const opportunityLoader = Object.values(opportunityModules)[0];
const Opportunities = opportunityLoader
  ? lazy(async () => {
      const mod = await opportunityLoader();
      const component = mod.default ?? mod.Opportunities ?? Object.values(mod).find((v): v is ComponentType => typeof v === 'function');
      return { default: component ?? NotFound };
    })
  : null;

const TABS: { path: string; label: MessageKey; end?: boolean }[] = [
  { path: '/staff/procurement', label: 'procurement.staff.tab.import', end: true },
  { path: '/staff/procurement/imports', label: 'procurement.staff.tab.history' },
  { path: '/staff/procurement/institutions', label: 'procurement.staff.tab.institutions' },
  { path: '/staff/procurement/targets', label: 'procurement.staff.tab.targets' },
  { path: '/staff/procurement/opportunities', label: 'procurement.staff.tab.opportunities' },
];

/** /staff/procurement/*: purchase-record imports, import history (undo, rematch), institutions and officers, targets. */
export default function StaffProcurement() {
  const { t } = useI18n();
  return (
    <div className="procurement procurement-staff">
      <PageHeader title={t('procurement.staff.title')} lead={t('procurement.staff.lead')} />
      <nav className="procurement-tabs" aria-label={t('procurement.staff.tabs')}>
        <ul>
          {TABS.map((x) => (
            <li key={x.path}>
              <NavLink to={x.path} end={x.end}>
                {t(x.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<ImportRecords />} />
        <Route path="imports" element={<ImportHistory />} />
        <Route path="institutions" element={<InstitutionsAdmin />} />
        <Route path="targets" element={<TargetsAdmin />} />
        <Route
          path="opportunities"
          element={
            Opportunities ? (
              <Suspense fallback={<Loading />}>
                <Opportunities />
              </Suspense>
            ) : (
              <p className="procurement-muted">{t('procurement.staff.opportunitiesSoon')}</p>
            )
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
