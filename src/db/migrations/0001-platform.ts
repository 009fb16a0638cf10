import { sql, type Kysely } from 'kysely';

/**
 * Platform and organisation: administrative units (both structures, with succession),
 * agencies, people and officer roles, the hash-chained audit trail, idempotency keys, sessions.
 * Reference tables (units, agencies) are small and would be replicated to every node of a
 * distributed PostgreSQL; dossier-side tables come in later migrations keyed by agency.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  // An immutable unaccent wrapper so it can be used in index expressions.
  await sql`
    CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace($1, 'đ', 'd'), 'Đ', 'D'))) $$
  `.execute(db);

  await sql`
    CREATE TABLE admin_units (
      structure text NOT NULL CHECK (structure IN ('2025', 'pre2025')),
      code text NOT NULL CHECK (code ~ '^[0-9]{2,5}$'),
      level text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      unit_type text NOT NULL,
      parent_code text,
      valid_from date NOT NULL,
      valid_to date,
      PRIMARY KEY (structure, code),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    )`.execute(db);
  await sql`CREATE INDEX admin_units_parent ON admin_units (structure, parent_code)`.execute(db);

  await sql`
    CREATE TABLE admin_unit_successions (
      old_structure text NOT NULL,
      old_code text NOT NULL,
      new_structure text NOT NULL,
      new_code text NOT NULL,
      merge_type text NOT NULL CHECK (merge_type IN ('full', 'partial')),
      effective_on date NOT NULL,
      PRIMARY KEY (old_structure, old_code, new_structure, new_code),
      FOREIGN KEY (old_structure, old_code) REFERENCES admin_units (structure, code),
      FOREIGN KEY (new_structure, new_code) REFERENCES admin_units (structure, code)
    )`.execute(db);
  await sql`CREATE INDEX admin_unit_successions_new ON admin_unit_successions (new_structure, new_code)`.execute(db);

  await sql`
    CREATE TABLE agencies (
      code text PRIMARY KEY CHECK (length(code) <= 35 AND code ~ '^[0-9A-Z]+(\.[0-9A-Z]+)*$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
      kind text NOT NULL,
      parent_code text REFERENCES agencies (code),
      unit_structure text,
      unit_code text,
      address text,
      phone text,
      email text,
      working_hours jsonb,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (unit_structure, unit_code) REFERENCES admin_units (structure, code),
      CHECK (parent_code IS NULL OR parent_code <> code)
    )`.execute(db);
  await sql`CREATE INDEX agencies_parent ON agencies (parent_code)`.execute(db);

  await sql`
    CREATE TABLE people (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('citizen', 'business', 'officer', 'service')),
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
      full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
      personal_id text UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
      tax_code text UNIQUE CHECK (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
      email text,
      phone text,
      date_of_birth date,
      address text,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'business' OR tax_code IS NOT NULL)
    )`.execute(db);

  await sql`
    CREATE TABLE officer_roles (
      person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
      agency_code text NOT NULL REFERENCES agencies (code),
      role text NOT NULL CHECK (role IN ('reception', 'specialist', 'approver', 'procedure_control', 'reporting', 'admin')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, agency_code, role)
    )`.execute(db);
  await sql`CREATE INDEX officer_roles_agency ON officer_roles (agency_code, role)`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id text,
      actor_name text,
      agency_code text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      request_id text,
      client_ip text,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    )`.execute(db);
  await sql`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id)`.execute(db);
  // Append-only: the database itself refuses updates and deletes of audit rows.
  await sql`
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      actor_id text NOT NULL,
      key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
      route text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, key)
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      id_token text
    )`.execute(db);
  await sql`CREATE INDEX sessions_person ON sessions (person_id)`.execute(db);

  await sql`
    CREATE TABLE oidc_store (
      model text NOT NULL,
      id text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      user_code text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (model, id)
    )`.execute(db);
  await sql`CREATE INDEX oidc_store_grant ON oidc_store (grant_id)`.execute(db);
  await sql`CREATE INDEX oidc_store_uid ON oidc_store (uid)`.execute(db);

  await sql`
    CREATE TABLE app_settings (
      name text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'app_settings',
    'oidc_store',
    'sessions',
    'idempotency_keys',
    'audit_log',
    'officer_roles',
    'people',
    'agencies',
    'admin_unit_successions',
    'admin_units',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
}
