import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export function Home() {
  return <PageHeader title="Home" />;
}
