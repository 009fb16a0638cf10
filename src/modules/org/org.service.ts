import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { agenciesWithRole, Role, type PersonActor, type RoleGrant } from '../../platform/auth/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { staleVersion } from '../../platform/http.js';
import { agencySubtree, findAgency, findPersonById, rolesOf } from './org.repository.js';
import type { AgencyCreate, AgencyUpdate, OfficerCreate } from './org.schemas.js';

const AGENCY = { vi: 'cơ quan', en: 'Agency' };
const OFFICER = { vi: 'cán bộ', en: 'Officer' };

/** Agencies an administrator manages: those where they hold the admin role, and all below them. */
export async function adminScope(db: Kysely<DB> | Transaction<DB>, actor: PersonActor): Promise<Set<string>> {
  return new Set(await agencySubtree(db, agenciesWithRole(actor, [Role.ADMIN])));
}

export function toAgency(a: NonNullable<Awaited<ReturnType<typeof findAgency>>>) {
  return {
    code: a.code,
    name: a.name,
    kind: a.kind,
    parentCode: a.parent_code,
    unit: a.unit_structure && a.unit_code ? { structure: a.unit_structure, code: a.unit_code } : null,
    address: a.address,
    phone: a.phone,
    email: a.email,
    workingHours: a.working_hours ?? null,
    active: a.active,
    version: a.version,
  };
}

async function checkUnit(trx: Transaction<DB>, unit: { structure: string; code: string } | null | undefined) {
  if (!unit) return;
  const found = await trx
    .selectFrom('admin_units')
    .select('code')
    .where('structure', '=', unit.structure as '2025')
    .where('code', '=', unit.code)
    .executeTakeFirst();
  if (!found) {
    throw invalid('UNKNOWN_ADMIN_UNIT', { vi: `Không có đơn vị hành chính mã ${unit.code}`, en: `No administrative unit with code ${unit.code}` }, { field: 'unit.code' });
  }
}

export async function createAgency(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, input: z.infer<typeof AgencyCreate>) {
  const scope = await adminScope(trx, actor);
  if (!scope.has(input.parentCode)) throw forbidden({ parentCode: input.parentCode });
  if (await findAgency(trx, input.code)) {
    throw conflict('AGENCY_CODE_TAKEN', { vi: `Mã định danh ${input.code} đã được dùng`, en: `Agency code ${input.code} is already in use` }, { field: 'code' });
  }
  await checkUnit(trx, input.unit);
  await trx
    .insertInto('agencies')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      parent_code: input.parentCode,
      unit_structure: input.unit?.structure ?? null,
      unit_code: input.unit?.code ?? null,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null,
    })
    .execute();
  await appendAudit(trx, { ...ctx, agencyCode: input.parentCode }, [{ action: 'agency.create', entityType: 'agency', entityId: input.code, data: { input } }]);
  return toAgency((await findAgency(trx, input.code))!);
}

export async function updateAgency(
  trx: Transaction<DB>,
  actor: PersonActor,
  ctx: AuditContext,
  code: string,
  expectedVersion: number,
  input: z.infer<typeof AgencyUpdate>,
) {
  const current = await findAgency(trx, code);
  if (!current) throw notFound(AGENCY);
  const scope = await adminScope(trx, actor);
  if (!scope.has(code)) throw forbidden();
  await checkUnit(trx, input.unit);
  const updated = await trx
    .updateTable('agencies')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.unit !== undefined && { unit_structure: input.unit?.structure ?? null, unit_code: input.unit?.code ?? null }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.workingHours !== undefined && { working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null }),
      ...(input.active !== undefined && { active: input.active }),
      version: expectedVersion + 1,
      updated_at: new Date(),
    })
    .where('code', '=', code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion(current.version);
  await appendAudit(trx, { ...ctx, agencyCode: code }, [{ action: 'agency.update', entityType: 'agency', entityId: code, data: { changes: input, version: expectedVersion + 1 } }]);
  return toAgency((await findAgency(trx, code))!);
}

