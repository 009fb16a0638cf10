import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
const tokens: Record<string, string | undefined> = {};
const USERS = ['congdan.an', 'congdan.binh', 'motcua.tinh', 'chuyenvien.tuphap', 'lanhdao.tuphap', 'motcua.phandinhphung', 'kiemsoat.tinh'] as const;
type Who = (typeof USERS)[number];

let seq = 0;
const key = () => `rating-test-${Date.now()}-${++seq}`;
const PROCEDURE = '3.950012';
const SCORES = { guidance: 5, attitude: 4, timeliness: 3, transparency: 5 };

beforeAll(async () => {
  t = await startTestApp();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Cấp phiếu lý lịch tư pháp (thử nghiệm đánh giá)',
      field: 'Lý lịch tư pháp',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [{ channel: 'online', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] }],
      formSchema: { type: 'object', required: ['hoTen'], properties: { hoTen: { type: 'string', minLength: 1 } } },
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);
});
afterAll(async () => t?.close());

const act = async (who: Who, ref: string, action: string, version: number, payload: Record<string, unknown> = {}) => {
  const r = await t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { token: tokens[who], headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body: payload });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; code: string; version: number; status: string };
};

/** Filed online by congdan.an and driven up to `until`. */
async function dossier(until: 'RECEIVED' | 'RETURNED') {
  const filed = await t.call('POST', '/api/v1/dossiers', { token: tokens['congdan.an'], headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: { hoTen: 'Nguyễn Văn An' } } });
  expect(filed.status).toBe(201);
  let d = await act('motcua.tinh', filed.body.id, 'RECEIVE', filed.body.version);
  if (until === 'RECEIVED') return d;
  d = await act('motcua.tinh', d.code, 'FORWARD', d.version);
  d = await act('chuyenvien.tuphap', d.code, 'SUBMIT_FOR_APPROVAL', d.version);
  d = await act('lanhdao.tuphap', d.code, 'APPROVE', d.version);
  d = await act('chuyenvien.tuphap', d.code, 'RECORD_RESULT', d.version, { documentNumber: '21/PLL-STP', summary: 'Phiếu lý lịch tư pháp số 1' });
  return act('motcua.tinh', d.code, 'RETURN_RESULT', d.version, { method: 'online' });
}

const put = (who: Who, ref: string, body: Record<string, unknown>) => t.call('PUT', `/api/v1/dossiers/${ref}/rating`, { token: tokens[who], body });
const get = (who: Who, ref: string) => t.call('GET', `/api/v1/dossiers/${ref}/rating`, { token: tokens[who] });

describe(`satisfaction rating of a returned dossier (${TEST_DB})`, () => {
  it('is not open before the result is returned', async () => {
    const d = await dossier('RECEIVED');
    const r = await put('congdan.an', d.code, { satisfied: true, scores: SCORES });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'RATING_NOT_OPEN', details: { status: 'RECEIVED' } });
    expect(r.body.message.vi).toBeTruthy();
    const view = await get('congdan.an', d.code);
    expect(view.body).toMatchObject({ window: 'not_open', canRate: false, rating: null, editableUntil: null });
  });

  it('lets the applicant rate once returned, change it, and shows it to the officers of the dossier (audited)', async () => {
    const d = await dossier('RETURNED');
    expect(d.status).toBe('RETURNED');
    const before = await get('congdan.an', d.code);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ window: 'open', canRate: true, rating: null });
    expect(before.body.criteria.map((c: { code: string }) => c.code)).toEqual(['guidance', 'attitude', 'timeliness', 'transparency']);
    expect(before.body.criteria[1].label.vi).toBe('Thái độ phục vụ của cán bộ');

    const first = await put('congdan.an', d.code, { satisfied: false, scores: { ...SCORES, timeliness: 1 }, comment: '  Phải đi lại hai lần  ' });
    expect(first.status).toBe(201);
    expect(first.body.rating).toMatchObject({ satisfied: false, scores: { ...SCORES, timeliness: 1 }, comment: 'Phải đi lại hai lần' });
    const changed = await put('congdan.an', d.code, { satisfied: true, scores: SCORES });
    expect(changed.status).toBe(200);
    expect(changed.body.rating).toMatchObject({ satisfied: true, scores: SCORES, comment: null, createdAt: first.body.rating.createdAt });
    expect(await t.database.db.selectFrom('dossier_ratings').select('version').where('dossier_id', '=', d.id).execute()).toEqual([{ version: 2 }]);

    // The receiving desk, which returned the result, reads it (the dossier engine's visibility).
    const seen = await get('motcua.tinh', d.code);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ canRate: false, rating: { satisfied: true, scores: SCORES } });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', d.id).where('action', 'like', 'dossier.rating.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['dossier.rating.create', 'dossier.rating.update', 'dossier.rating.read']);

    // Nobody else rates or reads it.
    expect((await put('motcua.tinh', d.code, { satisfied: true, scores: SCORES })).status).toBe(403);
    expect((await put('congdan.binh', d.code, { satisfied: true, scores: SCORES })).status).toBe(404);
    expect((await get('congdan.binh', d.code)).status).toBe(404);
    expect((await get('motcua.phandinhphung', d.code)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/dossiers/${d.code}/rating`, {})).status).toBe(401);
  });

  it('refuses an incomplete or malformed rating with the fields named, writing nothing', async () => {
    const d = await dossier('RETURNED');
    const missing = await put('congdan.an', d.code, { satisfied: true, scores: { guidance: 5 } });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('RATING_INVALID');
    expect(missing.body.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.scores.attitude', 'body.scores.timeliness', 'body.scores.transparency']);
    const unknown = await put('congdan.an', d.code, { satisfied: true, scores: { ...SCORES, parking: 4 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.issues).toEqual([{ field: 'body.scores.parking', message: 'unknown criterion' }]);
    for (const bad of [{ satisfied: true, scores: { ...SCORES, guidance: 6 } }, { satisfied: true, scores: { ...SCORES, guidance: 2.5 } }, { satisfied: 'yes', scores: SCORES }, { satisfied: true, scores: SCORES, comment: 'x'.repeat(2001) }]) {
      const r = await put('congdan.an', d.code, bad);
      expect(r.status).toBe(400);
      expect(r.body.message.vi).toBeTruthy();
    }
    expect((await get('congdan.an', d.code)).body.rating).toBeNull();
  });

  it('locks the rating 7 days after the return', async () => {
    const d = await dossier('RETURNED');
    expect((await put('congdan.an', d.code, { satisfied: true, scores: SCORES })).status).toBe(201);
    // Move the return 8 days back (the history guard is lifted only for this setup, in this test's own database).
    await sql`ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_no_change`.execute(t.database.db);
    await sql`UPDATE dossier_events SET at = at - interval '8 days' WHERE dossier_id = ${d.id} AND action = 'RETURN_RESULT'`.execute(t.database.db);
    await sql`ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_no_change`.execute(t.database.db);
    const late = await put('congdan.an', d.code, { satisfied: false, scores: SCORES });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RATING_LOCKED');
    expect((await get('congdan.an', d.code)).body).toMatchObject({ window: 'locked', canRate: false, rating: { satisfied: true } });
  });

  it('is described in the OpenAPI document, with the draft routes', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths['/api/v1/dossiers/{code}/rating'])).toEqual(expect.arrayContaining(['get', 'put']));
    expect(Object.keys(doc.body.paths['/api/v1/dossiers/{code}/draft'])).toEqual(expect.arrayContaining(['patch', 'delete']));
  });
});
