import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor } from '../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { activeOverrideOn, activeOverrides, composeCalendar, findOverride, insertOverride, revokeOverride } from './calendar.store.js';

/**
 * The working calendar is one per installation: only an administrator of a top-level agency (the
 * province's People's Committee, or a ministry) may change the official schedule.
 */
async function requireScheduleAdmin(db: Kysely<DB> | Transaction<DB>, actor: PersonActor): Promise<string> {
  const adminAt = agenciesWithRole(actor, [Role.ADMIN]);
  if (adminAt.length === 0) throw forbidden();
  const roots = await db.selectFrom('agencies').select('code').where('code', 'in', adminAt).where('parent_code', 'is', null).execute();
  if (roots.length === 0) throw forbidden({ reason: 'the schedule is managed by administrators of a top-level agency' });
  return roots[0]!.code;
}

export type OverrideInput = { date: string; kind: 'day_off' | 'working_day'; reason: { vi: string; en: string }; source: string };

export async function addOverride(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, input: OverrideInput) {
  const agency = await requireScheduleAdmin(trx, actor);
  const existing = await activeOverrideOn(trx, input.date);
  if (existing) {
    throw conflict(
      'CALENDAR_OVERRIDE_EXISTS',
      {
        vi: `Ngày ${input.date} đã có mục lịch đang hiệu lực; hãy hủy mục đó trước khi nhập mục mới`,
        en: `${input.date} already has an entry in force; revoke it before entering a new one`,
      },
      { existingId: existing.id, kind: existing.kind },
    );
  }
  // Checks the entry against the statutory holidays and the shipped schedules (contradictions throw).
  composeCalendar([...(await activeOverrides(trx)), { ...input }]);
  const id = await insertOverride(trx, { ...input, createdBy: actor.id });
  await appendAudit(trx, { ...ctx, agencyCode: agency }, [{ action: 'calendar.override.add', entityType: 'calendar_override', entityId: id, data: { ...input } }]);
  return id;
}

export async function revokeOverrideById(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, id: string, reason: string) {
  const agency = await requireScheduleAdmin(trx, actor);
  const found = await findOverride(trx, id);
  if (!found) throw notFound({ vi: 'mục lịch', en: 'Schedule entry' });
  if (!(await revokeOverride(trx, id, actor.id, reason))) {
    throw conflict('CALENDAR_OVERRIDE_REVOKED', { vi: 'Mục lịch này đã bị hủy trước đó', en: 'This entry was already revoked' });
  }
  await appendAudit(trx, { ...ctx, agencyCode: agency }, [
    { action: 'calendar.override.revoke', entityType: 'calendar_override', entityId: id, data: { date: found.date, kind: found.kind, reason } },
  ]);
}
