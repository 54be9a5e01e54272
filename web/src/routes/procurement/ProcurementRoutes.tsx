import { Route, Routes } from 'react-router';
import { NotFound } from '../../ui/NotFound.tsx';
import BuyerDashboard from './BuyerDashboard.tsx';
import Dashboard from './Dashboard.tsx';
import InstitutionPage from './InstitutionPage.tsx';
import Records from './Records.tsx';
import './procurement.css';

/** /procurement/*: the public dashboard, the drill-down list, one institution, the buyer's own dashboard. */
export default function ProcurementRoutes() {
  return (
    <div className="procurement">
      <Routes>
        <Route index element={<Dashboard />} />
        <Route path="records" element={<Records />} />
        <Route path="institutions/:id" element={<InstitutionPage />} />
        <Route path="mine" element={<BuyerDashboard />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
