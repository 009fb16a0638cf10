import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { prepared } from '../../db/prepared.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { decideAccess, type Access } from './access.js';
import { ANONYMOUS, type Actor, type PersonKind, type Role } from './actor.js';
import { constantTimeEqual, sha256, type TokenVerifier } from './tokens.js';

export const SESSION_COOKIE = 'motcua_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The person and their roles, in one round trip: this runs on every authenticated request. */
const actorQuery = prepared((db: Kysely<DB>, where: { id: string } | { username: string }) => {
  const q = db
    .selectFrom('people')
    .select(['id', 'username', 'full_name', 'kind', 'active'])
    .select((eb) =>
      eb
        .selectFrom('officer_roles')
        .select(sql<{ agency_code: string; role: string }[]>`coalesce(json_agg(json_build_object('agency_code', agency_code, 'role', role) ORDER BY agency_code, role), '[]'::json)`.as('r'))
        .whereRef('officer_roles.person_id', '=', 'people.id')
        .as('roles'),
    );
  return 'id' in where ? q.where('id', '=', where.id) : q.where('username', '=', where.username);
});

async function loadActor(db: Kysely<DB>, where: { id: string } | { username: string }, via: 'session' | 'token'): Promise<Actor> {
  const p = (await actorQuery.execute(db, where)).rows[0];
  if (!p || !p.active) return ANONYMOUS;
  const roles = (typeof p.roles === 'string' ? JSON.parse(p.roles) : (p.roles ?? [])) as { agency_code: string; role: string }[];
  return {
    kind: 'person',
    id: p.id,
    username: p.username,
    fullName: p.full_name,
    personKind: p.kind as PersonKind,
    roles: roles.map((r) => ({ agencyCode: r.agency_code, role: r.role as Role })),
    via,
  };
}

/**
 * Resolves the caller on every request (bearer token or session cookie) and enforces each route's
 * declared access. Routes under /api/ without a declaration are refused at registration.
 */
export function installAuthentication(app: FastifyInstance, db: Kysely<DB>, tokens: TokenVerifier): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionCsrf', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    if (!route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access): refused`);
    }
  });

  async function resolveActor(req: FastifyRequest): Promise<void> {
    req.actor = ANONYMOUS;
    // Only the API authenticates here; the identity provider under /oidc reads its own credentials.
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(auth);
      const verified = m ? await tokens.verify(m[1]!) : null;
      if (!verified) {
        throw new AppError('unauthenticated', 'INVALID_TOKEN', {
          vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn',
          en: 'The access token is invalid or expired',
        });
      }
      const actor =
        verified.source === 'platform'
          ? await loadActor(db, { id: verified.subject }, 'token')
          : await loadActor(db, { username: verified.clientId ?? verified.subject }, 'token');
      if (actor.kind !== 'person') {
        throw new AppError('unauthenticated', 'UNKNOWN_ACCOUNT', {
          vi: 'Tài khoản không tồn tại hoặc đã bị khóa',
          en: 'The account does not exist or is disabled',
        });
      }
      req.actor = actor;
      return;
    }
    const sid = req.cookies?.[SESSION_COOKIE];
    if (sid) {
      const session = await db
        .selectFrom('sessions')
        .select(['person_id', 'csrf_token', 'expires_at'])
        .where('id_hash', '=', sha256(sid))
        .executeTakeFirst();
      if (session && new Date(session.expires_at) > new Date()) {
        req.actor = await loadActor(db, { id: session.person_id }, 'session');
        req.sessionCsrf = session.csrf_token;
      }
    }
  }

  // Access is decided before the body is even parsed: a caller who may not use a route learns
  // nothing about what it would accept.
  app.addHook('onRequest', async (req) => {
    await resolveActor(req);
    const access: Access | undefined = req.routeOptions.config?.access;
    if (!access) return; // not an API route (web app, OIDC provider)
    // Cookie sessions need the CSRF token on every state-changing request.
    if (req.actor.kind === 'person' && req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !req.sessionCsrf || !constantTimeEqual(sent, req.sessionCsrf)) {
        throw new AppError('forbidden', 'CSRF_TOKEN_INVALID', {
          vi: 'Phiên làm việc không hợp lệ, hãy tải lại trang',
          en: 'Missing or invalid CSRF token; reload the page',
        });
      }
    }
    const decision = decideAccess(access, req.actor);
    if (decision === 'unauthenticated') throw unauthenticated();
    if (decision === 'forbidden') throw forbidden();
  });
}

export type { FastifyRequest };
