import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export default function ProposeEdit() {
  return <PageHeader title="ProposeEdit" />;
}
