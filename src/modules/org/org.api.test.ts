import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { parseUnitCsv } from './units-csv.js';
import { importUnits } from './units.repository.js';

let t: TestApp;
const tokens: Record<string, string | undefined> = {};
const USERS = ['congdan.an', 'motcua.tinh', 'chuyenvien.tuphap', 'kiemsoat.tinh', 'quantri.tinh', 'quantri.tichluong', 'motcua.tichluong'] as const;
type Who = (typeof USERS)[number] | 'anonymous';
let seq = 0;
const key = () => `test-key-${Date.now()}-${++seq}`;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
});
afterAll(async () => t?.close());

const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

async function idOf(username: string) {
  return (await t.database.db.selectFrom('people').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

describe(`administrative units (${TEST_DB})`, () => {
  it('serves the 34 provinces and 3,321 communes of 2025', async () => {
    const provinces = await t.call('GET', '/api/v1/units?level=province&limit=100');
    expect(provinces.body.items).toHaveLength(34);
    const counts = await t.database.db.selectFrom('admin_units').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', 'commune').executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(3321);
  });

  it('pages through communes of a province with a cursor, and finds names without diacritics', async () => {
    const first = await t.call('GET', '/api/v1/units?parent=19&level=commune&limit=20');
    expect(first.body.items).toHaveLength(20);
    const second = await t.call('GET', `/api/v1/units?parent=19&level=commune&limit=20&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].code > first.body.items[19].code).toBe(true);
    const found = await t.call('GET', '/api/v1/units?q=phan%20dinh%20phung');
    expect(found.body.items.map((u: { name: string }) => u.name)).toContain('Phường Phan Đình Phùng');
    const bad = await t.call('GET', '/api/v1/units?cursor=%%%');
    expect(bad.status).toBe(400);
  });

  it('shows one unit, and 404 for an unknown code', async () => {
    const u = await t.call('GET', '/api/v1/units/2025/05443');
    expect(u.body).toMatchObject({ name: 'Phường Phan Đình Phùng', level: 'commune', parentCode: '19' });
    expect((await t.call('GET', '/api/v1/units/2025/99999')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/units/2025/abc')).status).toBe(400);
  });
});

describe(`agencies: authorization matrix (${TEST_DB})`, () => {
  const create = (who: Who, parentCode: string, code: string) =>
    t.call('POST', '/api/v1/agencies', {
      token: as(who),
      headers: { 'idempotency-key': key() },
      body: { code, name: `Cơ quan thử ${code}`, kind: 'department', parentCode },
    });

  it.each<[Who, number]>([
    ['anonymous', 401],
    ['congdan.an', 403],
    ['motcua.tinh', 403],
    ['chuyenvien.tuphap', 403],
    ['kiemsoat.tinh', 403],
    ['quantri.tichluong', 403], // an administrator of another agency
    ['quantri.tinh', 201],
  ])('POST /agencies under H55.02 as %s → %i', async (who, status) => {
    const r = await create(who, 'H55.02', `H55.02.${who.length}${status}`);
    expect(r.status).toBe(status);
  });

  it('lets the commune administrator create agencies only under their commune', async () => {
    expect((await create('quantri.tichluong', 'H55.11', 'H55.11.09')).status).toBe(201);
    expect((await create('quantri.tichluong', 'H55.10', 'H55.10.09')).status).toBe(403);
  });

  it.each<[Who, number]>([
    ['anonymous', 401],
    ['congdan.an', 403],
    ['motcua.tinh', 403],
    ['quantri.tichluong', 403],
    ['quantri.tinh', 200],
  ])('PATCH /agencies/H55.03 as %s → %i', async (who, status) => {
    const current = await t.call('GET', '/api/v1/agencies/H55.03');
    const r = await t.call('PATCH', '/api/v1/agencies/H55.03', {
      token: as(who),
      headers: { 'if-match': current.headers.get('etag')! },
      body: { phone: '0208 3855 123' },
    });
    expect(r.status).toBe(status);
  });
});

describe(`agencies: conventions (${TEST_DB})`, () => {
  it('replays the same answer for the same Idempotency-Key, and creates one record', async () => {
    const k = key();
    const body = { code: 'H55.30', name: 'Sở Y tế tỉnh Thái Nguyên', kind: 'department', parentCode: 'H55', unit: { structure: '2025', code: '19' } };
    const [a, b] = await Promise.all([
      t.call('POST', '/api/v1/agencies', { token: tokens['quantri.tinh'], headers: { 'idempotency-key': k }, body }),
      t.call('POST', '/api/v1/agencies', { token: tokens['quantri.tinh'], headers: { 'idempotency-key': k }, body }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    const other = await t.call('POST', '/api/v1/agencies', { token: tokens['quantri.tinh'], headers: { 'idempotency-key': k }, body: { ...body, name: 'Khác' } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = await t.database.db.selectFrom('agencies').select('code').where('code', '=', 'H55.30').execute();
    expect(rows).toHaveLength(1);
  });

  it('requires an Idempotency-Key to create, and refuses a taken code', async () => {
    const noKey = await t.call('POST', '/api/v1/agencies', { token: tokens['quantri.tinh'], body: { code: 'H55.31', name: 'X', kind: 'other', parentCode: 'H55' } });
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const taken = await t.call('POST', '/api/v1/agencies', { token: tokens['quantri.tinh'], headers: { 'idempotency-key': key() }, body: { code: 'H55.02', name: 'X', kind: 'other', parentCode: 'H55' } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('AGENCY_CODE_TAKEN');
  });

  it('names the invalid fields, in both languages', async () => {
    const r = await t.call('POST', '/api/v1/agencies', {
      token: tokens['quantri.tinh'],
      headers: { 'idempotency-key': key() },
      body: { code: 'h55 bad', name: '', kind: 'castle', parentCode: 'H55', extra: 1 },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message.vi).toBeTruthy();
    const fields = r.body.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.code', 'body.name', 'body.kind']));
    const unit = await t.call('POST', '/api/v1/agencies', {
      token: tokens['quantri.tinh'],
      headers: { 'idempotency-key': key() },
      body: { code: 'H55.32', name: 'X', kind: 'other', parentCode: 'H55', unit: { structure: '2025', code: '99999' } },
    });
    expect(unit.body.code).toBe('UNKNOWN_ADMIN_UNIT');
  });

  it('uses If-Match for optimistic concurrency: the second writer on a stale version gets 409', async () => {
    const current = await t.call('GET', '/api/v1/agencies/H55.02');
    const tag = current.headers.get('etag')!;
    const first = await t.call('PATCH', '/api/v1/agencies/H55.02', { token: tokens['quantri.tinh'], headers: { 'if-match': tag }, body: { email: 'stp@example.vn' } });
    expect(first.status).toBe(200);
    const second = await t.call('PATCH', '/api/v1/agencies/H55.02', { token: tokens['quantri.tinh'], headers: { 'if-match': tag }, body: { email: 'other@example.vn' } });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: first.body.version } });
    const none = await t.call('PATCH', '/api/v1/agencies/H55.02', { token: tokens['quantri.tinh'], body: { email: 'x@example.vn' } });
    expect(none.status).toBe(412);
  });
});

describe(`officers and roles (${TEST_DB})`, () => {
  it('lists only the officers of the agencies an administrator manages', async () => {
    const all = await t.call('GET', '/api/v1/officers?limit=200', { token: tokens['quantri.tinh'] });
    expect(all.body.items.map((o: { username: string }) => o.username)).toEqual(expect.arrayContaining(['motcua.tinh', 'motcua.tichluong']));
    const commune = await t.call('GET', '/api/v1/officers', { token: tokens['quantri.tichluong'] });
    expect(commune.body.items.map((o: { username: string }) => o.username).sort()).toEqual(['motcua.tichluong', 'quantri.tichluong']);
    expect((await t.call('GET', '/api/v1/officers', { token: tokens['motcua.tinh'] })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/officers')).status).toBe(401);
  });

  it('hides officers of other agencies (404, not 403, so their existence does not leak)', async () => {
    const id = await idOf('chuyenvien.tuphap');
    expect((await t.call('GET', `/api/v1/officers/${id}`, { token: tokens['quantri.tinh'] })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/officers/${id}`, { token: tokens['quantri.tichluong'] })).status).toBe(404);
  });

  it('creates an officer with roles in scope, refusing roles outside it', async () => {
    const ok = await t.call('POST', '/api/v1/officers', {
      token: tokens['quantri.tichluong'],
      headers: { 'idempotency-key': key() },
      body: { username: 'chuyenvien.tichluong', fullName: 'Phan Thị Hoa', roles: [{ agencyCode: 'H55.11', role: 'specialist' }] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.roles).toEqual([{ agencyCode: 'H55.11', role: 'specialist' }]);
    const outside = await t.call('POST', '/api/v1/officers', {
      token: tokens['quantri.tichluong'],
      headers: { 'idempotency-key': key() },
      body: { username: 'ke.gian', fullName: 'Kẻ Gian', roles: [{ agencyCode: 'H55', role: 'admin' }] },
    });
    expect(outside.status).toBe(403);
    expect(await t.database.db.selectFrom('people').select('id').where('username', '=', 'ke.gian').executeTakeFirst()).toBeUndefined();
  });

  it('replaces roles within scope only, keeping roles held elsewhere', async () => {
    const id = await idOf('motcua.tichluong');
    await t.database.db.insertInto('officer_roles').values({ person_id: id, agency_code: 'H55.02', role: 'reporting' }).execute();
    const current = await t.call('GET', `/api/v1/officers/${id}`, { token: tokens['quantri.tichluong'] });
    const r = await t.call('PUT', `/api/v1/officers/${id}/roles`, {
      token: tokens['quantri.tichluong'],
      headers: { 'if-match': current.headers.get('etag')! },
      body: { roles: [{ agencyCode: 'H55.11.01', role: 'reception' }, { agencyCode: 'H55.11', role: 'specialist' }] },
    });
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(
      expect.arrayContaining([
        { agencyCode: 'H55.02', role: 'reporting' },
        { agencyCode: 'H55.11', role: 'specialist' },
        { agencyCode: 'H55.11.01', role: 'reception' },
      ]),
    );
  });
});

describe(`applicant lookup at the desk (${TEST_DB})`, () => {
  it.each<[Who, number]>([
    ['anonymous', 401],
    ['congdan.an', 403],
    ['chuyenvien.tuphap', 403],
    ['quantri.tinh', 403],
    ['motcua.tinh', 200],
  ])('GET /people/lookup as %s → %i', async (who, status) => {
    const r = await t.call('GET', '/api/v1/people/lookup?personalId=019090001234', { token: as(who) });
    expect(r.status).toBe(status);
  });

  it('records every read of personal data in the audit trail', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'person.personal_data.read').execute();
    const r = await t.call('GET', '/api/v1/people/lookup?personalId=019090001234', { token: tokens['motcua.tinh'], headers: { 'x-request-id': 'lookup-req-0001' } });
    expect(r.body).toMatchObject({ fullName: 'Nguyễn Văn An', personalId: '019090001234' });
    const after = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.personal_data.read').orderBy('seq', 'desc').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toMatchObject({ actor_name: 'motcua.tinh', agency_code: 'H55.01', request_id: 'lookup-req-0001', client_ip: expect.any(String) });
    expect((await t.call('GET', '/api/v1/people/lookup?personalId=12345', { token: tokens['motcua.tinh'] })).status).toBe(400);
  });
});

