/**
 * Use cases of the procedure catalog: create, edit the working draft, publish, amend, abolish, and
 * the views the API returns. Each change runs in the caller's transaction, holds the procedure row
 * lock, checks the concurrency version and the life cycle, and writes its audit entry alongside.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type Actor } from '../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { staleVersion } from '../../platform/http.js';
import { agencySubtree } from '../org/org.repository.js';
import type { ProcedureData } from './catalog.schemas.js';
import {
  findProcedure,
  insertProcedure,
  insertVersion,
  listVersions,
  lockProcedure,
  setVersionStatus,
  updateDraftData,
  updateProcedure,
  type ProcedureRow,
  type VersionRow,
} from './catalog.repository.js';
import {
  assertAction,
  availableActions,
  canManage,
  displayedVersion,
  planAbolish,
  planPublish,
  ProcedureAction,
  type ControlScope,
} from './lifecycle.js';
import {
  allAgencyCodes,
  applyUpdate,
  changedFields,
  completeProcedure,
  contentHash,
  defaultWorkflow,
  managingAgencyCodes,
  publishIssues,
  todayInVietnam,
} from './model.js';

export const PROCEDURE = { vi: 'thủ tục hành chính', en: 'Procedure' };

type Q = Kysely<DB> | Transaction<DB>;

/** Who is changing the catalog: a procedure-control officer within a scope, or the operator CLI. */
export type CatalogScope = ControlScope | 'system';

export async function controlScope(db: Q, actor: Actor): Promise<ControlScope> {
  const grants = agenciesWithRole(actor, [Role.PROCEDURE_CONTROL]);
  if (grants.length === 0) return { agencies: new Set(), root: false };
  const [subtree, roots] = await Promise.all([
    agencySubtree(db, grants),
    db.selectFrom('agencies').select('code').where('code', 'in', grants).where('parent_code', 'is', null).execute(),
  ]);
  return { agencies: new Set(subtree), root: roots.length > 0 };
}

export function mayManage(scope: CatalogScope, data: Pick<ProcedureData, 'agencies'>): boolean {
  return scope === 'system' || canManage(scope, managingAgencyCodes(data));
}

function requireManage(scope: CatalogScope, ...contents: Pick<ProcedureData, 'agencies'>[]): void {
  for (const data of contents) {
    if (!mayManage(scope, data)) throw forbidden({ agencyCodes: managingAgencyCodes(data) });
  }
}

/** The first agency the procedure is managed by, for the audit trail. */
const auditAgency = (data: Pick<ProcedureData, 'agencies'>) => managingAgencyCodes(data)[0] ?? null;

export async function checkAgenciesExist(trx: Q, data: Pick<ProcedureData, 'agencies' | 'workflow'>): Promise<void> {
  const codes = allAgencyCodes(data);
  if (codes.length === 0) return;
  const found = new Set((await trx.selectFrom('agencies').select('code').where('code', 'in', codes).execute()).map((a) => a.code));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) {
    throw invalid('UNKNOWN_AGENCY', { vi: `Không có cơ quan mã ${missing.join(', ')}`, en: `Unknown agency ${missing.join(', ')}` }, { field: 'agencies', agencies: missing });
  }
}

type Loaded = { row: ProcedureRow; versions: VersionRow[]; draft: VersionRow | null; current: VersionRow | null; latest: VersionRow };

async function loadLocked(trx: Transaction<DB>, code: string, expectedVersion: number | null): Promise<Loaded> {
  const row = await lockProcedure(trx, code);
  if (!row) throw notFound(PROCEDURE);
  if (expectedVersion !== null && row.version !== expectedVersion) throw staleVersion(row.version);
  const versions = await listVersions(trx, code);
  return {
    row,
    versions,
    draft: versions.find((v) => v.status === 'draft') ?? null,
    current: versions.find((v) => v.status === 'published') ?? null,
    latest: versions[versions.length - 1]!,
  };
}

const periods = (versions: VersionRow[]) =>
  versions.map((v) => ({ number: v.version, status: v.status, effectiveFrom: v.effective_from, effectiveTo: v.effective_to }));

// ---------------------------------------------------------------------------------------------
// Changes

export async function createProcedure(trx: Transaction<DB>, scope: CatalogScope, ctx: AuditContext, input: Partial<ProcedureData> & { code: string; name: string }) {
  const data = completeProcedure({ ...input, source: { format: 'api', url: null, formalityId: null, group: null, issuingMinistry: null }, problems: [] });
  await checkAgenciesExist(trx, data);
  requireManage(scope, data);
  if (await findProcedure(trx, data.code)) {
    throw conflict('PROCEDURE_CODE_TAKEN', { vi: `Mã thủ tục ${data.code} đã có trong danh mục`, en: `Procedure ${data.code} is already in the catalog` }, { field: 'code' });
  }
  const hash = contentHash(data);
  await insertProcedure(trx, data.code, data);
  await insertVersion(trx, { code: data.code, version: 1, data, hash, createdBy: ctx.actorName });
  await appendAudit(trx, { ...ctx, agencyCode: auditAgency(data) }, [
    { action: 'procedure.create', entityType: 'procedure', entityId: data.code, data: { version: 1, contentHash: hash, name: data.name } },
  ]);
  return catalogView(trx, data.code);
}

