import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
const tokens: Record<string, string | undefined> = {};
const USERS = ['congdan.an', 'congdan.binh', 'motcua.tinh', 'chuyenvien.tuphap', 'kiemsoat.tinh'] as const;
type Who = (typeof USERS)[number];

let seq = 0;
const key = () => `draft-test-${Date.now()}-${++seq}`;
const PROCEDURE = '3.950011';

beforeAll(async () => {
  t = await startTestApp();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Cấp bản sao trích lục hộ tịch (thử nghiệm bản nháp)',
      field: 'Hộ tịch',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [{ channel: 'online', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] }],
      formSchema: {
        type: 'object',
        required: ['hoTen', 'soDinhDanh'],
        properties: { hoTen: { type: 'string', minLength: 1 }, soDinhDanh: { type: 'string', pattern: '^\\d{12}$' }, namSinh: { type: 'integer', minimum: 1900 } },
        additionalProperties: false,
      },
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);
});
afterAll(async () => t?.close());

const createDraft = (who: Who, formData: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.call('POST', '/api/v1/dossiers', {
    token: tokens[who],
    headers: { 'idempotency-key': key() },
    body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData, draft: true, ...extra },
  });
const patch = (who: Who, ref: string, version: number, formData: Record<string, unknown>) =>
  t.call('PATCH', `/api/v1/dossiers/${ref}/draft`, { token: tokens[who], headers: { 'if-match': `"${version}"` }, body: { formData } });
const submit = (who: Who, ref: string, version: number) =>
  t.call('POST', `/api/v1/dossiers/${ref}/actions/SUBMIT_ONLINE`, { token: tokens[who], headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body: {} });
