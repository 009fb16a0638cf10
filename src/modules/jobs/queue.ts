/**
 * Enqueuing after-commit jobs. `enqueue` takes the caller's transaction: the job row commits or rolls
 * back with the business change, so a job exists if and only if the change it reacts to committed
 * (no message about a dossier action that never happened, no lost message for one that did).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { sendWithoutWaiting } from '../../db/pipeline.js';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema.js';

export type NewJob = {
  /** Distribution key: the agency the job belongs to (for dossier jobs, the dossier's receiving agency). */
  agencyCode: string;
  kind: string;
  payload?: Record<string, unknown>;
  /** The same logical job enqueued twice (a retried request, a re-run sweep) is one row. */
  dedupeKey?: string;
  /** Not before this instant (default: now). */
  runAt?: Date;
  maxAttempts?: number;
};

/** Inserts the job in the caller's transaction. Returns its id, or null when the dedupe key already exists. */
export async function enqueue(trx: Transaction<DB> | Kysely<DB>, job: NewJob): Promise<string | null> {
  const row = await trx
    .insertInto('jobs')
    .values(jobRow(job))
    .onConflict((oc) => oc.columns(['agency_code', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The row of a new job: a fresh id, the defaults filled in. */
function jobRow(job: NewJob) {
  return {
    agency_code: job.agencyCode,
    id: randomUUID(),
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    dedupe_key: job.dedupeKey ?? null,
    run_at: job.runAt ?? new Date(),
    max_attempts: job.maxAttempts ?? 8,
    last_error: null,
    locked_by: null,
    locked_until: null,
    done_at: null,
    dead_at: null,
  };
}

/** Enqueues many jobs in one statement (same semantics as `enqueue`). Returns how many rows were new. */
export async function enqueueMany(trx: Transaction<DB> | Kysely<DB>, jobs: readonly NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const r = await trx.executeQuery(insertJobs(trx, jobs));
  return Number(r.numAffectedRows ?? 0);
}

/**
 * `enqueueMany` inside a use case's transaction, when the caller does not need the count: the insert
 * is sent without waiting for its answer (see db/pipeline.ts); it still commits or fails with the rest.
 */
export async function enqueueInTransaction(trx: Transaction<DB>, jobs: readonly NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await sendWithoutWaiting(trx, insertJobs(trx, jobs));
}

function insertJobs(trx: Transaction<DB> | Kysely<DB>, jobs: readonly NewJob[]) {
  return newJobs.compile(trx, { rows: jobs.map(jobRow) });
}

const newJobs = prepared((db: Kysely<DB>, { rows }: { rows: (Insertable<DB['jobs']>)[] }) =>
  db
    .insertInto('jobs')
    .values(rows)
    .onConflict((oc) => oc.columns(['agency_code', 'dedupe_key']).doNothing()),
);

/** Puts a dead job back in the queue with a fresh budget of attempts (operators, after fixing the cause). */
export async function retryDeadJob(trx: Transaction<DB>, agencyCode: string, id: string): Promise<boolean> {
  const r = await trx
    .updateTable('jobs')
    .set({ dead_at: null, attempts: 0, run_at: new Date(), locked_by: null, locked_until: null, updated_at: sql`now()` })
    .where('agency_code', '=', agencyCode)
    .where('id', '=', id)
    .where('dead_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
