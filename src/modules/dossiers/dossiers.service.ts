/**
 * Shared rules of the dossier use cases (actions/*.ts): who sees what, who the caller is to the
 * domain, where time limits, calendars and forms come from, and the views the API returns. The
 * workflow rules themselves are the pure domain's (./domain): this file never re-decides them.
 */
import ajv2020 from 'ajv/dist/2020.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor } from '../../platform/auth/actor.js';
import { invalid, notFound, type LocalizedText } from '../../platform/errors.js';
import type { Duration, WorkingCalendar } from '../calendar/index.js';
import type { CalendarProvider } from '../calendar/calendar.store.js';
import { findVersionInForce, type VersionRow } from '../catalog/catalog.repository.js';
import { todayInVietnam } from '../catalog/model.js';
import { agencySubtree } from '../org/org.repository.js';
import {
  ACTION_LABELS,
  availableActions,
  Channel,
  nationalStatusCode,
  statusLabel,
  type DecisionContext,
  type DossierActor,
  type DossierEvent,
  type DossierState,
  type Status,
  type TransitionAction,
} from './domain/index.js';
import { snapshotColumns, type DossierRow, type Visibility } from './dossiers.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export const DOSSIER: LocalizedText = { vi: 'hồ sơ', en: 'Dossier' };
/** Officer roles that work on dossiers; their agencies (and those below) bound what an officer sees. */
export const DOSSIER_ROLES = [Role.RECEPTION, Role.SPECIALIST, Role.APPROVER] as const;

export const isApplicantKind = (actor: PersonActor) => actor.personKind === 'citizen' || actor.personKind === 'business';

export async function visibilityOf(db: Q, actor: PersonActor): Promise<Visibility> {
  if (isApplicantKind(actor)) return { kind: 'applicant', personId: actor.id };
  return { kind: 'officer', agencies: await agencySubtree(db, agenciesWithRole(actor, DOSSIER_ROLES)) };
}

/**
 * Who the caller can be to the domain for this dossier: its applicant (owner or the person who filed
 * it), or an officer with their roles in one agency (one candidate per agency where they hold roles).
 */
export function domainActors(actor: PersonActor, row: { applicant_id: string; filer_id: string } | null): DossierActor[] {
  if (isApplicantKind(actor)) {
    return row === null || row.applicant_id === actor.id || row.filer_id === actor.id ? [{ id: actor.id, applicant: true }] : [];
  }
  const byAgency = new Map<string, Role[]>();
  for (const g of actor.roles) byAgency.set(g.agencyCode, [...(byAgency.get(g.agencyCode) ?? []), g.role]);
  return [...byAgency].map(([agencyCode, roles]) => ({ id: actor.id, roles, agencyCode }));
}

/** Everything the caller may do now, over all the capacities they hold. */
export function actionsFor(state: DossierState, actors: readonly DossierActor[], ctx?: DecisionContext): TransitionAction[] {
  const all = new Set(actors.flatMap((a) => availableActions(state, a, ctx)));
  return [...all];
}

// ---------------------------------------------------------------------------------------------
// Channels, time limits, calendars, forms

type DbChannel = 'online' | 'in_person' | 'postal';
export const toDbChannel = (c: Channel): DbChannel => (c === Channel.ONLINE ? 'online' : c === Channel.DESK ? 'in_person' : 'postal');

/** The procedure version in force today, which the dossier is filed under; 400 when there is none. */
export async function procedureInForce(db: Q, code: string): Promise<VersionRow> {
  const v = await findVersionInForce(db, code, todayInVietnam());
  if (!v || v.status === 'abolished') {
    throw invalid(
      'PROCEDURE_NOT_AVAILABLE',
      { vi: `Thủ tục ${code} chưa được công bố hoặc không còn hiệu lực`, en: `Procedure ${code} is not published or no longer in force` },
      { field: 'body.procedureCode' },
    );
  }
  return v;
}

