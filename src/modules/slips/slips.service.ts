/**
 * Slips of a dossier and the desk's tracking book: loads what the pure builders need, with the same
 * visibility as GET /dossiers/:code (what the caller cannot see is 404), and audits each print, since
 * every slip carries the applicant's personal data.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor } from '../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { findVersion } from '../catalog/catalog.repository.js';
import { agencySubtree } from '../org/org.repository.js';
import { Action, statusLabel, type DossierEvent, type Status } from '../dossiers/domain/index.js';
import { findDossier, findDossierKey, loadEvents } from '../dossiers/dossiers.repository.js';
import { isApplicantKind, notFoundDossier, reviveEvent, visibilityOf } from '../dossiers/dossiers.service.js';
import { buildSlip, buildTrackingBook, SlipNotIssued, type AgencyInfo, type SlipDocument, type SlipSource, type TrackingBookEntry } from './slip-content.js';
import { APPLICANT_SLIP_KINDS, issuedSlips, parseSlipKind, SLIP_KINDS, slipFormSet, slipsFor, type SlipKind } from './slip-forms.js';

export type Audience = 'applicant' | 'officer';
const audienceOf = (actor: PersonActor): Audience => (isApplicantKind(actor) ? 'applicant' : 'officer');

// ---------------------------------------------------------------------------------------------
// Reference data the slips print

/** "Tỉnh Thái Nguyên" → "Thái Nguyên": the locality printed before a date. */
function placeName(name: string, unitType: string): string {
  return name.toLocaleLowerCase('vi').startsWith(`${unitType.toLocaleLowerCase('vi')} `) ? name.slice(unitType.length + 1) : name;
}

export async function agencyInfos(db: Kysely<DB>, codes: readonly string[]): Promise<Record<string, AgencyInfo>> {
  const wanted = [...new Set(codes.filter(Boolean))];
  if (wanted.length === 0) return {};
  const rows = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.code', 'a.parent_code')
    .leftJoin('admin_units as u', (j) => j.on(sql<boolean>`u.structure = a.unit_structure AND u.code = a.unit_code`))
    .select(['a.code', 'a.name', 'p.name as parent_name', 'u.name as unit_name', 'u.unit_type'])
    .where('a.code', 'in', wanted)
    .execute();
  const out: Record<string, AgencyInfo> = {};
  for (const r of rows) {
    out[r.code] = {
      code: r.code,
      name: r.name,
      parentName: r.parent_name,
      place: r.unit_name ? placeName(r.unit_name, r.unit_type ?? '') : null,
    };
  }
  return out;
}

function agenciesNamedBy(events: readonly DossierEvent[]): string[] {
  return events.flatMap((e) => [
    ...(e.agencyCode ? [e.agencyCode] : []),
    ...(e.charge ? [e.charge.agencyCode] : []),
    ...(e.action === Action.TRANSFER ? [e.payload.toAgencyCode] : []),
    ...(e.action === Action.CREATE ? [e.payload.receivingAgencyCode, e.payload.competentAgencyCode] : []),
  ]);
}

function peopleNamedBy(events: readonly DossierEvent[]): string[] {
  return events.flatMap((e) => {
    const p = e.payload as { assigneeId?: string; approverId?: string };
    return [e.actorId, ...(p.assigneeId ? [p.assigneeId] : []), ...(p.approverId ? [p.approverId] : [])];
  });
}

async function peopleNames(db: Kysely<DB>, ids: readonly string[]): Promise<Record<string, string>> {
  const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return {};
  const rows = await db.selectFrom('people').select(['id', 'full_name']).where('id', 'in', uuids).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.full_name]));
}

// ---------------------------------------------------------------------------------------------
// Slips of one dossier

