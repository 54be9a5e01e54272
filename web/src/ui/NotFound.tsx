import { Link } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { PageHeader } from './index.tsx';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('state.notFound')} lead={t('state.notFoundHint')} />
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </>
  );
}
