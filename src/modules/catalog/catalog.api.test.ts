import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { findVersionInForce } from './catalog.repository.js';
import { ProcedureData } from './catalog.schemas.js';
import { completeProcedure, todayInVietnam } from './model.js';

let t: TestApp;
const tokens: Record<string, string | undefined> = {};
const USERS = ['congdan.an', 'motcua.tinh', 'chuyenvien.tuphap', 'quantri.tinh', 'kiemsoat.tinh', 'kiemsoat.tichluong'] as const;
type Who = (typeof USERS)[number] | 'anonymous';
const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

let seq = 0;
const key = () => `catalog-test-${Date.now()}-${++seq}`;
let codeSeq = 0;
/** Test procedures get 3.9xxxxx codes, apart from the real ones below. */
const newCode = () => `3.9${String(++codeSeq).padStart(5, '0')}`;

beforeAll(async () => {
  t = await startTestApp();
  // A procedure-control officer of one ward (Tích Lương, H55.11): another agency subtree than the province's departments.
  const id = randomUUID();
  await t.database.db.insertInto('people').values({ id, kind: 'officer', username: 'kiemsoat.tichluong', full_name: 'Lưu Văn Kiểm', personal_id: null, tax_code: null, email: null, phone: null, date_of_birth: null, address: null }).execute();
  await t.database.db.insertInto('officer_roles').values({ person_id: id, agency_code: 'H55.11', role: 'procedure_control' }).execute();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
});
afterAll(async () => t?.close());

const procedureBody = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  name: `Thủ tục thử nghiệm ${code}`,
  field: 'Hộ tịch',
  levels: ['commune'],
  applicantTypes: ['citizen'],
  agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] } },
  channels: [{ channel: 'in_person', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'free' }] }],
  ...over,
});

async function create(who: Who, body: Record<string, unknown>) {
  return t.call('POST', '/api/v1/procedures', { token: as(who), headers: { 'idempotency-key': key() }, body });
}

/** A procedure of H55.02 made by the province's procedure-control officer, as a draft or published. */
async function given(state: 'draft' | 'published', over: Record<string, unknown> = {}): Promise<{ code: string; etag: string }> {
  const code = newCode();
  const created = await create('kiemsoat.tinh', procedureBody(code, over));
  expect(created.status).toBe(201);
  if (state === 'draft') return { code, etag: created.headers.get('etag')! };
  const published = await publish('kiemsoat.tinh', code, created.headers.get('etag')!);
  expect(published.status).toBe(200);
  return { code, etag: published.headers.get('etag')! };
}

