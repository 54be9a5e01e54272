import { Route, Routes } from 'react-router';
import { NotFound } from '../../ui/NotFound.tsx';

/** /procurement/*: the public dashboard, the drill-down list, one institution, the buyer's own dashboard. */
export default function ProcurementRoutes() {
  return (
    <div className="procurement">
      <Routes>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