describe(`random bodies never cause a 5xx (${TEST_DB})`, () => {
  it('POST and PATCH endpoints answer 4xx or success to arbitrary JSON', async () => {
    const targets: [string, string, Record<string, string>][] = [
      ['POST', '/api/v1/agencies', {}],
      ['POST', '/api/v1/officers', {}],
      ['PATCH', '/api/v1/agencies/H55.03', { 'if-match': '"1"' }],
      ['PUT', `/api/v1/officers/${await idOf('motcua.tinh')}/roles`, { 'if-match': '"1"' }],
    ];
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          code: fc.oneof(fc.string(), fc.constantFrom('H55.77', 'H55', '')),
          name: fc.string(),
          kind: fc.constantFrom('department', 'x'),
          parentCode: fc.constantFrom('H55', 'H55.11', 'NOPE'),
          username: fc.string(),
          fullName: fc.string(),
          roles: fc.array(fc.record({ agencyCode: fc.string(), role: fc.string() })),
          workingHours: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), body, async ([method, path, headers], b) => {
        const r = await t.call(method, path, { token: tokens['quantri.tinh'], headers: { ...headers, 'idempotency-key': key() }, body: b });
        expect(r.status, JSON.stringify({ path, b, r: r.body })).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

const SHARED = path.resolve(process.cwd(), '../shared/data');
describe.skipIf(!fs.existsSync(SHARED))(`the structure before 2025 and its succession (${TEST_DB})`, () => {
  it('imports the 63 provinces, districts and communes and links old units to new ones', async () => {
    const load = async (file: string) => importUnits(t.database.db, parseUnitCsv(fs.readFileSync(path.join(SHARED, file), 'utf8')));
    expect((await load('vn_provinces_pre2025.csv')).upserted).toBe(63);
    expect((await load('vn_districts_pre2025.csv')).upserted).toBe(696);
    expect((await load('vn_communes_pre2025.csv')).upserted).toBe(10047);
    const provinces = await load('vn_mapping_2025_provinces_old_to_new.csv');
    expect(provinces).toMatchObject({ upserted: 63, rejected: [] });
    const communes = await load('vn_mapping_2025_communes_old_to_new.csv');
    // The 5 island districts with no communes map from a district code, which is loaded too.
    expect(communes.upserted + communes.rejected.length).toBe(10604);
    const haGiang = await t.call('GET', '/api/v1/units/pre2025/02');
    expect(haGiang.body).toMatchObject({ name: 'Tỉnh Hà Giang', validTo: '2025-07-01', successors: [{ code: '08', structure: '2025', mergeType: 'full' }] });
    const tuyenQuang = await t.call('GET', '/api/v1/units/2025/08');
    expect(tuyenQuang.body.predecessors.map((p: { code: string }) => p.code)).toEqual(['02', '08']);
    const ward = await t.call('GET', '/api/v1/units/2025/00004');
    expect(ward.body.predecessors.length).toBeGreaterThan(1);
    expect((await t.call('GET', '/api/v1/units?structure=pre2025&level=district&parent=01&limit=200')).body.items.length).toBeGreaterThan(20);
  });
});
