import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { DatabaseKind } from '../db/database.js';
import { PUBLIC, SIGNED_IN } from './auth/access.js';
import { ROLES, ROLE_LABELS } from './auth/actor.js';
import { errorResponses, requirePerson } from './http.js';

const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']) }).meta({ id: 'Health' });

const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    kind: z.enum(['citizen', 'business', 'officer', 'service']),
    csrfToken: z.string().nullable(),
    roles: z.array(
      z.object({
        agencyCode: z.string(),
        agencyName: z.string(),
        role: z.enum(ROLES),
        roleLabel: z.object({ vi: z.string(), en: z.string() }),
      }),
    ),
  })
  .meta({ id: 'Me' });

export const platformRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; kind: DatabaseKind; config: Config }> = async (app, { db, kind }) => {
  app.get(
    '/health',
    {
      config: { access: PUBLIC },
      schema: { tags: ['platform'], summary: 'Liveness and database check', response: { 200: Health, 503: Health.extend({ status: z.literal('error') as never }) } },
    },
    async (_req, reply) => {
      await sql`SELECT 1`.execute(db);
      return reply.send({ status: 'ok' as const, database: kind });
    },
  );

  app.get('/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/me',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['platform'], summary: 'The signed-in user, their roles and agencies', response: { 200: Me, ...errorResponses } },
    },
    async (req) => {
      const me = requirePerson(req);
      const names = new Map(
        me.roles.length
          ? (await db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', me.roles.map((r) => r.agencyCode)).execute()).map((a) => [a.code, a.name])
          : [],
      );
      return {
        id: me.id,
        username: me.username,
        fullName: me.fullName,
        kind: me.personKind,
        csrfToken: req.sessionCsrf,
        roles: me.roles.map((r) => ({ ...r, agencyName: names.get(r.agencyCode) ?? r.agencyCode, roleLabel: ROLE_LABELS[r.role] })),
      };
    },
  );
};
