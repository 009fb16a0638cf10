import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../page.js';
import { isAdmin, signInHref, useSession } from '../session.js';

// The administration screens are a separate chunk: citizens never download them.
const AdminPage = lazy(() => import('../admin/AdminPage.js'));

export function AdminGate() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle(t('adminGate.title'));

  let body;
  if (session.status === 'loading') body = <p role="status">{t('common.loading')}</p>;
  else if (session.status === 'anonymous') {
    body = (
      <div className="panel">
        <p>{t('auth.needSignIn')}</p>
        <p>
          <a className="button" href={signInHref('/quan-tri')}>
            {t('auth.signIn')}
          </a>
        </p>
      </div>
    );
  } else if (!isAdmin(session)) body = <p className="panel">{t('adminGate.forbidden')}</p>;
  else {
    body = (
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <AdminPage me={session.me} />
      </Suspense>
    );
  }
  return (
    <div className="page page-wide">
      <h1 tabIndex={-1}>{t('adminGate.title')}</h1>
      {body}
    </div>
  );
}
