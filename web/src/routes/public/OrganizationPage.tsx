import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export function OrganizationPage() {
  return <PageHeader title="OrganizationPage" />;
}
