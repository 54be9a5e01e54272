import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export default function StaffRoutes() {
  return <PageHeader title="StaffRoutes" />;
}