export async function updateDraft(trx: Transaction<DB>, scope: CatalogScope, ctx: AuditContext, code: string, expectedVersion: number, changes: Partial<ProcedureData>) {
  const { row, draft, latest } = await loadLocked(trx, code, expectedVersion);
  requireManage(scope, latest.data);
  assertAction({ status: row.status, hasDraft: draft !== null }, ProcedureAction.EDIT);
  const data = applyUpdate(draft!.data, changes);
  await checkAgenciesExist(trx, data);
  requireManage(scope, data);
  const hash = contentHash(data);
  if (hash !== draft!.content_hash) await updateDraftData(trx, code, draft!.version, data, hash);
  // Before the first publication the search columns follow the draft (for the officers' list).
  await updateProcedure(trx, row, row.status === 'draft' ? { data } : {});
  await appendAudit(trx, { ...ctx, agencyCode: auditAgency(data) }, [
    { action: 'procedure.update', entityType: 'procedure', entityId: code, data: { version: draft!.version, changedFields: changedFields(draft!.data, data), contentHash: hash } },
  ]);
  return catalogView(trx, code);
}

/**
 * Publishes the working draft from `effectiveFrom`; the version in force until then is superseded
 * from that day. A draft without a workflow gets the default one. Throws PROCEDURE_NOT_PUBLISHABLE
 * naming the fields that block it.
 */
