import { sql, type Kysely } from 'kysely';

/**
 * Attachments of a dossier, one row per paper of a dossier component (thành phần hồ sơ) or per result
 * document. Distributed like the dossier itself: `agency_code` (the receiving agency) comes first in
 * the primary key and in the foreign keys, so a dossier and its files live on one shard.
 *
 * The file content is not in the database: `sha256` is its address in the blob store (local disk or
 * an S3-compatible bucket). A paper the desk received only on paper is a row without content
 * (`digitised` false). Rows are never deleted or rewritten: a replaced file is marked once with the
 * row that supersedes it, so the history of what was submitted stays whole.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dossier_attachments (
      agency_code text NOT NULL,
      id uuid NOT NULL,
      dossier_id uuid NOT NULL,
      component text NOT NULL CHECK (component = 'result' OR component ~ '^TP[0-9]{2,3}$'),
      digitised boolean NOT NULL,
      file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
      media_type text CHECK (length(media_type) BETWEEN 3 AND 200),
      size bigint CHECK (size >= 0),
      sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      note text CHECK (length(note) BETWEEN 1 AND 2000),
      uploaded_by uuid NOT NULL REFERENCES people (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      superseded_by uuid,
      superseded_at timestamptz,
      PRIMARY KEY (agency_code, id),
      FOREIGN KEY (agency_code, dossier_id) REFERENCES dossiers (agency_code, id),
      FOREIGN KEY (agency_code, superseded_by) REFERENCES dossier_attachments (agency_code, id),
      -- Digitised means there is content, and content always comes with its name, type and size.
      CHECK (digitised = (sha256 IS NOT NULL)),
      CHECK ((sha256 IS NULL) = (file_name IS NULL) AND (sha256 IS NULL) = (media_type IS NULL) AND (sha256 IS NULL) = (size IS NULL)),
      -- Results are stored as files (index of digitised results); a paper-only row says what the paper was.
      CHECK (component <> 'result' OR digitised),
      CHECK (digitised OR note IS NOT NULL),
      CHECK ((superseded_by IS NULL) = (superseded_at IS NULL)),
      CHECK (superseded_by IS DISTINCT FROM id)
    )`.execute(db);
  // The files of one dossier, per component, in order.
  await sql`CREATE INDEX dossier_attachments_dossier ON dossier_attachments (agency_code, dossier_id, component, created_at)`.execute(db);
  // Reuse by attachment id from another dossier of the same applicant (fans out on a distributed cluster; one row).
  await sql`CREATE INDEX dossier_attachments_id ON dossier_attachments (id)`.execute(db);

  // History is kept: no deletes, and the only change a row may ever see is being superseded, once.
  await sql`
    CREATE OR REPLACE FUNCTION dossier_attachments_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'dossier_attachments keeps its history: rows are never deleted';
      END IF;
      IF OLD.superseded_by IS NOT NULL OR NEW.superseded_by IS NULL
         OR (to_jsonb(NEW) - 'superseded_by' - 'superseded_at') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by' - 'superseded_at') THEN
        RAISE EXCEPTION 'dossier_attachments rows change only once, to name the row that supersedes them';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER dossier_attachments_history BEFORE UPDATE OR DELETE ON dossier_attachments
    FOR EACH ROW EXECUTE FUNCTION dossier_attachments_keep_history()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dossier_attachments`.execute(db);
  await sql`DROP FUNCTION IF EXISTS dossier_attachments_keep_history()`.execute(db);
}
