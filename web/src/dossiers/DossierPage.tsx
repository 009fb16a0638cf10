/**
 * /ho-so-cua-toi/:ref — one of the applicant's dossiers: where it stands in plain words, the due
 * date, what is awaited from the applicant (a supplement answered item by item), the result once
 * issued, the history, and the receipt to print.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, newIdempotencyKey, type Agency } from '../api.js';
import { usePageTitle } from '../page.js';
import type { ProcedureDetail } from '../catalog/types.js';
import { describeForm } from './form-schema.js';
import { useDossiersT } from './i18n.js';
import { Receipt } from './Receipt.js';
import { componentCodeOf, paperName, type Dossier, type History } from './types.js';
import { Attachments } from './Attachments.js';
import { Pay } from './Pay.js';
import { Rating } from './Rating.js';
import { asApiError, ErrorBox, Facts, FormDataList, formatDateTime, StatusText, Timeline, useHeadingFocus, useLoad } from './ui.js';
import './dossiers.css';

type Loaded = { dossier: Dossier; history: History };

export async function loadDossier(ref: string, signal?: AbortSignal): Promise<Loaded> {
  const path = `/api/v1/dossiers/${encodeURIComponent(ref)}`;
  const [dossier, history] = await Promise.all([api.get<Dossier>(path, undefined, signal), api.get<History>(`${path}/history`, undefined, signal)]);
  return { dossier, history };
}

export function useAgencyName(code: string | null): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    const ctl = new AbortController();
    api
      .get<Agency>(`/api/v1/agencies/${encodeURIComponent(code)}`, undefined, ctl.signal)
      .then((a) => setName(a.name))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [code]);
  return name;
}

/** The names of the procedure's papers by code (TP01…). */
export function usePaperNames(procedureCode: string | null): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!procedureCode) return;
    const ctl = new AbortController();
    api
      .get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(procedureCode)}`, undefined, ctl.signal)
      .then((p) => setNames(Object.fromEntries(p.components.map((c, i) => [componentCodeOf(i), paperName(c)]))))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [procedureCode]);
  return names;
}

/** The labels of the form's fields, from the procedure's published form. */
export function useFormLabels(procedureCode: string | null): Record<string, string> {
  const [labels, setLabels] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!procedureCode) return;
    const ctl = new AbortController();
    api
      .get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(procedureCode)}`, undefined, ctl.signal)
      .then((p) => setLabels(Object.fromEntries(describeForm(p.formSchema).fields.map((f) => [f.name, f.label]))))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [procedureCode]);
  return labels;
}

