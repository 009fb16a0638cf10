import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import Provider, { type Configuration } from 'oidc-provider';
import * as client from 'openid-client';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { oidcAdapterFactory } from './oidc-adapter.js';
import { apiAudience, randomToken, sha256 } from './tokens.js';
import { SESSION_COOKIE } from './authenticate.js';
import { appendAudit } from '../audit/audit.js';
import { renderLoginPage } from './login-page.js';

export const WEB_CLIENT_ID = 'motcua-web';
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const LOGIN_COOKIE = 'motcua_login';

export type OidcSetup = {
  issuer: string;
  /** Public keys that sign the issuer's access tokens, or how to find them. */
  jwks: JSONWebKeySet | (() => Promise<URL>);
};

/** A secret derived from the platform secret, so one configured secret yields all the others. */
export function derivedSecret(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('base64url');
}

/** The built-in provider's secret for a service account (printed by `motcua client-secret`). */
export const machineClientSecret = (secret: string, username: string) => derivedSecret(secret, `oidc machine client ${username}`);

async function providerKeys(db: Kysely<DB>): Promise<JWK[]> {
  const stored = await db.selectFrom('app_settings').select('value').where('name', '=', 'oidc_signing_keys').executeTakeFirst();
  if (stored) return stored.value as JWK[];
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomToken(8), alg: 'RS256', use: 'sig' };
  await db
    .insertInto('app_settings')
    .values({ name: 'oidc_signing_keys', value: JSON.stringify([jwk]) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const winner = await db.selectFrom('app_settings').select('value').where('name', '=', 'oidc_signing_keys').executeTakeFirstOrThrow();
  return winner.value as JWK[];
}

function publicJwks(keys: JWK[]): JSONWebKeySet {
  return { keys: keys.map(({ kty, n, e, kid, alg, use, crv, x, y }) => ({ kty, n, e, kid, alg, use, crv, x, y })) as JWK[] };
}

/**
 * The built-in development OpenID provider, mounted at /oidc on the same port. It is a complete
 * provider (authorization code + PKCE, client credentials, JWT access tokens); only its login page
 * is simplified: demo accounts sign in by name, which is why it refuses to run in production.
 */
async function installBuiltinProvider(app: FastifyInstance, db: Kysely<DB>, config: Config): Promise<OidcSetup> {
  const issuer = `${config.publicUrl}/oidc`;
  const keys = await providerKeys(db);
  const resource = apiAudience(config.publicUrl);
  const Adapter = oidcAdapterFactory(db);
  // Machine clients: every active service account may use the client-credentials grant.
  const services = await db.selectFrom('people').select('username').where('kind', '=', 'service').where('active', '=', true).execute();

  const configuration: Configuration = {
    adapter: Adapter as unknown as Configuration['adapter'],
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_secret: derivedSecret(config.secret, 'oidc web client'),
        redirect_uris: [`${config.publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${config.publicUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...services.map((s) => ({
        client_id: s.username,
        client_secret: machineClientSecret(config.secret, s.username),
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic' as const,
      })),
    ],
    jwks: { keys: keys as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: [derivedSecret(config.secret, 'oidc cookies')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? resource : undefined),
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new Error('unknown resource');
          return { scope: 'api', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 15 * 60, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    async findAccount(_ctx, sub) {
      const p = await db.selectFrom('people').select(['id', 'username', 'full_name', 'active']).where('id', '=', sub).executeTakeFirst();
      if (!p || !p.active) return undefined;
      return { accountId: p.id, claims: async () => ({ sub: p.id, name: p.full_name, preferred_username: p.username }) };
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    // First-party client: no consent screen; the grant is made on the user's first sign-in.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (ctx.oidc.client!.clientId !== WEB_CLIENT_ID) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: WEB_CLIENT_ID, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    ttl: { AccessToken: 15 * 60, ClientCredentials: 15 * 60, Session: 8 * 3600, Interaction: 15 * 60, AuthorizationCode: 60, IdToken: 3600, Grant: 8 * 3600 },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi đăng nhập</title><h1>Lỗi đăng nhập / Sign-in error</h1><p>${String(out.error_description ?? out.error).replace(/[<>&"]/g, '')}</p><p><a href="/">Về trang chủ / Home</a></p>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = config.env === 'production';
  const callback = provider.callback();

  await app.register(async (scope) => {
    // The provider reads request bodies itself: leave the stream unread here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));

    scope.get('/oidc/interaction/:uid', async (req, reply) => {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      const demo = await db
        .selectFrom('people')
        .select(['username', 'full_name', 'kind'])
        .where('active', '=', true)
        .where('kind', '!=', 'service')
        .orderBy('kind')
        .orderBy('username')
        .limit(30)
        .execute();
      reply.type('text/html; charset=utf-8').send(renderLoginPage({ uid: details.uid, accounts: demo, error: null }));
    });

    scope.post('/oidc/interaction/:uid/login', async (req, reply) => {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      const form = new URLSearchParams(await readBody(req));
      const username = (form.get('username') ?? '').trim().toLowerCase();
      const person = await db.selectFrom('people').select(['id', 'active']).where('username', '=', username).executeTakeFirst();
      if (!person || !person.active) {
        const demo = await db.selectFrom('people').select(['username', 'full_name', 'kind']).where('active', '=', true).where('kind', '!=', 'service').orderBy('kind').orderBy('username').limit(30).execute();
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(renderLoginPage({ uid: details.uid, accounts: demo, error: username }));
      }
      reply.hijack();
      await provider.interactionFinished(req.raw, reply.raw, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
    });

    scope.all('/oidc/*', (req, reply) => {
      reply.hijack();
      const raw = req.raw as typeof req.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.replace(/^\/oidc/, '') || '/';
      callback(raw, reply.raw);
    });
  });

  return { issuer, jwks: publicJwks(keys) };
}

function readBody(req: FastifyRequest, limit = 16 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.raw.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('form too large'));
        req.raw.destroy();
      } else chunks.push(c);
    });
    req.raw.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.raw.on('error', reject);
  });
}

type LoginState = { state: string; nonce: string; verifier: string; returnTo: string };

/**
 * The platform as an OpenID relying party (authorization code + PKCE): /auth/login redirects to the
 * issuer, /auth/callback opens a server-side session, /auth/logout closes it.
 */
function installRelyingParty(app: FastifyInstance, db: Kysely<DB>, config: Config, issuer: string): () => Promise<client.Configuration> {
  let discovered: Promise<client.Configuration> | null = null;
  const clientId = config.oidc.kind === 'external' ? config.oidc.clientId : WEB_CLIENT_ID;
  const clientSecret = config.oidc.kind === 'external' ? config.oidc.clientSecret : derivedSecret(config.secret, 'oidc web client');
  const discover = () => {
    discovered ??= client
      .discovery(new URL(issuer), clientId, clientSecret, undefined, issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((err) => {
        discovered = null;
        throw err;
      });
    return discovered;
  };
  const secure = config.publicUrl.startsWith('https://');

  app.get('/auth/login', async (req, reply) => {
    const q = req.query as { returnTo?: string };
    const returnTo = typeof q.returnTo === 'string' && /^\/(?!\/)[^\s]*$/.test(q.returnTo) ? q.returnTo : '/';
    const oidc = await discover().catch(() => null);
    if (!oidc) return sendAuthError(reply, 503, 'Không kết nối được máy chủ định danh', 'The identity provider cannot be reached');
    const state: LoginState = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), returnTo };
    reply.setCookie(LOGIN_COOKIE, JSON.stringify(state), { path: '/auth', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 900 });
    const url = client.buildAuthorizationUrl(oidc, {
      redirect_uri: `${config.publicUrl}/auth/callback`,
      scope: 'openid profile',
      state: state.state,
      nonce: state.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(state.verifier),
      code_challenge_method: 'S256',
    });
    return reply.redirect(url.href);
  });

  app.get('/auth/callback', async (req, reply) => {
    const raw = req.cookies[LOGIN_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    if (!unsigned?.valid || !unsigned.value) return sendAuthError(reply, 400, 'Phiên đăng nhập đã hết hạn, hãy thử lại', 'The sign-in attempt expired; try again');
    const state = JSON.parse(unsigned.value) as LoginState;
    reply.clearCookie(LOGIN_COOKIE, { path: '/auth' });
    let claims: client.IDToken | undefined;
    let idToken: string | undefined;
    try {
      const oidc = await discover();
      const tokens = await client.authorizationCodeGrant(oidc, new URL(req.url, config.publicUrl), {
        pkceCodeVerifier: state.verifier,
        expectedState: state.state,
        expectedNonce: state.nonce,
      });
      claims = tokens.claims();
      idToken = tokens.id_token;
    } catch (err) {
      req.log.warn({ err }, 'sign-in callback failed');
      return sendAuthError(reply, 400, 'Đăng nhập không thành công', 'Sign-in failed');
    }
    if (!claims) return sendAuthError(reply, 400, 'Đăng nhập không thành công', 'Sign-in failed');
    const person =
      config.oidc.kind === 'builtin'
        ? await db.selectFrom('people').select(['id', 'username', 'active']).where('id', '=', claims.sub).executeTakeFirst()
        : await db
            .selectFrom('people')
            .select(['id', 'username', 'active'])
            .where('username', '=', String(claims.preferred_username ?? claims.sub).toLowerCase())
            .executeTakeFirst();
    if (!person || !person.active) return sendAuthError(reply, 403, 'Tài khoản chưa được cấp quyền truy cập hệ thống', 'This account has no access to the system');
    const sid = randomToken();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({ id_hash: sha256(sid), person_id: person.id, csrf_token: randomToken(24), expires_at: new Date(Date.now() + SESSION_TTL_MS), id_token: idToken ?? null })
        .execute();
      await appendAudit(trx, { actorId: person.id, actorName: person.username, agencyCode: null, requestId: req.id, clientIp: req.ip }, [
        { action: 'auth.sign_in', entityType: 'person', entityId: person.id, data: { issuer } },
      ]);
    });
    reply.setCookie(SESSION_COOKIE, sid, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_MS / 1000 });
    return reply.redirect(state.returnTo);
  });

  // A plain HTML form posts here; its body carries nothing we need.
  void app.register(async (scope) => {
    scope.addContentTypeParser(['application/x-www-form-urlencoded', 'text/plain'], { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    scope.post('/auth/logout', async (req, reply) => {
      const sid = req.cookies[SESSION_COOKIE];
      if (sid) await db.deleteFrom('sessions').where('id_hash', '=', sha256(sid)).execute();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/', 303);
    });
  });

  return discover;
}

function sendAuthError(reply: FastifyReply, status: number, vi: string, en: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${vi}</title><main><h1>${vi}</h1><p lang="en">${en}</p><p><a href="/">Về trang chủ / Home</a></p></main>`);
}

export async function installOidc(app: FastifyInstance, db: Kysely<DB>, config: Config): Promise<OidcSetup> {
  if (config.oidc.kind === 'builtin') {
    const setup = await installBuiltinProvider(app, db, config);
    installRelyingParty(app, db, config, setup.issuer);
    return setup;
  }
  const discover = installRelyingParty(app, db, config, config.oidc.issuer);
  return {
    issuer: config.oidc.issuer,
    jwks: async () => {
      const uri = (await discover()).serverMetadata().jwks_uri;
      if (!uri) throw new Error('the issuer publishes no jwks_uri');
      return new URL(uri);
    },
  };
}
