/** The sign-in and role check every back-office page starts with, under the page's heading. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api.js';
import { signInHref, useSession } from '../session.js';
import { isDossierOfficer } from '../dossiers/shell.js';
import { useHeadingFocus } from '../dossiers/ui.js';
import { useBackofficeT } from './i18n.js';
import '../dossiers/dossiers.css';
import './backoffice.css';

export function OfficerGate({ title, returnTo, wide, children }: { title: ReactNode; returnTo: string; wide?: boolean; children: (me: Me) => ReactNode }) {
  const { t } = useBackofficeT();
  const { t: common } = useTranslation();
  const { session } = useSession();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  let body;
  if (session.status === 'loading') body = <p role="status">{common('common.loading')}</p>;
  else if (session.status !== 'signed-in') {
    body = (
      <div className="panel">
        <p>{common('auth.needSignIn')}</p>
        <p>
          <a className="button" href={signInHref(returnTo)}>
            {common('auth.signIn')}
          </a>
        </p>
      </div>
    );
  } else if (!isDossierOfficer(session)) body = <p className="panel">{t('forbidden')}</p>;
  else body = children(session.me);
  return (
    <div className={wide ? 'page page-wide bo-page' : 'page bo-page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {body}
    </div>
  );
}
