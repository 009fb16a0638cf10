/**
 * Payments of a dossier's fees through an online gateway, end to end:
 *
 * - create: the applicant asks to pay what is due now (due-fee.ts); a pending payment is written with a
 *   fresh gateway reference and the signed URL the browser is sent to;
 * - settle: a verified IPN, or a gateway query (after the browser return, or by the reconciliation),
 *   moves the payment out of `pending` under a row lock, so two messages about one payment queue and
 *   the second finds it settled: a payment is recorded once, whichever message comes first;
 * - a confirmed financial obligation is recorded in the dossier's history through the workflow's own
 *   RECORD_PAYMENT action (the clock resumes), in the same transaction as the payment row;
 * - the browser return alone never marks a payment paid: it triggers a query, and the gateway's answer
 *   to that query decides.
 *
 * Every message from the gateway is kept as received (payment_notifications), with what was concluded.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, PaymentStatus } from '../../db/schema.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { Role, type PersonActor } from '../../platform/auth/actor.js';
import { AppError, conflict, notFound, type LocalizedText } from '../../platform/errors.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { findVersion } from '../catalog/catalog.repository.js';
import { loadForAction } from '../dossiers/actions/perform-action.js';
import { recordEvents } from '../dossiers/actions/record.js';
import { Action, decide, replay, Status, type DossierActor, type DossierState } from '../dossiers/domain/index.js';
import { findDossier, loadEvents, lockDossier, updateSnapshot, type DossierKey } from '../dossiers/dossiers.repository.js';
import { notFoundDossier, reviveEvent, snapshotOf, visibilityOf } from '../dossiers/dossiers.service.js';
import type { DueFee } from './due-fee.js';
import { feeSummary } from './fee-summary.js';
import { GatewayUnavailableError, type IpnOutcome, type Outcome, type PaymentGateway, type QueryResult, type VerifiedResult } from './gateway.js';
import {
  ensureGatewayPerson,
  findKeyByTxnRef,
  findPayment,
  insertPayment,
  lockPayment,
  PAYMENT_GATEWAY_PERSON,
  paymentsOfDossier,
  pendingPayments,
  recordNotification,
  updatePayment,
  type PaymentKey,
  type PaymentRow,
} from './payments.repository.js';

export type PaymentDeps = {
  db: Kysely<DB>;
  gateway: PaymentGateway | null;
  publicUrl: string;
  expireMinutes: number;
  /** The receiving agency's working calendar; read before a transaction opens (it reads through the pool). */
  calendarFor(agencyCode: string): Promise<WorkingCalendar>;
};

const PAYMENT: LocalizedText = { vi: 'giao dịch thanh toán', en: 'Payment' };

export const paymentErrors = {
  gatewayNotConfigured: () =>
    new AppError('conflict', 'PAYMENT_GATEWAY_NOT_CONFIGURED', {
      vi: 'Chưa cấu hình cổng thanh toán trực tuyến; vui lòng nộp phí tại bộ phận một cửa',
      en: 'No online payment gateway is configured; please pay at the one-stop desk',
    }),
  nothingDue: () =>
    conflict('PAYMENT_NOTHING_DUE', {
      vi: 'Hồ sơ hiện không có khoản phí, lệ phí hay nghĩa vụ tài chính nào cần thanh toán',
      en: 'Nothing is due for this dossier now',
    }),
  signatureInvalid: () =>
    new AppError('validation', 'PAYMENT_SIGNATURE_INVALID', {
      vi: 'Chữ ký của kết quả thanh toán không hợp lệ; giao dịch không được ghi nhận',
      en: 'The payment result has an invalid signature; it was not accepted',
    }),
  amountMismatch: () =>
    conflict('PAYMENT_AMOUNT_MISMATCH', {
      vi: 'Số tiền cổng thanh toán báo không khớp với khoản phải nộp; giao dịch cần được đối soát',
      en: 'The amount reported by the gateway does not match the amount due; the payment needs review',
    }),
  notFound: () => notFound(PAYMENT),
  tooLarge: () =>
    conflict('PAYMENT_AMOUNT_TOO_LARGE', {
      vi: 'Khoản phải nộp vượt hạn mức thanh toán trực tuyến; vui lòng nộp tại bộ phận một cửa hoặc chuyển khoản',
      en: 'The amount due exceeds the online payment limit; please pay at the desk or by bank transfer',
    }),
};

