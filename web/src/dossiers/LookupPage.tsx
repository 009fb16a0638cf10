/**
 * /tra-cuu — public status lookup by dossier code and the last 4 digits of the applicant's personal
 * identification number (`?ma=<code>` fills in the code, e.g. from the QR code of a receipt).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { useLocalized } from '../i18n.js';
import { usePageTitle } from '../page.js';
import { useDossiersT } from './i18n.js';
import type { PublicLookup } from './types.js';
import { asApiError, ErrorBox, Facts, Field, formatDateTime, useHeadingFocus } from './ui.js';
import './dossiers.css';

const CODE = /^[0-9A-Za-z.-]{1,100}$/;

export default function LookupPage() {
  const { t, lang } = useDossiersT();
  const localized = useLocalized();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  usePageTitle(t('lookup.title'));
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [last4, setLast4] = useState('');
  const [errors, setErrors] = useState<{ code?: string; last4?: string }>({});
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<PublicLookup | null>(null);
  const [failure, setFailure] = useState<ApiError | 'not-found' | null>(null);
  const resultRef = useRef<HTMLDivElement | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    const next: typeof errors = {};
    if (!c) next.code = t('lookup.codeRequired');
    else if (!CODE.test(c)) next.code = t('lookup.codeFormat');
    if (!/^\d{4}$/.test(last4.trim())) next.last4 = t('lookup.last4Format');
    setErrors(next);
    if (next.code || next.last4) {
      document.getElementById(next.code ? 'lk-code' : 'lk-last4')?.focus();
      return;
    }
    setPending(true);
    setResult(null);
    setFailure(null);
    setParams({ ma: c }, { replace: true });
    try {
      setResult(await api.get<PublicLookup>('/api/v1/dossiers/lookup', { code: c, idLast4: last4.trim() }));
    } catch (err) {
      const a = asApiError(err);
      setFailure(a.status === 404 || a.status === 400 ? 'not-found' : a);
    } finally {
      setPending(false);
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  return (
    <div className="page dos-lookup">
      <h1 ref={heading} tabIndex={-1}>
        {t('lookup.title')}
      </h1>
      <p>{t('lookup.intro')}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="form" role="search" aria-label={t('lookup.title')}>
        <Field id="lk-code" label={t('lookup.code')} hint={t('lookup.codeHint')} error={errors.code} required>
          {(a11y) => <input {...a11y} value={code} autoComplete="off" spellCheck={false} maxLength={100} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field id="lk-last4" label={t('lookup.last4')} hint={t('lookup.last4Hint')} error={errors.last4} required>
          {(a11y) => <input {...a11y} className="dos-short" value={last4} inputMode="numeric" autoComplete="off" maxLength={4} onChange={(e) => setLast4(e.target.value)} />}
        </Field>
        <button type="submit" disabled={pending}>
          {pending ? t('lookup.searching') : t('lookup.submit')}
        </button>
      </form>
      <div ref={resultRef} tabIndex={-1} role="status" className="dos-section">
        {failure === 'not-found' && <p className="panel">{t('lookup.notFound')}</p>}
        {failure && failure !== 'not-found' && <ErrorBox error={failure} />}
        {result && (
          <section aria-labelledby="lk-result">
            <h2 id="lk-result">{t('lookup.resultHeading')}</h2>
            <p className="dos-plain">
              <strong>{localized(result.statusLabel)}</strong> — {t(`plain.${result.status}` as 'plain.SUBMITTED')}
            </p>
            <Facts
              rows={[
                [t('dossier.code'), <span className="dos-code">{result.code}</span>],
                [t('dossier.procedure'), <span lang="vi">{`${result.procedure.name} (${result.procedure.code})`}</span>],
                ...(result.receivedAt ? ([[t('lookup.receivedAt'), formatDateTime(result.receivedAt, lang)]] as [string, string][]) : []),
                ...(result.dueAt ? ([[t('lookup.dueAt'), formatDateTime(result.dueAt, lang)]] as [string, string][]) : []),
              ]}
            />
          </section>
        )}
      </div>
    </div>
  );
}