export async function publishLoaded(
  trx: Transaction<DB>,
  loaded: Loaded,
  by: string | null,
  options: { effectiveFrom?: string | undefined; decisionNumber?: string | undefined },
): Promise<{ version: number; effectiveFrom: string; superseded: number | null }> {
  const { row, versions, draft, current } = loaded;
  if (!draft) throw new Error('publishLoaded needs a draft');
  let data = draft.data;
  if (options.decisionNumber !== undefined && options.decisionNumber !== data.decisionNumber) data = { ...data, decisionNumber: options.decisionNumber };
  if (data.workflow.length === 0) data = { ...data, workflow: defaultWorkflow(data) };
  const issues = publishIssues(data);
  if (issues.length > 0) {
    throw invalid(
      'PROCEDURE_NOT_PUBLISHABLE',
      {
        vi: `Chưa thể công bố thủ tục ${row.code}: ${issues.map((i) => `${i.field}: ${i.vi}`).join('; ')}`,
        en: `Procedure ${row.code} cannot be published: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      },
      { code: row.code, issues },
    );
  }
  const effectiveFrom = options.effectiveFrom ?? maxDate(todayInVietnam(), current?.effective_from ?? null);
  const plan = planPublish(periods(versions), effectiveFrom);
  if (data !== draft.data) await updateDraftData(trx, row.code, draft.version, data, contentHash(data));
  if (plan.supersede) await setVersionStatus(trx, row.code, plan.supersede.number, { status: 'superseded', effectiveTo: plan.supersede.effectiveTo });
  await setVersionStatus(trx, row.code, draft.version, { status: 'published', effectiveFrom, publishedBy: by });
  await updateProcedure(trx, row, { status: 'published', current_version: draft.version, effective_from: effectiveFrom, data });
  return { version: draft.version, effectiveFrom, superseded: plan.supersede?.number ?? null };
}

const maxDate = (a: string, b: string | null) => (b !== null && b > a ? b : a);

export async function publishProcedure(
  trx: Transaction<DB>,
  scope: CatalogScope,
  ctx: AuditContext,
  code: string,
  expectedVersion: number,
  body: { effectiveFrom?: string | undefined; decisionNumber?: string | undefined },
) {
  const loaded = await loadLocked(trx, code, expectedVersion);
  const { row, draft, current } = loaded;
  assertAction({ status: row.status, hasDraft: draft !== null }, ProcedureAction.PUBLISH);
  requireManage(scope, draft!.data, ...(current ? [current.data] : []));
  const done = await publishLoaded(trx, loaded, ctx.actorName, body);
  await appendAudit(trx, { ...ctx, agencyCode: auditAgency(draft!.data) }, [
    { action: 'procedure.publish', entityType: 'procedure', entityId: code, data: { ...done, decisionNumber: body.decisionNumber ?? draft!.data.decisionNumber } },
  ]);
  return catalogView(trx, code);
}

/** Opens a new version (a draft copy of the published one, with the given changes applied). */
export async function amendProcedure(trx: Transaction<DB>, scope: CatalogScope, ctx: AuditContext, code: string, changes: Partial<ProcedureData>) {
  const { row, draft, current } = await loadLocked(trx, code, null);
  assertAction({ status: row.status, hasDraft: draft !== null }, ProcedureAction.AMEND);
  requireManage(scope, current!.data);
  const data = applyUpdate(current!.data, changes);
  await checkAgenciesExist(trx, data);
  requireManage(scope, data);
  const number = row.latest_version + 1;
  const hash = contentHash(data);
  await insertVersion(trx, { code, version: number, data, hash, createdBy: ctx.actorName });
  await updateProcedure(trx, row, { latest_version: number });
  await appendAudit(trx, { ...ctx, agencyCode: auditAgency(data) }, [
    { action: 'procedure.amend', entityType: 'procedure', entityId: code, data: { version: number, basedOn: current!.version, changedFields: changedFields(current!.data, data), contentHash: hash } },
  ]);
  return catalogView(trx, code);
}

export async function abolishProcedure(
  trx: Transaction<DB>,
  scope: CatalogScope,
  ctx: AuditContext,
  code: string,
  expectedVersion: number,
  body: { effectiveFrom?: string | undefined; decisionNumber?: string | undefined; reason?: string | undefined },
) {
  const { row, versions, draft, current } = await loadLocked(trx, code, expectedVersion);
  assertAction({ status: row.status, hasDraft: draft !== null }, ProcedureAction.ABOLISH);
  requireManage(scope, current!.data);
  const effectiveFrom = body.effectiveFrom ?? maxDate(todayInVietnam(), current!.effective_from);
  planAbolish(periods(versions), effectiveFrom);
  await setVersionStatus(trx, code, current!.version, { status: 'abolished', effectiveTo: effectiveFrom });
  // An abolished procedure has no future: its pending draft is discarded (its hash stays in the audit trail).
  if (draft) await trx.deleteFrom('procedure_versions').where('code', '=', code).where('version', '=', draft.version).execute();
  await updateProcedure(trx, row, { status: 'abolished', abolished_on: effectiveFrom, latest_version: current!.version });
  await appendAudit(trx, { ...ctx, agencyCode: auditAgency(current!.data) }, [
    {
      action: 'procedure.abolish',
      entityType: 'procedure',
      entityId: code,
      data: { version: current!.version, effectiveFrom, decisionNumber: body.decisionNumber ?? null, reason: body.reason ?? null, discardedDraft: draft ? { version: draft.version, contentHash: draft.content_hash } : null },
    },
  ]);
  return catalogView(trx, code);
}

// ---------------------------------------------------------------------------------------------
// Views

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function versionView(v: VersionRow, previous: VersionRow | null) {
  return {
    number: v.version,
    status: v.status,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    decisionNumber: v.decision_number,
    contentHash: v.content_hash,
    createdBy: v.created_by,
    createdAt: iso(v.created_at)!,
    updatedAt: iso(v.updated_at)!,
    publishedAt: iso(v.published_at),
    changedFields: changedFields(previous?.data ?? null, v.data),
    data: v.data,
  };
}

/** The officers' view: the latest version, what can be done next, and what blocks publishing. */
export async function catalogView(db: Q, code: string) {
  const row = await findProcedure(db, code);
  if (!row) throw notFound(PROCEDURE);
  const versions = await listVersions(db, code);
  const latest = versions[versions.length - 1]!;
  const previous = versions.length > 1 ? versions[versions.length - 2]! : null;
  const hasDraft = latest.status === 'draft';
  return {
    code: row.code,
    status: row.status,
    version: row.version,
    currentVersion: row.current_version,
    latestVersion: row.latest_version,
    abolishedOn: row.abolished_on,
    availableActions: availableActions({ status: row.status, hasDraft }),
    publishIssues: hasDraft ? publishIssues(latest.data.workflow.length ? latest.data : { ...latest.data, workflow: defaultWorkflow(latest.data) }) : [],
    latest: versionView(latest, previous),
  };
}

/** What citizens see: the version in force today (or the upcoming one, or the abolished one). */
export async function publicDetail(db: Q, code: string, today = todayInVietnam()) {
  const row = await findProcedure(db, code);
  if (!row || row.status === 'draft') throw notFound(PROCEDURE);
  const versions = await listVersions(db, code);
  const shown = displayedVersion(
    versions.map((v) => ({ ...v, number: v.version, effectiveFrom: v.effective_from, effectiveTo: v.effective_to })),
    today,
  );
  if (!shown) throw notFound(PROCEDURE);
  return {
    ...shown.data,
    status: row.status,
    version: row.version,
    versionNumber: shown.version,
    versionStatus: shown.status,
    effectiveFrom: shown.effective_from,
    effectiveTo: shown.effective_to,
    publishedAt: iso(shown.published_at),
  };
}

/** Every version for the comparison page; drafts only for officers who manage the procedure. */
export async function versionsView(db: Q, code: string, viewer: Actor) {
  const row = await findProcedure(db, code);
  if (!row) throw notFound(PROCEDURE);
  const versions = await listVersions(db, code);
  let includeDrafts = false;
  if (viewer.kind === 'person' && agenciesWithRole(viewer, [Role.PROCEDURE_CONTROL]).length > 0) {
    includeDrafts = mayManage(await controlScope(db, viewer), versions[versions.length - 1]!.data);
  }
  const visible = versions.filter((v) => includeDrafts || v.status !== 'draft');
  if (visible.length === 0) throw notFound(PROCEDURE);
  return {
    code: row.code,
    status: row.status,
    versions: visible.map((v, i) => versionView(v, i > 0 ? visible[i - 1]! : null)),
  };
}
