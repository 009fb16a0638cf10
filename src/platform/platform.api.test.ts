import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe(`platform conventions (${TEST_DB})`, () => {
  it('answers health with the database kind', async () => {
    const r = await t.call('GET', '/api/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: TEST_DB });
    expect(r.headers.get('x-request-id')).toMatch(/.{8,}/);
  });

  it('keeps a well-formed request id given by the caller', async () => {
    const r = await t.call('GET', '/api/v1/health', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(r.headers.get('x-request-id')).toBe('trace-12345678');
  });

  it('publishes OpenAPI 3.1 listing every API route with its access rule', async () => {
    const r = await t.call('GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/agencies', '/api/v1/me']));
    const docs = await fetch(`${t.baseUrl}/api/docs/`);
    expect(docs.status).toBe(200);
  });

  it('sends security headers, on every answer', async () => {
    for (const path of ['/api/v1/health', '/api/v1/nope', '/api/v1/me']) {
      const r = await t.call('GET', path);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(r.headers.get('content-security-policy')).toContain("form-action 'self'");
      expect(r.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers unknown routes with a stable bilingual error', async () => {
    const r = await t.call('GET', '/api/v1/nope');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: { vi: expect.any(String), en: expect.any(String) } });
  });

  it('refuses /me without sign-in, and a forged token', async () => {
    expect((await t.call('GET', '/api/v1/me')).body.code).toBe('UNAUTHENTICATED');
    const forged = await t.call('GET', '/api/v1/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('INVALID_TOKEN');
  });

  it('tells a signed-in officer their roles and agencies', async () => {
    const r = await t.call('GET', '/api/v1/me', { token: await t.tokenFor('motcua.tinh') });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      username: 'motcua.tinh',
      kind: 'officer',
      roles: [{ agencyCode: 'H55.01', role: 'reception', agencyName: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên' }],
    });
  });

  it('rejects malformed JSON, wrong content types and oversize bodies with 4xx codes', async () => {
    const token = await t.tokenFor('quantri.tinh');
    const bad = await t.call('POST', '/api/v1/agencies', { token, raw: '{"code":', headers: { 'content-type': 'application/json', 'idempotency-key': 'k-malformed-1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const xml = await t.call('POST', '/api/v1/agencies', { token, raw: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
    const big = await t.call('POST', '/api/v1/agencies', { token, raw: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('BODY_TOO_LARGE');
  });
});

describe(`rate limiting (${TEST_DB})`, () => {
  it('answers 429 RATE_LIMITED past the per-minute budget', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await limited.call('GET', '/api/v1/health')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const last = await limited.call('GET', '/api/v1/health');
      expect(last.status).toBe(429);
      expect(last.body).toMatchObject({ code: 'RATE_LIMITED', message: { vi: expect.any(String), en: expect.any(String) } });
    } finally {
      await limited.close();
    }
  });
});
