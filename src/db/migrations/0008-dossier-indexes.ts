import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the officer lists at province scale (measured by bench/dossiers.bench.ts at 1M
 * dossiers). An officer's scope is "received here OR held here", an OR over two columns, so the
 * per-agency indexes of 0004 can only feed a bitmap scan followed by a sort of every match. The
 * newest-first lists (all, by procedure, by date) instead walk these indexes in order and stop after
 * one page, filtering by scope on the way; the busiest desks fill a page within a few index entries.
 * On a distributed PostgreSQL each shard keeps its own part of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX dossiers_newest ON dossiers (created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX dossiers_procedure_newest ON dossiers (procedure_code, created_at DESC, id DESC)`.execute(db);
  // Search by code: the scope's OR hides the (agency_code, code) key from the planner.
  await sql`CREATE INDEX dossiers_code ON dossiers (code) WHERE code IS NOT NULL`.execute(db);
  // The two busiest inboxes, newest first, over the few open dossiers only.
  await sql`CREATE INDEX dossiers_to_receive ON dossiers (agency_code, created_at DESC, id DESC) WHERE status = 'SUBMITTED'`.execute(db);
  await sql`CREATE INDEX dossiers_to_process ON dossiers (holder_agency_code, created_at DESC, id DESC) WHERE status IN ('RECEIVED', 'IN_PROCESS', 'TRANSFERRED')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS dossiers_to_process`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_to_receive`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_code`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_procedure_newest`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_newest`.execute(db);
}