const get = (who: Who, ref: string) => t.call('GET', `/api/v1/dossiers/${ref}`, { token: tokens[who] });
const mine = async (who: Who) => (await t.call('GET', '/api/v1/dossiers', { token: tokens[who] })).body.items.map((d: { id: string }) => d.id) as string[];
const count = async (table: 'dossiers' | 'dossier_events' | 'jobs' | 'dossier_sequences') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe(`online drafts kept on the server (${TEST_DB})`, () => {
  it('creates an incomplete draft without a code, a deadline or a notice, resumes it and submits it once complete', async () => {
    const jobsBefore = await count('jobs');
    const sequencesBefore = await count('dossier_sequences');
    const created = await createDraft('congdan.an', { hoTen: 'Nguyễn Văn An' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFT', code: null, dueAt: null, submittedAt: null, nationalStatus: null, formData: { hoTen: 'Nguyễn Văn An' } });
    expect(created.body.availableActions).toEqual(['SUBMIT_ONLINE']);
    expect(created.headers.get('etag')).toBe(`"${created.body.version}"`);
    expect(await count('jobs')).toBe(jobsBefore);
    expect(await count('dossier_sequences')).toBe(sequencesBefore);
    const id = created.body.id as string;

    // "Another device": the same person reads it back and finds it in "my dossiers".
    expect(await mine('congdan.an')).toContain(id);
    const resumed = await get('congdan.an', id);
    expect(resumed.body).toMatchObject({ status: 'DRAFT', formData: { hoTen: 'Nguyễn Văn An' }, version: created.body.version });

    const saved = await patch('congdan.an', id, created.body.version, { hoTen: 'Nguyễn Văn An', namSinh: 1990 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'DRAFT', formData: { hoTen: 'Nguyễn Văn An', namSinh: 1990 }, version: created.body.version + 1 });
    expect(saved.headers.get('etag')).toBe(`"${saved.body.version}"`);

    // The first device still holds the old version: its save is refused, nothing is overwritten.
    const stale = await patch('congdan.an', id, created.body.version, { hoTen: 'Ghi đè' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: saved.body.version } });
    expect((await get('congdan.an', id)).body.formData).toEqual({ hoTen: 'Nguyễn Văn An', namSinh: 1990 });

    // Submitting checks the form in full: the missing field is named, and the draft stays a draft.
    const incomplete = await submit('congdan.an', id, saved.body.version);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('DOSSIER_FORM_INVALID');
    expect(incomplete.body.details.issues).toEqual([expect.objectContaining({ field: 'body.formData.soDinhDanh' })]);
    expect(incomplete.body.message.vi).toContain('soDinhDanh');
    expect((await get('congdan.an', id)).body).toMatchObject({ status: 'DRAFT', version: saved.body.version });

    const completed = await patch('congdan.an', id, saved.body.version, { hoTen: 'Nguyễn Văn An', namSinh: 1990, soDinhDanh: '019190001234' });
    expect(completed.status).toBe(200);
    const submitted = await submit('congdan.an', id, completed.body.version);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', code: null, nationalStatus: 1 });
    expect(submitted.body.submittedAt).not.toBeNull();
    const history = await t.call('GET', `/api/v1/dossiers/${id}/history`, { token: tokens['congdan.an'] });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'SUBMIT_ONLINE']);

    // Now the desk sees it, and it is no longer a draft to edit or discard.
    const inbox = await t.call('GET', '/api/v1/dossiers?box=to_receive', { token: tokens['motcua.tinh'] });
    expect(inbox.body.items.map((d: { id: string }) => d.id)).toContain(id);
    const late = await patch('congdan.an', id, submitted.body.version, { hoTen: 'Sửa sau khi nộp' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'DOSSIER_NOT_DRAFT', details: { status: 'SUBMITTED' } });
    const discardLate = await t.call('DELETE', `/api/v1/dossiers/${id}/draft`, { token: tokens['congdan.an'], headers: { 'if-match': `"${submitted.body.version}"` } });
    expect(discardLate.status).toBe(409);
  });

  it('checks a draft’s fields for their type, not for being present', async () => {
    const wrongType = await createDraft('congdan.an', { namSinh: 'một chín chín mươi' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe('DOSSIER_FORM_INVALID');
    expect(wrongType.body.details.issues).toEqual([expect.objectContaining({ field: 'body.formData.namSinh' })]);
    const unknownField = await createDraft('congdan.an', { hoTen: 'An', khongCo: 1 });
    expect(unknownField.status).toBe(400);
    const empty = await createDraft('congdan.an', {});
    expect(empty.status).toBe(201);
    const badPatch = await patch('congdan.an', empty.body.id, empty.body.version, { soDinhDanh: '12' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.details.issues).toEqual([expect.objectContaining({ field: 'body.formData.soDinhDanh' })]);
    expect((await get('congdan.an', empty.body.id)).body.version).toBe(empty.body.version);
    const noIfMatch = await t.call('PATCH', `/api/v1/dossiers/${empty.body.id}/draft`, { token: tokens['congdan.an'], body: { formData: {} } });
    expect(noIfMatch.status).toBe(412);
  });

  it('keeps a draft from everyone but its owner: another citizen and officers get 404 and do not list it', async () => {
    const d = await createDraft('congdan.an', { hoTen: 'Nguyễn Văn An' });
    const id = d.body.id as string;
    expect((await get('congdan.binh', id)).status).toBe(404);
    expect(await mine('congdan.binh')).not.toContain(id);
    expect((await patch('congdan.binh', id, d.body.version, { hoTen: 'Trần Bình' })).status).toBe(404);
    expect((await submit('congdan.binh', id, d.body.version)).status).toBe(404);
    for (const officer of ['motcua.tinh', 'chuyenvien.tuphap'] as const) {
      expect((await get(officer, id)).status).toBe(404);
      expect(await mine(officer)).not.toContain(id);
      expect((await t.call('GET', `/api/v1/dossiers/${id}/history`, { token: tokens[officer] })).status).toBe(404);
      const received = await t.call('POST', `/api/v1/dossiers/${id}/actions/RECEIVE`, { token: tokens[officer], headers: { 'if-match': `"${d.body.version}"`, 'idempotency-key': key() }, body: {} });
      expect(received.status).toBe(404);
    }
    // Only applicants keep drafts; the route is not an officer's.
    expect((await patch('motcua.tinh', id, d.body.version, {})).status).toBe(403);
    const deskDraft = await t.call('POST', '/api/v1/dossiers', {
      token: tokens['motcua.tinh'],
      headers: { 'idempotency-key': key() },
      body: { procedureCode: PROCEDURE, formData: {}, draft: true, applicantId: d.body.applicantId },
    });
    expect(deskDraft.status).toBe(400);
    expect(deskDraft.body.code).toBe('DOSSIER_DRAFT_ONLINE_ONLY');
  });

  it('lets the owner discard a draft, which removes it with its history; others cannot', async () => {
    const d = await createDraft('congdan.an', { hoTen: 'Bỏ đi' });
    const id = d.body.id as string;
    const del = (who: Who, version: number) => t.call('DELETE', `/api/v1/dossiers/${id}/draft`, { token: tokens[who], headers: { 'if-match': `"${version}"` } });
    expect((await del('congdan.binh', d.body.version)).status).toBe(404);
    expect((await del('congdan.an', d.body.version + 1)).status).toBe(409);
    const before = { dossiers: await count('dossiers'), events: await count('dossier_events') };
    const gone = await del('congdan.an', d.body.version);
    expect(gone.status).toBe(204);
    expect(await count('dossiers')).toBe(before.dossiers - 1);
    expect(await count('dossier_events')).toBe(before.events - 1);
    expect((await get('congdan.an', id)).status).toBe(404);
    expect(await mine('congdan.an')).not.toContain(id);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['dossier.create', 'dossier.draft.discard']);

    // The history of a filed dossier is still append-only.
    const filed = await createDraft('congdan.an', { hoTen: 'An', soDinhDanh: '019190001234' });
    await submit('congdan.an', filed.body.id, filed.body.version);
    await expect(t.database.db.deleteFrom('dossier_events').where('dossier_id', '=', filed.body.id).execute()).rejects.toThrow(/append-only/);
  });
});
