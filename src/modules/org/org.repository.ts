import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RoleGrant, Role } from '../../platform/auth/actor.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The given agencies and every agency below them in the tree. */
export async function agencySubtree(db: Q, roots: string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const rows = await sql<{ code: string }>`
    WITH RECURSIVE tree(code) AS (
      SELECT code FROM agencies WHERE code = ANY(${roots}::text[])
      UNION
      SELECT a.code FROM agencies a JOIN tree t ON a.parent_code = t.code
    )
    SELECT code FROM tree`.execute(db);
  return rows.rows.map((r) => r.code);
}

export async function findPersonByUsername(db: Q, username: string) {
  return db.selectFrom('people').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findPersonById(db: Q, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPersonByPersonalId(db: Q, personalId: string) {
  return db.selectFrom('people').selectAll().where('personal_id', '=', personalId).executeTakeFirst();
}

export async function rolesOf(db: Q, personId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('officer_roles')
    .select(['agency_code', 'role'])
    .where('person_id', '=', personId)
    .orderBy('agency_code')
    .orderBy('role')
    .execute();
  return rows.map((r) => ({ agencyCode: r.agency_code, role: r.role as Role }));
}

export async function listAgencies(db: Q, f: { parent?: string; q?: string; after?: string; limit: number }) {
  let q = db
    .selectFrom('agencies')
    .select(['code', 'name', 'kind', 'parent_code', 'unit_structure', 'unit_code', 'address', 'phone', 'email', 'working_hours', 'active', 'version']);
  if (f.parent) q = q.where('parent_code', '=', f.parent);
  if (f.q) q = q.where(sql<boolean>`f_unaccent(name) LIKE '%' || f_unaccent(${f.q}) || '%'`);
  if (f.after) q = q.where('code', '>', f.after);
  return q.orderBy('code').limit(f.limit + 1).execute();
}

export async function findAgency(db: Q, code: string) {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listOfficers(db: Q, agencyCodes: string[], f: { after?: string; limit: number }) {
  if (agencyCodes.length === 0) return [];
  let q = db
    .selectFrom('people as p')
    .select(['p.id', 'p.username', 'p.full_name', 'p.email', 'p.phone', 'p.active', 'p.version'])
    .where('p.kind', '=', 'officer')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('officer_roles as r')
          .select('r.person_id')
          .whereRef('r.person_id', '=', 'p.id')
          .where('r.agency_code', 'in', agencyCodes),
      ),
    );
  if (f.after) q = q.where('p.username', '>', f.after);
  return q.orderBy('p.username').limit(f.limit + 1).execute();
}

export async function rolesOfMany(db: Q, personIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const out = new Map<string, RoleGrant[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('officer_roles')
    .select(['person_id', 'agency_code', 'role'])
    .where('person_id', 'in', personIds)
    .orderBy('agency_code')
    .orderBy('role')
    .execute();
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({ agencyCode: r.agency_code, role: r.role as Role });
    out.set(r.person_id, list);
  }
  return out;
}

export { listUnits as findUnitsPage } from './units.repository.js';