const publish = (who: Who, code: string, etag: string, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/v1/procedures/${code}/publish`, { token: as(who), headers: { 'if-match': etag }, body });

const REFUSED: [Who, number][] = [
  ['anonymous', 401],
  ['congdan.an', 403],
  ['motcua.tinh', 403],
  ['chuyenvien.tuphap', 403],
  ['quantri.tinh', 403],
  ['kiemsoat.tichluong', 403], // procedure control of another agency subtree
];

describe(`procedure catalog: authorization matrix (${TEST_DB})`, () => {
  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 201]])('POST /procedures (create) as %s → %i', async (who, status) => {
    expect((await create(who, procedureBody(newCode()))).status).toBe(status);
  });

  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 200]])('PATCH /procedures/{code} (edit) as %s → %i', async (who, status) => {
    const { code, etag } = await given('draft');
    const r = await t.call('PATCH', `/api/v1/procedures/${code}`, { token: as(who), headers: { 'if-match': etag }, body: { requirements: 'Không' } });
    expect(r.status).toBe(status);
  });

  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 200]])('POST /procedures/{code}/publish as %s → %i', async (who, status) => {
    const { code, etag } = await given('draft');
    expect((await publish(who, code, etag)).status).toBe(status);
  });

  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 201]])('POST /procedures/{code}/amendments as %s → %i', async (who, status) => {
    const { code } = await given('published');
    const r = await t.call('POST', `/api/v1/procedures/${code}/amendments`, { token: as(who), headers: { 'idempotency-key': key() }, body: { requirements: 'Mới' } });
    expect(r.status).toBe(status);
  });

  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 200]])('POST /procedures/{code}/abolish as %s → %i', async (who, status) => {
    const { code, etag } = await given('published');
    const r = await t.call('POST', `/api/v1/procedures/${code}/abolish`, { token: as(who), headers: { 'if-match': etag }, body: { decisionNumber: '12/QĐ-UBND' } });
    expect(r.status).toBe(status);
  });

  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 200]])('POST /catalog/import as %s → %i', async (who, status) => {
    const item = { code: newCode(), status: 'draft', data: completeProcedure({ code: `3.9${String(++codeSeq).padStart(5, '0')}`, name: 'X' }) };
    item.data = { ...item.data, code: item.code };
    const r = await t.call('POST', '/api/v1/catalog/import', { token: as(who), headers: { 'idempotency-key': key() }, body: [item] });
    expect(r.status).toBe(status);
  });

  it.each<[Who, number]>([...REFUSED, ['kiemsoat.tinh', 200]])('GET /catalog/export as %s → %i', async (who, status) => {
    expect((await t.call('GET', '/api/v1/catalog/export?format=csv', { token: as(who) })).status).toBe(status);
  });

  it('lets a ward procedure-control officer manage the procedures of their own ward', async () => {
    const code = newCode();
    const mine = procedureBody(code, { agencies: { competent: { text: 'Ủy ban nhân dân phường Tích Lương', codes: ['H55.11'] }, receiving: { text: null, codes: ['H55.11.01'] } } });
    const created = await create('kiemsoat.tichluong', mine);
    expect(created.status).toBe(201);
    expect((await publish('kiemsoat.tichluong', code, created.headers.get('etag')!)).status).toBe(200);
    // …but cannot hand it over to an agency outside the ward, nor manage the province's national-list procedures.
    const amended = await t.call('POST', `/api/v1/procedures/${code}/amendments`, {
      token: tokens['kiemsoat.tichluong'],
      headers: { 'idempotency-key': key() },
      body: { agencies: { competent: { text: null, codes: ['H55.02'] } } },
    });
    expect(amended.status).toBe(403);
    expect((await create('kiemsoat.tichluong', procedureBody(newCode(), { agencies: undefined }))).status).toBe(403);
    const list = await t.call('GET', '/api/v1/catalog/procedures?limit=200', { token: tokens['kiemsoat.tichluong'] });
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual([code]);
  });
});

describe(`procedure catalog: life cycle (${TEST_DB})`, () => {
  const today = todayInVietnam();

  it('goes draft → published → amended (dossiers keep their version) with every change audited', async () => {
    const code = newCode();
    const created = await create('kiemsoat.tinh', procedureBody(code, { channels: [] }));
    expect(created.body).toMatchObject({ code, status: 'draft', currentVersion: null, latestVersion: 1, availableActions: ['edit', 'publish'] });
    expect(created.body.publishIssues).toEqual([
      { field: 'channels', message: expect.stringMatching(/processing time/), vi: expect.stringMatching(/thời hạn giải quyết/) },
    ]);
    expect((await t.call('GET', `/api/v1/procedures/${code}`)).status).toBe(404);

    // Publishing without a processing time is refused, naming the procedure and the field.
    const refused = await publish('kiemsoat.tinh', code, created.headers.get('etag')!);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'PROCEDURE_NOT_PUBLISHABLE', details: { code, issues: [{ field: 'channels' }] } });
    expect(refused.body.message.vi).toContain(code);
    // Each language speaks for itself: no English reason inside the Vietnamese message.
    expect(refused.body.message.vi).toMatch(/thời hạn giải quyết/);
    expect(refused.body.message.vi).not.toMatch(/processing time/);

    const edited = await t.call('PATCH', `/api/v1/procedures/${code}`, {
      token: tokens['kiemsoat.tinh'],
      headers: { 'if-match': created.headers.get('etag')! },
      body: {
        channels: [
          { channel: 'in_person', processingTime: { unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day' }, fees: [{ kind: 'amount', amountVnd: 8000, label: 'Lệ phí', per: 'bản' }] },
          { channel: 'online', processingTime: { unit: 'working_hours', value: 4 }, fees: [{ kind: 'free' }] },
        ],
        onlineLevel: 'full',
        components: [{ name: 'Tờ khai đăng ký', originals: 1, copies: 0, required: true, templates: [{ name: 'To-khai.docx', url: 'https://example.vn/mau/to-khai.docx' }] }, { name: 'Căn cước', replaceableByData: true, dataSource: 'national_population_db' }],
        formSchema: { type: 'object', required: ['hoTen'], properties: { hoTen: { type: 'string', title: 'Họ và tên' } } },
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.publishIssues).toEqual([]);
    const published = await publish('kiemsoat.tinh', code, edited.headers.get('etag')!, { effectiveFrom: today, decisionNumber: '1234/QĐ-UBND' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', currentVersion: 1, availableActions: ['amend', 'abolish'], latest: { number: 1, status: 'published', effectiveFrom: today } });
    expect(published.body.latest.data.workflow.map((s: { role: string }) => s.role)).toEqual(['reception', 'specialist', 'approver', 'reception']);

    const detail = await t.call('GET', `/api/v1/procedures/${code}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('etag')).toBe(published.headers.get('etag'));
    expect(detail.body).toMatchObject({ code, versionNumber: 1, versionStatus: 'published', decisionNumber: '1234/QĐ-UBND', onlineLevel: 'full', effectiveFrom: today });
    expect(detail.body.channels[0].processingTime).toEqual({ unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day' });
    expect(detail.body.components[0].templates[0]).toEqual({ name: 'To-khai.docx', url: 'https://example.vn/mau/to-khai.docx' });
    expect(detail.body.components[1]).toMatchObject({ replaceableByData: true, dataSource: 'national_population_db' });
    expect(ProcedureData.safeParse(Object.fromEntries(Object.entries(detail.body).filter(([k]) => k in ProcedureData.shape))).success).toBe(true);

    // A published version cannot be edited in place: amend it.
    const edit = await t.call('PATCH', `/api/v1/procedures/${code}`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': published.headers.get('etag')! }, body: { name: 'X' } });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { availableActions: ['amend', 'abolish'] } });

    const amended = await t.call('POST', `/api/v1/procedures/${code}/amendments`, { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': key() }, body: { name: `Thủ tục thử nghiệm ${code} (sửa đổi)` } });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ currentVersion: 1, latestVersion: 2, latest: { number: 2, status: 'draft', changedFields: ['name'] }, availableActions: ['edit', 'publish', 'abolish'] });
    expect((await t.call('GET', `/api/v1/procedures/${code}`)).body.name).toBe(`Thủ tục thử nghiệm ${code}`);
    const second = await t.call('POST', `/api/v1/procedures/${code}/amendments`, { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': key() }, body: {} });
    expect(second.body.code).toBe('ACTION_NOT_ALLOWED');

    // Version 2 takes effect later: today's dossiers still get version 1.
    const later = '2099-01-01';
    const v2 = await publish('kiemsoat.tinh', code, amended.headers.get('etag')!, { effectiveFrom: later });
    expect(v2.status).toBe(200);
    const stillV1 = await t.call('GET', `/api/v1/procedures/${code}`);
    expect(stillV1.body).toMatchObject({ versionNumber: 1, versionStatus: 'superseded', effectiveTo: later, name: `Thủ tục thử nghiệm ${code}` });
    expect((await findVersionInForce(t.database.db, code, today))?.version).toBe(1);
    expect((await findVersionInForce(t.database.db, code, '2099-06-01'))?.version).toBe(2);

    const versions = await t.call('GET', `/api/v1/procedures/${code}/versions`);
    expect(versions.body.versions.map((v: { number: number; status: string; effectiveFrom: string; effectiveTo: string | null }) => [v.number, v.status, v.effectiveFrom, v.effectiveTo])).toEqual([
      [1, 'superseded', today, later],
      [2, 'published', later, null],
    ]);
    expect(versions.body.versions[1].changedFields).toEqual(['name']);
    expect((await t.call('GET', `/api/v1/procedures/${code}/versions/2`)).body.data.name).toMatch(/sửa đổi/);

    // A third version cannot take effect before the second did.
    const v3 = await t.call('POST', `/api/v1/procedures/${code}/amendments`, { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': key() }, body: { requirements: 'Điều kiện mới' } });
    const early = await publish('kiemsoat.tinh', code, v3.headers.get('etag')!, { effectiveFrom: today });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ code: 'EFFECTIVE_DATE_TOO_EARLY', details: { field: 'effectiveFrom' } });

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'agency_code']).where('entity_type', '=', 'procedure').where('entity_id', '=', code).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['procedure.create', 'procedure.update', 'procedure.publish', 'procedure.amend', 'procedure.publish', 'procedure.amend']);
    expect(audit.every((a) => a.actor_name === 'kiemsoat.tinh' && a.agency_code === 'H55.02')).toBe(true);
  });

  it('keeps published versions immutable in the database itself', async () => {
    const { code } = await given('published');
    await expect(
      t.database.db.updateTable('procedure_versions').set({ data: JSON.stringify({ tampered: true }) }).where('code', '=', code).where('version', '=', 1).execute(),
    ).rejects.toThrow(/cannot be changed/);
    await expect(t.database.db.deleteFrom('procedure_versions').where('code', '=', code).execute()).rejects.toThrow(/cannot be deleted/);
  });

  it('abolishes: out of search, still readable for the dossiers filed under it', async () => {
    const { code, etag } = await given('published', { name: 'Thủ tục cấp giấy phép thử nghiệm bãi bỏ' });
    expect((await t.call('GET', '/api/v1/procedures?q=giay%20phep%20thu%20nghiem%20bai%20bo')).body.items.map((p: { code: string }) => p.code)).toContain(code);
    const r = await t.call('POST', `/api/v1/procedures/${code}/abolish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': etag }, body: { effectiveFrom: today, decisionNumber: '99/QĐ-UBND', reason: 'Bãi bỏ theo Nghị quyết' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'abolished', abolishedOn: today, availableActions: [], latest: { status: 'abolished', effectiveTo: today } });
    expect((await t.call('GET', '/api/v1/procedures?q=giay%20phep%20thu%20nghiem%20bai%20bo')).body.items.map((p: { code: string }) => p.code)).not.toContain(code);
    expect((await t.call('GET', `/api/v1/procedures/${code}`)).body).toMatchObject({ status: 'abolished', versionStatus: 'abolished', versionNumber: 1 });
    const again = await t.call('POST', `/api/v1/procedures/${code}/amendments`, { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': key() }, body: {} });
    expect(again.status).toBe(409);
  });

  it('shows drafts only to the officers who manage the procedure', async () => {
    const { code } = await given('draft');
    expect((await t.call('GET', `/api/v1/procedures/${code}/versions`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/procedures/${code}/versions`, { token: tokens['kiemsoat.tichluong'] })).status).toBe(404);
    const mine = await t.call('GET', `/api/v1/procedures/${code}/versions`, { token: tokens['kiemsoat.tinh'] });
    expect(mine.body.versions.map((v: { status: string }) => v.status)).toEqual(['draft']);
    expect((await t.call('GET', `/api/v1/catalog/procedures/${code}`, { token: tokens['kiemsoat.tichluong'] })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/catalog/procedures/${code}`, { token: tokens['kiemsoat.tinh'] })).body.latest.status).toBe('draft');
  });
});

describe(`procedure catalog: conventions and bad input (${TEST_DB})`, () => {
  it('uses If-Match: a stale version is 409 with the current one, none is 412', async () => {
    const { code, etag } = await given('draft');
    const first = await t.call('PATCH', `/api/v1/procedures/${code}`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': etag }, body: { steps: 'Bước 1' } });
    expect(first.status).toBe(200);
    const stale = await t.call('PATCH', `/api/v1/procedures/${code}`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': etag }, body: { steps: 'Bước 2' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: first.body.version } });
    expect((await t.call('POST', `/api/v1/procedures/${code}/publish`, { token: tokens['kiemsoat.tinh'], body: {} })).status).toBe(412);
  });

  it('replays a create with the same Idempotency-Key and creates one procedure', async () => {
    const k = key();
    const body = procedureBody(newCode());
    const [a, b] = await Promise.all([
      t.call('POST', '/api/v1/procedures', { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': k }, body }),
      t.call('POST', '/api/v1/procedures', { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': k }, body }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    const other = await t.call('POST', '/api/v1/procedures', { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': k }, body: { ...body, name: 'Khác' } });
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.database.db.selectFrom('procedure_versions').select('version').where('code', '=', body.code).execute()).toHaveLength(1);
    const noKey = await t.call('POST', '/api/v1/procedures', { token: tokens['kiemsoat.tinh'], body: procedureBody(newCode()) });
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it.each([
    ['a negative fee', { channels: [{ channel: 'in_person', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'amount', amountVnd: -50000, label: 'Lệ phí' }] }] }, 'body.channels.0.fees.0.amountVnd'],
    ['a form schema that is not JSON Schema', { formSchema: { type: 'object', properties: { hoTen: { type: 'chuoi' } } } }, 'body.formSchema'],
    ['a misspelt JSON Schema keyword', { formSchema: { type: 'object', requird: ['hoTen'] } }, 'body.formSchema'],
    ['a bad code', { code: '1.1193' }, 'body.code'],
    ['a same-day time with a value', { channels: [{ channel: 'online', processingTime: { unit: 'same_day', value: 1 } }] }, 'body.channels.0.processingTime.value'],
    ['an unknown role in the workflow', { workflow: [{ key: 'a', name: 'A', role: 'boss', budget: { unit: 'working_hours', value: 1 } }] }, 'body.workflow.0.role'],
  ])('refuses %s, naming the field', async (_what, over, field) => {
    const r = await create('kiemsoat.tinh', procedureBody(newCode(), over));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it('refuses a duplicate code and unknown agencies', async () => {
    const { code } = await given('draft');
    const dup = await create('kiemsoat.tinh', procedureBody(code));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'PROCEDURE_CODE_TAKEN', details: { field: 'code' } });
    const unknown = await create('kiemsoat.tinh', procedureBody(newCode(), { agencies: { competent: { text: null, codes: ['H55.77'] } } }));
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_AGENCY', details: { agencies: ['H55.77'] } });
  });

  it('describes the catalog in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    for (const p of ['/api/v1/procedures', '/api/v1/procedures/{code}', '/api/v1/procedures/{code}/versions', '/api/v1/catalog/import', '/api/v1/catalog/export']) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
  });

  it('never answers 5xx to arbitrary bodies', async () => {
    const { code, etag } = await given('draft');
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          code: fc.oneof(fc.string(), fc.constantFrom('1.001193', '3.999999', '')),
          name: fc.string(),
          levels: fc.array(fc.string()),
          channels: fc.array(fc.record({ channel: fc.constantFrom('in_person', 'x'), processingTime: fc.jsonValue(), fees: fc.jsonValue() })),
          formSchema: fc.jsonValue(),
          workflow: fc.jsonValue(),
          agencies: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('POST /api/v1/procedures', `PATCH /api/v1/procedures/${code}`, `POST /api/v1/procedures/${code}/publish`, 'POST /api/v1/catalog/import'), body, async (target, b) => {
        const [method, path] = target.split(' ') as [string, string];
        const r = await t.call(method, path, { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': key(), 'if-match': etag }, body: b });
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

describe(`procedure catalog: citizen search (${TEST_DB})`, () => {
  const item = (code: string, name: string, over: Partial<ProcedureData> = {}, status: 'published' | 'draft' = 'published') => ({
    code,
    status,
    data: completeProcedure({
      code,
      name,
      field: 'Hộ tịch',
      levels: ['commune'],
      applicantTypes: ['citizen'],
      channels: [ProcedureData.shape.channels.element.parse({ channel: 'in_person', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] })],
      onlineLevel: 'partial',
      source: { format: 'motcua', url: null, formalityId: null, group: null, issuingMinistry: null },
      ...over,
    }),
  });

  beforeAll(async () => {
    const catalog = [
      item('1.001193', 'Thủ tục đăng ký khai sinh'),
      item('2.000528', 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài'),
      item('1.004884', 'Thủ tục đăng ký lại khai sinh'),
      item('1.003583', 'Thủ tục đăng ký khai sinh lưu động', { onlineLevel: 'none' }),
      item('1.000894', 'Thủ tục đăng ký kết hôn'),
      item('1.000656', 'Thủ tục đăng ký khai tử'),
      item('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp', { field: 'Chứng thực', levels: ['province', 'commune'], applicantTypes: ['citizen', 'organisation'], onlineLevel: 'none' }),
      item('1.000045', 'Xác nhận bảng kê lâm sản', {
        field: 'Kiểm lâm',
        levels: ['province'],
        applicantTypes: ['business', 'organisation'],
        agencies: { ...completeProcedure({ code: '1.000045', name: 'x' }).agencies, competent: { text: 'Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên', codes: ['H55.03'] } },
      }),
      item('1.001195', 'Thủ tục đăng ký khai sinh (dự thảo chưa công bố)', {}, 'draft'),
    ];
    const r = await t.call('POST', '/api/v1/catalog/import', { token: tokens['kiemsoat.tinh'], headers: { 'idempotency-key': key() }, body: { procedures: catalog } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: catalog.length, rejected: 0 });
  });

  const search = async (query: string) => {
    const r = await t.call('GET', `/api/v1/procedures?${query}`);
    expect(r.status).toBe(200);
    return r.body as { items: { code: string; name: string }[]; nextCursor: string | null };
  };
  const codes = async (query: string) => (await search(query)).items.map((p) => p.code);

  it.each(['dang ky khai sinh', 'đăng kí khai sinh', 'khai sinh'])('"%s" finds "Đăng ký khai sinh" first', async (q) => {
    const found = await codes(`q=${encodeURIComponent(q)}`);
    expect(found[0]).toBe('1.001193');
    expect(found).toEqual(expect.arrayContaining(['2.000528', '1.004884', '1.003583']));
    expect(found).not.toContain('1.001195'); // a draft is not public
    expect(found).not.toContain('1.000894');
  });

  it('tolerates typos, case and spacing', async () => {
    for (const q of ['dang ky khai snh', 'ĐĂNG KÝ  KHAI SINH', 'dăng ky khai sinh', 'Thủ tục đăng ký khai sinh']) {
      expect((await codes(`q=${encodeURIComponent(q)}`))[0], q).toBe('1.001193');
    }
    expect((await codes(`q=${encodeURIComponent('dang ki ket hon')}`))[0]).toBe('1.000894');
    // How each result matched is said, so a page can show "results for …".
    expect((await search(`q=${encodeURIComponent('dang ky khai snh')}`)).items[0]).toMatchObject({ code: '1.001193', match: 'corrected' });
    expect((await search(`q=${encodeURIComponent('dang ky khai sinh')}`)).items[0]).toMatchObject({ match: 'all_words' });
    const most = await search(`q=${encodeURIComponent('đăng ký khai sinh kết hôn')}`);
    expect(most.items.slice(0, 2).map((p) => p.code).sort()).toEqual(['1.000894', '1.001193']);
    expect(most.items[0]).toMatchObject({ match: 'most_words' });
    expect((await codes(`q=${encodeURIComponent('bang ke lam san')}`))[0]).toBe('1.000045');
  });

  it('ranks the exact name before longer names that contain it', async () => {
    expect((await codes(`q=${encodeURIComponent('đăng ký khai sinh có yếu tố nước ngoài')}`))[0]).toBe('2.000528');
    const returned = await search(`q=${encodeURIComponent('khai sinh')}`);
    expect(returned.items[0]).toMatchObject({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', levels: ['commune'], status: 'published', versionNumber: 1 });
    expect(returned.items[0]).toHaveProperty('channels', [{ channel: 'in_person', processingTime: '3 Ngày làm việc', fee: 'Miễn phí' }]);
  });

  it('filters by field, level, agency, applicant type and online level', async () => {
    expect(await codes('field=ho%20tich&q=khai%20sinh')).toHaveLength(4);
    expect(await codes('field=Ch%E1%BB%A9ng%20th%E1%BB%B1c')).toEqual(['2.000815']);
    expect(await codes('level=province')).toEqual(['1.000045', '2.000815']);
    expect(await codes('agency=H55.03')).toEqual(['1.000045']);
    expect(await codes('applicantType=business')).toEqual(['1.000045']);
    expect(await codes('q=khai%20sinh&onlineLevel=none')).toEqual(['1.003583']);
    expect((await t.call('GET', '/api/v1/procedures?level=district')).status).toBe(400);
  });

  it('pages with an opaque cursor, best match first across pages', async () => {
    const all = await codes('q=khai%20sinh&limit=50');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const pageOf: Awaited<ReturnType<typeof search>> = await search(`q=khai%20sinh&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...pageOf.items.map((p) => p.code));
      cursor = pageOf.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const byCode = await search('limit=3');
    const next = await search(`limit=3&cursor=${byCode.nextCursor}`);
    expect(next.items[0]!.code > byCode.items[2]!.code).toBe(true);
    expect((await t.call('GET', '/api/v1/procedures?cursor=%%%')).status).toBe(400);
  });
});
