/**
 * The slips (phiếu) issued for a dossier — receipt and appointment, control slip, supplement
 * request… — each a link to its PDF, ready to print. The server lists what the officer may print.
 */
import { api, type Localized } from '../api.js';
import { useLocalized } from '../i18n.js';
import { formatDateTime, useLoad } from '../dossiers/ui.js';
import { useBackofficeT } from './i18n.js';

type SlipList = { id: string; code: string | null; items: { kind: string; seq: number; issuedAt: string; title: Localized; formNumber: string | null; circular: Localized; href: string }[] };

export function Slips({ dossierRef, version }: { dossierRef: string; version: number }) {
  const { t, lang } = useBackofficeT();
  const localized = useLocalized();
  const [state] = useLoad((signal) => api.get<SlipList>(`/api/v1/dossiers/${encodeURIComponent(dossierRef)}/slips`, undefined, signal), [dossierRef, version]);
  if (state.kind !== 'ok') return null;
  return (
    <section aria-labelledby="bo-slips" className="dos-section dos-no-print">
      <h3 id="bo-slips">{t('work.slipsHeading')}</h3>
      {state.data.items.length === 0 ? (
        <p>{t('work.slipsEmpty')}</p>
      ) : (
        <ul className="bo-slips">
          {state.data.items.map((s) => (
            <li key={`${s.kind}-${s.seq}`}>
              <a href={s.href} target="_blank" rel="noopener">
                {t('work.slipPrint', { title: localized(s.title) })}
              </a>{' '}
              <span className="hint">
                {s.formNumber ? `${s.formNumber} · ` : ''}
                {formatDateTime(s.issuedAt, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
