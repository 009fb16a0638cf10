import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../i18n.js';
import { usePageTitle } from '../page.js';
import { signInHref, useSession } from '../session.js';

export function Account() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { session, refresh } = useSession();
  usePageTitle(t('account.title'));
  // Always show the account as it is now (roles may have changed since the app was opened).
  useEffect(() => {
    void refresh();
  }, [refresh]);

  let body;
  if (session.status === 'loading') {
    body = <p role="status">{t('common.loading')}</p>;
  } else if (session.status === 'anonymous') {
    body = (
      <div className="panel">
        <p>{t('auth.needSignIn')}</p>
        <p>
          <a className="button" href={signInHref('/tai-khoan')}>
            {t('auth.signIn')}
          </a>
        </p>
      </div>
    );
  } else if (session.status === 'error') {
    body = (
      <div className="form-errors" role="alert">
        <p>{localized(session.error.localized)}</p>
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {t('common.retry')}
        </button>
      </div>
    );
  } else {
    const { me } = session;
    body = (
      <>
        <dl className="facts">
          <div>
            <dt>{t('account.fullName')}</dt>
            <dd>{me.fullName}</dd>
          </div>
          <div>
            <dt>{t('account.username')}</dt>
            <dd>{me.username}</dd>
          </div>
          <div>
            <dt>{t('account.kind')}</dt>
            <dd>{t(`kind.${me.kind}`)}</dd>
          </div>
        </dl>
        {me.roles.length === 0 ? (
          <p>{t('account.noRoles')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t('account.rolesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('account.agency')}</th>
                  <th scope="col">{t('account.agencyCode')}</th>
                  <th scope="col">{t('account.role')}</th>
                </tr>
              </thead>
              <tbody>
                {me.roles.map((r) => (
                  <tr key={`${r.agencyCode}|${r.role}`}>
                    <td lang="vi">{r.agencyName}</td>
                    <td>
                      <code>{r.agencyCode}</code>
                    </td>
                    <td>{localized(r.roleLabel)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      {body}
    </div>
  );
}
