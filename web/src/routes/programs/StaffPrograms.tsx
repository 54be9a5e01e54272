import { Route, Routes } from 'react-router';
import { NotFound } from '../../ui/NotFound.tsx';
import { ProgramEdit } from './ProgramEdit.tsx';
import { StaffProgram } from './ProgramPage.tsx';
import { YearOverview } from './YearOverview.tsx';
import { Years } from './Years.tsx';
import './programs.css';

/** /staff/programs/*: years, a year's overview, a programme, its edit form (a chunk of its own, with ECharts). */
export default function StaffPrograms() {
  return (
    <Routes>
      <Route index element={<Years />} />
      <Route path=":year" element={<YearOverview />} />
      <Route path=":year/new" element={<ProgramEdit mode="new" />} />
      <Route path=":year/:id" element={<StaffProgram />} />
      <Route path=":year/:id/edit" element={<ProgramEdit mode="edit" />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
