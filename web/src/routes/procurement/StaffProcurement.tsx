import { Route, Routes } from 'react-router';
import { NotFound } from '../../ui/NotFound.tsx';

/** /staff/procurement/*: purchase-record imports, import history, institutions and officers, targets. */
export default function StaffProcurement() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
