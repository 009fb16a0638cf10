/**
 * /mot-cua/tiep-nhan — in-person filing at the desk, top to bottom with the keyboard: find the
 * applicant by personal ID (an audited read), pick the procedure, tick the papers handed over, fill
 * in the form, receive (the dossier is numbered and its due date set by the server at once), print
 * the receipt and appointment.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, newIdempotencyKey, type Me, type Page } from '../api.js';
import { usePageTitle } from '../page.js';
import type { ProcedureDetail, ProcedureSummary } from '../catalog/types.js';
import { checkForm, describeForm, fieldOfIssue, toFormData, valuesFrom, type FormValues } from '../dossiers/form-schema.js';
import { useDossiersT } from '../dossiers/i18n.js';
import { Receipt } from '../dossiers/Receipt.js';
import { ErrorSummary, problemText, SchemaFields } from '../dossiers/SchemaForm.js';
import { paperName, type Dossier } from '../dossiers/types.js';
import { asApiError, ErrorBox, Facts, Field } from '../dossiers/ui.js';
import { OfficerGate } from './gate.js';
import { useBackofficeT } from './i18n.js';

type Person = { id: string; kind: string; fullName: string; personalId: string | null; taxCode: string | null; dateOfBirth: string | null; address: string | null };

export default function DeskPage() {
  const { t } = useBackofficeT();
  usePageTitle(t('desk.title'));
  return (
    <OfficerGate title={t('desk.title')} returnTo="/mot-cua/tiep-nhan">
      {(me) => <Desk me={me} />}
    </OfficerGate>
  );
}

function Desk({ me }: { me: Me }) {
  const { t } = useBackofficeT();
  const desks = me.roles.filter((r) => r.role === 'reception');
  const [round, setRound] = useState(0);
  if (desks.length === 0) return <p className="panel">{t('desk.notHere')}</p>;
  return (
    <>
      <p>
        <Link to="/mot-cua">{t('desk.back')}</Link>
      </p>
      <Reception key={round} desks={desks.map((d) => ({ code: d.agencyCode, name: d.agencyName }))} onAnother={() => setRound((n) => n + 1)} />
    </>
  );
}

function Reception({ desks, onAnother }: { desks: { code: string; name: string }[]; onAnother: () => void }) {
  const { t } = useBackofficeT();
  const [person, setPerson] = useState<Person | null>(null);
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [filed, setFiled] = useState<{ dossier: Dossier; papers: string[]; desk: string } | null>(null);

  if (filed) {
    return (
      <section aria-labelledby="desk-done">
        <h2 id="desk-done" tabIndex={-1} ref={(h) => h?.focus()} className="dos-no-print">
          {t('desk.done', { code: filed.dossier.code ?? '' })}
        </h2>
        <Receipt dossier={filed.dossier} agencyName={filed.desk} applicantName={person?.fullName ?? null} papers={filed.papers} />
        <p className="actions dos-no-print">
          <Link className="button" to={`/mot-cua/ho-so/${encodeURIComponent(filed.dossier.code ?? filed.dossier.id)}`}>
            {t('desk.open')}
          </Link>
          <button type="button" className="secondary" onClick={onAnother}>
            {t('desk.another')}
          </button>
        </p>
      </section>
    );
  }
  return (
    <>
      <ApplicantStep person={person} onPerson={setPerson} />
      {person && <ProcedureStep procedure={procedure} desks={desks} onProcedure={setProcedure} />}
      {person && procedure && <FilingStep key={procedure.code} person={person} procedure={procedure} desks={desks} onFiled={setFiled} />}
    </>
  );
}

function ApplicantStep({ person, onPerson }: { person: Person | null; onPerson: (p: Person | null) => void }) {
  const { t } = useBackofficeT();
  const [id, setId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^\d{12}$/.test(id.trim())) {
      setProblem(t('desk.personalIdInvalid'));
      document.getElementById('desk-id')?.focus();
      return;
    }
    setProblem(null);
    setPending(true);
    try {
      onPerson(await api.get<Person>('/api/v1/people/lookup', { personalId: id.trim() }));
    } catch (err) {
      const a = asApiError(err);
      if (a.status === 404) setProblem(t('desk.notFound'));
      else setError(a);
      document.getElementById('desk-id')?.focus();
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-labelledby="desk-applicant" className="dos-section">
      <h2 id="desk-applicant">{t('desk.applicantHeading')}</h2>
      {person ? (
        <>
          <Facts
            rows={[
              [t('desk.fullName'), <strong>{person.fullName}</strong>],
              [t('desk.personalId'), person.personalId ?? person.taxCode ?? ''],
              ...(person.dateOfBirth ? ([[t('desk.dateOfBirth'), person.dateOfBirth]] as [string, string][]) : []),
              ...(person.address ? ([[t('desk.address'), person.address]] as [string, string][]) : []),
            ]}
          />
          <button type="button" className="secondary" onClick={() => onPerson(null)}>
            {t('desk.change')}
          </button>
        </>
      ) : (
        <form noValidate onSubmit={(e) => void find(e)} className="form">
          {error && <ErrorBox error={error} />}
          <Field id="desk-id" label={t('desk.personalId')} hint={t('desk.personalIdHint')} error={problem} required>
            {(a11y) => (
              <div className="filter-row">
                <input {...a11y} value={id} inputMode="numeric" autoComplete="off" maxLength={12} autoFocus onChange={(e) => setId(e.target.value)} />
                <button type="submit" disabled={pending}>
                  {t('desk.find')}
                </button>
              </div>
            )}
          </Field>
        </form>
      )}
    </section>
  );
}

function ProcedureStep({ procedure, desks, onProcedure }: { procedure: ProcedureDetail | null; desks: { code: string }[]; onProcedure: (p: ProcedureDetail | null) => void }) {
  const { t } = useBackofficeT();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ProcedureSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notHere, setNotHere] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const p = await api.get<Page<ProcedureSummary>>('/api/v1/procedures', { q: q.trim() || undefined, limit: 20 });
      setResults(p.items);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const pick = async (code: string) => {
    setError(null);
    try {
      const p = await api.get<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(code)}`);
      const receivers = p.agencies.receiving?.codes ?? [];
      const here = receivers.length === 0 || desks.some((d) => receivers.includes(d.code));
      setNotHere(!here);
      if (here) onProcedure(p);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <section aria-labelledby="desk-procedure" className="dos-section">
      <h2 id="desk-procedure">{t('desk.procedureHeading')}</h2>
      {error && <ErrorBox error={error} />}
      {procedure ? (
        <>
          <p lang="vi">
            <strong>{procedure.name}</strong> ({procedure.code})
          </p>
          <button type="button" className="secondary" onClick={() => onProcedure(null)}>
            {t('desk.changeProcedure')}
          </button>
        </>
      ) : (
        <>
          <form noValidate role="search" onSubmit={(e) => void search(e)} className="form">
            <Field id="desk-q" label={t('desk.procedureSearch')}>
              {(a11y) => (
                <div className="filter-row">
                  <input {...a11y} type="search" value={q} autoComplete="off" onChange={(e) => setQ(e.target.value)} autoFocus />
                  <button type="submit">{t('desk.procedureSearchButton')}</button>
                </div>
              )}
            </Field>
          </form>
          {notHere && (
            <p className="field-error" role="alert">
              {t('desk.notHere')}
            </p>
          )}
          {results && results.length === 0 && <p role="status">{t('desk.procedureNone')}</p>}
          {results && results.length > 0 && (
            <ul className="bo-picklist">
              {results.map((r) => (
                <li key={r.code}>
                  <span lang="vi">
                    {r.name} ({r.code})
                  </span>{' '}
                  <button type="button" className="secondary" onClick={() => void pick(r.code)}>
                    {t('desk.pick')}
                    <span className="visually-hidden">: {r.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function FilingStep({ person, procedure, desks, onFiled }: { person: Person; procedure: ProcedureDetail; desks: { code: string; name: string }[]; onFiled: (r: { dossier: Dossier; papers: string[]; desk: string }) => void }) {
  const { t } = useBackofficeT();
  const { t: dt } = useDossiersT();
  const { t: common } = useTranslation();
  const form = useMemo(() => describeForm(procedure.formSchema), [procedure.formSchema]);
  const receivers = procedure.agencies.receiving?.codes ?? [];
  const desk = desks.find((d) => receivers.length === 0 || receivers.includes(d.code))!;
  const papers = procedure.components.map((c) => ({ code: paperName(c), required: c.required !== false }));
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [values, setValues] = useState<FormValues>(() => valuesFrom(form.fields, {}));
  const [channel, setChannel] = useState<'in_person' | 'postal'>('in_person');
  const [repName, setRepName] = useState('');
  const [mandate, setMandate] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const busy = useRef(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const fieldsRef = useRef<HTMLDivElement | null>(null);

  const problems = checkForm(form.fields, values);
  const errors: Record<string, string> = { ...serverErrors };
  if (showErrors) for (const [k, p] of Object.entries(problems)) errors[k] = problemText(p, dt);
  const mandateError = showErrors && repName.trim() && !mandate.trim() ? t('desk.mandateRequired') : null;
  const missing = papers.filter((p) => p.required && !ticked[p.code]).map((p) => p.code);
  const received = papers.filter((p) => ticked[p.code]).map((p) => p.code);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy.current) return;
    setShowErrors(true);
    if (Object.keys(problems).length > 0 || (repName.trim() && !mandate.trim())) {
      window.setTimeout(() => fieldsRef.current?.focus(), 0);
      return;
    }
    const body = {
      procedureCode: procedure.code,
      receivingAgencyCode: desk.code,
      applicantId: person.id,
      channel,
      formData: toFormData(form.fields, values),
      ...(received.length > 0 && { note: t('desk.papersNote', { names: received.join('; ') }).slice(0, 2000) }),
      ...(repName.trim() && { representative: { name: repName.trim(), mandate: mandate.trim() } }),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: newIdempotencyKey() };
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      const d = await api.post<Dossier>('/api/v1/dossiers', body, { idempotencyKey: attempt.current.key });
      onFiled({ dossier: d, papers: received, desk: desk.name });
    } catch (err) {
      const a = asApiError(err);
      const byField: Record<string, string> = {};
      for (const i of a.issues) {
        const f = fieldOfIssue(i.field);
        if (f) byField[f] = dt('problem.server');
      }
      setServerErrors(byField);
      setError(a);
      window.setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      busy.current = false;
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form bo-desk-form">
      <section aria-labelledby="desk-papers" className="dos-section">
        <h2 id="desk-papers">{t('desk.papersHeading')}</h2>
        {papers.length === 0 && <p>{t('desk.papersNone')}</p>}
        <ul className="plain">
          {papers.map((p, n) => (
            <li key={p.code} className="checkbox">
              <input id={`desk-paper-${n}`} type="checkbox" checked={ticked[p.code] === true} onChange={(e) => setTicked((all) => ({ ...all, [p.code]: e.target.checked }))} />
              <label htmlFor={`desk-paper-${n}`} lang="vi">
                {p.code}
                {p.required && <span aria-hidden="true"> *</span>}
              </label>
            </li>
          ))}
        </ul>
        {missing.length > 0 && received.length > 0 && <p className="notice">{t('desk.missingRequired', { names: missing.join('; ') })}</p>}
      </section>
      <section aria-labelledby="desk-form" className="dos-section">
        <h2 id="desk-form">{t('desk.formHeading')}</h2>
        <div ref={summaryRef} tabIndex={-1}>
          {error && <ErrorBox error={error} />}
        </div>
        <ErrorSummary prefix="d" fields={form.fields} errors={errors} title={dt('apply.fixErrors', { count: Object.keys(errors).length })} summaryRef={fieldsRef} />
        <div className="field">
          <label htmlFor="desk-channel">{t('desk.channel')}</label>
          <select id="desk-channel" value={channel} onChange={(e) => setChannel(e.target.value as 'in_person' | 'postal')}>
            <option value="in_person">{dt('channel.in_person')}</option>
            <option value="postal">{dt('channel.postal')}</option>
          </select>
        </div>
        <SchemaFields prefix="d" fields={form.fields} values={values} errors={errors} onChange={(name, v) => setValues((all) => ({ ...all, [name]: v }))} />
        <Field id="desk-rep" label={t('desk.representative')}>
          {(a11y) => <input {...a11y} value={repName} onChange={(e) => setRepName(e.target.value)} />}
        </Field>
        {repName.trim() && (
          <Field id="desk-mandate" label={t('desk.mandate')} error={mandateError} required>
            {(a11y) => <input {...a11y} value={mandate} onChange={(e) => setMandate(e.target.value)} />}
          </Field>
        )}
        <button type="submit" disabled={pending}>
          {pending ? t('desk.submitting') : t('desk.submit')}
        </button>
        {pending && <span className="visually-hidden">{common('common.loading')}</span>}
      </section>
    </form>
  );
}
