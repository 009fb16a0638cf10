import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, isAbort, type Agency, type Me } from '../api.js';
import i18n, { useLocalized } from '../i18n.js';
import { adminEn, adminVi } from '../admin/locales.js';
import { useAgencyDirectory } from '../admin/directory.js';
import { Field, FormErrors, useFieldError, useFocusOnMount, useSubmission } from '../admin/forms.js';
import { ListFooter, usePagedList } from '../admin/list.js';
import { controlEn, controlVi } from './control-locales.js';
import { formatDate, todayInVietnam } from './format.js';
import { addCatalogTexts, useCatalogT, type CatalogT } from './i18n.js';
import { ProcedureEditor } from './ProcedureEditor.js';
import { CellLabel, ViText } from './shared.js';
import { PROCEDURE_STATUSES, isOneOf, type CatalogProcedure, type ProcedureSummary } from './types.js';
import './catalog.css';

addCatalogTexts(controlVi, controlEn);
// The form and list helpers of the administration bring their texts in its namespace.
i18n.addResourceBundle('vi', 'admin', adminVi, true, false);
i18n.addResourceBundle('en', 'admin', adminEn, true, false);

/** The agencies under the officer's procedure-control grants (each grant covers its subtree). */
function controlledAgencies(all: Agency[], me: Me): Agency[] {
  const children = new Map<string, Agency[]>();
  for (const a of all) if (a.parentCode) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a]);
  const byCode = new Map(all.map((a) => [a.code, a]));
  const seen = new Set<string>();
  const queue = me.roles.filter((r) => r.role === 'procedure_control').map((r) => r.agencyCode);
  while (queue.length) {
    const code = queue.shift()!;
    if (seen.has(code)) continue;
    seen.add(code);
    for (const c of children.get(code) ?? []) queue.push(c.code);
  }
  return [...seen].flatMap((c) => byCode.get(c) ?? []).sort((a, b) => a.code.localeCompare(b.code));
}

type LocationState = { notice?: string } | null;

/**
 * Catalog management for procedure-control officers. The view is kept in the address: the list,
 * `?tao=1` to create a procedure, `?ma=<code>` for one procedure (its draft, publish, amend, abolish).
 */
export default function ControlPage({ me }: { me: Me }) {
  const [params] = useSearchParams();
  const directory = useAgencyDirectory();
  const agencies = useMemo(() => controlledAgencies(directory.agencies, me), [directory.agencies, me]);
  const code = params.get('ma');
  if (params.get('tao') === '1') return <CreateView agencies={agencies} />;
  if (code) return <ProcedureView key={code} code={code} agencies={agencies} />;
  return <ListView />;
}

function Notice({ text, noticeRef }: { text: string; noticeRef?: RefObject<HTMLParagraphElement | null> }) {
  return (
    <p ref={noticeRef} role="status" tabIndex={-1} className={text ? 'notice' : 'notice-empty'}>
      {text}
    </p>
  );
}