export default function DossierPage() {
  const { ref = '' } = useParams();
  const { t, lang } = useDossiersT();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const [state, reload, set] = useLoad((signal) => loadDossier(ref, signal), [ref]);
  const [notice, setNotice] = useState<string | null>(null);
  const d = state.kind === 'ok' ? state.data.dossier : null;
  const agencyName = useAgencyName(d?.receivingAgencyCode ?? null);
  const labels = useFormLabels(d?.procedure.code ?? null);
  const papers = usePaperNames(d?.procedure.code ?? null);
  const title = d ? (d.code ? t('dossier.titleCode', { code: d.code }) : t('dossier.titlePending')) : t('dossier.loading');
  usePageTitle(title);

  const done = async (message: string) => {
    set(await loadDossier(ref));
    setNotice(message);
  };

  return (
    <div className="page dos-dossier">
      <p className="dos-no-print">
        <Link to="/ho-so-cua-toi">{t('dossier.back')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {state.kind === 'loading' && <p role="status">{t('dossier.loading')}</p>}
      {state.kind === 'error' &&
        (state.error.status === 404 ? <p className="panel">{t('common.notFound')}</p> : <ErrorBox error={state.error} onRetry={reload} retryLabel={t('common.retry')} />)}
      <div role="status" className="dos-live">
        {notice && <p className="notice">{notice}</p>}
      </div>
      {state.kind === 'ok' && d && (
        <>
          <section aria-labelledby="dos-facts" className="dos-section dos-no-print">
            <h2 id="dos-facts">{t('dossier.facts')}</h2>
            <p className="dos-plain">
              <StatusText status={d.status} label={d.statusLabel} /> — {t(`plain.${d.status}` as 'plain.SUBMITTED')}
            </p>
            <Facts
              rows={[
                [t('dossier.procedure'), <span lang="vi">{`${d.procedure.name} (${d.procedure.code})`}</span>],
                [t('dossier.code'), d.code ?? t('mine.noCode')],
                [t('dossier.channel'), t(`channel.${d.channel}`)],
                ...(d.submittedAt ? ([[t('dossier.submittedAt'), formatDateTime(d.submittedAt, lang)]] as [string, string][]) : []),
                ...(d.receivedAt ? ([[t('dossier.receivedAt'), formatDateTime(d.receivedAt, lang)]] as [string, string][]) : []),
                [t('dossier.dueAt'), d.dueAt ? <strong>{formatDateTime(d.dueAt, lang)}</strong> : t('mine.noDue')],
              ]}
            />
            {d.pausedSince && <p>{t('dossier.paused', { time: formatDateTime(d.pausedSince, lang) })}</p>}
          </section>

          {d.status === 'DRAFT' && (
            <p className="panel dos-no-print">
              {t('plain.DRAFT')}{' '}
              <Link className="button" to={`/thu-tuc/${d.procedure.code}/nop-ho-so?ban-nhap=${d.id}`}>
                {t('mine.resume')}
              </Link>
            </p>
          )}
          <Awaited
            papers={papers}
            dossier={d}
            onDone={done}
            onConflict={async () => {
              const fresh = await loadDossier(ref);
              set(fresh);
              setNotice(t('common.conflict', { status: fresh.dossier.statusLabel[lang] }));
            }}
          />
          <Pay dossierRef={d.code ?? d.id} version={d.version} />
          <Attachments key={d.version} dossierRef={d.code ?? d.id} canAdd={!['RETURNED', 'WITHDRAWN', 'STOPPED', 'REFUSED_TO_SETTLE', 'REFUSED_AT_RECEPTION', 'RESULT_READY'].includes(d.status)} />
          <Result dossier={d} history={state.data.history} agencyName={agencyName} />
          {d.status === 'RETURNED' && <Rating key={d.version} dossierRef={d.code ?? d.id} />}
          <Timeline items={state.data.history.items} heading={t('dossier.timeline')} headingId="dos-timeline" />
          {Object.keys(d.formData).length > 0 && (
            <section aria-labelledby="dos-data" className="dos-section dos-no-print">
              <h2 id="dos-data">{t('dossier.formData')}</h2>
              <FormDataList data={d.formData} labels={labels} />
            </section>
          )}
          <details className="dos-receipt-box">
            <summary className="dos-no-print">{t('dossier.receipt')}</summary>
            <Receipt dossier={d} agencyName={agencyName} />
          </details>
        </>
      )}
    </div>
  );
}

function Result({ dossier, history, agencyName }: { dossier: Dossier; history: History; agencyName: string | null }) {
  const { t, lang } = useDossiersT();
  if (dossier.status !== 'RESULT_READY' && dossier.status !== 'RETURNED') return null;
  const issued = history.items.findLast((e) => e.action === 'RECORD_RESULT');
  const returned = history.items.findLast((e) => e.action === 'RETURN_RESULT');
  return (
    <section aria-labelledby="dos-result" className="dos-section dos-result">
      <h2 id="dos-result">{t('dossier.resultHeading')}</h2>
      {issued && <p>{t('dossier.resultIssued', { time: formatDateTime(issued.at, lang) })}</p>}
      {returned ? (
        <p>
          <strong>{t('dossier.resultReturned', { time: formatDateTime(returned.at, lang) })}</strong>
        </p>
      ) : (
        <p>{t('dossier.resultReady', { agency: agencyName ?? dossier.receivingAgencyCode })}</p>
      )}
    </section>
  );
}

/** What the applicant may do now: answer a supplement request item by item, or withdraw. */
function Awaited({ dossier, papers, onDone, onConflict }: { dossier: Dossier; papers: Record<string, string>; onDone: (message: string) => Promise<void>; onConflict: () => Promise<void> }) {
  const { t } = useDossiersT();
  const canSupply = dossier.availableActions.includes('RECEIVE_SUPPLEMENT') && dossier.openSupplement;
  const canWithdraw = dossier.availableActions.includes('WITHDRAW');
  return (
    <section aria-labelledby="dos-awaited" className="dos-section dos-awaited dos-no-print">
      <h2 id="dos-awaited">{t('dossier.awaitedHeading')}</h2>
      {canSupply ? <SupplementAnswer dossier={dossier} papers={papers} onDone={onDone} onConflict={onConflict} /> : <p>{t('dossier.nothingAwaited')}</p>}
      {canWithdraw && <Withdraw dossier={dossier} onDone={onDone} onConflict={onConflict} />}
    </section>
  );
}

/** Sends an action with If-Match and one Idempotency-Key per attempt (kept while the payload is unchanged). */
function useAction(dossier: Dossier, onConflict: () => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const busy = useRef(false);
  const run = async (action: string, payload: Record<string, unknown>): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setPending(true);
    setError(null);
    const body = JSON.stringify([action, payload]);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    try {
      await api.post(`/api/v1/dossiers/${encodeURIComponent(dossier.code ?? dossier.id)}/actions/${action}`, payload, { ifMatch: dossier.version, idempotencyKey: attempt.current.key });
      attempt.current = null;
      return true;
    } catch (err) {
      const e = asApiError(err);
      if (e.code === 'VERSION_CONFLICT' || e.code === 'DOSSIER_ACTION_NOT_ALLOWED') {
        // Someone else acted first: show the dossier as it is now and say so.
        await onConflict();
      } else setError(e);
      return false;
    } finally {
      busy.current = false;
      setPending(false);
    }
  };
  return { pending, error, run };
}

