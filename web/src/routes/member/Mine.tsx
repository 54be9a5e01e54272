import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export default function Mine() {
  return <PageHeader title="Mine" />;
}
