/**
 * /thu-tuc/:code/nop-ho-so — filing a dossier online: fill in the procedure's form (inline errors in
 * words) and attach its papers, check what is filled in and attached (the required papers still
 * missing said in words), file (one Idempotency-Key per attempt, kept in the draft), then the receipt.
 * What is typed goes to this browser's buffer at once and to the server draft after a pause in typing
 * (see drafts.ts); papers are attached to that server draft, so they stay with the dossier once filed.
 * `?ban-nhap=<id>` resumes a server draft, on this device or another.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useLocalized } from '../i18n.js';
import { api, ApiError, type Agency } from '../api.js';
import { usePageTitle } from '../page.js';
import { signInHref, useSession } from '../session.js';
import type { ProcedureDetail } from '../catalog/types.js';
import { deleteDraft, discardServerDraft, loadDraft, newAttemptKey, pushDraft, saveDraft, submitDraft, type Draft } from './drafts.js';
import { checkForm, describeForm, fieldOfIssue, toFormData, valuesFrom, type FormValues } from './form-schema.js';
import { useDossiersT } from './i18n.js';
import { Receipt } from './Receipt.js';
import { AttachedPapers, Attachments } from './Attachments.js';
import { Pay } from './Pay.js';
import { ErrorSummary, problemText, SchemaFields } from './SchemaForm.js';
import { componentCodeOf, paperName, type Dossier } from './types.js';
import { asApiError, ErrorBox, FormDataList, formatDateTime, useHeadingFocus, useLoad } from './ui.js';
import './dossiers.css';

type Step = 'form' | 'review' | 'done';

/** Whether the procedure can be filed online at all, and where. */
export function onlineFiling(p: ProcedureDetail): { online: boolean; receivers: string[] } {
  const online = p.status === 'published' && (p.onlineLevel !== 'none' || p.channels.some((c) => c.channel === 'online'));
  return { online, receivers: p.agencies.receiving?.codes ?? [] };
}

