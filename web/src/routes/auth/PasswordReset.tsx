import { PageHeader } from '../../ui/index.tsx';

// Placeholder until this page is written.
export function ResetRequest() {
  return <PageHeader title="ResetRequest" />;
}
export function ResetConfirm() {
  return <PageHeader title="ResetConfirm" />;
}
