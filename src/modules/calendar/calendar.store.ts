import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildCalendar, DEFAULT_WORKING_HOURS, type HoursRange, type WorkingCalendar, type WorkingHoursSpec } from './calendar.js';
import type { CalendarOverride } from './holidays.js';
import { OFFICIAL_SCHEDULES_2024_2026 } from './schedules-2024-2026.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Agency opening hours as stored on the agency: `{ mon: [["07:00","11:30"], …], …, sun: [] }`. */
export type StoredWorkingHours = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>;

const WEEKDAY_INDEX = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;

export function toWorkingHoursSpec(stored: StoredWorkingHours | null | undefined): WorkingHoursSpec {
  if (!stored) return DEFAULT_WORKING_HOURS;
  const weekdays: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, readonly HoursRange[]>> = {};
  for (const [name, i] of Object.entries(WEEKDAY_INDEX)) weekdays[i] = stored[name as keyof StoredWorkingHours] ?? [];
  const standard = stored.mon?.length ? stored.mon : DEFAULT_WORKING_HOURS.standard;
  return { standard, weekdays, makeUpDay: standard };
}

export async function activeOverrides(db: Q): Promise<CalendarOverride[]> {
  const rows = await db.selectFrom('calendar_overrides').selectAll().where('revoked_at', 'is', null).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind, reason: { vi: r.reason_vi, en: r.reason_en }, source: r.source }));
}

export async function listOverrides(db: Q, year: number | undefined) {
  let q = db
    .selectFrom('calendar_overrides as o')
    .leftJoin('people as c', 'c.id', 'o.created_by')
    .leftJoin('people as r', 'r.id', 'o.revoked_by')
    .select(['o.id', 'o.date', 'o.kind', 'o.reason_vi', 'o.reason_en', 'o.source', 'o.created_at', 'o.revoked_at', 'o.revoke_reason', 'c.username as created_by', 'r.username as revoked_by']);
  if (year) q = q.where('o.date', '>=', `${year}-01-01`).where('o.date', '<=', `${year}-12-31`);
  return q.orderBy('o.date').orderBy('o.created_at').execute();
}

export async function insertOverride(
  trx: Transaction<DB>,
  o: { date: string; kind: 'day_off' | 'working_day'; reason: { vi: string; en: string }; source: string; createdBy: string },
) {
  const id = randomUUID();
  await trx
    .insertInto('calendar_overrides')
    .values({ id, date: o.date, kind: o.kind, reason_vi: o.reason.vi, reason_en: o.reason.en, source: o.source, created_by: o.createdBy })
    .execute();
  return id;
}

export async function findOverride(db: Q, id: string) {
  return db.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function activeOverrideOn(db: Q, date: string) {
  return db.selectFrom('calendar_overrides').selectAll().where('date', '=', date).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function revokeOverride(trx: Transaction<DB>, id: string, by: string, reason: string): Promise<boolean> {
  const r = await trx
    .updateTable('calendar_overrides')
    .set({ revoked_at: new Date(), revoked_by: by, revoke_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Builds the working calendar the law and the shipped schedules give, plus the entries in force. */
export function composeCalendar(overrides: readonly CalendarOverride[], hours: WorkingHoursSpec = DEFAULT_WORKING_HOURS): WorkingCalendar {
  return buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026, overrides, workingHours: hours });
}

/**
 * Working calendars per set of opening hours, rebuilt when the schedule entries change. The revision
 * is read from the database on each use, so every app process sees another process's change.
 */
/** The schedule entries' revision: any added or revoked entry changes it. */
const REVISION_COLUMNS = sql`(SELECT count(*)::int FROM calendar_overrides) AS n,
  (SELECT max(greatest(created_at, coalesce(revoked_at, created_at)))::text FROM calendar_overrides) AS at`;

export class CalendarProvider {
  #cache = new Map<string, WorkingCalendar>();
  #revision = '';

  constructor(private readonly db: Kysely<DB>) {}

  private async revision(): Promise<string> {
    const r = await sql<{ n: number; at: string | null }>`SELECT ${REVISION_COLUMNS}`.execute(this.db);
    return `${r.rows[0]?.n}|${r.rows[0]?.at}`;
  }

  async get(hours: WorkingHoursSpec = DEFAULT_WORKING_HOURS): Promise<WorkingCalendar> {
    return this.#calendar(await this.revision(), hours);
  }

  /**
   * The calendar of one agency (its opening hours) in one round trip with the revision check;
   * undefined when there is no such agency.
   */
  async forAgency(agencyCode: string): Promise<WorkingCalendar | undefined> {
    const r = await sql<{ working_hours: StoredWorkingHours | null; n: number; at: string | null }>`
      SELECT a.working_hours, ${REVISION_COLUMNS} FROM agencies a WHERE a.code = ${agencyCode}`.execute(this.db);
    const row = r.rows[0];
    if (!row) return undefined;
    return this.#calendar(`${row.n}|${row.at}`, toWorkingHoursSpec(row.working_hours));
  }

  async #calendar(revision: string, hours: WorkingHoursSpec): Promise<WorkingCalendar> {
    if (revision !== this.#revision) {
      this.#cache.clear();
      this.#revision = revision;
    }
    const key = JSON.stringify(hours);
    let cal = this.#cache.get(key);
    if (!cal) {
      cal = composeCalendar(await activeOverrides(this.db), hours);
      if (this.#cache.size > 100) this.#cache.clear();
      this.#cache.set(key, cal);
    }
    return cal;
  }
}
