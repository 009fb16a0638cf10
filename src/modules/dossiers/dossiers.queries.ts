/**
 * Reads of the dossier engine: one dossier, its history, the inbox/search lists and the public
 * lookup. Every read is scoped by visibleTo(actor); what is out of sight is 404.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonActor } from '../../platform/auth/actor.js';
import { auditRead, type AuditContext } from '../../platform/audit/audit.js';
import { decodeCursor, page } from '../../platform/http.js';
import { z } from 'zod';
import type { WorkingCalendar } from '../calendar/index.js';
import { findVersion, type VersionRow } from '../catalog/catalog.repository.js';
import { findPersonByPersonalId } from '../org/org.repository.js';
import { feeSummary } from '../payments/fee-summary.js';
import { clockRuns, replay, STATUSES, statusLabel, type Status } from './domain/index.js';
import { byDue, findDossier, findDossierKey, findForPublicLookup, listDossiers, loadEvents, type Box } from './dossiers.repository.js';
import { actionsFor, domainActors, dossierView, historyEntry, notFoundDossier, reviveEvent, visibilityOf } from './dossiers.service.js';

export async function getDossier(db: Kysely<DB>, actor: PersonActor, ref: string, calendarFor: (agency: string) => Promise<WorkingCalendar>) {
  const key = await findDossierKey(db, ref);
  const row = key && (await findDossier(db, key, await visibilityOf(db, actor)));
  if (!key || !row) throw notFoundDossier();
  const events = (await loadEvents(db, key)).map((r) => reviveEvent(r.event as Record<string, unknown>));
  const state = replay(events);
  const version = (await findVersion(db, row.procedure_code, row.procedure_version))!;
  const ctx = { now: new Date(), calendar: await calendarFor(key.agencyCode) };
  const view = dossierView(row, state, { code: version.code, version: version.version, name: version.data.name }, actionsFor(state, domainActors(actor, row), ctx));
  const fees = await feeSummary(db, row, state, events, version.data.channels);
  if (!view.availableActions.includes('TRANSFER')) return { ...view, fees };
  return { ...view, fees, transferTargets: await transferTargets(db, version, row.holder_agency_code) };
}

/** Where the dossier may be transferred: the same rule as the TRANSFER action checks (perform-action.ts). */
async function transferTargets(db: Kysely<DB>, version: VersionRow, holder: string) {
  const named = [...new Set(Object.values(version.data.agencies).flatMap((ref) => ref.codes))].filter((c) => c !== holder);
  if (named.length === 0) return Object.values(version.data.agencies).some((ref) => ref.codes.length > 0) ? [] : null;
  return db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', named).where('active', '=', true).orderBy('code').execute();
}

export async function dossierHistory(db: Kysely<DB>, actor: PersonActor, ref: string) {
  const key = await findDossierKey(db, ref);
  const row = key && (await findDossier(db, key, await visibilityOf(db, actor)));
  if (!key || !row) throw notFoundDossier();
  const events = (await loadEvents(db, key)).map((r) => reviveEvent(r.event as Record<string, unknown>));
  const ids = [...new Set(events.map((e) => e.actorId))];
  const names = new Map((await db.selectFrom('people').select(['id', 'full_name']).where('id', 'in', ids).execute()).map((p) => [p.id, p.full_name]));
  return { code: row.code, id: row.id, version: row.version, items: events.map((e) => historyEntry(e, names.get(e.actorId) ?? null)) };
}

const RUNNING = STATUSES.filter((s) => clockRuns(s));
const DUE_SOON_MS = 2 * 86_400_000;
const Cursor = z.object({ k: z.string(), id: z.string() });

export type ListInput = {
  box?: Box | undefined;
  code?: string | undefined;
  applicantPersonalId?: string | undefined;
  procedure?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

/** Inbox and search. A search by personal id reads personal data, so it is audited (found or not). */
export async function searchDossiers(db: Kysely<DB>, actor: PersonActor, ctx: AuditContext, q: ListInput) {
  const visibility = await visibilityOf(db, actor);
  let applicantId: string | undefined;
  if (q.applicantPersonalId) {
    const person = await findPersonByPersonalId(db, q.applicantPersonalId);
    await auditRead(db, ctx, [{ action: 'dossier.search.personal_id', entityType: 'person', entityId: person?.id ?? null, data: { by: 'personal_id', found: Boolean(person) } }]);
    if (!person) return { items: [], nextCursor: null };
    applicantId = person.id;
  }
  const now = new Date();
  const vnDayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);
  const rows = await listDossiers(db, visibility, {
    box: q.box,
    code: q.code,
    applicantId,
    procedureCode: q.procedure,
    from: q.from ? vnDayStart(q.from) : undefined,
    to: q.to ? new Date(vnDayStart(q.to).getTime() + 86_400_000) : undefined,
    now,
    soon: new Date(now.getTime() + DUE_SOON_MS),
    runningStatuses: RUNNING,
    after: decodeCursor(q.cursor, Cursor),
    limit: q.limit,
  });
  const due = byDue(q.box);
  const { items, nextCursor } = page(rows, q.limit, (r) => ({ k: (due ? r.due_at! : new Date(r.created_at)).toISOString(), id: r.id }));
  return {
    items: items.map((r) => ({
      id: r.id,
      code: r.code,
      procedure: { code: r.procedure_code, version: r.procedure_version, name: r.procedure_name },
      applicantId: r.applicant_id,
      channel: r.channel,
      status: r.status as Status,
      statusLabel: statusLabel(r.status as Status),
      nationalStatus: r.national_status,
      receivingAgencyCode: r.agency_code,
      holderAgencyCode: r.holder_agency_code,
      assigneeId: r.assignee_id,
      dueAt: r.due_at?.toISOString() ?? null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    })),
    nextCursor,
  };
}

const sameDigits = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Public status lookup by national code and the last 4 digits of the applicant's personal id (or tax
 * code). Wrong code and wrong digits answer the same 404, so codes cannot be enumerated.
 */
export async function publicLookup(db: Kysely<DB>, code: string, idLast4: string) {
  const d = await findForPublicLookup(db, code);
  const id = d?.personal_id ?? d?.tax_code?.replace(/-.*$/, '') ?? '';
  if (!d || !d.code || !sameDigits(id.slice(-4).padStart(4, 'x'), idLast4)) throw notFoundDossier();
  return {
    code: d.code,
    procedure: { code: d.procedure_code, name: d.procedure_name },
    status: d.status as Status,
    statusLabel: statusLabel(d.status as Status),
    nationalStatus: d.national_status,
    receivedAt: d.received_at?.toISOString() ?? null,
    dueAt: d.due_at?.toISOString() ?? null,
  };
}