function SupplementAnswer({ dossier, papers, onDone, onConflict }: { dossier: Dossier; papers: Record<string, string>; onDone: (m: string) => Promise<void>; onConflict: () => Promise<void> }) {
  const { t, lang } = useDossiersT();
  const request = dossier.openSupplement!;
  const [answers, setAnswers] = useState<Record<string, { done: boolean; note: string }>>(() => Object.fromEntries(request.items.map((i) => [i.componentCode, { done: false, note: '' }])));
  const [missing, setMissing] = useState(false);
  const { pending, error, run } = useAction(dossier, onConflict);
  const viLang = lang === 'vi' ? undefined : 'vi';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const open = request.items.filter((i) => !answers[i.componentCode]?.done);
    setMissing(open.length > 0);
    if (open.length > 0) {
      document.getElementById(`sup-done-0`)?.focus();
      return;
    }
    const items = request.items.map((i) => ({ componentCode: i.componentCode, ...(answers[i.componentCode]!.note.trim() && { note: answers[i.componentCode]!.note.trim() }) }));
    if (await run('RECEIVE_SUPPLEMENT', { items })) await onDone(t('dossier.supplementSent'));
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form">
      <p>{t('dossier.supplementIntro', { count: request.items.length, round: request.round, date: formatDateTime(request.requestedAt, lang) })}</p>
      {error && <ErrorBox error={error} />}
      {missing && (
        <p className="field-error" role="alert">
          {t('dossier.supplementMissing', { count: request.items.length })}
        </p>
      )}
      <ol className="dos-checklist">
        {request.items.map((item, n) => {
          const a = answers[item.componentCode]!;
          const set = (patch: Partial<typeof a>) => setAnswers((all) => ({ ...all, [item.componentCode]: { ...a, ...patch } }));
          return (
            <li key={item.componentCode}>
              <fieldset>
                <legend lang={viLang}>{papers[item.componentCode] ?? item.componentCode}</legend>
                <p>
                  <span className="dos-label">{t('dossier.supplementReason')}:</span> <span lang={viLang}>{item.reason}</span>
                </p>
                <div className="field">
                  <label htmlFor={`sup-note-${n}`}>{t('dossier.supplementNote')}</label>
                  <p className="hint" id={`sup-note-${n}-hint`}>
                    {t('dossier.supplementNoteHint')}
                  </p>
                  <textarea id={`sup-note-${n}`} rows={2} value={a.note} aria-describedby={`sup-note-${n}-hint`} onChange={(e) => set({ note: e.target.value })} />
                </div>
                <div className={missing && !a.done ? 'checkbox field-invalid' : 'checkbox'}>
                  <input id={`sup-done-${n}`} type="checkbox" checked={a.done} aria-invalid={missing && !a.done ? true : undefined} onChange={(e) => set({ done: e.target.checked })} />
                  <label htmlFor={`sup-done-${n}`}>{t('dossier.supplementDone')}</label>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="submit" disabled={pending}>
        {t('dossier.supplementSend')}
      </button>
    </form>
  );
}

function Withdraw({ dossier, onDone, onConflict }: { dossier: Dossier; onDone: (m: string) => Promise<void>; onConflict: () => Promise<void> }) {
  const { t } = useDossiersT();
  const [reason, setReason] = useState('');
  const { pending, error, run } = useAction(dossier, onConflict);
  return (
    <details className="dos-withdraw">
      <summary>{t('dossier.withdraw')}</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run('WITHDRAW', reason.trim() ? { reason: reason.trim() } : {}).then((ok) => (ok ? onDone(t('dossier.withdrawn')) : undefined));
        }}
      >
        {error && <ErrorBox error={error} />}
        <div className="field">
          <label htmlFor="withdraw-reason">{t('dossier.withdrawReason')}</label>
          <textarea id="withdraw-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="secondary" disabled={pending}>
          {t('dossier.withdrawConfirm')}
        </button>
      </form>
    </details>
  );
}
