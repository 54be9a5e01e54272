import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { isStaff, useSession } from '../../session.ts';
import { Alert, ErrorState, Loading, PageHeader } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { useProgram } from './data.ts';
import { ProgramView } from './ProgramView.tsx';

/** /staff/programs/:year/:id: the programme page with the way to its edit form. */
export function StaffProgram() {
  const { t } = useI18n();
  const { year, id } = useParams();
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved;
  const query = useProgram(id);
  if (query.isLoading) return <Loading />;
  if (query.error) return <Failed error={query.error} retry={() => void query.refetch()} />;
  const p = query.data;
  if (!p) return null;
  return (
    <ProgramView
      p={p}
      crumbs={
        <>
          <Link to="/staff/programs">{t('programs.years.title')}</Link> › <Link to={`/staff/programs/${p.year}`}>{t('programs.year.title', { year: String(p.year) })}</Link>
        </>
      }
      actions={
        <>
          <Link className="btn primary" to={`/staff/programs/${year ?? p.year}/${p.id}/edit`}>
            {t('programs.page.edit')}
          </Link>
          <Link className="btn secondary" to={`/staff/programs/${p.year}`}>
            {t('programs.page.toYear', { year: String(p.year) })}
          </Link>
        </>
      }
      status={
        saved ? (
          <Alert kind="success" live>
            <p>{t('programs.page.saved')}</p>
          </Alert>
        ) : null
      }
    />
  );
}

/**
 * /programs/:id: the same page for a member of a partner organisation (the API decides who may
 * read it); staff reach their console from here.
 */
export default function MemberProgram() {
  const { t } = useI18n();
  const { id } = useParams();
  const location = useLocation();
  const session = useSession();
  const signedIn = Boolean(session.data);
  const query = useProgram(signedIn ? id : undefined);
  if (session.isLoading || (signedIn && query.isLoading)) return <Loading />;
  if (session.error) return <ErrorState error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    return (
      <div className="programs-gate">
        <PageHeader title={t('programs.gate.signInTitle')} lead={t('programs.gate.signInLead')} />
        <p>
          <Link className="btn primary" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
            {t('programs.gate.signIn')}
          </Link>
        </p>
      </div>
    );
  }
  if (query.error) return <Failed error={query.error} retry={() => void query.refetch()} />;
  const p = query.data;
  if (!p) return null;
  return (
    <ProgramView
      p={p}
      crumbs={<Link to="/me">{t('programs.page.toMine')}</Link>}
      actions={
        isStaff(session.data) ? (
          <>
            <Link className="btn primary" to={`/staff/programs/${p.year}/${p.id}/edit`}>
              {t('programs.page.edit')}
            </Link>
            <Link className="btn secondary" to={`/staff/programs/${p.year}/${p.id}`}>
              {t('programs.page.inConsole')}
            </Link>
          </>
        ) : undefined
      }
    />
  );
}

/** Refused (403), missing (404) or failed: said in words, with a way on. */
function Failed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="programs-gate">
        <PageHeader title={t('programs.gate.forbiddenTitle')} lead={t('programs.gate.forbiddenLead')} />
        <p>{t('programs.gate.forbiddenHelp')}</p>
        <p>
          <Link to="/me">{t('programs.page.toMine')}</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <PageHeader title={t('programs.page.errorTitle')} />
      <ErrorState error={error} retry={retry} />
    </>
  );
}
