import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../page.js';
import { isAdmin, signInHref, useSession } from '../session.js';
import { HomeSearch } from '../catalog/shell.js';

/** Roles that work in the one-stop back office (inboxes, desk reception, processing, approval). */
const BACKOFFICE_ROLES = new Set(['reception', 'specialist', 'approver']);

export function Home() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle(t('home.title'));
  const officer = session.status === 'signed-in' && session.me.roles.some((r) => BACKOFFICE_ROLES.has(r.role));
  // Each card leads to the real flow: search, filing (from a procedure's page), my dossiers, public lookup.
  const features = [
    { title: 'home.find', text: 'home.findText', to: '/thu-tuc' },
    { title: 'home.file', text: 'home.fileHow', to: '/thu-tuc' },
    { title: 'home.follow', text: 'home.followText', to: '/ho-so-cua-toi' },
    { title: 'home.lookup', text: 'home.lookupText', to: '/tra-cuu' },
    { title: 'home.officers', text: 'home.officersText', to: '/mot-cua' },
  ] as const;
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('home.heading')}</h1>
      <p className="lead">{t('home.intro')}</p>

      <HomeSearch />

      <section aria-labelledby="features-heading">
        <h2 id="features-heading">{t('home.featuresHeading')}</h2>
        <ul className="cards">
          {features.map((f) => (
            <li key={f.title} className="card">
              <h3>
                <Link to={f.to}>{t(f.title)}</Link>
              </h3>
              <p>{t(f.text)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="start-heading" className="start">
        <h2 id="start-heading">{t('home.startHeading')}</h2>
        {session.status === 'signed-in' ? (
          <p className="actions">
            {officer ? (
              <Link className="button" to="/mot-cua">
                {t('home.goBackoffice')}
              </Link>
            ) : (
              <Link className="button" to="/ho-so-cua-toi">
                {t('home.myDossiers')}
              </Link>
            )}
            <Link className="button secondary" to="/tai-khoan">
              {t('home.myAccount')}
            </Link>
            {isAdmin(session) && (
              <Link className="button secondary" to="/quan-tri">
                {t('home.goAdmin')}
              </Link>
            )}
          </p>
        ) : (
          <>
            <p>{t('home.startAnonymous')}</p>
            <p className="actions">
              <a className="button" href={signInHref('/')}>
                {t('auth.signIn')}
              </a>
              <Link className="button secondary" to="/tra-cuu">
                {t('home.lookup')}
              </Link>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
