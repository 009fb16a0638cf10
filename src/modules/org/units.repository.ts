import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { STRUCTURE_VALIDITY, type ParsedUnitFile, type RowProblem } from './units-csv.js';

export type UnitImportResult = { shape: string; upserted: number; rejected: RowProblem[] };

const CHUNK = 1000;

/**
 * Upserts parsed unit rows in one transaction (a file loads whole or not at all). Succession rows
 * whose old or new unit is not loaded are reported, not inserted.
 */
export async function importUnits(db: Kysely<DB>, file: ParsedUnitFile): Promise<UnitImportResult> {
  const rejected = [...file.problems];
  let upserted = 0;
  await db.transaction().execute(async (trx) => {
    if (file.kind === 'units') {
      for (let i = 0; i < file.rows.length; i += CHUNK) {
        const chunk = file.rows.slice(i, i + CHUNK).map((r) => ({
          structure: r.structure,
          code: r.code,
          level: r.level,
          name: r.name,
          unit_type: r.unitType,
          parent_code: r.parentCode,
          valid_from: STRUCTURE_VALIDITY[r.structure].validFrom,
          valid_to: STRUCTURE_VALIDITY[r.structure].validTo,
        }));
        await trx
          .insertInto('admin_units')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['structure', 'code']).doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              level: eb.ref('excluded.level'),
              unit_type: eb.ref('excluded.unit_type'),
              parent_code: eb.ref('excluded.parent_code'),
            })),
          )
          .execute();
        upserted += chunk.length;
      }
      return;
    }
    const known = new Set(
      (await trx.selectFrom('admin_units').select(['structure', 'code']).execute()).map((u) => `${u.structure}:${u.code}`),
    );
    const rows = file.rows.filter((r, i) => {
      const ok = known.has(`${r.oldStructure}:${r.oldCode}`) && known.has(`${r.newStructure}:${r.newCode}`);
      if (!ok)
        rejected.push({
          line: i + 2,
          field: 'code',
          reason: `unit ${known.has(`${r.oldStructure}:${r.oldCode}`) ? r.newCode : r.oldCode} is not loaded`,
        });
      return ok;
    });
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({
        old_structure: r.oldStructure,
        old_code: r.oldCode,
        new_structure: r.newStructure,
        new_code: r.newCode,
        merge_type: r.mergeType,
        effective_on: STRUCTURE_VALIDITY['2025'].validFrom,
      }));
      await trx
        .insertInto('admin_unit_successions')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['old_structure', 'old_code', 'new_structure', 'new_code']).doUpdateSet((eb) => ({
            merge_type: eb.ref('excluded.merge_type'),
          })),
        )
        .execute();
      upserted += chunk.length;
    }
  });
  return { shape: file.shape, upserted, rejected };
}

export type UnitFilter = {
  structure: '2025' | 'pre2025';
  level?: 'province' | 'district' | 'commune';
  parent?: string;
  q?: string;
  after?: string;
  limit: number;
};

export async function listUnits(db: Kysely<DB>, f: UnitFilter) {
  let q = db
    .selectFrom('admin_units')
    .select(['structure', 'code', 'level', 'name', 'unit_type', 'parent_code', 'valid_from', 'valid_to'])
    .where('structure', '=', f.structure);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.parent) q = q.where('parent_code', '=', f.parent);
  if (f.q) q = q.where(sql<boolean>`f_unaccent(name) LIKE '%' || f_unaccent(${f.q}) || '%'`);
  if (f.after) q = q.where('code', '>', f.after);
  return q.orderBy('code').limit(f.limit + 1).execute();
}

export async function findUnit(db: Kysely<DB>, structure: string, code: string) {
  const unit = await db
    .selectFrom('admin_units')
    .selectAll()
    .where('structure', '=', structure as '2025')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!unit) return undefined;
  const [successors, predecessors] = await Promise.all([
    db
      .selectFrom('admin_unit_successions as s')
      .innerJoin('admin_units as u', (j) => j.onRef('u.structure', '=', 's.new_structure').onRef('u.code', '=', 's.new_code'))
      .select(['u.structure', 'u.code', 'u.name', 's.merge_type', 's.effective_on'])
      .where('s.old_structure', '=', structure)
      .where('s.old_code', '=', code)
      .execute(),
    db
      .selectFrom('admin_unit_successions as s')
      .innerJoin('admin_units as u', (j) => j.onRef('u.structure', '=', 's.old_structure').onRef('u.code', '=', 's.old_code'))
      .select(['u.structure', 'u.code', 'u.name', 's.merge_type', 's.effective_on'])
      .where('s.new_structure', '=', structure)
      .where('s.new_code', '=', code)
      .orderBy('u.code')
      .execute(),
  ]);
  return { unit, successors, predecessors };
}
