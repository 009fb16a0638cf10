import { sql, type Kysely } from 'kysely';

/**
 * Satisfaction ratings of the service (đánh giá mức độ hài lòng), once the result is returned, and the
 * criteria they score.
 *
 * - `rating_criteria` is reference data (replicated on a distributed cluster): the criteria the index
 *   set asks about, with their labels, so a criterion is added or retired without a code change.
 * - `dossier_ratings`: one rating per dossier, by its applicant, distributed like the dossier
 *   (`agency_code` first in the primary key and in the foreign key, see docs/scaling.md): satisfied or
 *   not (like / dislike), a 1–5 score per criterion (`scores`, criterion code → score), an optional comment.
 *
 * Online drafts are not legal records: the owner may discard one (DELETE /dossiers/:ref/draft). The
 * history guards of `dossier_events` (append-only) and `dossier_attachments` (keeps its history) are
 * redefined to let the rows of a dossier that is still a DRAFT be deleted, and nothing else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rating_criteria (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
      label_vi text NOT NULL CHECK (length(label_vi) BETWEEN 1 AND 200),
      label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 200),
      position integer NOT NULL,
      active boolean NOT NULL DEFAULT true
    )`.execute(db);
  await sql`
    INSERT INTO rating_criteria (code, label_vi, label_en, position) VALUES
      ('guidance', 'Hướng dẫn, tiếp nhận hồ sơ', 'Guidance on the dossier and its reception', 1),
      ('attitude', 'Thái độ phục vụ của cán bộ', 'Attitude of the officers', 2),
      ('timeliness', 'Thời gian giải quyết', 'Time taken to settle the dossier', 3),
      ('transparency', 'Công khai, minh bạch', 'Openness and transparency', 4)`.execute(db);

  await sql`
    CREATE TABLE dossier_ratings (
      agency_code text NOT NULL,
      dossier_id uuid NOT NULL,
      applicant_id uuid NOT NULL REFERENCES people (id),
      satisfied boolean NOT NULL,
      scores jsonb NOT NULL CHECK (jsonb_typeof(scores) = 'object'),
      comment text CHECK (length(comment) BETWEEN 1 AND 2000),
      returned_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_code, dossier_id),
      FOREIGN KEY (agency_code, dossier_id) REFERENCES dossiers (agency_code, id)
    )`.execute(db);
  // The agency's ratings over a period (satisfaction indicator), newest first.
  await sql`CREATE INDEX dossier_ratings_recent ON dossier_ratings (agency_code, created_at DESC)`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM dossiers d WHERE d.agency_code = OLD.agency_code AND d.id = OLD.dossier_id AND d.status = 'DRAFT'
      ) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'dossier_events is append-only';
    END $$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION dossier_attachments_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM dossiers d WHERE d.agency_code = OLD.agency_code AND d.id = OLD.dossier_id AND d.status = 'DRAFT') THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'dossier_attachments keeps its history: rows are never deleted';
      END IF;
      IF OLD.superseded_by IS NOT NULL OR NEW.superseded_by IS NULL
         OR (to_jsonb(NEW) - 'superseded_by' - 'superseded_at') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by' - 'superseded_at') THEN
        RAISE EXCEPTION 'dossier_attachments rows change only once, to name the row that supersedes them';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'dossier_events is append-only';
    END $$`.execute(db);
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
  await sql`DROP TABLE IF EXISTS dossier_ratings`.execute(db);
  await sql`DROP TABLE IF EXISTS rating_criteria`.execute(db);
}
