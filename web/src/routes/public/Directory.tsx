import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export function Directory() {
  return <PageHeader title="Directory" />;
}
