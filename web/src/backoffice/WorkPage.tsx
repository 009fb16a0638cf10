/**
 * /mot-cua/ho-so/:ref — the dossier work page: the dossier's data and its history side by side, and
 * one form per action the server says the officer may take now (`availableActions`). Every action
 * is sent with If-Match (the version read) and an Idempotency-Key per attempt; a 409 reloads the
 * dossier and says what it is now.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, newIdempotencyKey } from '../api.js';
import { useLocalized } from '../i18n.js';
import { usePageTitle } from '../page.js';
import { useAgencies } from '../catalog/shared.js';
import type { ProcedureDetail } from '../catalog/types.js';
import { loadDossier, useAgencyName, useFormLabels } from '../dossiers/DossierPage.js';
import { Receipt } from '../dossiers/Receipt.js';
import { Attachments } from '../dossiers/Attachments.js';
import { componentCodeOf, paperName, type Dossier } from '../dossiers/types.js';
import { asApiError, ErrorBox, Facts, Field, FormDataList, formatDateTime, StatusText, Timeline, useLoad } from '../dossiers/ui.js';
import { ACTION_FORMS, buildPayload, OPTIONS, rootField, type ActionForm, type Simple } from './action-forms.js';
import { OfficerGate } from './gate.js';
import { useBackofficeT } from './i18n.js';
import { Slips } from './Slips.js';
import { uploadToDossier } from '../upload.js';
import { useSession } from '../session.js';

export default function WorkPage() {
  const { ref = '' } = useParams();
  usePageTitle(ref);
  return (
    <OfficerGate title={<span className="dos-code">{ref}</span>} returnTo={`/mot-cua/ho-so/${ref}`} wide>
      {() => <Work reference={ref} />}
    </OfficerGate>
  );
}

function Work({ reference }: { reference: string }) {
  const { t, lang } = useBackofficeT();
  const { t: common } = useTranslation();
  const localized = useLocalized();
  const [state, reload, set] = useLoad((signal) => loadDossier(reference, signal), [reference]);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped when a file is added outside the dossier's own version (the result uploaded before its action).
  const [filesRev, setFilesRev] = useState(0);
  const noticeRef = useRef<HTMLDivElement | null>(null);
  const d = state.kind === 'ok' ? state.data.dossier : null;
  const receiving = useAgencyName(d?.receivingAgencyCode ?? null);
  const labels = useFormLabels(d?.procedure.code ?? null);
  const names = useComponentNames(d?.procedure.code ?? null);

  if (state.kind === 'loading') return <p role="status">{t('work.loading')}</p>;
  if (state.kind === 'error') return state.error.status === 404 ? <p className="panel">{t('work.notFound')}</p> : <ErrorBox error={state.error} onRetry={reload} retryLabel={common('common.retry')} />;
  const dossier = state.data.dossier;

  /**
   * Shows the dossier as it is after an action (or a conflict). An action can move the dossier out of
   * the officer's sight (e.g. the result sent on to the desk of another agency): the reload then
   * answers 404, and the page keeps the view the action returned.
   */
  const after = async (message: (fresh: Dossier) => string, returned?: Dossier) => {
    try {
      const fresh = await loadDossier(dossier.code ?? dossier.id);
      set(fresh);
      setNotice(message(fresh.dossier));
    } catch (err) {
      if (!returned) throw err;
      set({ dossier: { ...returned, availableActions: [] }, history: state.data.history });
      setNotice(message(returned));
    }
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  };

  const actions = dossier.availableActions.filter((a) => ACTION_FORMS[a]);
  return (
    <>
      <p className="dos-no-print">
        <Link to="/mot-cua">{t('work.back')}</Link>
      </p>
      <div ref={noticeRef} tabIndex={-1} role="status" className="dos-live">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <p className="dos-plain">
        <StatusText status={dossier.status} label={dossier.statusLabel} /> — <span lang="vi">{dossier.procedure.name}</span>
      </p>

      <section aria-labelledby="bo-actions" className="bo-actions dos-no-print">
        <h2 id="bo-actions">{t('work.actionsHeading')}</h2>
        {actions.length === 0 && <p>{t('work.noActions')}</p>}
        {actions.map((a) => (
          <ActionPanel
            key={`${a}-${dossier.version}`}
            action={a}
            dossier={dossier}
            open={actions.length === 1}
            onUploaded={() => setFilesRev((n) => n + 1)}
            onDone={(returned) => after((fresh) => t('work.done', { action: t(`actions.${a}` as 'actions.RECEIVE'), status: localized(fresh.statusLabel) }), returned)}
            onConflict={() => after((fresh) => t('work.conflict', { status: localized(fresh.statusLabel) }))}
          />
        ))}
      </section>

      <div className="bo-split">
        <section aria-labelledby="bo-data" className="dos-section">
          <h2 id="bo-data">{t('work.dataHeading')}</h2>
          <Facts
            rows={[
              dossier.code ? [t('work.code'), <strong className="dos-code">{dossier.code}</strong>] : [t('work.reference'), dossier.id],
              [t('work.procedure'), <span lang="vi">{`${dossier.procedure.name} (${dossier.procedure.code})`}</span>],
              [t('work.status'), <StatusText status={dossier.status} label={dossier.statusLabel} />],
              [t('work.channel'), dossier.channel],
              [t('work.receiving'), receiving ?? dossier.receivingAgencyCode],
              [t('work.competent'), dossier.competentAgencyCode],
              [t('work.holder'), dossier.holderAgencyCode],
              ...(dossier.submittedAt ? ([[t('work.submittedAt'), formatDateTime(dossier.submittedAt, lang)]] as [string, string][]) : []),
              ...(dossier.receivedAt ? ([[t('work.receivedAt'), formatDateTime(dossier.receivedAt, lang)]] as [string, string][]) : []),
              ...(dossier.dueAt ? ([[t('work.dueAt'), <strong>{formatDateTime(dossier.dueAt, lang)}</strong>]] as [string, React.ReactNode][]) : []),
              ...(dossier.legalDueAt && dossier.legalDueAt !== dossier.dueAt ? ([[t('work.legalDueAt'), formatDateTime(dossier.legalDueAt, lang)]] as [string, string][]) : []),
              ...(dossier.stepDueAt ? ([[t('work.stepDueAt'), formatDateTime(dossier.stepDueAt, lang)]] as [string, string][]) : []),
              ...(dossier.pausedSince ? ([[t('work.pausedSince'), formatDateTime(dossier.pausedSince, lang)]] as [string, string][]) : []),
              ...(dossier.representative ? ([[t('work.representative'), `${dossier.representative.name} — ${dossier.representative.mandate}`]] as [string, string][]) : []),
              [t('work.supplementRounds'), String(dossier.supplementRounds)],
            ]}
          />
          {dossier.openSupplement && (
            <>
              <h3>{t('work.supplementOpen', { round: dossier.openSupplement.round })}</h3>
              <ul lang="vi">
                {dossier.openSupplement.items.map((i) => (
                  <li key={i.componentCode}>
                    <strong>{names[i.componentCode] ?? i.componentCode}</strong>: {i.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Attachments key={`${dossier.version}-${filesRev}`} dossierRef={dossier.code ?? dossier.id} canAdd={!['RETURNED', 'WITHDRAWN', 'STOPPED', 'REFUSED_TO_SETTLE', 'REFUSED_AT_RECEPTION'].includes(dossier.status)} headingLevel={3} />
          {dossier.code && <Slips dossierRef={dossier.code} version={dossier.version} />}
          <h3>{t('work.formHeading')}</h3>
          <FormDataList data={dossier.formData} labels={labels} />
          {dossier.code && (
            <details className="dos-receipt-box">
              <summary className="dos-no-print">{t('work.receipt')}</summary>
              <Receipt dossier={dossier} agencyName={receiving} />
            </details>
          )}
        </section>
        <Timeline items={state.data.history.items} heading={t('work.history')} headingId="bo-history" />
      </div>
    </>
  );
}


function ActionPanel({
  action,
  dossier,
  open,
  onDone,
  onConflict,
  onUploaded,
}: {
  action: string;
  dossier: Dossier;
  open: boolean;
  onDone: (fresh: Dossier) => Promise<void>;
  onConflict: () => Promise<void>;
  onUploaded: () => void;
}) {
  const { t } = useBackofficeT();
  const localized = useLocalized();
  const { session } = useSession();
  const fileInput = useRef<HTMLInputElement | null>(null);
  // The result file: one Idempotency-Key per chosen file, and the file already stored (not sent twice).
  const fileAttempt = useRef<{ file: File; key: string } | null>(null);
  const uploaded = useRef<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const [uploadNotice, setUploadNotice] = useState<string | null>(null);
  const form: ActionForm = ACTION_FORMS[action]!;
  const label = t(`actions.${action}` as 'actions.RECEIVE');
  const id = `act-${action.toLowerCase()}`;
  const [values, setValues] = useState<Record<string, string>>({});
  const [checks, setChecks] = useState<Record<string, { on: boolean; text: string }>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const busy = useRef(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const errorRef = useRef<HTMLDivElement | null>(null);
  const components = useComponents(form.checklist ? dossier.procedure.code : null);
  const nameOf = (code: string) => components.find((c) => c.code === code)?.name ?? code;

  const checklistItems =
    form.checklist === 'request'
      ? [...components.map((c) => ({ code: c.code, label: c.name })), { code: '__other__', label: t('fields.otherComponent') }]
      : form.checklist === 'supplied'
        ? (dossier.openSupplement?.items ?? []).map((i) => ({ code: i.componentCode, label: nameOf(i.componentCode) }))
        : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy.current) return;
    const { payload, problems: simple } = buildPayload(form, values);
    const found: Record<string, string> = Object.fromEntries(Object.entries(simple).map(([k, p]) => [k, t(`problem.${p}`)]));
    if (form.checklist === 'request') {
      const items: { componentCode: string; reason: string }[] = [];
      for (const c of checklistItems) {
        const ch = checks[c.code];
        if (!ch?.on) continue;
        const name = c.code === '__other__' ? (values.otherName ?? '').trim() : c.code;
        if (!name) found.otherName = t('problem.required');
        if (!ch.text.trim()) found[`reason:${c.code}`] = t('problem.itemReason');
        items.push({ componentCode: name, reason: ch.text.trim() });
      }
      if (items.length === 0) found.items = t('problem.chooseOne');
      payload.items = items;
    } else if (form.checklist === 'supplied') {
      const missing = checklistItems.some((c) => !checks[c.code]?.on);
      if (missing) found.items = t('problem.suppliedAll');
      payload.items = checklistItems.map((c) => ({ componentCode: c.code, ...(checks[c.code]?.text.trim() && { note: checks[c.code]!.text.trim() }) }));
    }
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => errorRef.current?.focus(), 0);
      return;
    }
    busy.current = true;
    setPending(true);
    const file = form.resultFile ? fileInput.current?.files?.[0] : undefined;
    if (file && uploaded.current !== file) {
      // The result document first; if it fails, everything typed stays and the same key is retried.
      if (fileAttempt.current?.file !== file) fileAttempt.current = { file, key: newIdempotencyKey() };
      setUploadError(null);
      setUploadNotice(null);
      setProgress(0);
      try {
        const csrf = session.status === 'signed-in' ? session.me.csrfToken : null;
        await uploadToDossier(dossier.code ?? dossier.id, 'result', file, fileAttempt.current.key, csrf, setProgress);
        uploaded.current = file;
        fileAttempt.current = null;
        setUploadNotice(t('work.resultUploaded', { file: file.name }));
        onUploaded();
      } catch (err) {
        setUploadError(asApiError(err));
        busy.current = false;
        setPending(false);
        window.setTimeout(() => fileInput.current?.focus(), 0);
        return;
      } finally {
        setProgress(null);
      }
    }
    const body = JSON.stringify(payload);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    try {
      const fresh = await api.post<Dossier>(`/api/v1/dossiers/${encodeURIComponent(dossier.code ?? dossier.id)}/actions/${action}`, payload, {
        ifMatch: dossier.version,
        idempotencyKey: attempt.current.key,
      });
      attempt.current = null;
      await onDone(fresh);
    } catch (err) {
      const a = asApiError(err);
      if (a.status === 409 && (a.code === 'VERSION_CONFLICT' || a.code === 'DOSSIER_ACTION_NOT_ALLOWED')) await onConflict();
      else {
        setError(a);
        const byField: Record<string, string> = {};
        for (const i of a.issues) byField[rootField(i.field)] = t('problem.server');
        setProblems(byField);
        window.setTimeout(() => errorRef.current?.focus(), 0);
      }
    } finally {
      busy.current = false;
      setPending(false);
    }
  };

  const problemCount = Object.keys(problems).length;
  return (
    <details className="bo-action" open={open}>
      <summary>{label}</summary>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label={label} className="form">
        <div ref={errorRef} tabIndex={-1} role="alert">
          {error ? <ErrorBox error={error} /> : problemCount > 0 && <p className="field-error">{t('problem.summary')}</p>}
        </div>
        {form.checklist && (
          <fieldset className={problems.items ? 'bo-checklist field-invalid' : 'bo-checklist'} aria-describedby={`${id}-items-hint${problems.items ? ` ${id}-items-error` : ''}`}>
            <legend>{form.checklist === 'request' ? t('fields.supplementItems') : t('fields.suppliedItems')}</legend>
            <p className="hint" id={`${id}-items-hint`}>
              {form.checklist === 'request' ? t('fields.supplementItemsHint') : t('fields.suppliedHint')}
            </p>
            {problems.items && (
              <p className="field-error" id={`${id}-items-error`}>
                {problems.items}
              </p>
            )}
            {checklistItems.map((c, n) => {
              const ch = checks[c.code] ?? { on: false, text: '' };
              const setCh = (patch: Partial<typeof ch>) => setChecks((all) => ({ ...all, [c.code]: { ...ch, ...patch } }));
              const reasonError = problems[`reason:${c.code}`];
              return (
                <div key={c.code} className="bo-check">
                  <div className="checkbox">
                    <input id={`${id}-c${n}`} type="checkbox" checked={ch.on} onChange={(e) => setCh({ on: e.target.checked })} />
                    <label htmlFor={`${id}-c${n}`} lang="vi">
                      {c.label}
                    </label>
                  </div>
                  {ch.on && c.code === '__other__' && (
                    <Field id={`${id}-othername`} label={t('fields.otherComponent')} error={problems.otherName} required>
                      {(a11y) => <input {...a11y} value={values.otherName ?? ''} onChange={(e) => setValues((v) => ({ ...v, otherName: e.target.value }))} />}
                    </Field>
                  )}
                  {ch.on && (
                    <Field
                      id={`${id}-r${n}`}
                      label={form.checklist === 'request' ? t('fields.itemReason', { name: c.code === '__other__' ? '' : c.label }) : t('fields.suppliedNote', { name: c.label })}
                      error={reasonError}
                      required={form.checklist === 'request'}
                    >
                      {(a11y) => <textarea {...a11y} rows={2} value={ch.text} onChange={(e) => setCh({ text: e.target.value })} />}
                    </Field>
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
        {form.fields.map((field) => (
          <SimpleField
            key={field.name}
            id={`${id}-${field.name}`}
            field={field}
            holder={dossier.holderAgencyCode}
            targets={dossier.transferTargets ?? null}
            value={values[field.name] ?? ''}
            error={problems[field.name]}
            onChange={(v) => setValues((all) => ({ ...all, [field.name]: v }))}
          />
        ))}
        {form.resultFile && (
          <div className={uploadError ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-file`}>
              {t('work.resultFile')} <span className="optional">{t('fields.optional')}</span>
            </label>
            <p className="hint" id={`${id}-file-hint`}>
              {t('work.resultFileHint')}
            </p>
            {uploadError && (
              <p className="field-error" id={`${id}-file-error`} role="alert">
                {localized(uploadError.localized)} {t('work.resultRetry')}
              </p>
            )}
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept="application/pdf,image/jpeg,image/png,image/tiff,.docx,.xlsx"
              aria-describedby={`${id}-file-hint${uploadError ? ` ${id}-file-error` : ''}`}
              aria-invalid={uploadError ? true : undefined}
              onChange={() => setUploadError(null)}
            />
            {progress !== null && (
              <p role="status">
                <progress max={100} value={progress} aria-label={t('work.resultUploading', { percent: progress })} /> {t('work.resultUploading', { percent: progress })}
              </p>
            )}
            {uploadNotice && (
              <p role="status" className="notice">
                {uploadNotice}
              </p>
            )}
          </div>
        )}
        <button type="submit" disabled={pending}>
          {label}
        </button>
      </form>
    </details>
  );
}

function SimpleField({
  id,
  field,
  holder,
  targets,
  value,
  error,
  onChange,
}: {
  id: string;
  field: Simple;
  holder: string;
  /** The agencies the procedure lets the dossier go to; null: any active agency. */
  targets: { code: string; name: string }[] | null;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const { t } = useBackofficeT();
  const agencies = useAgencies(field.kind === 'agency' && targets === null);
  const colleagues = useColleagues(field.kind === 'officer' ? holder : null);
  const label = (
    <>
      {t(`fields.${field.label}`)}
      {!field.required && <span className="optional"> {t('fields.optional')}</span>}
    </>
  );
  return (
    <Field id={id} label={label} error={error} required={field.required}>
      {(a11y) => {
        switch (field.kind) {
          case 'textarea':
          case 'lines':
            return <textarea {...a11y} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />;
          case 'select':
            return (
              <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
                <option value="">{t('fields.choose')}</option>
                {OPTIONS[field.options].map((o) => (
                  <option key={o} value={o}>
                    {t(`options.${field.options}.${o}` as 'options.method.desk')}
                  </option>
                ))}
              </select>
            );
          case 'agency':
            return (
              <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
                <option value="">{t('fields.choose')}</option>
                {(targets ?? (agencies ?? []).filter((a) => a.active))
                  // Another agency: the one holding the dossier cannot transfer it to itself.
                  .filter((a) => a.code !== holder)
                  .map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name} ({a.code})
                    </option>
                  ))}
              </select>
            );
          case 'officer':
            return (
              <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
                <option value="">{t('fields.choose')}</option>
                {colleagues.map((o) => (
                  <option key={o.id} value={o.id}>
                    {`${o.fullName} — ${o.roles.map((r) => t(`roles.${r}`)).join(', ')}`}
                  </option>
                ))}
              </select>
            );
          case 'datetime':
            return <input {...a11y} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} />;
          case 'amount':
            return <input {...a11y} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} />;
          case 'text':
            return <input {...a11y} value={value} onChange={(e) => onChange(e.target.value)} />;
        }
      }}
    </Field>
  );
}

type Colleague = { id: string; fullName: string; roles: ('reception' | 'specialist' | 'approver' | 'procedure_control' | 'reporting' | 'admin')[] };

/** The officers of the agency holding the dossier, for the hand-over forms (names and roles only). */
function useColleagues(agencyCode: string | null): Colleague[] {
  const [state] = useLoad(
    (signal) =>
      agencyCode ? api.get<{ items: Colleague[] }>(`/api/v1/agencies/${encodeURIComponent(agencyCode)}/officers`, undefined, signal) : Promise.resolve({ items: [] as Colleague[] }),
    [agencyCode],
  );
  return state.kind === 'ok' ? state.data.items : [];
}

function useComponentNames(procedureCode: string | null): Record<string, string> {
  return Object.fromEntries(useComponents(procedureCode).map((c) => [c.code, c.name]));
}

/** The procedure's papers: their codes (TP01…, see componentCodeOf) and names. */
function useComponents(procedureCode: string | null): { code: string; name: string }[] {
  const [state] = useLoad(
    (signal) => (procedureCode ? api.get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(procedureCode)}`, undefined, signal) : Promise.resolve(null)),
    [procedureCode],
  );
  return state.kind === 'ok' && state.data ? state.data.components.map((c, i) => ({ code: componentCodeOf(i), name: paperName(c) })) : [];
}
