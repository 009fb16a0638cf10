/**
 * All SQL of the dossier engine. Every statement on a dossier-side table names `agency_code` (the
 * distribution key) whenever it is known, so it runs on one shard of a distributed PostgreSQL; the
 * exceptions are listed in docs/scaling.md. Functions that must be atomic take a Transaction.
 */
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, DossiersTable } from '../../db/schema.js';
import { sendWithoutWaiting } from '../../db/pipeline.js';
import { prepared } from '../../db/prepared.js';
import type { DossierEvent, DossierState } from './domain/index.js';

type Q = Kysely<DB> | Transaction<DB>;
export type DossierKey = { agencyCode: string; id: string };

/** What the caller may see: their own dossiers (applicant), or those of the agencies in scope (officer). */
export type Visibility = { kind: 'applicant'; personId: string } | { kind: 'officer'; agencies: readonly string[] };

/**
 * The named visibility fragment every read goes through.
 *
 * @example db.selectFrom('dossiers as d').where((eb) => visibleTo(eb, { kind: 'applicant', personId }))
 */
export function visibleTo(eb: ExpressionBuilder<DB & { d: DossiersTable }, 'd'>, v: Visibility): Expression<SqlBool> {
  if (v.kind === 'applicant') return eb.or([eb('d.applicant_id', '=', v.personId), eb('d.filer_id', '=', v.personId)]);
  if (v.agencies.length === 0) return sql<SqlBool>`false`;
  // The receiving desk sees what it received; the agency holding the dossier sees what it holds; the
  // competent (lead) agency keeps following a received dossier while another agency holds it.
  // An online draft is the applicant's alone until it is submitted.
  return eb.and([
    eb('d.status', '<>', 'DRAFT'),
    eb.or([receivedOrHeldBy(eb, v.agencies), eb.and([eb('d.competent_agency_code', 'in', [...v.agencies]), eb('d.received_at', 'is not', null)])]),
  ]);
}

/** Dossiers received at or held by one of the agencies: the officer's work, and the OR the inbox indexes serve. */
function receivedOrHeldBy(eb: ExpressionBuilder<DB & { d: DossiersTable }, 'd'>, agencies: readonly string[]): Expression<SqlBool> {
  return eb.or([eb('d.agency_code', 'in', [...agencies]), eb('d.holder_agency_code', 'in', [...agencies])]);
}

/** Where a dossier lives, from its national code (one keyed read) or, before receipt, its id. */
export async function findDossierKey(db: Q, ref: string): Promise<DossierKey | undefined> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) {
    const row = await db.selectFrom('dossiers').select(['agency_code', 'id']).where('id', '=', ref).executeTakeFirst();
    return row && { agencyCode: row.agency_code, id: row.id };
  }
  return findKeyByCode(db, ref);
}

/** Where the dossier with this national code lives (the code is given at receipt). */
export async function findKeyByCode(db: Q, code: string): Promise<DossierKey | undefined> {
  const row = await db.selectFrom('dossier_codes').select(['agency_code', 'dossier_id']).where('code', '=', code).executeTakeFirst();
  return row && { agencyCode: row.agency_code, id: row.dossier_id };
}

export async function findDossier(db: Q, key: DossierKey, v: Visibility) {
  return db
    .selectFrom('dossiers as d')
    .selectAll('d')
    .where('d.agency_code', '=', key.agencyCode)
    .where('d.id', '=', key.id)
    .where((eb) => visibleTo(eb, v))
    .executeTakeFirst();
}

/** Reads and locks the dossier row: concurrent actions on one dossier queue here. */
export async function lockDossier(trx: Transaction<DB>, key: DossierKey) {
  return trx.selectFrom('dossiers').selectAll().where('agency_code', '=', key.agencyCode).where('id', '=', key.id).forUpdate().executeTakeFirst();
}

export type DossierRow = NonNullable<Awaited<ReturnType<typeof lockDossier>>>;

export async function loadEvents(db: Q, key: DossierKey) {
  return db
    .selectFrom('dossier_events')
    .select(['seq', 'event', 'at'])
    .where('agency_code', '=', key.agencyCode)
    .where('dossier_id', '=', key.id)
    .orderBy('seq')
    .execute();
}

/** The columns of the dossier row that mirror the domain state (the state itself is kept whole in `state`). */
export function snapshotColumns(state: DossierState, nationalStatus: number | null) {
  return {
    code: state.dossierCode,
    status: state.status,
    national_status: nationalStatus,
    holder_agency_code: state.holderAgencyCode,
    assignee_id: state.assigneeId,
    due_at: state.due,
    step_due_at: state.step?.due ?? null,
    paused_since: state.pausedSince,
    submitted_at: state.submittedAt,
    received_at: state.receivedAt,
    state: JSON.stringify(state),
  };
}

