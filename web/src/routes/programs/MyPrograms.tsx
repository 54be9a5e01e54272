import { Link } from 'react-router';
import type { Session } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useMyPrograms } from './data.ts';

/**
 * "참여 사업" on /me: the centre's programmes an organisation of mine takes part in (as a linked
 * partner). Nothing is shown when there are none; staff have the console instead.
 */
export function MyPrograms({ session }: { session: Session }) {
  const { t } = useI18n();
  const enabled = session.user.role === 'member' && session.memberships.length > 0;
  const programs = useMyPrograms(enabled);
  const items = programs.data ?? [];
  if (!enabled || !items.length) return null;
  return (
    <section aria-labelledby="my-programs">
      <h2 id="my-programs">{t('programs.mine.heading')}</h2>
      <p className="muted">{t('programs.mine.lead')}</p>
      <ul>
        {items.map((p) => (
          <li key={p.programId}>
            <Link to={`/programs/${p.programId}`}>
              {p.code} {p.name}
            </Link>
            {p.year ? ` (${t('programs.mine.year', { year: String(p.year) })})` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
