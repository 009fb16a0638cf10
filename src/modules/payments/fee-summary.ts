/**
 * The fee state of a dossier as its page shows it: what is due now, what was paid online, whether a
 * payment is on its way at the gateway. Read by the dossier view (dossiers.queries.ts) and by the
 * payment use cases; it imports nothing from the dossier module's queries, so there is no cycle.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { Action, isTerminal, Status, type DossierState } from '../dossiers/domain/index.js';
import { dueFee, type DueFee, type DueFeeInput } from './due-fee.js';
import { paymentsOfDossier } from './payments.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export type FeeSummary = { due: DueFee | null; paidVnd: number; pending: boolean };

function obligationDescription(events: readonly { action: string; payload: unknown }[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.action === Action.REQUEST_PAYMENT) return (e.payload as { description?: string }).description ?? null;
  }
  return null;
}

export async function feeSummary(
  db: Q,
  dossier: { agency_code: string; id: string; channel: string },
  state: DossierState,
  events: readonly { action: string; payload: unknown }[],
  channels: DueFeeInput['channels'],
): Promise<FeeSummary> {
  const all = await paymentsOfDossier(db, dossier.agency_code, dossier.id);
  const paid = all.filter((p) => p.status === 'paid');
  const due = dueFee({
    status: state.status,
    closed: isTerminal(state.status),
    obligation: state.payment,
    awaitingPayment: state.status === Status.AWAITING_PAYMENT,
    channels,
    dossierChannel: dossier.channel,
    paid: paid.map((p) => ({ purpose: p.purpose, amountVnd: Number(p.amount_vnd), paidAt: new Date(p.paid_at!) })),
    obligationDescription: obligationDescription(events),
  });
  return { due, paidVnd: paid.reduce((s, p) => s + Number(p.amount_vnd), 0), pending: all.some((p) => p.status === 'pending') };
}