/** The time limit of the procedure version for the channel (any published limit when the channel has none). */
export function timeLimitOf(version: VersionRow, channel: DbChannel): Duration {
  const rows = version.data.channels;
  const t = (rows.find((c) => c.channel === channel && c.processingTime) ?? rows.find((c) => c.processingTime))?.processingTime;
  if (!t || t.unit === 'months') {
    throw invalid('PROCEDURE_TIME_LIMIT_UNSUPPORTED', {
      vi: 'Thủ tục chưa có thời hạn giải quyết tính được theo ngày làm việc',
      en: 'The procedure has no time limit the engine can compute',
    }, { procedureCode: version.code, version: version.version, unit: t?.unit ?? null });
  }
  if (t.unit === 'same_day') return t.cutoff ? { unit: 'same_day', cutoff: t.cutoff } : { unit: 'same_day' };
  return t.countFrom ? { unit: t.unit, value: t.value!, countFrom: t.countFrom } : { unit: t.unit, value: t.value! };
}

/** The receiving agency's working calendar. Read before a transaction opens (the provider uses the pool). */
export async function calendarOf(calendars: CalendarProvider, agencyCode: string): Promise<WorkingCalendar> {
  const calendar = await calendars.forAgency(agencyCode);
  if (!calendar) throw invalid('UNKNOWN_AGENCY', { vi: `Không có cơ quan mã ${agencyCode}`, en: `Unknown agency ${agencyCode}` }, { field: 'body.receivingAgencyCode' });
  return calendar;
}

// ajv is CommonJS: imported from ESM the default import is module.exports, whose `default` is the class.
const ajv = new ajv2020.default({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** A JSON schema without its `required` lists, at every depth: what a draft must already respect. */
export function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'required' && Array.isArray(v)) continue;
    // `properties` maps field names to schemas: a field may itself be called "required".
    out[k] = k === 'properties' && v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, withoutRequired(sub)])) : withoutRequired(v);
  }
  return out;
}

/**
 * Checks the applicant's form data against the version's JSON-schema form; 400 naming each field.
 * `shape` (drafts) checks types and formats only: required fields may still be missing.
 */
export function validateForm(version: VersionRow, formData: Record<string, unknown>, level: 'complete' | 'shape' = 'complete'): void {
  const schema = version.data.formSchema;
  if (!schema) return;
  const key = `${version.code}@${version.version}@${version.content_hash}@${level}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile((level === 'shape' ? withoutRequired(schema) : schema) as object);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  if (validate(formData)) return;
  const issues = (validate.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '';
    const path = `${e.instancePath}${missing}`.split('/').filter(Boolean).join('.');
    return { field: `body.formData${path ? `.${path}` : ''}`, message: e.message ?? 'is not valid' };
  });
  throw invalid(
    'DOSSIER_FORM_INVALID',
    {
      vi: `Tờ khai chưa hợp lệ: ${[...new Set(issues.map((i) => i.field))].join(', ')}`,
      en: `The application form is not valid: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
    },
    { issues },
  );
}

// ---------------------------------------------------------------------------------------------
// Events as stored (JSON) ↔ domain events (Dates)

const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const change = (c: { before: unknown; after: unknown }) => ({ before: dateOrNull(c.before), after: dateOrNull(c.after) });

export function reviveEvent(raw: Record<string, unknown>): DossierEvent {
  const e = raw as unknown as DossierEvent & Record<string, never>;
  const payload = e.action === 'ISSUE_APOLOGY' ? { ...e.payload, newDue: new Date(e.payload.newDue as unknown as string) } : e.payload;
  return { ...e, at: new Date(e.at as unknown as string), due: change(e.due), legalDue: change(e.legalDue), stepDue: change(e.stepDue), payload } as DossierEvent;
}

export function snapshotOf(state: DossierState) {
  return snapshotColumns(state, nationalStatusCode(state.status));
}

// ---------------------------------------------------------------------------------------------
// Views

export type ProcedureRef = { code: string; version: number; name: string };

