import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';

/** For pages that need a signed-in member: what to do, with a way back here after signing in. */
export function SignInPrompt({ next, message }: { next: string; message: string }) {
  const { t } = useI18n();
  return (
    <div className="card sign-in-prompt">
      <p>{message}</p>
      <p className="actions">
        <Link className="btn primary" to={`/login?next=${encodeURIComponent(next)}`}>
          {t('member.signIn')}
        </Link>
        <Link className="btn secondary" to={`/register?next=${encodeURIComponent(next)}`}>
          {t('member.register')}
        </Link>
      </p>
    </div>
  );
}

/** Where a proposal or a request stands, in words and colour (the words carry the meaning). */
export function StatusBadge({ status, label }: { status: 'pending' | 'approved' | 'rejected'; label: string }) {
  return <span className={`status-badge ${status}`}>{label}</span>;
}