/** Everything the builders need for one dossier, loaded under the caller's visibility. */
export async function loadSlipSource(db: Kysely<DB>, actor: PersonActor, ref: string, publicUrl: string) {
  const key = await findDossierKey(db, ref);
  const row = key && (await findDossier(db, key, await visibilityOf(db, actor)));
  if (!key || !row) throw notFoundDossier();
  const events = (await loadEvents(db, key)).map((r) => reviveEvent(r.event as Record<string, unknown>));
  const version = (await findVersion(db, row.procedure_code, row.procedure_version))!;
  const applicant = await db
    .selectFrom('people')
    .select(['full_name', 'personal_id', 'tax_code', 'address', 'phone', 'email'])
    .where('id', '=', row.applicant_id)
    .executeTakeFirstOrThrow();
  const source: SlipSource = {
    dossierId: row.id,
    procedure: { code: version.code, name: version.data.name },
    components: version.data.components.map((c) => ({ name: c.name, originals: c.originals, copies: c.copies })),
    applicant: {
      name: applicant.full_name,
      personalId: applicant.personal_id ?? applicant.tax_code,
      address: applicant.address,
      phone: applicant.phone,
      email: applicant.email,
    },
    representative: row.representative_name ? { name: row.representative_name, mandate: row.representative_mandate ?? '' } : null,
    events,
    agencies: await agencyInfos(db, [row.agency_code, row.competent_agency_code, row.holder_agency_code, ...agenciesNamedBy(events)]),
    people: await peopleNames(db, peopleNamedBy(events)),
    publicUrl,
  };
  return { key, row, source, audience: audienceOf(actor) };
}

/** The slips the caller may print for this dossier, with their form numbers. */
export async function listSlips(db: Kysely<DB>, actor: PersonActor, ref: string, publicUrl: string) {
  const { row, source, audience } = await loadSlipSource(db, actor, ref, publicUrl);
  const receivedAt = row.received_at;
  const base = `/api/v1/dossiers/${encodeURIComponent(row.code ?? row.id)}/slips`;
  return {
    id: row.id,
    code: row.code,
    items: slipsFor(issuedSlips(source.events), audience).map((s) => {
      const set = slipFormSet(receivedAt, s.issuedAt);
      const form = set.forms[s.kind];
      return {
        kind: s.kind,
        seq: s.seq,
        issuedAt: s.issuedAt.toISOString(),
        title: form.title,
        formNumber: form.number,
        circular: set.circular,
        href: `${base}/${s.kind.replace(/_/g, '-')}?seq=${s.seq}`,
      };
    }),
  };
}

export const unknownSlipKind = (kind: string) =>
  new AppError('not_found', 'SLIP_KIND_UNKNOWN', { vi: `Không có loại phiếu "${kind}"`, en: `There is no slip kind "${kind}"` }, { kind, kinds: SLIP_KINDS });

/** One slip's content, checked against the caller's audience; audited as a read of personal data. */
export async function slipDocument(
  db: Kysely<DB>,
  actor: PersonActor,
  ctx: AuditContext,
  ref: string,
  rawKind: string,
  seq: number | undefined,
  publicUrl: string,
): Promise<SlipDocument> {
  const kind = parseSlipKind(rawKind);
  if (kind === null) throw unknownSlipKind(rawKind);
  const { key, source, audience } = await loadSlipSource(db, actor, ref, publicUrl);
  if (audience === 'applicant' && !APPLICANT_SLIP_KINDS.has(kind)) {
    throw new AppError(
      'forbidden',
      'SLIP_NOT_FOR_APPLICANT',
      { vi: 'Phiếu này là hồ sơ nội bộ của cơ quan, người nộp hồ sơ không xem được', en: 'This slip is an internal record of the agencies' },
      { kind },
    );
  }
  let doc: SlipDocument;
  try {
    doc = buildSlip(source, kind, seq);
  } catch (e) {
    if (!(e instanceof SlipNotIssued)) throw e;
    throw notIssued(kind, seq, slipsFor(e.available, audience).map((s) => ({ kind: s.kind, seq: s.seq })));
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, { ...ctx, agencyCode: key.agencyCode }, [
      { action: 'dossier.slip.print', entityType: 'dossier', entityId: key.id, data: { kind, seq: seq ?? null, formSet: doc.formSet } },
    ]),
  );
  return doc;
}

