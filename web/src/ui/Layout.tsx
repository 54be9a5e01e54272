import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { isStaff, useLogout, useSession } from '../session.ts';
import { Loading } from './index.tsx';

/** The signed-in person's notifications, with the unread count (checked each minute). */
function UnreadLink() {
  const { t } = useI18n();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api<{ unread: number }>('/api/v1/notifications?unread=true&pageSize=1'),
    refetchInterval: 60_000,
  });
  const count = unread.data?.unread ?? 0;
  return (
    <Link to="/me/notifications" className="btn text small header-notes">
      {t('sharing.notes.link', { count })}
    </Link>
  );
}

/** Every page: skip link, header with the main menu and the language switch, main, footer. */
export function Layout() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const s = session.data;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              SE
            </span>
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.main')} className="main-nav">
            <ul>
              <li>
                <NavLink to="/organizations">{t('nav.directory')}</NavLink>
              </li>
              <li>
                <NavLink to="/map">{t('nav.map')}</NavLink>
              </li>
              <li>
                <NavLink to="/sharing">{t('sharing.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/statistics">{t('insights.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/procurement">{t('procurement.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/catalogue">{t('catalogue.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/orders">{t('orders.navMain')}</NavLink>
              </li>
              <li>
                <NavLink to="/spaces">{t('spaces.nav')}</NavLink>
              </li>
              {s ? (
                <li>
                  <NavLink to="/me">{t('nav.mine')}</NavLink>
                </li>
              ) : null}
              {isStaff(s) ? (
                <li>
                  <NavLink to="/staff">{t('nav.staff')}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="header-tools">
            <button type="button" className="btn text small" lang={lang === 'ko' ? 'en' : 'ko'} aria-label={t('nav.languageLabel')} onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
              {t('nav.language')}
            </button>
            {s ? (
              <>
                <span className="who">{t('nav.signedInAs', { name: s.user.displayName })}</span>
                <UnreadLink />
                <button
                  type="button"
                  className="btn secondary small"
                  onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/') })}
                >
                  {t('nav.logout')}
                </button>
              </>
            ) : session.isLoading ? null : (
              <Link className="btn primary small" to="/login">
                {t('nav.login')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footer.about')}</p>
          <p>
            {t('footer.data')} · <a href="/api/docs">{t('footer.api')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
