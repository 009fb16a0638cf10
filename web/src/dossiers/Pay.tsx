/**
 * What the applicant owes now (the procedure's fee or a requested financial obligation) and the
 * button that opens the payment gateway; the outcome of a return from the gateway (?thanh-toan=…).
 * The server records a payment only when the gateway confirms it, never from the return alone.
 */
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, newIdempotencyKey } from '../api.js';
import { useDossiersT } from './i18n.js';
import type { PaymentList } from './types.js';
import { asApiError, ErrorBox, useLoad } from './ui.js';

export function Pay({ dossierRef, version }: { dossierRef: string; version: number }) {
  const { t, lang } = useDossiersT();
  const [params] = useSearchParams();
  const returned = params.get('thanh-toan');
  const path = `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/payments`;
  const [state] = useLoad((signal) => api.get<PaymentList>(path, undefined, signal), [path, version]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef<string | null>(null);
  const money = (n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);

  if (state.kind !== 'ok') return null;
  const { due, items } = state.data;
  const paid = items.filter((i) => i.status === 'paid').reduce((s, i) => s + i.amountVnd, 0);
  if (!due && paid === 0 && !returned) return null;

  const start = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    key.current ??= newIdempotencyKey();
    try {
      const r = await api.post<{ redirectUrl: string }>(path, { locale: lang }, { idempotencyKey: key.current });
      window.location.assign(r.redirectUrl);
    } catch (err) {
      setError(asApiError(err));
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="dos-pay" className="dos-section dos-pay dos-no-print">
      <h2 id="dos-pay">{t('pay.heading')}</h2>
      {returned === 'paid' && <p className="notice" role="status">{t('pay.paid')}</p>}
      {returned && returned !== 'paid' && returned !== 'pending' && <p className="field-error" role="status">{t('pay.notPaid', { status: returned })}</p>}
      {returned === 'pending' && <p role="status">{t('pay.pending')}</p>}
      {paid > 0 && <p>{t('pay.paidTotal', { amount: money(paid) })}</p>}
      {due && (
        <>
          <p>{t('pay.due', { amount: money(due.amountVnd), description: due.description })}</p>
          {error && <ErrorBox error={error} />}
          <button type="button" onClick={() => void start()} disabled={pending}>
            {pending ? t('pay.starting') : t('pay.button', { amount: money(due.amountVnd) })}
          </button>
        </>
      )}
    </section>
  );
}
