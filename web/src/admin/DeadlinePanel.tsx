import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type FieldIssue } from '../api.js';
import { useLocalized } from '../i18n.js';
import { formatDate, formatVnDateTime, knownStatus, vnInputToIso, vnNowForInput, WEEKDAY_KEYS, type Deadline } from './calendar.js';
import { Field, FormErrors, useFieldError, useSubmission } from './forms.js';

const UNITS = ['working_days', 'working_hours', 'same_day'] as const;
type Unit = (typeof UNITS)[number];

/** The query parameter of each unit: its field path in the API's validation issues. */
const PARAM: Record<Exclude<Unit, 'same_day'>, 'workingDays' | 'workingHours'> = { working_days: 'workingDays', working_hours: 'workingHours' };
const MAX: Record<Exclude<Unit, 'same_day'>, number> = { working_days: 2000, working_hours: 16000 };

/** "Tra cứu hạn giải quyết": the due time of a time limit from a receipt time, with the days skipped. */
export function DeadlinePanel() {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const submission = useSubmission();
  const fieldError = useFieldError(submission.error);
  const [start, setStart] = useState(() => vnNowForInput());
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<Unit>('working_days');
  const [result, setResult] = useState<Deadline | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const startIso = vnInputToIso(start);
    const n = amount.trim();
    const issues: FieldIssue[] = [];
    if (!startIso) issues.push({ field: 'querystring.start', message: 'Required', problem: 'too_small' });
    if (unit !== 'same_day' && !/^\d+$/.test(n)) {
      issues.push({ field: `querystring.${PARAM[unit]}`, message: n ? 'Must be a whole number' : 'Required', problem: n ? 'invalid_format' : 'too_small' });
    }
    if (issues.length) {
      setResult(null);
      submission.fail(new ApiError(400, 'VALIDATION_FAILED', { vi: t('deadline.invalid', { lng: 'vi' }), en: t('deadline.invalid', { lng: 'en' }) }, { issues }));
      return;
    }
    const query = unit === 'same_day' ? { start: startIso, sameDay: 'true' } : { start: startIso, [PARAM[unit]]: n };
    const r = await submission.run(query, () => api.get<Deadline>('/api/v1/calendar/deadline', query));
    setResult(r ?? null);
  };

  const amountError = unit === 'same_day' ? undefined : fieldError(`querystring.${PARAM[unit]}`);
  const fields: Record<string, [string, string]> = {
    'querystring.start': ['deadline-start', t('deadline.start')],
    'querystring.workingDays': ['deadline-amount', t('deadline.amount')],
    'querystring.workingHours': ['deadline-amount', t('deadline.amount')],
  };
  const weekday = (iso: string) => t(`calendar.weekdays.${WEEKDAY_KEYS[new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? 'mon'}`);
  const dueWeekday = result ? weekday(new Date(Date.parse(result.due) + 7 * 3_600_000).toISOString().slice(0, 10)) : '';

  return (
    <section aria-labelledby="deadline-heading" className="panel deadline">
      <h3 id="deadline-heading">{t('deadline.heading')}</h3>
      <p className="note">{t('deadline.intro')}</p>
      <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form">
        <FormErrors submission={submission} fields={fields} />
        <Field id="deadline-start" label={t('deadline.start')} hint={t('deadline.startHint')} error={fieldError('querystring.start')}>
          {(a) => <input {...a} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />}
        </Field>
        <div className="deadline-row">
          {unit !== 'same_day' && (
            <Field id="deadline-amount" label={t('deadline.amount')} error={amountError}>
              {(a) => (
                <input
                  {...a}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX[unit]}
                  step={1}
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  required
                />
              )}
            </Field>
          )}
          <Field id="deadline-unit" label={t('deadline.unit')}>
            {(a) => (
              <select {...a} value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`deadline.units.${u}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {unit === 'same_day' && <p className="hint">{t('deadline.sameDayHint')}</p>}
        <div className="form-actions">
          <button type="submit" disabled={submission.pending}>
            {submission.pending ? t('deadline.computing') : t('deadline.submit')}
          </button>
        </div>
      </form>
      <div role="status" className={result ? 'deadline-result' : 'notice-empty'}>
        {result && (
          <>
            <p className="deadline-due">
              {t('deadline.due')}: <strong>{result.dueLocal}</strong> <span className="deadline-weekday">({dueWeekday})</span>
            </p>
            <p className="hint">
              {t('deadline.clockStart')}: {formatVnDateTime(result.clockStart)}
            </p>
          </>
        )}
      </div>
      {result && (
        <>
          <h4 id="deadline-skipped-heading">{t('deadline.skipped', { count: result.skippedDays.length })}</h4>
          {result.skippedDays.length === 0 ? (
            <p>{t('deadline.noSkipped')}</p>
          ) : (
            <ul className="deadline-skipped" aria-labelledby="deadline-skipped-heading">
              {result.skippedDays.map((d) => {
                const s = knownStatus(d.status);
                return (
                  <li key={d.date}>
                    <strong>{formatDate(d.date)}</strong> ({weekday(d.date)}) — {s ? t(`calendar.status.${s}`) : d.status}
                    {d.reason && `: ${localized(d.reason)}`}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
