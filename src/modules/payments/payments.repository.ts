/**
 * All SQL of payments. Statements on `dossier_payments` name `agency_code` (the distribution key,
 * shared with the dossier) whenever it is known; a gateway message is first resolved to its payment
 * through `payment_refs`, keyed by the transaction reference (one keyed read).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, PaymentPurpose, PaymentStatus } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export type PaymentKey = { agencyCode: string; id: string };

export type NewPayment = {
  agency_code: string;
  id: string;
  dossier_id: string;
  purpose: PaymentPurpose;
  description: string;
  amount_vnd: number;
  gateway: string;
  txn_ref: string;
  payer_id: string;
  redirect_url: string;
  expires_at: Date;
  created_at: Date;
};

export async function insertPayment(trx: Transaction<DB>, p: NewPayment): Promise<void> {
  await trx.insertInto('dossier_payments').values(p).execute();
  await trx.insertInto('payment_refs').values({ txn_ref: p.txn_ref, agency_code: p.agency_code, payment_id: p.id }).execute();
}

export async function findKeyByTxnRef(db: Q, txnRef: string): Promise<PaymentKey | undefined> {
  const r = await db.selectFrom('payment_refs').select(['agency_code', 'payment_id']).where('txn_ref', '=', txnRef).executeTakeFirst();
  return r && { agencyCode: r.agency_code, id: r.payment_id };
}

/** Reads and locks a payment: concurrent notifications about one payment queue here. */
export async function lockPayment(trx: Transaction<DB>, key: PaymentKey) {
  return trx.selectFrom('dossier_payments').selectAll().where('agency_code', '=', key.agencyCode).where('id', '=', key.id).forUpdate().executeTakeFirst();
}
export type PaymentRow = NonNullable<Awaited<ReturnType<typeof lockPayment>>>;

export async function findPayment(db: Q, key: PaymentKey) {
  return db.selectFrom('dossier_payments').selectAll().where('agency_code', '=', key.agencyCode).where('id', '=', key.id).executeTakeFirst();
}

export async function paymentsOfDossier(db: Q, agencyCode: string, dossierId: string) {
  return db
    .selectFrom('dossier_payments')
    .selectAll()
    .where('agency_code', '=', agencyCode)
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export type PaymentChange = {
  status: PaymentStatus;
  paid_at?: Date | null;
  closed_at?: Date | null;
  gateway_transaction_no?: string | null;
  bank_code?: string | null;
  response_code?: string | null;
  dossier_event_seq?: number | null;
  settlement_note?: string | null;
};

/** Writes a change of a locked payment, checking the version it was read at. */
export async function updatePayment(trx: Transaction<DB>, row: PaymentRow, change: PaymentChange): Promise<boolean> {
  const r = await trx
    .updateTable('dossier_payments')
    .set({ ...change, version: row.version + 1, updated_at: new Date() })
    .where('agency_code', '=', row.agency_code)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Pending payments created before `before`, oldest first (the reconciliation's work list). */
export async function pendingPayments(db: Q, before: Date, limit: number) {
  return db
    .selectFrom('dossier_payments')
    .select(['agency_code', 'id', 'txn_ref', 'created_at'])
    .where('status', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export type NotificationRecord = {
  txnRef: string | null;
  source: 'ipn' | 'return' | 'query';
  gateway: string;
  params: Record<string, unknown>;
  signatureValid: boolean;
  outcome: string;
  key: PaymentKey | null;
  clientIp: string | null;
};

/** Keeps a gateway message as received, with what was concluded from it (append-only). */
export async function recordNotification(db: Q, n: NotificationRecord): Promise<void> {
  await db
    .insertInto('payment_notifications')
    .values({
      txn_ref: (n.txnRef ?? '').slice(0, 100),
      id: randomUUID(),
      source: n.source,
      gateway: n.gateway,
      params: JSON.stringify(n.params),
      signature_valid: n.signatureValid,
      outcome: n.outcome,
      agency_code: n.key?.agencyCode ?? null,
      payment_id: n.key?.id ?? null,
      client_ip: n.clientIp,
    })
    .execute();
}

export async function notificationsOf(db: Q, txnRef: string) {
  return db.selectFrom('payment_notifications').selectAll().where('txn_ref', '=', txnRef).orderBy('received_at').execute();
}

/** The service account in whose name confirmed payments are recorded (inactive: it never signs in). */
export const PAYMENT_GATEWAY_PERSON = {
  id: '00000000-0000-4000-8000-0000000000a1',
  username: 'hethong.thanhtoan',
  fullName: 'Cổng thanh toán trực tuyến',
} as const;

export async function ensureGatewayPerson(trx: Transaction<DB>): Promise<void> {
  await trx
    .insertInto('people')
    .values({
      id: PAYMENT_GATEWAY_PERSON.id,
      kind: 'service',
      username: PAYMENT_GATEWAY_PERSON.username,
      full_name: PAYMENT_GATEWAY_PERSON.fullName,
      personal_id: null,
      tax_code: null,
      email: null,
      phone: null,
      date_of_birth: null,
      address: null,
      active: false,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