function ListView() {
  const { t, lang } = useCatalogT();
  const location = useLocation();
  const [filter, setFilter] = useState({ q: '', status: '' });
  const [draft, setDraft] = useState(filter);
  const list = usePagedList<ProcedureSummary>('/api/v1/catalog/procedures', {
    q: filter.q.trim() || undefined,
    status: filter.status || undefined,
    limit: 50,
  });
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const notice = (location.state as LocationState)?.notice ?? '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };

  return (
    <section aria-labelledby="ctl-list-heading">
      <h2 id="ctl-list-heading" ref={heading} tabIndex={-1}>
        {t('control.listHeading')}
      </h2>
      <p>{t('control.intro')}</p>
      <Notice text={notice} />
      <p>
        <Link className="button" to="?tao=1">
          {t('control.create')}
        </Link>
      </p>
      <form className="filter cat-control-filter" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="ctl-q">{t('control.filterQ')}</label>
          <input id="ctl-q" type="search" value={draft.q} maxLength={200} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ctl-status">{t('control.status')}</label>
          <select id="ctl-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('control.anyStatus')}</option>
            {PROCEDURE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`labels.procedureStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit">{t('control.filter')}</button>
          {(filter.q || filter.status) && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDraft({ q: '', status: '' });
                setFilter({ q: '', status: '' });
              }}
            >
              {t('control.clearFilter')}
            </button>
          )}
        </div>
      </form>
      <div className="table-wrap">
        <table className="cat-stack" role="table" aria-labelledby="ctl-list-caption">
          <caption id="ctl-list-caption" className="visually-hidden">
            {t('control.listHeading')}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('control.colName')}
              </th>
              <th scope="col" role="columnheader">
                {t('control.colCode')}
              </th>
              <th scope="col" role="columnheader">
                {t('control.colField')}
              </th>
              <th scope="col" role="columnheader">
                {t('control.colStatus')}
              </th>
              <th scope="col" role="columnheader">
                {t('control.colVersion')}
              </th>
              <th scope="col" role="columnheader">
                {t('control.colEffective')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((p) => (
              <tr key={p.code} role="row">
                <th scope="row" role="rowheader">
                  <Link to={`?ma=${encodeURIComponent(p.code)}`}>
                    <ViText text={p.name} lang={lang} />
                  </Link>
                </th>
                <td role="cell">
                  <CellLabel text={t('control.colCode')} />
                  <code>{p.code}</code>
                </td>
                <td role="cell">
                  {p.field && (
                    <>
                      <CellLabel text={t('control.colField')} />
                      <ViText text={p.field} lang={lang} />
                    </>
                  )}
                </td>
                <td role="cell">
                  <CellLabel text={t('control.colStatus')} />
                  <StatusTag status={p.status} t={t} />
                </td>
                <td role="cell">
                  <CellLabel text={t('control.colVersion')} />
                  {p.versionNumber ?? t('control.noVersion')}
                </td>
                <td role="cell">
                  {p.effectiveFrom && (
                    <>
                      <CellLabel text={t('control.colEffective')} />
                      {formatDate(p.effectiveFrom, lang)}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} />
    </section>
  );
}

function StatusTag({ status, t }: { status: string; t: CatalogT }) {
  if (!isOneOf(PROCEDURE_STATUSES, status)) return <>{status}</>;
  return <span className={`cat-status cat-status-${status}`}>{t(`labels.procedureStatus.${status}`)}</span>;
}

function CreateView({ agencies }: { agencies: Agency[] }) {
  const { t } = useCatalogT();
  const navigate = useNavigate();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [info, setInfo] = useState('');
  return (
    <section aria-labelledby="ctl-create-heading">
      <p>
        <Link to="/kiem-soat-tthc">{t('control.backToList')}</Link>
      </p>
      <h2 id="ctl-create-heading" ref={heading} tabIndex={-1}>
        {t('control.createHeading')}
      </h2>
      <p>{t('control.createIntro')}</p>
      <Notice text={info} />
      <ProcedureEditor
        base={null}
        agencies={agencies}
        onInfo={setInfo}
        onDone={(created) => void navigate(`?ma=${encodeURIComponent(created.code)}`, { state: { notice: t('control.created', { code: created.code }) } })}
        onCancel={() => void navigate('/kiem-soat-tthc')}
      />
    </section>
  );
}

const UNEXPECTED = new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi, vui lòng thử lại', en: 'Something went wrong, please try again' });

function ProcedureView({ code, agencies }: { code: string; agencies: Agency[] }) {
  const { t, lang } = useCatalogT();
  const localized = useLocalized();
  const location = useLocation();
  const [view, setView] = useState<CatalogProcedure | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState((location.state as LocationState)?.notice ?? '');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [focusNotice, setFocusNotice] = useState(0);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const v = await api.get<CatalogProcedure>(`/api/v1/catalog/procedures/${encodeURIComponent(code)}`, undefined, signal);
      setView(v);
      setLoadError(null);
    },
    [code],
  );
  useEffect(() => {
    const ctl = new AbortController();
    load(ctl.signal).catch((err: unknown) => {
      if (!isAbort(err)) setLoadError(err instanceof ApiError ? err : UNEXPECTED);
    });
    return () => ctl.abort();
  }, [load]);

  // After an action, its result is read out and keyboard focus stays near the top of the procedure.
  useEffect(() => {
    if (focusNotice) noticeRef.current?.focus();
  }, [focusNotice]);
  const applied = (v: CatalogProcedure, message: string) => {
    setView(v);
    setNotice(message);
    setFocusNotice((n) => n + 1);
  };
  const reload = () => {
    load()
      .then(() => {
        setNotice(t('control.reloaded'));
        setFocusNotice((n) => n + 1);
      })
      .catch((err: unknown) => setLoadError(err instanceof ApiError ? err : UNEXPECTED));
  };

  const name = view?.latest.data.name;
  const actions = view?.availableActions ?? [];
  return (
    <section aria-labelledby="ctl-proc-heading" className="cat-control">
      <p>
        <Link to="/kiem-soat-tthc">{t('control.backToList')}</Link>
      </p>
      <h2 id="ctl-proc-heading" ref={heading} tabIndex={-1}>
        <code>{code}</code>
        {name && (
          <>
            {' — '}
            <ViText text={name} lang={lang} />
          </>
        )}
      </h2>
      <Notice text={notice} noticeRef={noticeRef} />
      {loadError && (
        <div className="form-errors" role="alert">
          <p>{loadError.status === 404 ? t('control.notFound', { code }) : localized(loadError.localized)}</p>
        </div>
      )}
      {!view && !loadError && <p role="status">{t('control.loading')}</p>}
      {view && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('control.factsStatus')}</dt>
              <dd>
                <StatusTag status={view.status} t={t} />
              </dd>
            </div>
            <div>
              <dt>{t('control.factsCurrent')}</dt>
              <dd>{view.currentVersion ?? t('control.noVersion')}</dd>
            </div>
            <div>
              <dt>{t('control.factsLatest')}</dt>
              <dd>{t('control.latestValue', { n: view.latest.number, status: t(`labels.versionStatus.${view.latest.status}`) })}</dd>
            </div>
            {view.latest.effectiveFrom && (
              <div>
                <dt>{t('control.factsEffective')}</dt>
                <dd>{formatDate(view.latest.effectiveFrom, lang)}</dd>
              </div>
            )}
            {view.abolishedOn && (
              <div>
                <dt>{t('control.factsAbolished')}</dt>
                <dd>{formatDate(view.abolishedOn, lang)}</dd>
              </div>
            )}
          </dl>
          <p className="actions">
            {view.currentVersion !== null && <Link to={`/thu-tuc/${code}`}>{t('control.publicPage')}</Link>}
            <Link to={`/thu-tuc/${code}/phien-ban`}>{t('control.compare')}</Link>
          </p>
          {actions.length === 0 && <p>{t('control.abolishedNote')}</p>}

          {actions.includes('edit') && (
            <section aria-labelledby="ctl-draft-heading" className="cat-action">
              <h3 id="ctl-draft-heading">{t('control.draftHeading', { n: view.latest.number })}</h3>
              <ProcedureEditor
                key={`${view.latest.number}-${view.version}`}
                base={view.latest.data}
                version={view.version}
                agencies={agencies}
                onInfo={setNotice}
                onDone={(v) => applied(v, t('control.saved'))}
                onReload={reload}
              />
            </section>
          )}
          {actions.includes('publish') && <PublishForm view={view} onDone={applied} onReload={reload} />}
          {actions.includes('amend') && <AmendForm code={code} onDone={applied} />}
          {actions.includes('abolish') && <AbolishForm view={view} onDone={applied} onReload={reload} />}
        </>
      )}
    </section>
  );
}

type ActionProps = { view: CatalogProcedure; onDone(v: CatalogProcedure, message: string): void; onReload(): void };

/** What blocks publishing, each item linked to the part of the editor it is about. */
function Blockers({ issues, t }: { issues: { field: string; message: string }[]; t: CatalogT }) {
  const target: Record<string, string> = { channels: 'ed-channels', levels: 'ed-level-0', formSchema: 'ed-formSchema' };
  const known = ['channels', 'levels', 'formSchema', 'workflow'] as const;
  return (
    <div className="cat-blockers">
      <p>{t('control.blockers')}</p>
      <ul>
        {issues.map((i, n) => {
          const k = known.find((x) => x === i.field);
          const label = k ? t(`control.blocker.${k}`) : t('control.blocker.other', { field: i.field });
          const id = target[i.field];
          return (
            <li key={n}>
              {id ? (
                <a
                  href={`#${id}`}
                  onClick={(e) => {
                    const el = document.getElementById(id);
                    if (!el) return;
                    e.preventDefault();
                    // The form schema is in a folded section: unfold it first.
                    const folded = el.closest('details');
                    if (folded && !folded.open) folded.open = true;
                    el.focus();
                    el.scrollIntoView({ block: 'center' });
                  }}
                >
                  {label}
                </a>
              ) : (
                label
              )}
              {i.field === 'formSchema' && <span className="cat-small"> {i.message}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function PublishForm({ view, onDone, onReload }: ActionProps) {
  const { t, lang } = useCatalogT();
  const localized = useLocalized();
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const [date, setDate] = useState(todayInVietnam());
  const [decision, setDecision] = useState(view.latest.data.decisionNumber ?? '');
  const error = submission.error;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { ...(date ? { effectiveFrom: date } : {}), ...(decision.trim() ? { decisionNumber: decision.trim() } : {}) };
    const done = await submission.run(body, () => api.post<CatalogProcedure>(`/api/v1/procedures/${encodeURIComponent(view.code)}/publish`, body, { ifMatch: view.version }));
    if (done) onDone(done, t('control.published', { n: done.currentVersion ?? done.latest.number, date: formatDate(done.latest.effectiveFrom ?? date, lang) }));
  };

  const blockers = error?.code === 'PROCEDURE_NOT_PUBLISHABLE' ? ((error.details as { issues?: { field: string; message: string }[] } | null)?.issues ?? []) : null;
  return (
    <section aria-labelledby="ctl-publish-heading" className="cat-action">
      <h3 id="ctl-publish-heading">{t('control.publishHeading')}</h3>
      <p>{t('control.publishIntro')}</p>
      {view.publishIssues.length > 0 && !blockers && <Blockers issues={view.publishIssues} t={t} />}
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        {/* Publishing problems are about the draft, not this form: listed in plain words. */}
        <div ref={submission.errorRef} role="alert" tabIndex={-1} className={error ? 'form-errors' : 'form-errors-empty'}>
          {error && blockers && <Blockers issues={blockers} t={t} />}
          {error && !blockers && (
            <>
              <p className="form-errors-title">{localized(error.localized)}</p>
              {error.code === 'VERSION_CONFLICT' && (
                <button type="button" className="secondary" onClick={onReload}>
                  {t('control.reloadLatest')}
                </button>
              )}
            </>
          )}
        </div>
        <Field id="pub-date" label={t('control.effectiveFrom')} hint={t('control.effectiveHint')} error={fieldError('body.effectiveFrom')}>
          {(a) => <input {...a} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field id="pub-decision" label={t('control.decisionNumber')} hint={t('control.decisionHint')} error={fieldError('body.decisionNumber')} optional>
          {(a) => <input {...a} value={decision} onChange={(e) => setDecision(e.target.value)} maxLength={200} />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={submission.pending}>
            {t('control.publish')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AmendForm({ code, onDone }: { code: string; onDone(v: CatalogProcedure, message: string): void }) {
  const { t } = useCatalogT();
  const submission = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {};
    const done = await submission.run(body, (idempotencyKey) => api.post<CatalogProcedure>(`/api/v1/procedures/${encodeURIComponent(code)}/amendments`, body, { idempotencyKey }));
    if (done) onDone(done, t('control.amended', { n: done.latestVersion }));
  };
  return (
    <section aria-labelledby="ctl-amend-heading" className="cat-action">
      <h3 id="ctl-amend-heading">{t('control.amendHeading')}</h3>
      <p>{t('control.amendIntro')}</p>
      <form onSubmit={submit} aria-busy={submission.pending}>
        <FormErrors submission={submission} fields={{}} note={<p>{t('control.retryNote')}</p>} />
        <button type="submit" disabled={submission.pending}>
          {t('control.amend')}
        </button>
      </form>
    </section>
  );
}

function AbolishForm({ view, onDone, onReload }: ActionProps) {
  const { t, lang } = useCatalogT();
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const [f, setF] = useState({ date: todayInVietnam(), decision: '', reason: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...(f.date ? { effectiveFrom: f.date } : {}),
      ...(f.decision.trim() ? { decisionNumber: f.decision.trim() } : {}),
      ...(f.reason.trim() ? { reason: f.reason.trim() } : {}),
    };
    const done = await submission.run(body, () => api.post<CatalogProcedure>(`/api/v1/procedures/${encodeURIComponent(view.code)}/abolish`, body, { ifMatch: view.version }));
    if (done) onDone(done, t('control.abolished', { code: done.code, date: formatDate(done.abolishedOn ?? f.date, lang) }));
  };
  const fields: Record<string, [string, string]> = {
    'body.effectiveFrom': ['abo-date', t('control.abolishDate')],
    'body.decisionNumber': ['abo-decision', t('control.decisionNumber')],
    'body.reason': ['abo-reason', t('control.reason')],
  };
  return (
    <details className="cat-action cat-danger">
      <summary>{t('control.abolishHeading')}</summary>
      <p>{t('control.abolishIntro')}</p>
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        <FormErrors submission={submission} fields={fields}>
          {submission.error?.code === 'VERSION_CONFLICT' && (
            <button type="button" className="secondary" onClick={onReload}>
              {t('control.reloadLatest')}
            </button>
          )}
        </FormErrors>
        <Field id="abo-date" label={t('control.abolishDate')} hint={t('control.abolishDateHint')} error={fieldError('body.effectiveFrom')}>
          {(a) => <input {...a} type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />}
        </Field>
        <Field id="abo-decision" label={t('control.decisionNumber')} hint={t('control.decisionHint')} error={fieldError('body.decisionNumber')} optional>
          {(a) => <input {...a} value={f.decision} onChange={(e) => setF({ ...f, decision: e.target.value })} maxLength={200} />}
        </Field>
        <Field id="abo-reason" label={t('control.reason')} error={fieldError('body.reason')} optional>
          {(a) => <textarea {...a} value={f.reason} rows={3} onChange={(e) => setF({ ...f, reason: e.target.value })} maxLength={2000} />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={submission.pending}>
            {t('control.abolish')}
          </button>
        </div>
      </form>
    </details>
  );
}
