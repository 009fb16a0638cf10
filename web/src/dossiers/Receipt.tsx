/**
 * The receipt of a filing, printable: the online filing receipt (before reception: a reference, no
 * code yet) or the receipt and result appointment once the desk has received the dossier (code and
 * due date). The print style sheet shows the receipt alone.
 */
import { useLocalized } from '../i18n.js';
import { useDossiersT } from './i18n.js';
import type { Dossier } from './types.js';
import { formatDateTime } from './ui.js';

export function Receipt({ dossier, agencyName, applicantName, papers }: { dossier: Dossier; agencyName: string | null; applicantName?: string | null; papers?: string[] }) {
  const { t, lang } = useDossiersT();
  const localized = useLocalized();
  const received = dossier.code !== null && dossier.receivedAt !== null;
  const rows: [string, string][] = [
    [t('receipt.procedure'), `${dossier.procedure.name} (${dossier.procedure.code})`],
    received ? [t('receipt.code'), dossier.code!] : [t('receipt.reference'), dossier.id],
    ...(received ? [] : ([[t('receipt.code'), t('receipt.notYet')]] as [string, string][])),
    ...(applicantName ? ([[t('receipt.applicant'), applicantName]] as [string, string][]) : []),
    [t('receipt.channel'), t(`channel.${dossier.channel}`)],
    [t('receipt.agency'), agencyName ?? dossier.receivingAgencyCode],
    ...(dossier.submittedAt ? ([[t('receipt.submittedAt'), formatDateTime(dossier.submittedAt, lang)]] as [string, string][]) : []),
    ...(dossier.receivedAt ? ([[t('receipt.receivedAt'), formatDateTime(dossier.receivedAt, lang)]] as [string, string][]) : []),
    ...(dossier.dueAt ? ([[t('receipt.dueAt'), formatDateTime(dossier.dueAt, lang)]] as [string, string][]) : []),
  ];
  return (
    <section className="dos-receipt" aria-labelledby="dos-receipt-title">
      <h2 id="dos-receipt-title">{received ? t('receipt.receivedTitle') : t('receipt.onlineTitle')}</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{k === t('receipt.code') || k === t('receipt.reference') ? <strong className="dos-code">{v}</strong> : v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('dossier.status')}</dt>
          <dd>{localized(dossier.statusLabel)}</dd>
        </div>
      </dl>
      {papers && papers.length > 0 && (
        <>
          <h3>{t('receipt.papers')}</h3>
          <ul lang={lang === 'vi' ? undefined : 'vi'}>
            {papers.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {received && <p className="dos-small">{t('receipt.lookupNote', { url: `${window.location.origin}/tra-cuu` })}</p>}
      <p className="dos-no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
      </p>
    </section>
  );
}