export type NewDossier = Pick<
  DossiersTable,
  | 'agency_code'
  | 'id'
  | 'procedure_code'
  | 'procedure_version'
  | 'applicant_id'
  | 'filer_id'
  | 'representative_name'
  | 'representative_mandate'
  | 'channel'
  | 'competent_agency_code'
> & { form_data: Record<string, unknown> };

/**
 * Inserts the dossier and returns the row as stored (the same columns `lockDossier` reads). Only what
 * the database fills in comes back; the rest is what was sent, so the form and the state are not
 * parsed back from JSON.
 */
export async function insertDossier(trx: Transaction<DB>, d: NewDossier, snapshot: ReturnType<typeof snapshotColumns>): Promise<DossierRow> {
  const [stored] = (await newDossier.execute(trx, { ...d, form_data: JSON.stringify(d.form_data), ...snapshot })).rows;
  if (!stored) throw new Error('insert into dossiers returned no row');
  return { ...d, ...snapshot, state: JSON.parse(snapshot.state) as DossierRow['state'], ...stored };
}

/**
 * Writes the new snapshot if the row is still at `expectedVersion` (the caller holds the row lock; the
 * version check also guards callers that did not take it). Returns whether the row was updated.
 */
export async function updateSnapshot(
  trx: Transaction<DB>,
  key: DossierKey,
  expectedVersion: number,
  snapshot: ReturnType<typeof snapshotColumns>,
): Promise<boolean> {
  const r = await trx
    .updateTable('dossiers')
    .set({ ...snapshot, version: expectedVersion + 1, updated_at: new Date() })
    .where('agency_code', '=', key.agencyCode)
    .where('id', '=', key.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function appendEvents(trx: Transaction<DB>, key: DossierKey, events: readonly DossierEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Nothing is read back: sent without waiting (db/pipeline.ts); a failure still fails the transaction.
  const insert = newEvents.compile(trx, {
    rows: events.map((e) => ({
      agency_code: key.agencyCode,
      dossier_id: key.id,
      seq: e.seq,
      action: e.action,
      at: e.at,
      actor_id: e.actorId,
      actor_kind: e.actorKind,
      actor_agency_code: e.agencyCode,
      status_from: e.status.from,
      status_to: e.status.to,
      event: JSON.stringify(e),
    })),
  });
  await sendWithoutWaiting(trx, insert);
}

const newDossier = prepared((db: Kysely<DB>, row: Insertable<DossiersTable>) =>
  db.insertInto('dossiers').values(row).returning(['version', 'created_at', 'updated_at']),
);

const newEvents = prepared((db: Kysely<DB>, { rows }: { rows: (Insertable<DB['dossier_events']>)[] }) =>
  db.insertInto('dossier_events').values(rows),
);

/** The next number of the agency's daily sequence; the upsert's row lock serialises concurrent receipts. */
export async function nextSequence(trx: Transaction<DB>, agencyCode: string, day: string): Promise<number> {
  const row = await trx
    .insertInto('dossier_sequences')
    .values({ agency_code: agencyCode, day, last_value: 1 })
    .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last_value: sql`dossier_sequences.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function insertCode(trx: Transaction<DB>, code: string, key: DossierKey): Promise<void> {
  await trx.insertInto('dossier_codes').values({ code, agency_code: key.agencyCode, dossier_id: key.id }).execute();
}

// ---------------------------------------------------------------------------------------------
// Lists

export const Box = {
  TO_RECEIVE: 'to_receive',
  TO_PROCESS: 'to_process',
  TO_APPROVE: 'to_approve',
  AWAITING_SUPPLEMENT: 'awaiting_supplement',
  DUE_SOON: 'due_soon',
  OVERDUE: 'overdue',
} as const;
export type Box = (typeof Box)[keyof typeof Box];

export type ListFilters = {
  box?: Box | undefined;
  code?: string | undefined;
  applicantId?: string | undefined;
  procedureCode?: string | undefined;
  /** Created on or after / before (instants). */
  from?: Date | undefined;
  to?: Date | undefined;
  now: Date;
  /** The "due soon" horizon. */
  soon: Date;
  /** Statuses in which the legal clock runs (for due soon / overdue). */
  runningStatuses: readonly string[];
  after?: { k: string; id: string } | undefined;
  limit: number;
};

/** Boxes ordered by due date; the others newest first. */
export const byDue = (box: Box | undefined) => box === Box.DUE_SOON || box === Box.OVERDUE;

export async function listDossiers(db: Q, v: Visibility, f: ListFilters) {
  let q = db
    .selectFrom('dossiers as d')
    .select([
      'd.agency_code',
      'd.id',
      'd.code',
      'd.procedure_code',
      'd.procedure_version',
      // A subquery, not a join: Postgres computes it for the page's rows only, after the sort and
      // the limit, and the plan over `dossiers` alone is the one its indexes were made for.
      sql<string>`(SELECT pv.data->>'name' FROM procedure_versions pv WHERE pv.code = d.procedure_code AND pv.version = d.procedure_version)`.as('procedure_name'),
      'd.applicant_id',
      'd.channel',
      'd.status',
      'd.national_status',
      'd.holder_agency_code',
      'd.assignee_id',
      'd.due_at',
      'd.created_at',
      'd.updated_at',
      'd.version',
    ])
    .where((eb) => visibleTo(eb, v));
  const inScope = (col: 'd.agency_code' | 'd.holder_agency_code') => (eb: ExpressionBuilder<DB & { d: DossiersTable }, 'd'>) =>
    v.kind === 'officer' && v.agencies.length > 0 ? eb(col, 'in', [...v.agencies]) : sql<SqlBool>`true`;
  // The boxes are work: what the officer's agencies received or hold, not what they only follow as
  // the lead agency (visibleTo); this is also the OR that the inbox indexes serve.
  const atWork = (eb: ExpressionBuilder<DB & { d: DossiersTable }, 'd'>) =>
    v.kind === 'officer' && v.agencies.length > 0 ? receivedOrHeldBy(eb, v.agencies) : sql<SqlBool>`true`;
  switch (f.box) {
    case Box.TO_RECEIVE:
      q = q.where('d.status', '=', 'SUBMITTED').where(inScope('d.agency_code'));
      break;
    case Box.TO_PROCESS:
      q = q.where('d.status', 'in', ['RECEIVED', 'IN_PROCESS', 'TRANSFERRED']).where(inScope('d.holder_agency_code'));
      break;
    case Box.TO_APPROVE:
      q = q.where('d.status', '=', 'AWAITING_APPROVAL').where(inScope('d.holder_agency_code'));
      break;
    case Box.AWAITING_SUPPLEMENT:
      q = q.where('d.status', 'in', ['AWAITING_COMPLETION', 'AWAITING_SUPPLEMENT']).where(atWork);
      break;
    case Box.DUE_SOON:
      q = q.where('d.status', 'in', [...f.runningStatuses]).where('d.due_at', '>=', f.now).where('d.due_at', '<', f.soon).where(atWork);
      break;
    case Box.OVERDUE:
      q = q.where('d.status', 'in', [...f.runningStatuses]).where('d.due_at', '<', f.now).where(atWork);
      break;
    case undefined:
      break;
  }
  if (f.code) {
    // The national code names one dossier: find where it lives (one keyed read), then read it by key.
    const key = await findKeyByCode(db, f.code);
    if (!key) return [];
    q = q.where('d.agency_code', '=', key.agencyCode).where('d.id', '=', key.id);
  }
  if (f.applicantId) q = q.where('d.applicant_id', '=', f.applicantId);
  if (f.procedureCode) q = q.where('d.procedure_code', '=', f.procedureCode);
  if (f.from) q = q.where('d.created_at', '>=', f.from);
  if (f.to) q = q.where('d.created_at', '<', f.to);
  if (byDue(f.box)) {
    if (f.after) {
      const a = f.after;
      q = q.where((eb) => eb.or([eb('d.due_at', '>', new Date(a.k)), eb.and([eb('d.due_at', '=', new Date(a.k)), eb('d.id', '>', a.id)])]));
    }
    q = q.orderBy('d.due_at').orderBy('d.id');
  } else {
    if (f.after) {
      const a = f.after;
      q = q.where((eb) => eb.or([eb('d.created_at', '<', new Date(a.k)), eb.and([eb('d.created_at', '=', new Date(a.k)), eb('d.id', '<', a.id)])]));
    }
    q = q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc');
  }
  return q.limit(f.limit + 1).execute();
}

/** For the public lookup: the dossier with its applicant's identification numbers, by national code. */
export async function findForPublicLookup(db: Q, code: string) {
  // Only the national code: a dossier's internal id is not a public lookup key.
  const key = await findKeyByCode(db, code);
  if (!key) return undefined;
  return db
    .selectFrom('dossiers as d')
    .innerJoin('people as p', 'p.id', 'd.applicant_id')
    .innerJoin('procedure_versions as pv', (j) => j.onRef('pv.code', '=', 'd.procedure_code').onRef('pv.version', '=', 'd.procedure_version'))
    .select(['d.code', 'd.status', 'd.national_status', 'd.received_at', 'd.due_at', 'd.procedure_code', sql<string>`pv.data->>'name'`.as('procedure_name'), 'p.personal_id', 'p.tax_code'])
    .where('d.agency_code', '=', key.agencyCode)
    .where('d.id', '=', key.id)
    .executeTakeFirst();
}
