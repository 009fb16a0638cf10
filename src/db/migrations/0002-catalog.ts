import { sql, type Kysely } from 'kysely';

/**
 * Procedure catalog: one row per procedure with the search columns of its current published version,
 * and every version with its full content. Published versions are immutable: dossiers keep the
 * version they were filed under, so the database itself refuses to rewrite one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE procedures (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]\.[0-9]{6}$'),
      status text NOT NULL CHECK (status IN ('draft', 'published', 'abolished')),
      current_version integer,
      latest_version integer NOT NULL CHECK (latest_version >= 1),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 2000),
      name_key text NOT NULL,
      field text,
      field_key text,
      levels text[] NOT NULL DEFAULT '{}',
      applicant_types text[] NOT NULL DEFAULT '{}',
      online_level text NOT NULL DEFAULT 'none' CHECK (online_level IN ('full', 'partial', 'none')),
      agency_codes text[] NOT NULL DEFAULT '{}',
      agency_text text,
      decision_number text,
      effective_from date,
      abolished_on date,
      summary jsonb NOT NULL DEFAULT '{}'::jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status = 'draft' OR current_version IS NOT NULL),
      CHECK (current_version IS NULL OR current_version <= latest_version)
    )`.execute(db);
  // name_key is the name without diacritics, kí/ký variants folded and punctuation removed, after a
  // leading space (computed by the application, see catalog/model.ts nameSearchKey); the trigram
  // index serves the word-start patterns LIKE '% word%' of the search.
  await sql`CREATE INDEX procedures_name_trgm ON procedures USING gin (name_key gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX procedures_field ON procedures (field_key)`.execute(db);
  await sql`CREATE INDEX procedures_agency_codes ON procedures USING gin (agency_codes)`.execute(db);

  await sql`
    CREATE TABLE procedure_versions (
      code text NOT NULL REFERENCES procedures (code),
      version integer NOT NULL CHECK (version >= 1),
      status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded', 'abolished')),
      effective_from date,
      effective_to date,
      decision_number text,
      data jsonb NOT NULL,
      content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
      created_by text,
      published_by text,
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (code, version),
      CHECK (status = 'draft' OR effective_from IS NOT NULL),
      CHECK (effective_to IS NULL OR effective_to >= effective_from)
    )`.execute(db);
  // At most one working draft and one version currently published per procedure.
  await sql`CREATE UNIQUE INDEX procedure_versions_one_draft ON procedure_versions (code) WHERE status = 'draft'`.execute(db);
  await sql`CREATE UNIQUE INDEX procedure_versions_one_published ON procedure_versions (code) WHERE status = 'published'`.execute(db);

  // The words of procedure names, for correcting typos in searches ("khai snh" → "khai sinh").
  await sql`
    CREATE TABLE procedure_words (
      word text PRIMARY KEY CHECK (word ~ '^[a-z0-9]+$'),
      uses integer NOT NULL DEFAULT 1 CHECK (uses > 0)
    )`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION procedure_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'procedure version %/% is published and cannot be deleted', OLD.code, OLD.version; END IF;
        RETURN OLD;
      END IF;
      IF OLD.status <> 'draft' AND (
        NEW.data IS DISTINCT FROM OLD.data OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
        OR NEW.code IS DISTINCT FROM OLD.code OR NEW.version IS DISTINCT FROM OLD.version
        OR NEW.effective_from IS DISTINCT FROM OLD.effective_from OR NEW.status = 'draft'
      ) THEN
        RAISE EXCEPTION 'procedure version %/% is published and cannot be changed', OLD.code, OLD.version;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE OR DELETE ON procedure_versions
    FOR EACH ROW EXECUTE FUNCTION procedure_versions_frozen()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS procedure_versions CASCADE`.execute(db);
  await sql`DROP TABLE IF EXISTS procedures CASCADE`.execute(db);
  await sql`DROP TABLE IF EXISTS procedure_words`.execute(db);
  await sql`DROP FUNCTION IF EXISTS procedure_versions_frozen()`.execute(db);
}
