import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../page.js';
import { isAdmin, signInHref, useSession } from '../session.js';
import { HomeSearch } from '../catalog/shell.js';
import { useCatalogT } from '../catalog/i18n.js';

export function Home() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { t: catalogT } = useCatalogT();
  usePageTitle(t('home.title'));
  const features = [
    ['home.find', 'home.findText'],
    ['home.file', 'home.fileText'],
    ['home.follow', 'home.followText'],
    ['home.officers', 'home.officersText'],
  ] as const;
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('home.heading')}</h1>
      <p className="lead">{t('home.intro')}</p>

      <HomeSearch />

      <section aria-labelledby="features-heading">
        <h2 id="features-heading">{t('home.featuresHeading')}</h2>
        <ul className="cards">
          {features.map(([title, text]) => (
            <li key={title} className="card">
              <h3>{t(title)}</h3>
              <p>{t(text)}</p>
            </li>
          ))}
        </ul>
        <p className="note">{catalogT('home.filingSoon')}</p>
      </section>

      <section aria-labelledby="start-heading" className="start">
        <h2 id="start-heading">{t('home.startHeading')}</h2>
        {session.status === 'signed-in' ? (
          <p className="actions">
            <Link className="button" to="/tai-khoan">
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
            </p>
          </>
        )}
      </section>
    </div>
  );
}
