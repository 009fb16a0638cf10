/**
 * Re-dating received dossiers when an administrator changes the official schedule (issue 4: nothing
 * moves silently). Runs in the schedule change's transaction: for each dossier whose clock may cover
 * the changed day, the history is replayed and the domain's `redate` says whether its dates move under
 * the new calendar (built from the entries in force in this transaction and the receiving agency's
 * hours). Each move is a REDATE event in the dossier's history, the snapshot row is updated with its
 * version, the audit trail gets an entry, and the applicant a notification job (via recordEvents).
 *
 * On a distributed cluster the candidate query fans out (it names no agency); each dossier is then
 * written shard-local, like any action.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor } from '../../platform/auth/actor.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { activeOverrides, composeCalendar, toWorkingHoursSpec, type StoredWorkingHours } from '../calendar/calendar.store.js';
import { redate, replay, STATUSES, isTerminal, Status } from './domain/index.js';
import { loadEvents, lockDossier, updateSnapshot, type DossierKey } from './dossiers.repository.js';
import { reviveEvent, snapshotOf } from './dossiers.service.js';
import { recordEvents } from './actions/record.js';

export type ScheduleChange = { date: string; kind: 'day_off' | 'working_day'; operation: 'add' | 'revoke'; source: string };

export type RedatedDossier = {
  code: string;
  agencyCode: string;
  holderAgencyCode: string;
  status: string;
  seq: number;
  dueBefore: string | null;
  dueAfter: string | null;
  legalDueBefore: string | null;
  legalDueAfter: string | null;
};

/** Received and not finished: the statuses in which a due date can still move. */
const OPEN_AFTER_RECEIPT = STATUSES.filter(
  (s) => !isTerminal(s) && s !== Status.DRAFT && s !== Status.SUBMITTED && s !== Status.AWAITING_COMPLETION && s !== Status.RESULT_READY,
);

const describe = (c: ScheduleChange) =>
  `${c.operation === 'add' ? '' : 'hủy / revoked: '}${c.kind === 'day_off' ? 'ngày nghỉ / day off' : 'ngày làm việc bù / make-up working day'} ${c.date}`;

export async function redateAfterScheduleChange(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, change: ScheduleChange): Promise<RedatedDossier[]> {
  const dayStart = new Date(`${change.date}T00:00:00+07:00`);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  // A change of day D can only move dates of dossiers received before D ends whose clock reaches D:
  // a due date (or step due date) on or after D, or a clock stopped now (its dates move at resumption).
  const candidates = await trx
    .selectFrom('dossiers')
    .select(['agency_code', 'id'])
    .where('status', 'in', OPEN_AFTER_RECEIPT)
    .where('received_at', '<', dayEnd)
    .where((eb) => eb.or([eb('due_at', '>=', dayStart), eb('step_due_at', '>=', dayStart), eb('paused_since', 'is not', null)]))
    .orderBy('agency_code')
    .orderBy('id')
    .execute();
  if (candidates.length === 0) return [];

  const overrides = await activeOverrides(trx);
  const calendars = new Map<string, WorkingCalendar>();
  const calendarOf = async (agencyCode: string) => {
    let cal = calendars.get(agencyCode);
    if (!cal) {
      const a = await trx.selectFrom('agencies').select('working_hours').where('code', '=', agencyCode).executeTakeFirst();
      cal = composeCalendar(overrides, toWorkingHoursSpec((a?.working_hours ?? null) as StoredWorkingHours | null));
      calendars.set(agencyCode, cal);
    }
    return cal;
  };
  const actorAgency = agenciesWithRole(actor, [Role.ADMIN])[0] ?? ctx.agencyCode ?? '';
  const me = { id: actor.id, roles: [Role.ADMIN], agencyCode: actorAgency };
  const payload = { change: describe(change), source: change.source };
  const now = new Date();

  const out: RedatedDossier[] = [];
  for (const c of candidates) {
    const key: DossierKey = { agencyCode: c.agency_code, id: c.id };
    const row = (await lockDossier(trx, key))!;
    const events = (await loadEvents(trx, key)).map((r) => reviveEvent(r.event as Record<string, unknown>));
    const state = replay(events);
    const moved = redate(state, events, me, payload, now, await calendarOf(key.agencyCode));
    if (!moved) continue;
    if (!(await updateSnapshot(trx, key, row.version, snapshotOf(moved.next)))) throw new Error(`dossier ${key.id} changed under its row lock`);
    await recordEvents(trx, { ...ctx, agencyCode: key.agencyCode }, key, [moved.event], moved.next, { calendarChange: payload.change });
    const e = moved.event;
    out.push({
      code: row.code ?? row.id,
      agencyCode: key.agencyCode,
      holderAgencyCode: moved.next.holderAgencyCode,
      status: moved.next.status,
      seq: e.seq,
      dueBefore: e.due.before?.toISOString() ?? null,
      dueAfter: e.due.after?.toISOString() ?? null,
      legalDueBefore: e.legalDue.before?.toISOString() ?? null,
      legalDueAfter: e.legalDue.after?.toISOString() ?? null,
    });
  }
  return out;
}
