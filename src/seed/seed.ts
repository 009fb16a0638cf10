import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { parseUnitCsv } from '../modules/org/units-csv.js';
import { importUnits } from '../modules/org/units.repository.js';
import { appendAudit } from '../platform/audit/audit.js';
import { DEMO_AGENCIES, DEMO_PEOPLE } from './demo-data.js';

export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference-data');

const SYSTEM = { actorId: null, actorName: 'system', agencyCode: null, requestId: null, clientIp: null };

/** Loads the shipped 2025 administrative units if the table is empty. */
export async function seedReferenceData(db: Kysely<DB>): Promise<void> {
  const any = await db.selectFrom('admin_units').select('code').limit(1).executeTakeFirst();
  if (any) return;
  for (const file of ['vn_provinces_2025.csv', 'vn_communes_2025.csv']) {
    const parsed = parseUnitCsv(fs.readFileSync(path.join(REFERENCE_DIR, 'units', file), 'utf8'));
    await importUnits(db, parsed);
  }
}

/** Demo agencies, officers and citizens of one province, so a fresh install can be tried at once. */
export async function seedDemo(db: Kysely<DB>): Promise<{ agencies: number; people: number }> {
  await db.transaction().execute(async (trx) => {
    for (const a of DEMO_AGENCIES) {
      await trx
        .insertInto('agencies')
        .values({ ...a, working_hours: null, address: a.address ?? null, phone: null, email: null })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    for (const p of DEMO_PEOPLE) {
      const existing = await trx.selectFrom('people').select('id').where('username', '=', p.username).executeTakeFirst();
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        await trx
          .insertInto('people')
          .values({
            id,
            kind: p.kind,
            username: p.username,
            full_name: p.fullName,
            personal_id: p.personalId ?? null,
            tax_code: p.taxCode ?? null,
            email: p.email ?? null,
            phone: p.phone ?? null,
            date_of_birth: p.dateOfBirth ?? null,
            address: p.address ?? null,
          })
          .execute();
      }
      for (const r of p.roles ?? []) {
        await trx
          .insertInto('officer_roles')
          .values({ person_id: id, agency_code: r.agency, role: r.role })
          .onConflict((oc) => oc.columns(['person_id', 'agency_code', 'role']).doNothing())
          .execute();
      }
    }
    await appendAudit(trx, SYSTEM, [{ action: 'seed.demo', entityType: 'system', entityId: null, data: { agencies: DEMO_AGENCIES.length, people: DEMO_PEOPLE.length } }]);
  });
  return { agencies: DEMO_AGENCIES.length, people: DEMO_PEOPLE.length };
}

export async function seedIfEmpty(db: Kysely<DB>, config: Config): Promise<void> {
  await seedReferenceData(db);
  const wantDemo = config.seedDemo === 'always' || (config.seedDemo === 'auto' && config.env !== 'production');
  if (!wantDemo) return;
  const anyone = await db.selectFrom('people').select('id').limit(1).executeTakeFirst();
  if (!anyone) await seedDemo(db);
}
