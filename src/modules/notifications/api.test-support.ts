/** API test support: a published procedure and a dossier received at the provincial one-stop centre. */
import { expect } from 'vitest';
import type { TestApp } from '../../../test/helpers/test-app.js';

let n = 0;
export const idemKey = () => `jobs-test-${Date.now()}-${++n}`;

/** Received at H55.01, settled by the Department of Justice H55.02, in `days` working days. */
export async function publishProcedure(t: TestApp, code: string, days = 3): Promise<void> {
  const token = await t.tokenFor('kiemsoat.tinh');
  const created = await t.call('POST', '/api/v1/procedures', {
    token,
    headers: { 'idempotency-key': idemKey() },
    body: {
      code,
      name: 'Cấp phiếu lý lịch tư pháp (thử nghiệm thông báo)',
      field: 'Lý lịch tư pháp',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: days }, fees: [{ kind: 'free' }] },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: days }, fees: [{ kind: 'free' }] },
      ],
      formSchema: { type: 'object', required: ['hoTen'], properties: { hoTen: { type: 'string', minLength: 1 } }, additionalProperties: false },
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${code}/publish`, { token, headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);
}

export async function act(t: TestApp, who: string, ref: string, action: string, version: number, payload: Record<string, unknown> = {}) {
  return t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, {
    token: await t.tokenFor(who),
    headers: { 'if-match': `"${version}"`, 'idempotency-key': idemKey() },
    body: payload,
  });
}

/** Filed online by congdan.an and received by motcua.tinh (optionally forwarded to H55.02). */
export async function receivedDossier(t: TestApp, procedure: string, forward = false): Promise<{ id: string; code: string; version: number; body: any }> {
  const filed = await t.call('POST', '/api/v1/dossiers', {
    token: await t.tokenFor('congdan.an'),
    headers: { 'idempotency-key': idemKey() },
    body: { procedureCode: procedure, receivingAgencyCode: 'H55.01', formData: { hoTen: 'Nguyễn Văn An' } },
  });
  expect(filed.status).toBe(201);
  let r = await act(t, 'motcua.tinh', filed.body.id, 'RECEIVE', filed.body.version);
  expect(r.status).toBe(200);
  if (forward) {
    r = await act(t, 'motcua.tinh', r.body.code, 'FORWARD', r.body.version);
    expect(r.status).toBe(200);
  }
  return { id: r.body.id, code: r.body.code, version: r.body.version, body: r.body };
}
