import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort } from '../api.js';
import { useLocalized } from '../i18n.js';
import { FIRST_YEAR, formatDate, formatVnDateTime, LAST_YEAR, monthKey, parseIsoDate, weekdayOf, WEEKDAY_KEYS, type CalendarOverride, type OverrideKind, type RedatedDossier } from './calendar.js';
import { Field, FormErrors, useFieldError, useFocusOnMount, useSubmission, type Submission } from './forms.js';

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'revoke'; entry: CalendarOverride };

/** Refusals of the calendar that are about the date entered: shown at the date field too. */
const DATE_PROBLEMS = new Set([
  'CALENDAR_OVERRIDE_EXISTS',
  'CALENDAR_WORKING_DAY_ON_HOLIDAY',
  'CALENDAR_OVERRIDE_CONFLICT',
  'CALENDAR_INVALID_DATE',
  'CALENDAR_OUT_OF_RANGE',
  'CALENDAR_INVALID_OVERRIDE',
]);

const KINDS: OverrideKind[] = ['day_off', 'working_day'];

/** The year's entered days off and make-up days, with their history; adding and revoking entries. */
export function ScheduleEditor(props: { year: number; generation: number; scheduleAdmin: boolean | null; onChanged(date: string): void }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const [items, setItems] = useState<CalendarOverride[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [retry, setRetry] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState('');
  const [redated, setRedated] = useState<RedatedDossier[]>([]);

  useEffect(() => {
    const ctl = new AbortController();
    setLoadError(null);
    api
      .get<{ items: CalendarOverride[] }>('/api/v1/calendar/overrides', { year: props.year }, ctl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => {
        if (!isAbort(err)) setLoadError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', { vi: 'Đã có lỗi', en: 'Something went wrong' }));
      });
    return () => ctl.abort();
  }, [props.year, props.generation, retry]);

  // Where focus goes when a form closes: the message, the add button, or the row's revoke button.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef<'notice' | 'add' | string | null>(null);
  useEffect(() => {
    if (mode.kind !== 'list' || !refocus.current) return;
    const target = refocus.current;
    refocus.current = null;
    if (target === 'notice') noticeRef.current?.focus();
    else if (target === 'add') addButton.current?.focus();
    else document.getElementById(`revoke-${target}`)?.focus();
  }, [mode]);

  const monthOf = (date: string) => {
    const { year, month } = parseIsoDate(date);
    return { year, month, monthName: t(`calendar.monthNames.${monthKey(month)}`) };
  };
  const kindText = (k: OverrideKind) => t(`schedule.kinds.${k}`);

  const done = (entry: CalendarOverride, message: string) => {
    setNotice(message);
    setRedated(entry.redatedDossiers ?? []);
    refocus.current = 'notice';
    setMode({ kind: 'list' });
    props.onChanged(entry.date);
  };

  const open = (m: Mode) => {
    setNotice('');
    setRedated([]);
    setMode(m);
  };

  const shown = items?.filter((o) => parseIsoDate(o.date).year === props.year) ?? null;

  return (
    <section aria-labelledby="schedule-heading" className="schedule">
      <h3 id="schedule-heading">{t('schedule.heading', { year: props.year })}</h3>
      <p className="note">{t('schedule.intro')}</p>
      {props.scheduleAdmin === false && <p className="panel schedule-root-only">{t('schedule.rootOnly')}</p>}
      <p ref={noticeRef} role="status" tabIndex={-1} className={notice ? 'notice' : 'notice-empty'}>
        {notice}
      </p>
      {redated.length > 0 && (
        <section aria-labelledby="redated-heading" className="panel">
          <h4 id="redated-heading">{t('schedule.redatedHeading', { count: redated.length })}</h4>
          <p className="note">{t('schedule.redatedIntro')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('schedule.redatedCode')}</th>
                <th scope="col">{t('schedule.redatedBefore')}</th>
                <th scope="col">{t('schedule.redatedAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {redated.map((r) => (
                <tr key={r.code}>
                  <td>
                    <a href={`/mot-cua/ho-so/${encodeURIComponent(r.code)}`}>{r.code}</a>
                  </td>
                  <td>{r.dueBefore ? formatVnDateTime(r.dueBefore) : '—'}</td>
                  <td>{r.dueAfter ? formatVnDateTime(r.dueAfter) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {loadError && (
        <div className="form-errors" role="alert">
          <p>{localized(loadError.localized)}</p>
          <button type="button" className="secondary" onClick={() => setRetry((r) => r + 1)}>
            {t('list.retry')}
          </button>
        </div>
      )}
      {!shown && !loadError && <p>{t('list.loading')}</p>}
      {shown && shown.length === 0 && <p>{t('schedule.empty', { year: props.year })}</p>}
      {shown && shown.length > 0 && (
        <div className="table-wrap">
          <table className="schedule-table">
            <caption className="visually-hidden">{t('schedule.heading', { year: props.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('schedule.date')}</th>
                <th scope="col">{t('schedule.kind')}</th>
                <th scope="col">{t('schedule.reason')}</th>
                <th scope="col">{t('schedule.source')}</th>
                <th scope="col">{t('schedule.enteredBy')}</th>
                <th scope="col">{t('schedule.status')}</th>
                <th scope="col">{t('list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => {
                const revoked = o.revokedAt !== null;
                return (
                  <tr key={o.id} className={revoked ? 'schedule-revoked' : undefined}>
                    <td className="strike">
                      <span className="nowrap">{formatDate(o.date)}</span>
                      <br />
                      <span className="hint">{t(`calendar.weekdays.${WEEKDAY_KEYS[weekdayOf(o.date)] ?? 'mon'}`)}</span>
                    </td>
                    <td className="strike">
                      <span className={`cal-swatch cal-${o.kind === 'day_off' ? 'day_off' : 'make_up_working_day'}`}>{kindText(o.kind)}</span>
                    </td>
                    <td className="strike">{localized(o.reason)}</td>
                    <td className="strike">{o.source}</td>
                    <td>
                      {o.createdBy ?? t('schedule.unknownUser')}
                      <br />
                      <span className="hint nowrap">{formatVnDateTime(o.createdAt)}</span>
                    </td>
                    <td>
                      {revoked ? (
                        <>
                          <strong>{t('schedule.revoked')}</strong>{' '}
                          {t('schedule.revokedBy', { who: o.revokedBy ?? t('schedule.unknownUser'), when: formatVnDateTime(o.revokedAt!) })}
                          {o.revokeReason && (
                            <>
                              <br />
                              {t('schedule.revokedReason', { reason: o.revokeReason })}
                            </>
                          )}
                        </>
                      ) : (
                        t('schedule.active')
                      )}
                    </td>
                    <td>
                      {!revoked && (
                        <button id={`revoke-${o.id}`} type="button" className="link-button" onClick={() => open({ kind: 'revoke', entry: o })}>
                          {t('schedule.revoke')}
                          <span className="visually-hidden"> {t('schedule.revokeWhat', { date: formatDate(o.date) })}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {mode.kind === 'add' && (
        <AddEntryForm
          onCancel={() => {
            refocus.current = 'add';
            setMode({ kind: 'list' });
          }}
          onAdded={(entry) =>
            done(entry, t('schedule.added', { date: formatDate(entry.date), kind: kindText(entry.kind), ...monthOf(entry.date) }))
          }
        />
      )}
      {mode.kind === 'revoke' && (
        <RevokeForm
          entry={mode.entry}
          onCancel={() => {
            refocus.current = mode.entry.id;
            setMode({ kind: 'list' });
          }}
          onRevoked={(entry) =>
            done(entry, t('schedule.revokedNotice', { date: formatDate(entry.date), ...monthOf(entry.date) }))
          }
          onStale={() => setRetry((r) => r + 1)}
        />
      )}
      {mode.kind === 'list' && (
        <p>
          <button ref={addButton} type="button" onClick={() => open({ kind: 'add' })}>
            {t('schedule.add')}
          </button>
        </p>
      )}
    </section>
  );
}

/** Explains a refusal for lack of rights: the common calendar belongs to top-level administrators. */
function ForbiddenNote({ submission }: { submission: Submission }) {
  const { t } = useTranslation('admin');
  return submission.error?.code === 'FORBIDDEN' ? <p>{t('schedule.rootOnly')}</p> : null;
}

function AddEntryForm({ onCancel, onAdded }: { onCancel(): void; onAdded(entry: CalendarOverride): void }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [f, setF] = useState({ date: '', kind: 'day_off' as OverrideKind, reasonVi: '', reasonEn: '', source: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));

  const error = submission.error;
  const dateError = fieldError('body.date') ?? (error && DATE_PROBLEMS.has(error.code) ? localized(error.localized) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { date: f.date, kind: f.kind, reason: { vi: f.reasonVi.trim(), en: f.reasonEn.trim() }, source: f.source.trim() };
    const created = await submission.run(body, (idempotencyKey) => api.post<CalendarOverride>('/api/v1/calendar/overrides', body, { idempotencyKey }));
    if (created) onAdded(created);
  };

  const fields: Record<string, [string, string]> = {
    'body.date': ['schedule-date', t('schedule.date')],
    'body.kind': ['schedule-kind', t('schedule.kind')],
    'body.reason.vi': ['schedule-reason-vi', t('schedule.reasonVi')],
    'body.reason.en': ['schedule-reason-en', t('schedule.reasonEn')],
    'body.source': ['schedule-source', t('schedule.source')],
  };

  return (
    <section aria-labelledby="schedule-form-heading" className="panel schedule-form">
      <h4 id="schedule-form-heading" ref={heading} tabIndex={-1}>
        {t('schedule.addHeading')}
      </h4>
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        <FormErrors submission={submission} fields={fields} note={<p>{t('form.retryNote')}</p>}>
          {error && DATE_PROBLEMS.has(error.code) && (
            <p>
              <a
                href="#schedule-date"
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById('schedule-date')?.focus();
                }}
              >
                {t('schedule.checkDate')}
              </a>
            </p>
          )}
          <ForbiddenNote submission={submission} />
        </FormErrors>
        <Field id="schedule-date" label={t('schedule.date')} error={dateError}>
          {(a) => (
            <input
              {...a}
              type="date"
              value={f.date}
              onChange={set('date')}
              required
              min={`${FIRST_YEAR}-01-01`}
              max={`${LAST_YEAR}-12-31`}
            />
          )}
        </Field>
        <Field id="schedule-kind" label={t('schedule.kind')} hint={t('schedule.kindHint')} error={fieldError('body.kind')}>
          {(a) => (
            <select {...a} value={f.kind} onChange={set('kind')} required>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`schedule.kindOptions.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="schedule-reason-vi" label={t('schedule.reasonVi')} hint={t('schedule.reasonViHint')} error={fieldError('body.reason.vi') ?? fieldError('body.reason')}>
          {(a) => <input {...a} lang="vi" value={f.reasonVi} onChange={set('reasonVi')} required maxLength={500} autoComplete="off" />}
        </Field>
        <Field id="schedule-reason-en" label={t('schedule.reasonEn')} hint={t('schedule.reasonEnHint')} error={fieldError('body.reason.en')}>
          {(a) => <input {...a} lang="en" value={f.reasonEn} onChange={set('reasonEn')} required maxLength={500} autoComplete="off" />}
        </Field>
        <Field id="schedule-source" label={t('schedule.source')} hint={t('schedule.sourceHint')} error={fieldError('body.source')}>
          {(a) => <input {...a} value={f.source} onChange={set('source')} required maxLength={500} autoComplete="off" />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={submission.pending}>
            {submission.pending ? t('form.saving') : t('form.save')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function RevokeForm(props: { entry: CalendarOverride; onCancel(): void; onRevoked(entry: CalendarOverride): void; onStale(): void }) {
  const { t } = useTranslation('admin');
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [reason, setReason] = useState('');
  const { entry } = props;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { reason: reason.trim() };
    const revoked = await submission.run(body, async () => {
      try {
        return await api.post<CalendarOverride>(`/api/v1/calendar/overrides/${encodeURIComponent(entry.id)}/revoke`, body);
      } catch (err) {
        // Revoked meanwhile (another tab, another administrator): show the list as it is now.
        if (err instanceof ApiError && err.code === 'CALENDAR_OVERRIDE_REVOKED') props.onStale();
        throw err;
      }
    });
    if (revoked) props.onRevoked(revoked);
  };

  const fields: Record<string, [string, string]> = { 'body.reason': ['revoke-reason', t('schedule.revokeReason')] };
  return (
    <section aria-labelledby="revoke-heading" className="panel schedule-form">
      <h4 id="revoke-heading" ref={heading} tabIndex={-1}>
        {t('schedule.revokeHeading', { date: formatDate(entry.date), kind: t(`schedule.kinds.${entry.kind}`) })}
      </h4>
      <p>{t('schedule.revokeIntro')}</p>
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        <FormErrors submission={submission} fields={fields}>
          <ForbiddenNote submission={submission} />
        </FormErrors>
        <Field id="revoke-reason" label={t('schedule.revokeReason')} error={fieldError('body.reason')}>
          {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoComplete="off" />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={submission.pending}>
            {submission.pending ? t('schedule.revoking') : t('schedule.confirmRevoke')}
          </button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t('schedule.keep')}
          </button>
        </div>
      </form>
    </section>
  );
}
