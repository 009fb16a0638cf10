/**
 * Gates of the catalog pages that come in chunks of their own: the heading and the sign-in and role
 * checks are here (so the layout can focus the heading at once), the screens load with React.lazy.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePageTitle } from '../page.js';
import { signInHref, useSession } from '../session.js';
import { useCatalogT } from './i18n.js';
import { hasProcedureControl } from './shell.js';

const ControlPage = lazy(() => import('./ControlPage.js'));
const VersionsPage = lazy(() => import('./VersionsPage.js'));

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}

/** /kiem-soat-tthc: the catalog management of procedure-control officers. */
export function ControlRoute() {
  const { t } = useCatalogT();
  const { t: common } = useTranslation();
  const { session } = useSession();
  usePageTitle(t('gate.controlTitle'));

  let body;
  if (session.status === 'loading') body = <Loading />;
  else if (session.status === 'anonymous') {
    body = (
      <div className="panel">
        <p>{common('auth.needSignIn')}</p>
        <p>
          <a className="button" href={signInHref('/kiem-soat-tthc')}>
            {common('auth.signIn')}
          </a>
        </p>
      </div>
    );
  } else if (!hasProcedureControl(session)) body = <p className="panel">{t('gate.forbidden')}</p>;
  else {
    body = (
      <Suspense fallback={<Loading />}>
        <ControlPage me={session.me} />
      </Suspense>
    );
  }
  return (
    <div className="page page-wide">
      <h1 tabIndex={-1}>{t('gate.controlTitle')}</h1>
      {body}
    </div>
  );
}

/** /thu-tuc/:code/phien-ban: versions side by side (public; drafts too for the procedure's officers). */
export function VersionsRoute() {
  const { code = '' } = useParams();
  const { t } = useCatalogT();
  const { session } = useSession();
  const title = t('gate.versionsTitle', { code });
  usePageTitle(title);
  return (
    <div className="page page-wide">
      <h1 tabIndex={-1}>{title}</h1>
      <Suspense fallback={<Loading />}>
        <VersionsPage code={code} officer={hasProcedureControl(session)} />
      </Suspense>
    </div>
  );
}
