/**
 * /mot-cua — the officer's inboxes with their counts (to receive, to process, to approve, awaiting
 * documents, due soon, overdue: the list API's boxes, scoped by the server to the officer's
 * agencies), the selected inbox as a table, and a search by dossier code or applicant's personal ID.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Me, type Page } from '../api.js';
import { usePageTitle } from '../page.js';
import type { Box, DossierListItem } from '../dossiers/types.js';
import { asApiError, ErrorBox, Field, formatDateTime, StatusText } from '../dossiers/ui.js';
import { OfficerGate } from './gate.js';
import { useBackofficeT } from './i18n.js';

type Tab = Box | 'all';
const LIMIT = 100;

/** The inboxes an officer works from, in the order of their day, for the roles they hold. */
export function boxesFor(me: Me): Tab[] {
  const roles = new Set(me.roles.map((r) => r.role));
  const out: Tab[] = [];
  if (roles.has('reception')) out.push('to_receive');
  if (roles.has('approver')) out.push('to_approve');
  if (roles.has('reception') || roles.has('specialist') || roles.has('approver')) out.push('to_process');
  if (roles.has('reception') || roles.has('specialist')) out.push('awaiting_supplement');
  out.push('due_soon', 'overdue', 'all');
  return out;
}

export default function InboxPage() {
  const { t } = useBackofficeT();
  usePageTitle(t('title'));
  return (
    <OfficerGate title={t('title')} returnTo="/mot-cua" wide>
      {(me) => <Inbox me={me} />}
    </OfficerGate>
  );
}

