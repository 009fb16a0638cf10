/**
 * /ho-so-cua-toi — the applicant's drafts (kept on the server, plus any typed here and not yet sent)
 * and filed dossiers, newest first.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Page } from '../api.js';
import { usePageTitle } from '../page.js';
import { signInHref, useSession } from '../session.js';
import { listUnsentDrafts } from './drafts.js';
import { useDossiersT } from './i18n.js';
import type { DossierListItem } from './types.js';
import { asApiError, ErrorBox, formatDateTime, formatDay, StatusText, useHeadingFocus, useLoad } from './ui.js';
import './dossiers.css';

const PAGE = 20;

export default function MyDossiersPage() {
  const { t } = useDossiersT();
  const { session } = useSession();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  usePageTitle(t('mine.title'));
  let body;
  if (session.status === 'loading') body = <p role="status">{t('common.loading')}</p>;
  else if (session.status !== 'signed-in') {
    body = (
      <div className="panel">
        <p>{t('common.signInFirst')}</p>
        <p>
          <a className="button" href={signInHref('/ho-so-cua-toi')}>
            {t('common.signIn')}
          </a>
        </p>
      </div>
    );
  } else if (session.me.kind !== 'citizen' && session.me.kind !== 'business') body = <p className="panel">{t('common.applicantsOnly')}</p>;
  else body = <Mine personId={session.me.id} />;
  return (
    <div className="page dos-mine">
      <h1 ref={heading} tabIndex={-1}>
        {t('mine.title')}
      </h1>
      {body}
    </div>
  );
}

function Mine({ personId }: { personId: string }) {
  const { t, lang } = useDossiersT();
  const unsent = listUnsentDrafts(personId);
  const [state, reload] = useLoad((signal) => api.get<Page<DossierListItem>>('/api/v1/dossiers', { limit: PAGE }, signal), [personId]);
  const [more, setMore] = useState<{ items: DossierListItem[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<ReturnType<typeof asApiError> | null>(null);

  const all = state.kind === 'ok' ? [...state.data.items, ...(more?.items ?? [])] : [];
  const items = all.filter((d) => d.status !== 'DRAFT');
  // Server drafts, with this device's unsent changes marked; then buffers that never reached the server.
  const unsentIds = new Set(unsent.map((d) => d.serverId).filter(Boolean));
  const drafts = [
    ...all
      .filter((d) => d.status === 'DRAFT')
      .map((d) => ({ key: d.id, procedureCode: d.procedure.code, procedureName: d.procedure.name, savedAt: d.updatedAt ?? d.createdAt, unsent: unsentIds.has(d.id), href: `/thu-tuc/${d.procedure.code}/nop-ho-so?ban-nhap=${d.id}` })),
    ...(state.kind === 'ok' ? unsent.filter((d) => d.serverId === null) : unsent).map((d) => ({
      key: `local:${d.procedureCode}`,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      savedAt: d.savedAt,
      unsent: true,
      href: `/thu-tuc/${d.procedureCode}/nop-ho-so`,
    })),
  ];
  const cursor = more ? more.cursor : state.kind === 'ok' ? state.data.nextCursor : null;
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const p = await api.get<Page<DossierListItem>>('/api/v1/dossiers', { limit: PAGE, cursor });
      setMore({ items: [...(more?.items ?? []), ...p.items], cursor: p.nextCursor });
    } catch (err) {
      setMoreError(asApiError(err));
    }
  };

  return (
    <>
      {drafts.length > 0 && (
        <section aria-labelledby="dos-drafts" className="dos-section">
          <h2 id="dos-drafts">{t('mine.draftsHeading')}</h2>
          <p className="hint">{t('mine.draftsNote')}</p>
          <ul className="dos-cards">
            {drafts.map((d) => (
              <li key={d.key} className="dos-card">
                <p className="dos-card-title" lang="vi">
                  {d.procedureName}
                </p>
                <p className="hint">{t('mine.draftSavedAt', { time: formatDateTime(d.savedAt, lang) })}</p>
                {d.unsent && <p className="hint">{t('mine.draftUnsent')}</p>}
                <Link to={d.href}>
                  {t('mine.resume')}
                  <span className="visually-hidden">: {d.procedureName}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="dos-filed" className="dos-section">
        <h2 id="dos-filed">{t('mine.dossiersHeading')}</h2>
        {state.kind === 'loading' && <p role="status">{t('common.loading')}</p>}
        {state.kind === 'error' && <ErrorBox error={state.error} onRetry={reload} retryLabel={t('common.retry')} />}
        {state.kind === 'ok' && items.length === 0 && (
          <p>
            {t('mine.none')} <Link to="/thu-tuc">{t('mine.findProcedure')}</Link>
          </p>
        )}
        {items.length > 0 && (
          <ul className="dos-cards" aria-label={t('mine.dossiersHeading')}>
            {items.map((d) => (
              <li key={d.id} className="dos-card">
                <p className="dos-card-title">
                  <Link to={`/ho-so-cua-toi/${d.code ?? d.id}`} lang="vi">
                    {d.procedure.name}
                  </Link>
                </p>
                <dl className="dos-card-facts">
                  <div>
                    <dt>{t('dossier.code')}</dt>
                    <dd>{d.code ? <span className="dos-code">{d.code}</span> : t('mine.noCode')}</dd>
                  </div>
                  <div>
                    <dt>{t('mine.colStatus')}</dt>
                    <dd>
                      <StatusText status={d.status} label={d.statusLabel} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('mine.colDue')}</dt>
                    <dd>{d.dueAt ? formatDateTime(d.dueAt, lang) : t('mine.noDue')}</dd>
                  </div>
                </dl>
                <p className="hint">
                  {t(`plain.${d.status}` as 'plain.SUBMITTED')} {t('mine.submittedOn', { date: formatDay(d.createdAt, lang) })}
                </p>
              </li>
            ))}
          </ul>
        )}
        {moreError && <ErrorBox error={moreError} />}
        {cursor && (
          <button type="button" className="secondary" onClick={() => void loadMore()}>
            {t('mine.more')}
          </button>
        )}
      </section>
    </>
  );
}