function notIssued(kind: SlipKind, seq: number | undefined, available: { kind: SlipKind; seq: number }[]) {
  return conflict(
    'SLIP_NOT_ISSUED',
    {
      vi: `Hồ sơ chưa có phiếu này (${kind}${seq === undefined ? '' : `, lần ${seq}`}): quá trình giải quyết chưa phát sinh phiếu đó`,
      en: `The dossier has no such slip (${kind}${seq === undefined ? '' : ` at ${seq}`}): its history never issued it`,
    },
    { kind, seq: seq ?? null, available },
  );
}

// ---------------------------------------------------------------------------------------------
// The tracking book of a desk

const MAX_BOOK_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * The tracking book of the dossiers a one-stop desk received between two days (inclusive, Viet Nam).
 * Only reception officers of that desk (or of an agency above it) may print it; others get 404.
 */
export async function trackingBook(db: Kysely<DB>, actor: PersonActor, ctx: AuditContext, agencyCode: string, from: string, to: string, now: Date): Promise<SlipDocument> {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + DAY_MS);
  if (end.getTime() <= start.getTime() || (end.getTime() - start.getTime()) / DAY_MS > MAX_BOOK_DAYS) {
    throw invalid(
      'TRACKING_BOOK_RANGE_INVALID',
      { vi: `Khoảng thời gian không hợp lệ: "từ ngày" phải không sau "đến ngày" và không quá ${MAX_BOOK_DAYS} ngày`, en: `Invalid period: "from" must not be after "to", and at most ${MAX_BOOK_DAYS} days` },
      { from, to, maxDays: MAX_BOOK_DAYS },
    );
  }
  const scope = await agencySubtree(db, agenciesWithRole(actor, [Role.RECEPTION]));
  const agency = (await agencyInfos(db, [agencyCode]))[agencyCode];
  if (!agency || !scope.includes(agencyCode)) throw notFound({ vi: 'cơ quan', en: 'Agency' });

  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('people as p', 'p.id', 'd.applicant_id')
    .innerJoin('agencies as c', 'c.code', 'd.competent_agency_code')
    .innerJoin('procedure_versions as pv', (j) => j.onRef('pv.code', '=', 'd.procedure_code').onRef('pv.version', '=', 'd.procedure_version'))
    .select([
      'd.code',
      'd.status',
      'd.received_at',
      'd.due_at',
      sql<string | null>`d.state->>'returnedAt'`.as('returned_at'),
      sql<string>`pv.data->>'name'`.as('procedure_name'),
      'p.full_name',
      'p.address',
      'p.phone',
      'c.name as competent_name',
    ])
    .where('d.agency_code', '=', agencyCode)
    .where('d.received_at', '>=', start)
    .where('d.received_at', '<', end)
    .orderBy('d.received_at')
    .limit(5000)
    .execute();
  const entries: TrackingBookEntry[] = rows.map((r) => ({
    code: r.code ?? '',
    procedureName: r.procedure_name,
    applicantName: r.full_name,
    applicantContact: [r.address, r.phone].filter(Boolean).join('; ') || null,
    competentAgencyName: r.competent_name,
    receivedAt: r.received_at!,
    dueAt: r.due_at,
    returnedAt: r.returned_at ? new Date(r.returned_at) : null,
    status: statusLabel(r.status as Status),
  }));
  await db.transaction().execute((trx) =>
    appendAudit(trx, { ...ctx, agencyCode }, [
      { action: 'dossier.tracking_book.print', entityType: 'agency', entityId: agencyCode, data: { from, to, dossiers: entries.length } },
    ]),
  );
  return buildTrackingBook({ agency, from, to, entries, printedAt: now });
}