function Inbox({ me }: { me: Me }) {
  const { t, lang } = useBackofficeT();
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabs = boxesFor(me);
  const requested = params.get('hop') as Tab | null;
  const tab: Tab = requested && tabs.includes(requested) ? requested : tabs[0]!;
  const personalId = params.get('cccd');
  const [pages, setPages] = useState<Partial<Record<Tab, Page<DossierListItem>>>>({});
  const [search, setSearch] = useState(params.get('cccd') ?? '');
  const [searchError, setSearchError] = useState<string | null>(null);
  const [listError, setListError] = useState<ReturnType<typeof asApiError> | null>(null);
  const [byPerson, setByPerson] = useState<Page<DossierListItem> | null>(null);
  const [tick, setTick] = useState(0);

  // Every inbox at once: the counts are what the officer looks at first.
  useEffect(() => {
    const ctl = new AbortController();
    setListError(null);
    for (const b of tabs) {
      api
        .get<Page<DossierListItem>>('/api/v1/dossiers', { box: b === 'all' ? undefined : b, limit: LIMIT }, ctl.signal)
        .then((p) => setPages((all) => ({ ...all, [b]: p })))
        .catch((err: unknown) => {
          if (!ctl.signal.aborted) setListError(asApiError(err));
        });
    }
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tabs.join(','), tick]);

  useEffect(() => {
    if (!personalId) {
      setByPerson(null);
      return;
    }
    const ctl = new AbortController();
    api
      .get<Page<DossierListItem>>('/api/v1/dossiers', { applicantPersonalId: personalId, limit: LIMIT }, ctl.signal)
      .then(setByPerson)
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setListError(asApiError(err));
      });
    return () => ctl.abort();
  }, [personalId]);

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    const q = search.trim();
    if (/^\d{12}$/.test(q)) {
      setSearchError(null);
      setParams({ hop: tab, cccd: q });
    } else if (/^[0-9A-Za-z.-]{3,100}$/.test(q)) {
      setSearchError(null);
      void navigate(`/mot-cua/ho-so/${encodeURIComponent(q)}`);
    } else {
      setSearchError(t('inbox.searchInvalid'));
      document.getElementById('bo-search')?.focus();
    }
  };

  const count = (b: Tab) => {
    const p = pages[b];
    if (!p) return '…';
    return p.nextCursor ? t('boxes.countMore', { count: p.items.length }) : String(p.items.length);
  };

  const loadMore = async () => {
    const p = pages[tab];
    if (!p?.nextCursor) return;
    try {
      const next = await api.get<Page<DossierListItem>>('/api/v1/dossiers', { box: tab === 'all' ? undefined : tab, limit: LIMIT, cursor: p.nextCursor });
      setPages((all) => ({ ...all, [tab]: { items: [...p.items, ...next.items], nextCursor: next.nextCursor } }));
    } catch (err) {
      setListError(asApiError(err));
    }
  };

  const shown = personalId ? byPerson : pages[tab];
  return (
    <>
      <div className="bo-toolbar">
        <form role="search" noValidate onSubmit={submitSearch} className="bo-search">
          <Field id="bo-search" label={t('inbox.search')} hint={t('inbox.searchHint')} error={searchError}>
            {(a11y) => (
              <div className="filter-row">
                <input {...a11y} value={search} autoComplete="off" spellCheck={false} onChange={(e) => setSearch(e.target.value)} />
                <button type="submit">{t('inbox.searchButton')}</button>
              </div>
            )}
          </Field>
        </form>
        <p>
          <Link className="button secondary" to="/mot-cua/tiep-nhan">
            {t('inbox.desk')}
          </Link>
        </p>
      </div>
      {listError && <ErrorBox error={listError} onRetry={() => setTick((n) => n + 1)} retryLabel={common('common.retry')} />}

      <nav aria-label={t('boxes.label')}>
        <ul className="bo-boxes">
          {tabs.map((b) => (
            <li key={b}>
              <Link to={`/mot-cua?hop=${b}`} aria-current={!personalId && b === tab ? 'page' : undefined} className={`bo-box bo-box-${b}`}>
                <span className="bo-box-name">{t(`boxes.${b}`)}</span>
                <span className="bo-box-count">{count(b)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="bo-list-heading">
        <h2 id="bo-list-heading">
          {personalId ? t('inbox.byPerson', { id: personalId }) : t(`boxes.${tab}`)}
          {personalId && (
            <>
              {' '}
              <Link to={`/mot-cua?hop=${tab}`} className="bo-small">
                {t('inbox.clearSearch')}
              </Link>
            </>
          )}
        </h2>
        {!shown && <p role="status">{t('inbox.loading')}</p>}
        {shown && shown.items.length === 0 && <p>{t('inbox.empty')}</p>}
        {shown && shown.items.length > 0 && (
          <>
            <p role="status" className="hint">
              {t('inbox.shown', { count: shown.items.length })}
            </p>
            <div className="table-wrap">
              <table className="bo-table">
                <thead>
                  <tr>
                    <th scope="col">{t('inbox.colDossier')}</th>
                    <th scope="col">{t('inbox.colProcedure')}</th>
                    <th scope="col">{t('inbox.colStatus')}</th>
                    <th scope="col">{t('inbox.colDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.items.map((d) => {
                    const overdue = d.dueAt !== null && new Date(d.dueAt).getTime() < Date.now() && !['RETURNED', 'RESULT_READY', 'WITHDRAWN', 'STOPPED', 'REFUSED_TO_SETTLE', 'REFUSED_AT_RECEPTION'].includes(d.status);
                    return (
                      <tr key={d.id}>
                        <th scope="row">
                          <Link to={`/mot-cua/ho-so/${encodeURIComponent(d.code ?? d.id)}`}>{d.code ?? `${t('inbox.noCode')} (${d.id.slice(0, 8)})`}</Link>
                        </th>
                        <td lang="vi">{d.procedure.name}</td>
                        <td>
                          <StatusText status={d.status} label={d.statusLabel} />
                        </td>
                        <td>
                          {formatDateTime(d.dueAt, lang)}
                          {overdue && <strong className="bo-overdue"> {t('inbox.overdueTag')}</strong>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {!personalId && pages[tab]?.nextCursor && (
              <button type="button" className="secondary" onClick={() => void loadMore()}>
                {t('inbox.more')}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}