/** The largest amount paid online (the payments table's own limit, within the protocol's ×100 encoding). */
export const MAX_ONLINE_VND = 90_000_000_000_000;

// ---------------------------------------------------------------------------------------------
// Views

export function paymentView(p: PaymentRow | Awaited<ReturnType<typeof paymentsOfDossier>>[number]) {
  return {
    id: p.id,
    purpose: p.purpose,
    description: p.description,
    amountVnd: Number(p.amount_vnd),
    gateway: p.gateway,
    txnRef: p.txn_ref,
    status: p.status as PaymentStatus,
    statusLabel: PAYMENT_STATUS_LABELS[p.status as PaymentStatus],
    createdAt: new Date(p.created_at).toISOString(),
    expiresAt: new Date(p.expires_at).toISOString(),
    paidAt: p.paid_at ? new Date(p.paid_at).toISOString() : null,
    gatewayTransactionNo: p.gateway_transaction_no,
    bankCode: p.bank_code,
    recordedInHistory: p.dossier_event_seq !== null,
    settlementNote: p.settlement_note,
  };
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, LocalizedText> = {
  pending: { vi: 'Đang chờ thanh toán', en: 'Awaiting payment' },
  paid: { vi: 'Đã thanh toán', en: 'Paid' },
  failed: { vi: 'Thanh toán không thành công', en: 'Payment failed' },
  expired: { vi: 'Hết hạn thanh toán', en: 'Expired' },
  cancelled: { vi: 'Đã hủy thanh toán', en: 'Cancelled' },
};

// ---------------------------------------------------------------------------------------------
// What is due

async function dueOf(db: Kysely<DB> | Transaction<DB>, row: { agency_code: string; id: string; procedure_code: string; procedure_version: number; channel: string }, state: DossierState, events: readonly { action: string; payload: unknown }[]): Promise<DueFee | null> {
  const version = await findVersion(db, row.procedure_code, row.procedure_version);
  return (await feeSummary(db, row, state, events, version?.data.channels ?? [])).due;
}

/** The dossier's payments and what is due now, for its applicant and the officers who see it. */
export async function listPayments(db: Kysely<DB>, actor: PersonActor, key: DossierKey | undefined) {
  const row = key && (await findDossier(db, key, await visibilityOf(db, actor)));
  if (!key || !row) throw notFoundDossier();
  const events = (await loadEvents(db, key)).map((r) => reviveEvent(r.event as Record<string, unknown>));
  const state = replay(events);
  const due = await dueOf(db, row, state, events);
  const items = (await paymentsOfDossier(db, key.agencyCode, key.id)).map(paymentView);
  return { dossierId: row.id, code: row.code, due, items };
}

// ---------------------------------------------------------------------------------------------
// Create

const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A gateway reference: "MC", the day (yyMMdd, Viet Nam), 12 random characters (60 bits). */
export function newTxnRef(now: Date): string {
  const d = new Date(now.getTime() + 7 * 3_600_000).toISOString();
  let r = '';
  for (let i = 0; i < 12; i++) r += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `MC${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${r}`;
}

export async function createPayment(
  deps: PaymentDeps,
  trx: Transaction<DB>,
  actor: PersonActor,
  ctx: AuditContext,
  key: DossierKey,
  input: { locale: 'vi' | 'en'; payerIp: string },
) {
  const gateway = deps.gateway;
  if (!gateway) throw paymentErrors.gatewayNotConfigured();
  // Locks the dossier: two requests to pay the same dossier queue here.
  const { row, events, state } = await loadForAction(trx, actor, key);
  const due = await dueOf(trx, row, state, events);
  if (!due) throw paymentErrors.nothingDue();
  if (due.amountVnd > MAX_ONLINE_VND) throw paymentErrors.tooLarge();
  const now = new Date();

  // The same amount already on its way at the gateway: send the payer back to it rather than open a second one.
  const open = (await paymentsOfDossier(trx, key.agencyCode, key.id)).find(
    (p) => p.status === 'pending' && p.purpose === due.purpose && Number(p.amount_vnd) === due.amountVnd && new Date(p.expires_at).getTime() > now.getTime() + 60_000,
  );
  if (open) return { paymentId: open.id, redirectUrl: open.redirect_url, reused: true, payment: paymentView(open), due };

  const id = randomUUID();
  const txnRef = newTxnRef(now);
  const createdAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const expiresAt = new Date(createdAt.getTime() + deps.expireMinutes * 60_000);
  const redirectUrl = gateway.createPaymentUrl({
    txnRef,
    amountVnd: due.amountVnd,
    description: `Thanh toan ho so ${row.code ?? row.id} ${txnRef}`,
    createdAt,
    expiresAt,
    returnUrl: `${deps.publicUrl}/api/v1/payments/return`,
    payerIp: input.payerIp,
    locale: input.locale,
  });
  await insertPayment(trx, {
    agency_code: key.agencyCode,
    id,
    dossier_id: key.id,
    purpose: due.purpose,
    description: due.description,
    amount_vnd: due.amountVnd,
    gateway: gateway.name,
    txn_ref: txnRef,
    payer_id: actor.id,
    redirect_url: redirectUrl,
    expires_at: expiresAt,
    created_at: createdAt,
  });
  await appendAudit(trx, ctx, [
    { action: 'payment.create', entityType: 'payment', entityId: id, data: { dossierId: key.id, txnRef, amountVnd: due.amountVnd, purpose: due.purpose, gateway: gateway.name } },
  ]);
  const created = (await findPayment(trx, { agencyCode: key.agencyCode, id }))!;
  return { paymentId: id, redirectUrl, reused: false, payment: paymentView(created), due };
}

// ---------------------------------------------------------------------------------------------
// Settle

type Confirmation = { outcome: Outcome; transactionNo: string | null; bankCode: string | null; responseCode: string | null; paidAt: Date | null };

const gatewayContext = (agencyCode: string, clientIp: string | null, requestId: string | null): AuditContext => ({
  actorId: PAYMENT_GATEWAY_PERSON.id,
  actorName: PAYMENT_GATEWAY_PERSON.username,
  agencyCode,
  requestId,
  clientIp,
});

/**
 * Records a confirmed financial obligation in the dossier's history through the workflow
 * (RECORD_PAYMENT, in the desk's name: the gateway's receipt stands for the desk's). When the dossier
 * no longer waits for this payment, nothing is forced: the payment keeps a note for the desk.
 */
async function recordOnDossier(trx: Transaction<DB>, row: PaymentRow, calendar: WorkingCalendar, ctx: AuditContext, now: Date): Promise<{ seq: number | null; note: string | null }> {
  if (row.purpose !== 'financial_obligation') return { seq: null, note: null };
  const key: DossierKey = { agencyCode: row.agency_code, id: row.dossier_id };
  const dossier = (await lockDossier(trx, key))!;
  const state = replay((await loadEvents(trx, key)).map((r) => reviveEvent(r.event as Record<string, unknown>)));
  const amount = Number(row.amount_vnd);
  if (state.status !== Status.AWAITING_PAYMENT || !state.payment || state.payment.paidAt !== null || state.payment.amount !== amount) {
    return { seq: null, note: `Hồ sơ không còn chờ khoản này (trạng thái ${state.status}); cần đối soát hoặc hoàn tiền` };
  }
  await ensureGatewayPerson(trx);
  const actor: DossierActor = { id: PAYMENT_GATEWAY_PERSON.id, roles: [Role.RECEPTION], agencyCode: state.receivingAgencyCode };
  const decision = decide(state, Action.RECORD_PAYMENT, actor, { amount, receiptNumber: `${row.gateway}:${row.gateway_transaction_no ?? row.txn_ref}` }, now, calendar);
  if (!decision.ok) return { seq: null, note: `Không ghi được vào hồ sơ: ${decision.error.code}` };
  if (!(await updateSnapshot(trx, key, dossier.version, snapshotOf(decision.next)))) return { seq: null, note: 'Không ghi được vào hồ sơ: VERSION_CONFLICT' };
  await recordEvents(trx, ctx, key, decision.events, decision.next, { payment: row.id, txnRef: row.txn_ref });
  return { seq: decision.events[0]!.seq, note: null };
}

/**
 * Applies a confirmed outcome to a locked payment. Paid is final; a payment closed as failed, cancelled
 * or expired still becomes paid if the gateway confirms the money was taken (it is never lost).
 */
async function settleLocked(trx: Transaction<DB>, row: PaymentRow, c: Confirmation, calendar: WorkingCalendar, ctx: AuditContext): Promise<IpnOutcome> {
  if (row.status === 'paid') return 'already_confirmed';
  const now = new Date();
  if (c.outcome === 'pending') return 'confirmed';
  if (c.outcome === 'paid') {
    const paidRow = { ...row, gateway_transaction_no: c.transactionNo ?? row.gateway_transaction_no };
    const recorded = await recordOnDossier(trx, paidRow, calendar, ctx, now);
    const ok = await updatePayment(trx, row, {
      status: 'paid',
      paid_at: c.paidAt ?? now,
      closed_at: now,
      gateway_transaction_no: c.transactionNo,
      bank_code: c.bankCode,
      response_code: c.responseCode,
      dossier_event_seq: recorded.seq,
      settlement_note: recorded.note,
    });
    if (!ok) throw new Error('payment row changed under its lock');
    await appendAudit(trx, ctx, [
      { action: 'payment.paid', entityType: 'payment', entityId: row.id, data: { txnRef: row.txn_ref, amountVnd: Number(row.amount_vnd), transactionNo: c.transactionNo, dossierEventSeq: recorded.seq, note: recorded.note } },
    ]);
    return 'confirmed';
  }
  if (row.status !== 'pending') return 'already_confirmed';
  const status: PaymentStatus = c.outcome === 'cancelled' ? 'cancelled' : 'failed';
  await updatePayment(trx, row, { status, closed_at: now, response_code: c.responseCode, gateway_transaction_no: c.transactionNo, bank_code: c.bankCode });
  await appendAudit(trx, ctx, [{ action: `payment.${status}`, entityType: 'payment', entityId: row.id, data: { txnRef: row.txn_ref, responseCode: c.responseCode } }]);
  return 'confirmed';
}

export type GatewayMessage = { params: Record<string, unknown>; clientIp: string | null; requestId: string | null };

/** Only flat string parameters are a protocol message; anything else fails verification. */
function flatParams(raw: Record<string, unknown>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

const REFUSED: VerifiedResult = {
  signatureValid: false,
  forThisMerchant: false,
  txnRef: null,
  amountVnd: null,
  outcome: 'failed',
  responseCode: null,
  transactionNo: null,
  bankCode: null,
  paidAt: null,
};

/**
 * A server-to-server notification (IPN). Answers what the protocol expects; records every message.
 * A repeated notification finds the payment settled and is answered "already confirmed".
 */
export async function handleNotification(deps: PaymentDeps, msg: GatewayMessage): Promise<Record<string, string>> {
  const gateway = deps.gateway;
  if (!gateway) throw paymentErrors.gatewayNotConfigured();
  const params = flatParams(msg.params);
  const result = params ? gateway.verifyNotification(params) : REFUSED;
  const record = (outcome: string, key: PaymentKey | null, q: Kysely<DB> | Transaction<DB> = deps.db) =>
    recordNotification(q, { txnRef: result.txnRef, source: 'ipn', gateway: gateway.name, params: msg.params, signatureValid: result.signatureValid, outcome, key, clientIp: msg.clientIp });

  if (!result.signatureValid) {
    await record('invalid_signature', null);
    return gateway.notificationAnswer('invalid_signature');
  }
  const key = result.forThisMerchant && result.txnRef ? await findKeyByTxnRef(deps.db, result.txnRef) : undefined;
  if (!key) {
    await record('not_found', null);
    return gateway.notificationAnswer('not_found');
  }
  try {
    const calendar = await deps.calendarFor(key.agencyCode);
    const outcome = await deps.db.transaction().execute(async (trx) => {
      const row = (await lockPayment(trx, key))!;
      if (result.amountVnd !== Number(row.amount_vnd)) {
        await record('amount_mismatch', key, trx);
        return 'amount_mismatch' as const;
      }
      const o = await settleLocked(trx, row, { outcome: result.outcome, transactionNo: result.transactionNo, bankCode: result.bankCode, responseCode: result.responseCode, paidAt: result.paidAt }, calendar, gatewayContext(key.agencyCode, msg.clientIp, msg.requestId));
      await record(o, key, trx);
      return o;
    });
    return gateway.notificationAnswer(outcome);
  } catch (err) {
    await record('error', key).catch(() => undefined);
    throw err;
  }
}

/**
 * Asks the gateway about one payment and settles it on the answer (the browser return and the
 * reconciliation both end here). `hint` is a verified browser return: it may say why a payment did
 * not go through (cancelled), never that it did.
 */
export async function confirmByQuery(deps: PaymentDeps, key: PaymentKey, opts: { now: Date; hint?: VerifiedResult; clientIp?: string | null; requestId?: string | null }): Promise<{ status: PaymentStatus; changed: boolean; reachable: boolean }> {
  const gateway = deps.gateway;
  if (!gateway) throw paymentErrors.gatewayNotConfigured();
  const before = await findPayment(deps.db, key);
  if (!before) throw paymentErrors.notFound();
  if (before.status === 'paid') return { status: 'paid', changed: false, reachable: true };
  let answer: QueryResult;
  try {
    answer = await gateway.queryTransaction({ txnRef: before.txn_ref, createdAt: new Date(before.created_at), now: opts.now });
  } catch (err) {
    if (err instanceof GatewayUnavailableError) return { status: before.status as PaymentStatus, changed: false, reachable: false };
    throw err;
  }
  const calendar = await deps.calendarFor(key.agencyCode);
  return deps.db.transaction().execute(async (trx) => {
    const row = (await lockPayment(trx, key))!;
    const ctx = gatewayContext(key.agencyCode, opts.clientIp ?? null, opts.requestId ?? null);
    const record = (outcome: string) =>
      recordNotification(trx, { txnRef: row.txn_ref, source: 'query', gateway: gateway.name, params: answer as unknown as Record<string, unknown>, signatureValid: true, outcome, key, clientIp: null });
    const expired = opts.now.getTime() > new Date(row.expires_at).getTime();
    let outcome: IpnOutcome | 'unchanged' = 'unchanged';
    if (!answer.found) {
      if (opts.hint && opts.hint.outcome === 'cancelled' && row.status === 'pending') {
        outcome = await settleLocked(trx, row, { outcome: 'cancelled', transactionNo: null, bankCode: null, responseCode: opts.hint.responseCode, paidAt: null }, calendar, ctx);
      } else if (expired && row.status === 'pending') {
        await updatePayment(trx, row, { status: 'expired', closed_at: opts.now });
        await appendAudit(trx, ctx, [{ action: 'payment.expired', entityType: 'payment', entityId: row.id, data: { txnRef: row.txn_ref } }]);
        outcome = 'confirmed';
      }
    } else if (answer.amountVnd !== Number(row.amount_vnd)) {
      outcome = 'amount_mismatch';
    } else if (answer.outcome === 'pending') {
      if (expired && row.status === 'pending') {
        await updatePayment(trx, row, { status: 'expired', closed_at: opts.now });
        await appendAudit(trx, ctx, [{ action: 'payment.expired', entityType: 'payment', entityId: row.id, data: { txnRef: row.txn_ref } }]);
        outcome = 'confirmed';
      }
    } else {
      // Not paid per the gateway: a verified return may say why (the payer cancelled).
      const why: Outcome = answer.outcome === 'failed' && opts.hint?.outcome === 'cancelled' ? 'cancelled' : answer.outcome;
      outcome = await settleLocked(trx, row, { outcome: why, transactionNo: answer.transactionNo, bankCode: answer.bankCode, responseCode: answer.responseCode, paidAt: answer.paidAt }, calendar, ctx);
    }
    await record(outcome);
    const after = (await findPayment(trx, key))!;
    return { status: after.status as PaymentStatus, changed: after.status !== before.status, reachable: true };
  });
}

/**
 * The payer's browser coming back from the gateway. The signature is checked and the message kept;
 * a pending payment is then settled on the gateway's answer to a query, never on the return alone.
 * Returns where to send the browser.
 */
export async function handleReturn(
  deps: PaymentDeps,
  msg: GatewayMessage,
): Promise<{ dossierRef: string; status: PaymentStatus; draft: { id: string; procedureCode: string } | null }> {
  const gateway = deps.gateway;
  if (!gateway) throw paymentErrors.gatewayNotConfigured();
  const params = flatParams(msg.params);
  const result = params ? gateway.verifyReturn(params) : REFUSED;
  const key = result.signatureValid && result.forThisMerchant && result.txnRef ? await findKeyByTxnRef(deps.db, result.txnRef) : undefined;
  const outcome = !result.signatureValid ? 'invalid_signature' : !key ? 'not_found' : 'received';
  await recordNotification(deps.db, { txnRef: result.txnRef, source: 'return', gateway: gateway.name, params: msg.params, signatureValid: result.signatureValid, outcome, key: key ?? null, clientIp: msg.clientIp });
  if (!result.signatureValid) throw paymentErrors.signatureInvalid();
  if (!key) throw paymentErrors.notFound();
  const row = (await findPayment(deps.db, key))!;
  if (result.amountVnd !== Number(row.amount_vnd)) throw paymentErrors.amountMismatch();
  let status = row.status as PaymentStatus;
  if (status === 'pending') status = (await confirmByQuery(deps, key, { now: new Date(), hint: result, clientIp: msg.clientIp, requestId: msg.requestId })).status;
  const dossier = await deps.db.selectFrom('dossiers').select(['code', 'id', 'status', 'procedure_code']).where('agency_code', '=', key.agencyCode).where('id', '=', row.dossier_id).executeTakeFirstOrThrow();
  // A fee paid before submitting: the applicant goes back to the application, to submit it.
  const draft = dossier.status === 'DRAFT' ? { id: dossier.id, procedureCode: dossier.procedure_code } : null;
  return { dossierRef: dossier.code ?? dossier.id, status, draft };
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

export type ReconcileSummary = { checked: number; paid: number; failed: number; cancelled: number; expired: number; unchanged: number; unreachable: number };

/** Settles pending payments older than `olderThanMinutes` on the gateway's answer to a query. */
export async function reconcilePayments(deps: PaymentDeps, opts: { olderThanMinutes: number; now?: Date; limit?: number }): Promise<ReconcileSummary> {
  const now = opts.now ?? new Date();
  const summary: ReconcileSummary = { checked: 0, paid: 0, failed: 0, cancelled: 0, expired: 0, unchanged: 0, unreachable: 0 };
  if (!deps.gateway) throw paymentErrors.gatewayNotConfigured();
  const rows = await pendingPayments(deps.db, new Date(now.getTime() - opts.olderThanMinutes * 60_000), opts.limit ?? 500);
  for (const r of rows) {
    summary.checked += 1;
    const res = await confirmByQuery(deps, { agencyCode: r.agency_code, id: r.id }, { now });
    if (!res.reachable) summary.unreachable += 1;
    else if (!res.changed) summary.unchanged += 1;
    else if (res.status !== 'pending') summary[res.status] += 1;
  }
  return summary;
}
