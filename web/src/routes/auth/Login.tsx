import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export function Login() {
  return <PageHeader title="Login" />;
}
