import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { pdf } from './samples.test-support.js';

let t: TestApp;
let blobDir: string;
const tokens: Record<string, string | undefined> = {};
const USERS = ['congdan.an', 'congdan.binh', 'motcua.tinh', 'chuyenvien.tuphap', 'lanhdao.tuphap', 'kiemsoat.tinh'] as const;
type Who = (typeof USERS)[number];
let seq = 0;
const key = () => `reuse-result-${Date.now()}-${++seq}`;
const PROCEDURE = '3.950013';

beforeAll(async () => {
  blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-reuse-'));
  t = await startTestApp({ MOTCUA_ATTACHMENTS_DIR: blobDir });
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Thủ tục thử nghiệm dùng lại kết quả',
      field: 'Hộ tịch',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [{ channel: 'online', processingTime: { unit: 'working_days', value: 3 }, fees: [{ kind: 'free' }] }],
      components: [{ name: 'Giấy khai sinh', originals: 0, copies: 1, required: true }],
    },
  });
  expect(created.status).toBe(201);
  expect((await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} })).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await fs.rm(blobDir, { recursive: true, force: true });
});

const act = async (who: Who, ref: string, action: string, version: number, payload: Record<string, unknown> = {}) => {
  const r = await t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { token: tokens[who], headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body: payload });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; code: string; version: number };
};
const file = async () => {
  const r = await t.call('POST', '/api/v1/dossiers', { token: tokens['congdan.an'], headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01' } });
  expect(r.status).toBe(201);
  return r.body as { id: string; version: number };
};
async function uploadResult(code: string) {
  const form = new FormData();
  form.append('component', 'result');
  form.append('file', new File([new Uint8Array(pdf('Trích lục khai sinh'))], 'trich-luc.pdf', { type: 'application/pdf' }));
  const r = await fetch(`${t.baseUrl}/api/v1/dossiers/${code}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens['chuyenvien.tuphap']}`, 'idempotency-key': key() }, body: form });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}
const reuse = (who: Who, ref: string, attachmentId: string) =>
  t.call('POST', `/api/v1/dossiers/${ref}/attachments/reuse`, { token: tokens[who], headers: { 'idempotency-key': key() }, body: { component: 'TP01', attachmentId } });

describe(`reusing a result returned to the applicant (${TEST_DB})`, () => {
  it('lets the applicant attach a returned result to a new dossier, not before it is returned, and nobody else', async () => {
    const first = await file();
    let d = await act('motcua.tinh', first.id, 'RECEIVE', first.version);
    d = await act('motcua.tinh', d.code, 'FORWARD', d.version);
    const resultId = await uploadResult(d.code);
    d = await act('chuyenvien.tuphap', d.code, 'SUBMIT_FOR_APPROVAL', d.version);
    d = await act('lanhdao.tuphap', d.code, 'APPROVE', d.version);
    d = await act('chuyenvien.tuphap', d.code, 'RECORD_RESULT', d.version, { documentNumber: '5/TLKS', summary: 'Trích lục khai sinh' });

    const next = await file();
    // Issued but not yet returned: not reusable.
    expect((await reuse('congdan.an', next.id, resultId)).status).toBe(404);
    await act('motcua.tinh', d.code, 'RETURN_RESULT', d.version, { method: 'online' });
    const reused = await reuse('congdan.an', next.id, resultId);
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({ component: 'TP01', digitised: true, fileName: 'trich-luc.pdf' });
    // Someone else's result is not theirs to reuse.
    const other = await t.call('POST', '/api/v1/dossiers', { token: tokens['congdan.binh'], headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01' } });
    expect((await reuse('congdan.binh', other.body.id, resultId)).status).toBe(404);
  });
});