function checkGrantsInScope(grants: RoleGrant[], scope: Set<string>) {
  const outside = grants.filter((g) => !scope.has(g.agencyCode));
  if (outside.length) throw forbidden({ agencies: [...new Set(outside.map((g) => g.agencyCode))] });
}

async function checkAgenciesExist(trx: Transaction<DB>, grants: RoleGrant[]) {
  const codes = [...new Set(grants.map((g) => g.agencyCode))];
  if (!codes.length) return;
  const found = new Set((await trx.selectFrom('agencies').select('code').where('code', 'in', codes).execute()).map((a) => a.code));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) throw invalid('UNKNOWN_AGENCY', { vi: `Không có cơ quan mã ${missing.join(', ')}`, en: `Unknown agency ${missing.join(', ')}` }, { agencies: missing });
}

export async function createOfficer(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, input: z.infer<typeof OfficerCreate>) {
  const scope = await adminScope(trx, actor);
  await checkAgenciesExist(trx, input.roles);
  checkGrantsInScope(input.roles, scope);
  const taken = await trx.selectFrom('people').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) throw conflict('USERNAME_TAKEN', { vi: `Tên đăng nhập ${input.username} đã có người dùng`, en: `Username ${input.username} is taken` }, { field: 'username' });
  const id = randomUUID();
  await trx
    .insertInto('people')
    .values({ id, kind: 'officer', username: input.username, full_name: input.fullName, email: input.email ?? null, phone: input.phone ?? null, personal_id: null, tax_code: null, date_of_birth: null, address: null })
    .execute();
  const unique = dedupe(input.roles);
  await trx.insertInto('officer_roles').values(unique.map((g) => ({ person_id: id, agency_code: g.agencyCode, role: g.role }))).execute();
  await appendAudit(trx, ctx, [{ action: 'officer.create', entityType: 'person', entityId: id, data: { username: input.username, roles: unique } }]);
  return officerView(trx, id);
}

const dedupe = (grants: RoleGrant[]) => [...new Map(grants.map((g) => [`${g.agencyCode}|${g.role}`, g])).values()];

/**
 * Replaces the officer's roles within the administrator's scope; roles the officer holds in agencies
 * outside that scope are left untouched (another administrator manages them).
 */
export async function replaceRoles(trx: Transaction<DB>, actor: PersonActor, ctx: AuditContext, personId: string, expectedVersion: number, grants: RoleGrant[]) {
  const person = await findPersonById(trx, personId);
  if (!person || person.kind !== 'officer') throw notFound(OFFICER);
  const scope = await adminScope(trx, actor);
  const before = await rolesOf(trx, personId);
  if (!before.some((g) => scope.has(g.agencyCode))) throw notFound(OFFICER);
  await checkAgenciesExist(trx, grants);
  checkGrantsInScope(grants, scope);
  if (person.id === actor.id && !grants.some((g) => g.role === Role.ADMIN)) {
    throw conflict('CANNOT_DROP_OWN_ADMIN', { vi: 'Không thể tự gỡ quyền quản trị của chính mình', en: 'You cannot remove your own administrator role' });
  }
  const bumped = await trx.updateTable('people').set({ version: expectedVersion + 1, updated_at: new Date() }).where('id', '=', personId).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(bumped.numUpdatedRows) !== 1) throw staleVersion(person.version);
  await trx.deleteFrom('officer_roles').where('person_id', '=', personId).where('agency_code', 'in', [...scope]).execute();
  const unique = dedupe(grants);
  if (unique.length) await trx.insertInto('officer_roles').values(unique.map((g) => ({ person_id: personId, agency_code: g.agencyCode, role: g.role }))).execute();
  await appendAudit(trx, ctx, [{ action: 'officer.roles.replace', entityType: 'person', entityId: personId, data: { before, after: unique } }]);
  return officerView(trx, personId);
}

export async function officerView(db: Kysely<DB> | Transaction<DB>, id: string) {
  const p = (await findPersonById(db, id))!;
  return { id: p.id, username: p.username, fullName: p.full_name, email: p.email, phone: p.phone, active: p.active, version: p.version, roles: await rolesOf(db, id) };
}