export function dossierView(row: DossierRow, state: DossierState, procedure: ProcedureRef, available: TransitionAction[]) {
  return {
    id: row.id,
    code: row.code,
    procedure,
    applicantId: row.applicant_id,
    filerId: row.filer_id,
    representative: row.representative_name ? { name: row.representative_name, mandate: row.representative_mandate ?? '' } : null,
    channel: row.channel,
    formData: row.form_data as Record<string, unknown>,
    status: row.status as Status,
    statusLabel: statusLabel(row.status as Status),
    nationalStatus: row.national_status,
    receivingAgencyCode: row.agency_code,
    competentAgencyCode: row.competent_agency_code,
    holderAgencyCode: row.holder_agency_code,
    assigneeId: row.assignee_id,
    dueAt: row.due_at?.toISOString() ?? null,
    legalDueAt: state.legalDue?.toISOString() ?? null,
    stepDueAt: row.step_due_at?.toISOString() ?? null,
    pausedSince: row.paused_since?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    receivedAt: row.received_at?.toISOString() ?? null,
    openSupplement: state.openSupplement
      ? { round: state.openSupplement.round, requestedAt: state.openSupplement.requestedAt.toISOString(), items: state.openSupplement.items.map((i) => ({ ...i })) }
      : null,
    supplementRounds: state.supplementRounds,
    availableActions: available,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type DossierView = ReturnType<typeof dossierView>;

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(d);

/** One history entry in plain words, Vietnamese first. */
/**
 * What an event's payload adds in words: where a dossier was transferred and why, the reasons of a
 * refusal, pause or stop. The receiving agency of a transfer reads its reason here.
 */
export function eventDetail(e: DossierEvent): LocalizedText | null {
  const p = e.payload as Record<string, unknown>;
  const vi: string[] = [];
  const en: string[] = [];
  if (typeof p.toAgencyCode === 'string') {
    vi.push(`Chuyển đến: ${p.toAgencyCode}.`);
    en.push(`To: ${p.toAgencyCode}.`);
  }
  const reasons = [
    ...(typeof p.reason === 'string' ? [p.reason] : []),
    ...(Array.isArray(p.reasons) ? p.reasons.filter((r): r is string => typeof r === 'string') : []),
  ].filter((r) => r.trim() !== '');
  if (reasons.length > 0) {
    vi.push(`Lý do: ${reasons.join('; ')}.`);
    en.push(`Reason: ${reasons.join('; ')}.`);
  }
  return vi.length > 0 ? { vi: vi.join(' '), en: en.join(' ') } : null;
}

export function historyEntry(e: DossierEvent, actorName: string | null) {
  const to = statusLabel(e.status.to);
  const label = ACTION_LABELS[e.action];
  const who = { vi: actorName ?? (e.actorKind === 'applicant' ? 'Người nộp hồ sơ' : 'Cán bộ'), en: actorName ?? (e.actorKind === 'applicant' ? 'The applicant' : 'An officer') };
  const moved = e.due.after !== null && e.due.after.getTime() !== e.due.before?.getTime();
  const text = {
    vi: `${who.vi}: ${label.vi.toLowerCase()}${e.agencyCode ? ` (${e.agencyCode})` : ''}. Trạng thái: ${to.vi}.${moved ? ` Hẹn trả kết quả: ${fmt(e.due.after!)}.` : ''}`,
    en: `${who.en}: ${label.en.toLowerCase()}${e.agencyCode ? ` (${e.agencyCode})` : ''}. Status: ${to.en}.${moved ? ` Result due ${e.due.after!.toISOString()}.` : ''}`,
  };
  const detail = eventDetail(e);
  if (detail) {
    text.vi += ` ${detail.vi}`;
    text.en += ` ${detail.en}`;
  }
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    action: e.action,
    label,
    text,
    actor: { kind: e.actorKind, name: actorName, agencyCode: e.agencyCode },
    statusFrom: e.status.from,
    statusTo: e.status.to,
    dueBefore: e.due.before?.toISOString() ?? null,
    dueAfter: e.due.after?.toISOString() ?? null,
    pausedMinutes: e.pausedMinutes,
    form: e.form ? { type: e.form.type, number: e.form.number } : null,
  };
}

export function notFoundDossier() {
  return notFound(DOSSIER);
}