export default function ApplyPage() {
  const { code = '' } = useParams();
  const { t } = useDossiersT();
  const { session } = useSession();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  usePageTitle(t('apply.title'));

  const [procedure, reload] = useLoad((signal) => api.get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`, undefined, signal), [code]);
  const [params] = useSearchParams();
  const resumeId = params.get('ban-nhap');
  const signedIn = session.status === 'signed-in';
  const [resumed, reloadResumed] = useLoad(
    (signal) => (resumeId && signedIn ? api.get<Dossier>(`/api/v1/dossiers/${encodeURIComponent(resumeId)}`, undefined, signal) : Promise.resolve(null)),
    [resumeId, signedIn],
  );

  let body;
  if (session.status === 'loading' || procedure.kind === 'loading') body = <p role="status">{t('apply.loading')}</p>;
  else if (session.status !== 'signed-in') {
    body = (
      <div className="panel">
        <p>{t('common.signInFirst')}</p>
        <p>
          <a className="button" href={signInHref(`/thu-tuc/${code}/nop-ho-so`)}>
            {t('common.signIn')}
          </a>
        </p>
      </div>
    );
  } else if (session.me.kind !== 'citizen' && session.me.kind !== 'business') body = <p className="panel">{t('common.applicantsOnly')}</p>;
  else if (procedure.kind === 'error') body = <ErrorBox error={procedure.error} onRetry={reload} retryLabel={t('common.retry')} />;
  else if (resumed.kind === 'loading') body = <p role="status">{t('apply.loading')}</p>;
  else if (resumed.kind === 'error') body = <ErrorBox error={resumed.error} onRetry={reloadResumed} retryLabel={t('common.retry')} />;
  else if (resumed.data && resumed.data.status !== 'DRAFT') {
    body = (
      <p className="panel">
        {t('apply.alreadyFiled')} <Link to={`/ho-so-cua-toi/${resumed.data.code ?? resumed.data.id}`}>{t('done.open')}</Link>
      </p>
    );
  } else {
    const { online, receivers } = onlineFiling(procedure.data);
    if (!online || receivers.length === 0) body = <p className="panel">{online ? t('apply.noReceiver') : t('apply.notOnline')}</p>;
    else body = <Application key={`${procedure.data.code}:${resumed.data?.id ?? ''}`} p={procedure.data} personId={session.me.id} receivers={receivers} server={resumed.data} />;
  }

  return (
    <div className="page dos-apply">
      <p className="dos-no-print">
        <Link to={`/thu-tuc/${code}`}>{t('apply.backToProcedure')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('apply.title')}
        {procedure.kind === 'ok' && (
          <span className="dos-subtitle" lang="vi">
            {procedure.data.name}
          </span>
        )}
      </h1>
      {body}
    </div>
  );
}

function useAgencyNames(codes: string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = codes.join(',');
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    Promise.all(key.split(',').map((c) => api.get<Agency>(`/api/v1/agencies/${encodeURIComponent(c)}`, undefined, ctl.signal).catch(() => null)))
      .then((list) => setNames(Object.fromEntries(list.filter((a): a is Agency => a !== null).map((a) => [a.code, a.name]))))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [key]);
  return names;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'local' | 'conflict';

/** What the server keeps of the form: the fields filled in and valid so far (the rest stays in this browser). */
function draftData(fields: ReturnType<typeof describeForm>['fields'], values: FormValues): Record<string, unknown> {
  const problems = checkForm(fields, values);
  const data = toFormData(fields, values);
  for (const name of Object.keys(problems)) delete data[name];
  return data;
}

/** How long typing may pause before the draft is sent to the server. */
const SAVE_DELAY_MS = 800;

function Application({ p, personId, receivers, server }: { p: ProcedureDetail; personId: string; receivers: string[]; server: Dossier | null }) {
  const { t, lang } = useDossiersT();
  const form = useMemo(() => describeForm(p.formSchema), [p.formSchema]);
  const agencies = useAgencyNames(receivers);
  // The browser's buffer wins only when it holds unsent changes to this very server draft.
  const restored = useMemo<Draft | null>(() => {
    const local = loadDraft(personId, p.code);
    if (!server) return local;
    if (local && local.serverId === server.id && local.unsent && local.serverVersion === server.version) return local;
    return {
      procedureCode: p.code,
      procedureName: p.name,
      receivingAgencyCode: server.receivingAgencyCode,
      values: valuesFrom(form.fields, server.formData),
      step: 'form',
      attemptKey: null,
      serverId: server.id,
      serverVersion: server.version,
      createKey: null,
      unsent: false,
      savedAt: server.updatedAt,
    };
  }, [personId, p.code, p.name, server, form.fields]);

  const [values, setValues] = useState<FormValues>(() => ({ ...valuesFrom(form.fields, {}), ...(restored?.values ?? {}) }));
  const [receiving, setReceiving] = useState(restored && receivers.includes(restored.receivingAgencyCode) ? restored.receivingAgencyCode : receivers[0]!);
  // Back from the payment gateway with a fee paid on the draft: straight to the review, to submit.
  const [params] = useSearchParams();
  const [step, setStep] = useState<Step>(server && params.has('thanh-toan') ? 'review' : (restored?.step ?? 'form'));
  const [attemptKey, setAttemptKey] = useState<string | null>(restored?.attemptKey ?? null);
  const [savedAt, setSavedAt] = useState<string | null>(restored?.savedAt ?? null);
  const [saveState, setSaveState] = useState<SaveState>(restored ? (restored.unsent ? 'local' : 'saved') : 'idle');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [filed, setFiled] = useState<Dossier | null>(null);
  // The server draft papers are attached to (null until the first save reaches the server).
  const [serverId, setServerId] = useState<string | null>(restored?.serverId ?? null);
  const busy = useRef(false);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const stepHeading = useRef<HTMLHeadingElement | null>(null);
  const sendErrorRef = useRef<HTMLDivElement | null>(null);
  // The buffer as last written: the server fields change from async answers, outside React's render.
  const buffer = useRef<Draft | null>(restored);
  const timer = useRef<number | null>(null);
  const pushing = useRef<Promise<Draft | null> | null>(null);
  // The last save's error, readable right after an awaited push (state updates land on the next render).
  const saveErrorRef = useRef<ApiError | null>(null);

  const problems = checkForm(form.fields, values);
  const errors: Record<string, string> = { ...serverErrors };
  if (showErrors) for (const [name, prob] of Object.entries(problems)) errors[name] = problemText(prob, t);
  const errorCount = form.fields.filter((f) => errors[f.name]).length;

  const writeBuffer = (patch: Partial<Omit<Draft, 'savedAt'>>): Draft => {
    const base: Omit<Draft, 'savedAt'> = buffer.current ?? {
      procedureCode: p.code,
      procedureName: p.name,
      receivingAgencyCode: receiving,
      values,
      step: 'form',
      attemptKey: null,
      serverId: null,
      serverVersion: null,
      createKey: null,
      unsent: true,
    };
    const { savedAt: _unused, ...rest } = { savedAt: '', ...base };
    buffer.current = saveDraft(personId, { ...rest, ...patch });
    setServerId(buffer.current.serverId);
    return buffer.current;
  };

  /** Sends the buffer to the server if it holds unsent changes; the buffer stays when that fails. */
  const push = (): Promise<Draft | null> => {
    const run = async (): Promise<Draft | null> => {
      const d = buffer.current;
      if (!d || !d.unsent) return d;
      const createKey = d.serverId ? d.createKey : (d.createKey ?? newAttemptKey());
      if (createKey !== d.createKey) writeBuffer({ createKey });
      const sent = buffer.current!;
      setSaveState('saving');
      try {
        const saved = await pushDraft(sent, draftData(form.fields, sent.values as FormValues));
        // Typed while the request was out: those changes stay unsent, on top of the new version.
        const changedMeanwhile = buffer.current !== sent;
        const next = writeBuffer({ serverId: saved.id, serverVersion: saved.version, createKey: null, unsent: changedMeanwhile });
        saveErrorRef.current = null;
        setSaveError(null);
        setSaveState(changedMeanwhile ? 'local' : 'saved');
        setSavedAt(next.savedAt);
        return next;
      } catch (err) {
        const e = asApiError(err);
        if (e.status === 404 && sent.serverId !== null) {
          // The server draft was discarded (on another device): what is typed here becomes a new draft.
          writeBuffer({ serverId: null, serverVersion: null, createKey: null, unsent: true });
          return run();
        }
        saveErrorRef.current = e;
        setSaveError(e);
        setSaveState(e.code === 'VERSION_CONFLICT' ? 'conflict' : 'local');
        return null;
      }
    };
    const chained = (pushing.current ?? Promise.resolve(null)).then(run, run);
    pushing.current = chained;
    return chained;
  };

  // Every change goes to the buffer at once (a reload or a closed tab loses nothing), and to the
  // server after a short pause in typing.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (step === 'done') return;
    const d = writeBuffer({ receivingAgencyCode: receiving, values, step, attemptKey, unsent: true });
    setSavedAt(d.savedAt);
    setSaveState('local');
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void push(), SAVE_DELAY_MS);
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, receiving]);
  useEffect(() => {
    if (buffer.current && step !== 'done') writeBuffer({ step, attemptKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, attemptKey]);
  // Unsent changes from an earlier visit (offline, expired session) are sent as soon as the page opens.
  useEffect(() => {
    if (buffer.current?.unsent) void push();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (step !== 'form') stepHeading.current?.focus();
  }, [step]);
  useEffect(() => {
    if (sendError) sendErrorRef.current?.focus();
  }, [sendError]);

  const change = (name: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    setServerErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _, ...rest } = e;
      return rest;
    });
    // Different data is a different request: the next attempt gets a new key.
    setAttemptKey(null);
  };

  const saveNow = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    if (!buffer.current) writeBuffer({ receivingAgencyCode: receiving, values, unsent: true });
    void push();
  };

  /** Keeps what is typed over the version saved elsewhere (after a 409). */
  const keepMine = async () => {
    const id = buffer.current?.serverId;
    if (!id) return;
    try {
      const latest = await api.get<Dossier>(`/api/v1/dossiers/${encodeURIComponent(id)}`);
      writeBuffer({ serverVersion: latest.version, unsent: true });
      await push();
    } catch (err) {
      setSaveError(asApiError(err));
    }
  };

  const toReview = (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (Object.keys(problems).length > 0 || Object.keys(serverErrors).length > 0) {
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setAttemptKey((k) => k ?? newAttemptKey());
    setSendError(null);
    setStep('review');
  };

  const submit = async () => {
    if (busy.current) return; // a double click sends once
    busy.current = true;
    setPending(true);
    setSendError(null);
    const key = attemptKey ?? newAttemptKey();
    if (!attemptKey) setAttemptKey(key);
    // Keep the key with the buffer before sending: a reload during the request retries with it.
    writeBuffer({ receivingAgencyCode: receiving, values, step: 'review', attemptKey: key });
    try {
      if (timer.current !== null) window.clearTimeout(timer.current);
      const d = buffer.current?.unsent || !buffer.current?.serverId ? await push() : buffer.current;
      if (!d?.serverId || d.serverVersion === null || d.unsent) throw saveErrorOr(saveErrorRef.current);
      const filedNow = await submitDraft(d.serverId, d.serverVersion, key);
      deleteDraft(personId, p.code);
      buffer.current = null;
      setFiled(filedNow);
      setStep('done');
    } catch (err) {
      const e = asApiError(err);
      const byField: Record<string, string> = {};
      for (const i of e.issues) {
        const f = fieldOfIssue(i.field);
        if (f) byField[f] = lang === 'en' && i.message ? i.message : t('problem.server');
      }
      if (Object.keys(byField).length > 0) {
        setServerErrors(byField);
        setShowErrors(true);
        setAttemptKey(null);
        setStep('form');
        window.setTimeout(() => summaryRef.current?.focus(), 0);
      } else setSendError(e);
    } finally {
      busy.current = false;
      setPending(false);
    }
  };
  const discard = async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    const d = buffer.current;
    if (d?.serverId && d.serverVersion !== null) {
      try {
        await discardServerDraft(d.serverId, d.serverVersion);
      } catch (err) {
        const e = asApiError(err);
        // Already gone elsewhere is fine; anything else keeps the draft and says why.
        if (e.status !== 404) {
          setSaveError(e);
          return;
        }
      }
    }
    deleteDraft(personId, p.code);
    buffer.current = null;
    setServerId(null);
    setValues(valuesFrom(form.fields, {}));
    setAttemptKey(null);
    setSavedAt(null);
    setSaveState('idle');
    setSaveError(null);
    setShowErrors(false);
    setServerErrors({});
    setStep('form');
    first.current = true;
  };

  const stepNames = [t('apply.stepForm'), t('apply.stepReview'), t('apply.stepDone')];
  const current = step === 'form' ? 0 : step === 'review' ? 1 : 2;
  const agencyName = agencies[receiving] ?? receiving;
  const labels = Object.fromEntries(form.fields.map((f) => [f.name, f.label]));
  const localized = useLocalized();

  return (
    <>
      <ol className="dos-steps dos-no-print" aria-label={t('apply.steps')}>
        {stepNames.map((name, i) => (
          <li key={name} aria-current={i === current ? 'step' : undefined} className={i < current ? 'dos-step-done' : undefined}>
            {name}
          </li>
        ))}
      </ol>

      {step === 'form' && (
        <form noValidate onSubmit={toReview} className="form">
          <h2>{t('apply.stepOf', { n: 1, name: stepNames[0]! })}</h2>
          {restored && savedAt === restored.savedAt && <p role="status">{t('apply.draftRestored', { time: formatDateTime(restored.savedAt, lang) })}</p>}
          <ErrorSummary prefix="f" fields={form.fields} errors={errors} title={t('apply.fixErrors', { count: errorCount })} summaryRef={summaryRef} />
          {/* The desk is part of the draft's key on the server: chosen before the draft is first saved. */}
          {receivers.length > 1 && !serverId ? (
            <div className="field">
              <label htmlFor="f-receiving">{t('apply.receivingAgency')}</label>
              <select id="f-receiving" value={receiving} onChange={(e) => setReceiving(e.target.value)}>
                {receivers.map((c) => (
                  <option key={c} value={c}>
                    {agencies[c] ?? c}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              <strong>{t('apply.receivingAgency')}:</strong> <span lang="vi">{agencyName}</span>
              {receivers.length > 1 && <span className="hint"> {t('apply.receivingFixed')}</span>}
            </p>
          )}
          {form.fields.length === 0 ? <p>{t('apply.noForm')}</p> : <p className="hint">{t('apply.requiredNote')}</p>}
          {form.unsupported.length > 0 && <p className="notice">{t('apply.unsupported', { names: form.unsupported.join(', ') })}</p>}
          <SchemaFields prefix="f" fields={form.fields} values={values} errors={errors} onChange={change} />
          <Papers p={p} dossierRef={serverId} onStart={saveNow} starting={saveState === 'saving'} />
          <div className="form-actions">
            <button type="submit">{t('apply.next')}</button>
            <button type="button" className="secondary" onClick={saveNow} disabled={saveState === 'saving'}>
              {t('apply.saveDraft')}
            </button>
            {savedAt && (
              <button type="button" className="secondary" onClick={() => void discard()}>
                {t('apply.discard')}
              </button>
            )}
          </div>
          <div aria-live="polite">
            {savedAt && saveState === 'saved' && <p className="hint">{t('apply.draftSavedServer', { time: formatDateTime(savedAt, lang) })}</p>}
            {saveState === 'saving' && <p className="hint">{t('apply.draftSaving')}</p>}
            {savedAt && saveState === 'local' && !saveError && <p className="hint">{t('apply.draftSaved', { time: formatDateTime(savedAt, lang) })}</p>}
          </div>
          {saveError && saveState !== 'saving' && (
            <div className="notice" role="alert">
              <p>
                {saveState === 'conflict' ? t('apply.draftConflict') : t('apply.draftLocalOnly')} {saveState !== 'conflict' && localized(saveError.localized)}
              </p>
              {saveError.status === 401 && (
                <p>
                  <a href={signInHref(`/thu-tuc/${p.code}/nop-ho-so`)}>{t('common.signIn')}</a>
                </p>
              )}
              {saveState === 'conflict' && (
                <p className="form-actions">
                  <button type="button" className="secondary" onClick={() => void keepMine()}>
                    {t('apply.keepMine')}
                  </button>
                  {buffer.current?.serverId && (
                    <a className="button secondary" href={`/thu-tuc/${p.code}/nop-ho-so?ban-nhap=${buffer.current.serverId}`} onClick={() => deleteDraft(personId, p.code)}>
                      {t('apply.takeTheirs')}
                    </a>
                  )}
                </p>
              )}
            </div>
          )}
        </form>
      )}

      {step === 'review' && (
        <section aria-labelledby="dos-review-heading">
          <h2 id="dos-review-heading" ref={stepHeading} tabIndex={-1}>
            {t('apply.stepOf', { n: 2, name: stepNames[1]! })}
          </h2>
          <p>{t('apply.reviewIntro')}</p>
          <div ref={sendErrorRef} tabIndex={-1}>
            {sendError && (
              <ErrorBox error={sendError}>
                {sendError.status === 401 ? (
                  <p>
                    {t('apply.sessionExpired')} <a href={signInHref(`/thu-tuc/${p.code}/nop-ho-so`)}>{t('common.signIn')}</a>
                  </p>
                ) : (
                  <p>{t('apply.retryNote')}</p>
                )}
              </ErrorBox>
            )}
          </div>
          <p>
            <strong>{t('apply.receivingAgency')}:</strong> <span lang="vi">{agencyName}</span>
          </p>
          <FormDataList data={readable(form.fields, toFormData(form.fields, values))} labels={labels} />
          <AttachedPapers dossierRef={serverId} papers={p.components.map((c) => ({ name: paperName(c), required: c.required }))} />
          {/* The fee may be paid now, on the draft, or after submitting. */}
          {serverId && <Pay dossierRef={serverId} version={buffer.current?.serverVersion ?? 0} />}
          <div className="form-actions">
            <button type="button" onClick={() => void submit()} disabled={pending} aria-disabled={pending}>
              {pending ? t('apply.submitting') : t('apply.submit')}
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => setStep('form')}>
              {t('apply.edit')}
            </button>
          </div>
        </section>
      )}

      {step === 'done' && filed && (
        <section aria-labelledby="dos-done-heading">
          <h2 id="dos-done-heading" ref={stepHeading} tabIndex={-1} className="dos-no-print">
            {t('done.title')}
          </h2>
          <p className="notice dos-no-print">{t('done.text', { agency: agencyName })}</p>
          <p className="dos-no-print">{t('done.codeLater')}</p>
          <Receipt dossier={filed} agencyName={agencyName} />
          <Attachments dossierRef={filed.id} canAdd />
          <Pay dossierRef={filed.id} version={filed.version} />
          <p className="actions dos-no-print">
            <Link className="button" to={`/ho-so-cua-toi/${filed.code ?? filed.id}`}>
              {t('done.open')}
            </Link>
            <Link className="button secondary" to="/ho-so-cua-toi">
              {t('done.mine')}
            </Link>
          </p>
        </section>
      )}
    </>
  );
}

/** The error to show when the draft could not be saved before submitting. */
function saveErrorOr(e: ApiError | null): ApiError {
  return e ?? new ApiError(0, 'NETWORK_ERROR', { vi: 'Chưa lưu được bản nháp lên máy chủ. Hãy thử lại.', en: 'The draft could not be saved on the server. Try again.' });
}

/** Chosen values in words: an option's label rather than its code. */
function readable(fields: ReturnType<typeof describeForm>['fields'], data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const f of fields) if (f.kind === 'enum' && f.name in out) out[f.name] = f.options.find((o) => o.value === String(out[f.name]))?.label ?? out[f.name];
  return out;
}

/**
 * The papers the procedure asks for: once the server draft exists, each with its upload (and the
 * applicant's earlier files to reuse); before, the checklist to prepare and a button that saves the
 * draft now so papers can be attached before anything is typed.
 */
function Papers({ p, dossierRef, onStart, starting }: { p: ProcedureDetail; dossierRef: string | null; onStart: () => void; starting: boolean }) {
  const { t, lang } = useDossiersT();
  if (p.components.length === 0) return null;
  const note = <p className="hint">{t('apply.papersNote')}</p>;
  if (dossierRef) return <Attachments key={dossierRef} dossierRef={dossierRef} canAdd headingLevel={3} note={note} />;
  return (
    <section aria-labelledby="dos-papers" className="dos-section">
      <h3 id="dos-papers">{t('apply.papersHeading')}</h3>
      <ul lang={lang === 'vi' ? undefined : 'vi'}>
        {p.components.map((c, i) => (
          <li key={componentCodeOf(i)}>
            {paperName(c)}
            {c.required === false ? '' : ' *'}
          </li>
        ))}
      </ul>
      {note}
      <p>{t('apply.papersStart')}</p>
      <p>
        <button type="button" className="secondary" onClick={onStart} disabled={starting}>
          {t('apply.papersStartButton')}
        </button>
      </p>
    </section>
  );
}
