/**
 * What the app shell shows of dossiers: the navigation links, the "file online" link of a procedure
 * page, and the lazily loaded pages (each its own chunk; the citizen texts are in the main chunk so
 * the links and headings are there at once).
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Link, NavLink } from 'react-router';
import { useSession, type SessionState } from '../session.js';
import type { ProcedureDetail } from '../catalog/types.js';
import { useDossiersT } from './i18n.js';

const DOSSIER_ROLES = ['reception', 'specialist', 'approver'];

export function isDossierOfficer(session: SessionState): session is Extract<SessionState, { status: 'signed-in' }> {
  return session.status === 'signed-in' && session.me.roles.some((r) => DOSSIER_ROLES.includes(r.role));
}

const isApplicant = (session: SessionState) => session.status === 'signed-in' && (session.me.kind === 'citizen' || session.me.kind === 'business');

export function DossierNavLinks() {
  const { t } = useDossiersT();
  const { session } = useSession();
  return (
    <>
      {isApplicant(session) && (
        <li>
          <NavLink to="/ho-so-cua-toi">{t('nav.myDossiers')}</NavLink>
        </li>
      )}
      <li>
        <NavLink to="/tra-cuu">{t('nav.lookup')}</NavLink>
      </li>
      {isDossierOfficer(session) && (
        <li>
          <NavLink to="/mot-cua">{t('nav.backoffice')}</NavLink>
        </li>
      )}
    </>
  );
}

/** "Nộp hồ sơ trực tuyến" on a procedure that can be filed online (the page asks for sign-in if needed). */
export function FileOnlineLink({ p }: { p: ProcedureDetail }) {
  const { t } = useDossiersT();
  const online = p.status === 'published' && (p.onlineLevel !== 'none' || p.channels.some((c) => c.channel === 'online')) && (p.agencies.receiving?.codes.length ?? 0) > 0;
  if (!online) return null;
  return (
    <p className="dos-file-online cat-no-print">
      <Link className="button" to={`/thu-tuc/${p.code}/nop-ho-so`}>
        {t('apply.fileOnline')}
      </Link>
    </p>
  );
}

function Loading() {
  const { t } = useDossiersT();
  return (
    <div className="page">
      <p role="status">{t('common.loading')}</p>
    </div>
  );
}

function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}

export const ApplyRoute = lazyPage(() => import('./ApplyPage.js'));
export const MyDossiersRoute = lazyPage(() => import('./MyDossiersPage.js'));
export const DossierRoute = lazyPage(() => import('./DossierPage.js'));
export const LookupRoute = lazyPage(() => import('./LookupPage.js'));
export const BackofficeRoute = lazyPage(() => import('../backoffice/InboxPage.js'));
export const WorkRoute = lazyPage(() => import('../backoffice/WorkPage.js'));
export const DeskRoute = lazyPage(() => import('../backoffice/DeskPage.js'));
