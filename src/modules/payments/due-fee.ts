/**
 * What a dossier's applicant owes now, and may pay online. Pure.
 *
 * - A financial obligation the processing agency asked for (REQUEST_PAYMENT, status AWAITING_PAYMENT):
 *   its amount, until a payment for it is confirmed. Recording it resumes the clock (RECORD_PAYMENT).
 * - Otherwise the procedure's fee (phí, lệ phí) for the dossier's channel: the sum of the amounts in VND
 *   the procedure version publishes for that channel (each counted once: a fee "per copy" is owed for
 *   one copy online; more is asked for with REQUEST_PAYMENT), until a payment for it is confirmed.
 *   Free procedures and fees given only as a rule (text, foreign currency) owe nothing online.
 * - Nothing once the dossier is closed.
 */
import type { Fee } from '../catalog/catalog.schemas.js';
import type { PaymentPurpose } from '../../db/schema.js';

export type DueFee = { purpose: PaymentPurpose; amountVnd: number; description: string };

export type DueFeeInput = {
  status: string;
  closed: boolean;
  /** The requested financial obligation, as the dossier's history holds it. */
  obligation: { amount: number; requestedAt: Date; paidAt: Date | null } | null;
  awaitingPayment: boolean;
  /** The procedure version's channel rows (channel + fees). */
  channels: readonly { channel: string; fees: readonly Fee[] }[];
  dossierChannel: string;
  /** Payments already confirmed for this dossier. */
  paid: readonly { purpose: PaymentPurpose; amountVnd: number; paidAt: Date }[];
  obligationDescription?: string | null;
};

/** The fees in VND published for a channel (its first row that lists any), with their labels. */
export function channelFees(channels: DueFeeInput['channels'], channel: string): { amountVnd: number; labels: string[] } {
  const row = channels.find((c) => c.channel === channel && c.fees.length > 0);
  let amountVnd = 0;
  const labels: string[] = [];
  for (const f of row?.fees ?? []) {
    if (f.kind !== 'amount' || f.amountVnd <= 0) continue;
    amountVnd += f.amountVnd;
    if (f.label.trim()) labels.push(f.label.trim());
  }
  return { amountVnd, labels };
}

export function dueFee(d: DueFeeInput): DueFee | null {
  if (d.closed) return null;
  if (d.awaitingPayment && d.obligation && d.obligation.paidAt === null) {
    const requestedAt = d.obligation.requestedAt.getTime();
    const settled = d.paid.some((p) => p.purpose === 'financial_obligation' && p.amountVnd === d.obligation!.amount && p.paidAt.getTime() >= requestedAt);
    if (settled || d.obligation.amount <= 0) return null;
    return {
      purpose: 'financial_obligation',
      amountVnd: d.obligation.amount,
      description: d.obligationDescription?.trim() || 'Nghĩa vụ tài chính',
    };
  }
  const fee = channelFees(d.channels, d.dossierChannel);
  if (fee.amountVnd <= 0) return null;
  if (d.paid.some((p) => p.purpose === 'procedure_fee')) return null;
  return { purpose: 'procedure_fee', amountVnd: fee.amountVnd, description: fee.labels.join('; ').slice(0, 500) || 'Phí, lệ phí' };
}
