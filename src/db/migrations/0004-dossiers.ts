import { sql, type Kysely } from 'kysely';

/**
 * Dossiers (hồ sơ) and their append-only history, laid out for a distributed PostgreSQL (Citus):
 * every dossier-side table is distributed by `agency_code`, the receiving agency, which comes first
 * in each primary key and in each foreign key between them, so a dossier, its events and its daily
 * numbering live on one shard and the use cases run shard-local. `dossier_codes` maps the national
 * code to (agency_code, id) so a lookup by code is one keyed read. See docs/scaling.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dossiers (
      agency_code text NOT NULL REFERENCES agencies (code),
      id uuid NOT NULL,
      code text,
      procedure_code text NOT NULL,
      procedure_version integer NOT NULL,
      applicant_id uuid NOT NULL REFERENCES people (id),
      filer_id uuid NOT NULL REFERENCES people (id),
      representative_name text CHECK (length(representative_name) BETWEEN 1 AND 200),
      representative_mandate text CHECK (length(representative_mandate) BETWEEN 1 AND 2000),
      channel text NOT NULL CHECK (channel IN ('online', 'in_person', 'postal')),
      form_data jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL,
      national_status smallint CHECK (national_status BETWEEN 1 AND 10),
      holder_agency_code text NOT NULL REFERENCES agencies (code),
      competent_agency_code text NOT NULL REFERENCES agencies (code),
      assignee_id uuid,
      due_at timestamptz,
      step_due_at timestamptz,
      paused_since timestamptz,
      submitted_at timestamptz,
      received_at timestamptz,
      state jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_code, id),
      UNIQUE (agency_code, code),
      FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedure_versions (code, version),
      CHECK ((representative_name IS NULL) = (representative_mandate IS NULL))
    )`.execute(db);
  // Inboxes of the receiving desk: "to receive", "overdue", "due soon" per status, soonest first.
  await sql`CREATE INDEX dossiers_inbox ON dossiers (agency_code, status, due_at)`.execute(db);
  // Inboxes of the agency holding the dossier (competent or co-operating body).
  await sql`CREATE INDEX dossiers_holder_inbox ON dossiers (holder_agency_code, status, due_at)`.execute(db);
  // Default listing and date-range search, newest first, keyset-paginated on (created_at, id).
  await sql`CREATE INDEX dossiers_recent ON dossiers (agency_code, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX dossiers_procedure ON dossiers (agency_code, procedure_code, created_at DESC)`.execute(db);
  // "My dossiers" of an applicant (fans out on a distributed cluster; small per person).
  await sql`CREATE INDEX dossiers_applicant ON dossiers (applicant_id, created_at DESC, id DESC)`.execute(db);
  // Before receipt a dossier has no national code and is addressed by its id.
  await sql`CREATE INDEX dossiers_id ON dossiers (id)`.execute(db);

  await sql`
    CREATE TABLE dossier_events (
      agency_code text NOT NULL,
      dossier_id uuid NOT NULL,
      seq integer NOT NULL CHECK (seq >= 1),
      action text NOT NULL,
      at timestamptz NOT NULL,
      actor_id uuid NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('officer', 'applicant')),
      actor_agency_code text,
      status_from text,
      status_to text NOT NULL,
      event jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_code, dossier_id, seq),
      FOREIGN KEY (agency_code, dossier_id) REFERENCES dossiers (agency_code, id)
    )`.execute(db);
  // Append-only: the database itself refuses to rewrite or delete the history.
  await sql`
    CREATE OR REPLACE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'dossier_events is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER dossier_events_no_change BEFORE UPDATE OR DELETE ON dossier_events
    FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only()`.execute(db);

  // Daily numbering of dossier codes per receiving agency (<agency>-<YYMMDD>-<NNNN>).
  await sql`
    CREATE TABLE dossier_sequences (
      agency_code text NOT NULL,
      day date NOT NULL,
      last_value integer NOT NULL CHECK (last_value >= 1),
      PRIMARY KEY (agency_code, day)
    )`.execute(db);

  // National code → where the dossier lives. Keyed by the code itself, so a lookup touches one node.
  await sql`
    CREATE TABLE dossier_codes (
      code text PRIMARY KEY CHECK (length(code) <= 60),
      agency_code text NOT NULL,
      dossier_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dossier_codes`.execute(db);
  await sql`DROP TABLE IF EXISTS dossier_sequences`.execute(db);
  await sql`DROP TABLE IF EXISTS dossier_events`.execute(db);
  await sql`DROP FUNCTION IF EXISTS dossier_events_append_only()`.execute(db);
  await sql`DROP TABLE IF EXISTS dossiers`.execute(db);
}
