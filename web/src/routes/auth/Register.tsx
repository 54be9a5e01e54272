import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export function Register() {
  return <PageHeader title="Register" />;
}
