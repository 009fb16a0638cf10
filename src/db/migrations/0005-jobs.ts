import { sql, type Kysely } from 'kysely';

/**
 * After-commit jobs and the notification outbox, laid out like the dossier tables (docs/scaling.md):
 * distributed by `agency_code`, which comes first in each primary key, so a job and the dossier it is
 * about live on the same shard and a worker claims one agency's jobs with a shard-local statement.
 *
 * A job row is written in the business transaction (it exists if and only if the change committed).
 * `dedupe_key` makes enqueuing the same logical job twice one row (unique per agency, as Citus needs).
 * A worker claims due rows with SELECT … FOR UPDATE SKIP LOCKED and holds a lease (`locked_by`,
 * `locked_until`) while it runs them; a crashed worker's lease runs out and the job is claimed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      agency_code text NOT NULL,
      id uuid NOT NULL,
      kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      dedupe_key text CHECK (length(dedupe_key) BETWEEN 1 AND 300),
      run_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts >= 1),
      last_error text,
      locked_by text,
      locked_until timestamptz,
      done_at timestamptz,
      dead_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_code, id),
      UNIQUE (agency_code, dedupe_key),
      CHECK (done_at IS NULL OR dead_at IS NULL)
    )`.execute(db);
  // Pending jobs of one agency, soonest first: what a claim reads (shard-local).
  await sql`CREATE INDEX jobs_pending ON jobs (agency_code, run_at) WHERE done_at IS NULL AND dead_at IS NULL`.execute(db);
  // Which agencies have due work (the round robin's first step) and the operators' view of dead jobs.
  await sql`CREATE INDEX jobs_due ON jobs (run_at, agency_code) WHERE done_at IS NULL AND dead_at IS NULL`.execute(db);
  await sql`CREATE INDEX jobs_dead ON jobs (agency_code, dead_at DESC) WHERE dead_at IS NOT NULL`.execute(db);

  // Every message the platform sent or, without a configured gateway, only recorded (transport says which).
  await sql`
    CREATE TABLE notification_outbox (
      agency_code text NOT NULL,
      id uuid NOT NULL,
      job_id uuid,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      transport text NOT NULL CHECK (transport IN ('smtp', 'log', 'sms-gateway', 'sms-dev-outbox')),
      recipient text NOT NULL,
      recipient_person_id uuid,
      template text NOT NULL,
      subject text,
      body text NOT NULL,
      dossier_id uuid,
      provider_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_code, id)
    )`.execute(db);
  await sql`CREATE INDEX notification_outbox_recent ON notification_outbox (agency_code, created_at DESC)`.execute(db);
  await sql`CREATE INDEX notification_outbox_dossier ON notification_outbox (agency_code, dossier_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS notification_outbox`.execute(db);
  await sql`DROP TABLE IF EXISTS jobs`.execute(db);
}
