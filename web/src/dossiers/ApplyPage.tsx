/**
 * /thu-tuc/:code/nop-ho-so — filing a dossier online: fill in the procedure's form (inline errors in
 * words), check, file (one Idempotency-Key per attempt, kept in the draft), then the receipt. What is
 * typed is saved as a draft on every change (see drafts.ts for why it is kept in the browser).
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type Agency } from '../api.js';
import { usePageTitle } from '../page.js';
import { signInHref, useSession } from '../session.js';
import type { ProcedureDetail } from '../catalog/types.js';
import { deleteDraft, loadDraft, newAttemptKey, saveDraft, type Draft } from './drafts.js';
import { checkForm, describeForm, fieldOfIssue, toFormData, valuesFrom, type FormValues } from './form-schema.js';
import { useDossiersT } from './i18n.js';
import { Receipt } from './Receipt.js';
import { Attachments } from './Attachments.js';
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
  else {
    const { online, receivers } = onlineFiling(procedure.data);
    if (!online || receivers.length === 0) body = <p className="panel">{online ? t('apply.noReceiver') : t('apply.notOnline')}</p>;
    else body = <Application key={procedure.data.code} p={procedure.data} personId={session.me.id} receivers={receivers} />;
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

function Application({ p, personId, receivers }: { p: ProcedureDetail; personId: string; receivers: string[] }) {
  const { t, lang } = useDossiersT();
  const form = useMemo(() => describeForm(p.formSchema), [p.formSchema]);
  const agencies = useAgencyNames(receivers);
  const restored = useMemo(() => loadDraft(personId, p.code), [personId, p.code]);

  const [values, setValues] = useState<FormValues>(() => ({ ...valuesFrom(form.fields, {}), ...(restored?.values ?? {}) }));
  const [receiving, setReceiving] = useState(restored && receivers.includes(restored.receivingAgencyCode) ? restored.receivingAgencyCode : receivers[0]!);
  const [step, setStep] = useState<Step>(restored?.step ?? 'form');
  const [attemptKey, setAttemptKey] = useState<string | null>(restored?.attemptKey ?? null);
  const [savedAt, setSavedAt] = useState<string | null>(restored?.savedAt ?? null);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [filed, setFiled] = useState<Dossier | null>(null);
  const busy = useRef(false);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const stepHeading = useRef<HTMLHeadingElement | null>(null);
  const sendErrorRef = useRef<HTMLDivElement | null>(null);

  const problems = checkForm(form.fields, values);
  const errors: Record<string, string> = { ...serverErrors };
  if (showErrors) for (const [name, prob] of Object.entries(problems)) errors[name] = problemText(prob, t);
  const errorCount = form.fields.filter((f) => errors[f.name]).length;

  // Save the draft whenever something changes (after the first render, and never after filing).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (step === 'done') return;
    // Saved at once, not debounced: a localStorage write is cheap, and a reload or a closed tab
    // right after typing must not lose the last field.
    const d: Omit<Draft, 'savedAt'> = { procedureCode: p.code, procedureName: p.name, receivingAgencyCode: receiving, values, step, attemptKey };
    setSavedAt(saveDraft(personId, d).savedAt);
  }, [values, receiving, step, attemptKey, personId, p.code, p.name]);

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
    // Keep the key with the draft before sending: a reload during the request retries with it.
    saveDraft(personId, { procedureCode: p.code, procedureName: p.name, receivingAgencyCode: receiving, values, step: 'review', attemptKey: key });
    try {
      const d = await api.post<Dossier>('/api/v1/dossiers', { procedureCode: p.code, receivingAgencyCode: receiving, formData: toFormData(form.fields, values) }, { idempotencyKey: key });
      deleteDraft(personId, p.code);
      setFiled(d);
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

  const discard = () => {
    deleteDraft(personId, p.code);
    setValues(valuesFrom(form.fields, {}));
    setAttemptKey(null);
    setSavedAt(null);
    setShowErrors(false);
    setServerErrors({});
    setStep('form');
    first.current = true;
  };

  const stepNames = [t('apply.stepForm'), t('apply.stepReview'), t('apply.stepDone')];
  const current = step === 'form' ? 0 : step === 'review' ? 1 : 2;
  const agencyName = agencies[receiving] ?? receiving;
  const labels = Object.fromEntries(form.fields.map((f) => [f.name, f.label]));

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
          {receivers.length > 1 ? (
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
            </p>
          )}
          {form.fields.length === 0 ? <p>{t('apply.noForm')}</p> : <p className="hint">{t('apply.requiredNote')}</p>}
          {form.unsupported.length > 0 && <p className="notice">{t('apply.unsupported', { names: form.unsupported.join(', ') })}</p>}
          <SchemaFields prefix="f" fields={form.fields} values={values} errors={errors} onChange={change} />
          <Papers p={p} />
          <div className="form-actions">
            <button type="submit">{t('apply.next')}</button>
            {savedAt && (
              <button type="button" className="secondary" onClick={discard}>
                {t('apply.discard')}
              </button>
            )}
          </div>
          {savedAt && <p className="hint">{t('apply.draftSaved', { time: formatDateTime(savedAt, lang) })}</p>}
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

/** Chosen values in words: an option's label rather than its code. */
function readable(fields: ReturnType<typeof describeForm>['fields'], data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const f of fields) if (f.kind === 'enum' && f.name in out) out[f.name] = f.options.find((o) => o.value === String(out[f.name]))?.label ?? out[f.name];
  return out;
}

/** The papers the procedure asks for, as a checklist to prepare. */
function Papers({ p }: { p: ProcedureDetail }) {
  const { t, lang } = useDossiersT();
  if (p.components.length === 0) return null;
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
      <p className="hint">{t('apply.papersNote')}</p>
    </section>
  );
}
