import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { machineClientSecret } from './oidc.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** A minimal browser: follows nothing by itself, keeps cookies by name. */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  async go(url: string, init: RequestInit = {}) {
    const res = await fetch(new URL(url, this.base), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  /** Follows redirects until a non-redirect answer, returning the final response and URL. */
  async follow(url: string, init: RequestInit = {}) {
    let res = await this.go(url, init);
    let at = new URL(url, this.base).href;
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
      at = new URL(res.headers.get('location')!, at).href;
      res = await this.go(at);
    }
    return { res, url: at };
  }
}

async function signIn(username: string) {
  const b = new Browser(t.baseUrl);
  const { res, url } = await b.follow('/auth/login?returnTo=/tai-khoan');
  expect(res.status).toBe(200);
  expect(url).toMatch(/\/oidc\/interaction\/[\w-]+$/);
  const page = await res.text();
  expect(page).toContain('Đăng nhập');
  expect(page).toContain('congdan.an');
  const action = /action="([^"]+)"/.exec(page)![1]!;
  const done = await b.follow(action, { method: 'POST', body: new URLSearchParams({ username }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { b, final: done };
}

describe(`sign-in with OpenID Connect (${TEST_DB})`, () => {
  it('signs a citizen in through the built-in provider (authorization code + PKCE) and opens a session', async () => {
    const { b, final } = await signIn('congdan.an');
    expect(new URL(final.url).pathname).toBe('/tai-khoan');
    expect(b.cookies.has('motcua_session')).toBe(true);
    const me = await b.go('/api/v1/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body).toMatchObject({ username: 'congdan.an', kind: 'citizen', roles: [] });
    expect(body.csrfToken).toMatch(/.{20,}/);
  });

  it('requires the CSRF token on state-changing requests made with the session cookie', async () => {
    const { b } = await signIn('quantri.tinh');
    const me = await (await b.go('/api/v1/me')).json();
    const body = JSON.stringify({ code: 'H55.20', name: 'Sở Xây dựng', kind: 'department', parentCode: 'H55' });
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'csrf-test-0001' };
    const without = await b.go('/api/v1/agencies', { method: 'POST', body, headers });
    expect(without.status).toBe(403);
    expect((await without.json()).code).toBe('CSRF_TOKEN_INVALID');
    const withToken = await b.go('/api/v1/agencies', { method: 'POST', body, headers: { ...headers, 'x-csrf-token': me.csrfToken } });
    expect(withToken.status).toBe(201);
  });

  it('shows the sign-in page again, with an error, for an unknown account', async () => {
    const b = new Browser(t.baseUrl);
    const { url } = await b.follow('/auth/login');
    const r = await b.go(`${url}/login`, { method: 'POST', body: 'username=khong.co.ai', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('role="alert"');
  });

  it('refuses a callback without the login state', async () => {
    const r = await fetch(`${t.baseUrl}/auth/callback?code=x&state=y`, { redirect: 'manual' });
    expect(r.status).toBe(400);
  });

  it('signs out, closing the session', async () => {
    const { b } = await signIn('congdan.binh');
    expect((await b.go('/api/v1/me')).status).toBe(200);
    const out = await b.go('/auth/logout', { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.status).toBe(303);
    expect((await b.go('/api/v1/me')).status).toBe(401);
  });

  it('gives machine clients JWT access tokens with the client-credentials grant', async () => {
    const secret = machineClientSecret(t.config.secret, 'tich-hop.baocao');
    const res = await fetch(`${t.baseUrl}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`tich-hop.baocao:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
    });
    const token = await res.json();
    expect(res.status, JSON.stringify(token)).toBe(200);
    const { access_token } = token;
    const me = await t.call('GET', '/api/v1/me', { token: access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'tich-hop.baocao', kind: 'service', roles: [{ agencyCode: 'H55', role: 'reporting' }] });

    const wrong = await fetch(`${t.baseUrl}/oidc/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('tich-hop.baocao:wrong').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
  });
});
