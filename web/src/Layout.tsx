import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { api, type Agency, type Page } from './api.js';
import { setLanguage, type Lang } from './i18n.js';
import { isAdmin, signInHref, useSession } from './session.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { RouteError } from './pages/NotFound.js';
import { CatalogNavLinks } from './catalog/shell.js';
import { DossierNavLinks } from './dossiers/shell.js';

function focusMain(e: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (!main) return;
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const choice = (value: Lang, short: string) => (
    <button type="button" lang={value} aria-pressed={lang === value} onClick={() => setLanguage(value)}>
      {short}
      <span className="visually-hidden"> {t(`language.${value}`)}</span>
    </button>
  );
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {choice('vi', 'VI')}
      {choice('en', 'EN')}
    </div>
  );
}

function UserBox() {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <div className="user-box" aria-hidden="true" />;
  if (session.status !== 'signed-in') {
    return (
      <div className="user-box">
        {/* A plain link: signing in leaves the app for the identity provider. */}
        <a className="header-button" href={signInHref(location.pathname + location.search)}>
          {t('auth.signIn')}
        </a>
      </div>
    );
  }
  return (
    <div className="user-box">
      <span className="user-name">
        <span className="visually-hidden">{t('auth.signedIn')} </span>
        {session.me.fullName}
      </span>
      {/* text/plain: the server has no parser for the default urlencoded body (415), it has one for text. */}
      <form method="post" action="/auth/logout">
        <button type="submit" className="header-button">
          {t('auth.signOut')}
        </button>
      </form>
    </div>
  );
}

/** The name of the top agency (the province's people's committee), shown under the product name. */
function useOrganisationName(): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    api
      .get<Page<Agency>>('/api/v1/agencies', { limit: 10 }, ctl.signal)
      .then((p) => setName(p.items.find((a) => a.parentCode === null)?.name ?? null))
      .catch(() => undefined);
    return () => ctl.abort();
  }, []);
  return name;
}

export function Layout() {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const organisation = useOrganisationName();

  // After an in-app navigation: back to the top, and focus on the new page's heading so screen
  // readers announce it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={focusMain}>
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-bar">
          <div className="brand">
            <Link to="/" className="brand-name">
              {t('product')}
            </Link>
            {organisation && (
              <span className="brand-org" lang="vi">
                {organisation}
              </span>
            )}
          </div>
          <div className="header-tools">
            <LanguageSwitch />
            <UserBox />
          </div>
        </div>
        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <CatalogNavLinks />
            <DossierNavLinks />
            {session.status === 'signed-in' && (
              <li>
                <NavLink to="/tai-khoan">{t('nav.account')}</NavLink>
              </li>
            )}
            {isAdmin(session) && (
              <li>
                <NavLink to="/quan-tri">{t('nav.admin')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname} fallback={<RouteError />}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>{t('footer.about')}</p>
        <p>
          <a href="/api/docs">{t('footer.apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}
