import { sql, type Kysely } from 'kysely';

/**
 * Fees and their payment through an online gateway (VNPAY protocol).
 *
 * `dossier_payments` sits next to the dossier it pays for: distributed by `agency_code` (the receiving
 * agency), first in its primary key and in its foreign key to `dossiers`, so settling a payment and
 * recording it in the dossier's history is one single-shard transaction. The gateway's transaction
 * reference is unique per agency there, and globally through `payment_refs`, keyed by the reference
 * itself (like `dossier_codes`): a notification that only carries the reference finds its payment
 * with one keyed read. Every message from the gateway (IPN, browser return, query answer), genuine or
 * not, is kept in `payment_notifications`, append-only, keyed by the reference as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dossier_payments (
      agency_code text NOT NULL,
      id uuid NOT NULL,
      dossier_id uuid NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('procedure_fee', 'financial_obligation')),
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
      amount_vnd bigint NOT NULL CHECK (amount_vnd > 0 AND amount_vnd <= 90000000000000),
      gateway text NOT NULL CHECK (length(gateway) BETWEEN 1 AND 40),
      txn_ref text NOT NULL CHECK (txn_ref ~ '^[A-Za-z0-9]{8,34}$'),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'cancelled')),
      payer_id uuid NOT NULL REFERENCES people (id),
      redirect_url text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      paid_at timestamptz,
      closed_at timestamptz,
      gateway_transaction_no text,
      bank_code text,
      response_code text,
      dossier_event_seq integer,
      settlement_note text,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_code, id),
      UNIQUE (agency_code, txn_ref),
      FOREIGN KEY (agency_code, dossier_id) REFERENCES dossiers (agency_code, id),
      CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
      CHECK ((status = 'pending') = (closed_at IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX dossier_payments_dossier ON dossier_payments (agency_code, dossier_id, created_at)`.execute(db);
  // Reconciliation: the pending payments, oldest first.
  await sql`CREATE INDEX dossier_payments_pending ON dossier_payments (created_at) WHERE status = 'pending'`.execute(db);

  await sql`
    CREATE TABLE payment_refs (
      txn_ref text PRIMARY KEY,
      agency_code text NOT NULL,
      payment_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE payment_notifications (
      txn_ref text NOT NULL,
      id uuid NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      source text NOT NULL CHECK (source IN ('ipn', 'return', 'query')),
      gateway text NOT NULL,
      params jsonb NOT NULL,
      signature_valid boolean NOT NULL,
      outcome text NOT NULL,
      agency_code text,
      payment_id uuid,
      client_ip text,
      PRIMARY KEY (txn_ref, id)
    )`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION payment_notifications_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'payment_notifications is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER payment_notifications_no_change BEFORE UPDATE OR DELETE ON payment_notifications
    FOR EACH ROW EXECUTE FUNCTION payment_notifications_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS payment_notifications`.execute(db);
  await sql`DROP FUNCTION IF EXISTS payment_notifications_append_only()`.execute(db);
  await sql`DROP TABLE IF EXISTS payment_refs`.execute(db);
  await sql`DROP TABLE IF EXISTS dossier_payments`.execute(db);
}
