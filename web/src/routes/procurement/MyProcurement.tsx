import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { useMyInstitutions } from './data.ts';

/**
 * On /me, for buyer officers only: a link to their procurement dashboard naming their institutions.
 * Small on purpose (no charts): /me loads it with its own chunk.
 */
export function MyProcurement() {
  const { t } = useI18n();
  const mine = useMyInstitutions();
  const list = mine.data ?? [];
  if (!list.length) return null;
  return (
    <section aria-labelledby="my-procurement" className="member-procurement">
      <h2 id="my-procurement">{t('procurement.mine.title')}</h2>
      <p>{t('procurement.mine.onMe', { names: list.map((i) => i.name).join(', ') })}</p>
      <p>
        <Link className="btn secondary" to="/procurement/mine">
          {t('procurement.mine.open')}
        </Link>
      </p>
    </section>
  );
}
