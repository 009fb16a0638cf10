import { sql, type Kysely } from 'kysely';

/**
 * Official schedule entries entered by administrators (days off, make-up working days). Entries are
 * never deleted: a correction revokes the old entry and adds a new one, so the history stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_overrides (
      id uuid PRIMARY KEY,
      date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
      reason_vi text NOT NULL CHECK (length(reason_vi) BETWEEN 1 AND 500),
      reason_en text NOT NULL CHECK (length(reason_en) BETWEEN 1 AND 500),
      source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
      created_by uuid REFERENCES people (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by uuid REFERENCES people (id),
      revoke_reason text
    )`.execute(db);
  // At most one entry in force per date: a second one must replace the first explicitly.
  await sql`CREATE UNIQUE INDEX calendar_overrides_active_date ON calendar_overrides (date) WHERE revoked_at IS NULL`.execute(db);
  await sql`CREATE INDEX calendar_overrides_date ON calendar_overrides (date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS calendar_overrides`.execute(db);
}
