/**
 * Operators' view of the job queue: dead jobs (gave up after their attempts) with their last error,
 * pending and recent ones, and putting a dead job back in the queue. Administrators see the jobs of
 * the agencies under the ones they administer.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { anyOf } from '../../platform/auth/access.js';
import { agenciesWithRole, Role } from '../../platform/auth/actor.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { auditContext, errorResponses, requirePerson } from '../../platform/http.js';
import { agencySubtree } from '../org/org.repository.js';
import { retryDeadJob } from './queue.js';

const Job = z
  .object({
    agencyCode: z.string(),
    id: z.string(),
    kind: z.string(),
    state: z.enum(['pending', 'running', 'done', 'dead']),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.string(),
    lastError: z.string().nullable(),
    doneAt: z.string().nullable(),
    deadAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Job' });

const JOB = { vi: 'tác vụ', en: 'Job' };

export const jobsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const scope = async (req: Parameters<typeof requirePerson>[0]) => agencySubtree(db, agenciesWithRole(requirePerson(req), [Role.ADMIN]));

  app.get(
    '/jobs',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['jobs'],
        summary: 'After-commit jobs of the agencies you administer: dead (default), pending or done',
        querystring: z
          .object({
            state: z.enum(['dead', 'pending', 'done']).default('dead'),
            agency: z.string().max(60).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(Job) }), ...errorResponses },
      },
    },
    async (req) => {
      const agencies = await scope(req);
      const wanted = req.query.agency ? agencies.filter((a) => a === req.query.agency) : agencies;
      if (wanted.length === 0) return { items: [] };
      let q = db.selectFrom('jobs').selectAll().where('agency_code', 'in', wanted);
      q =
        req.query.state === 'dead'
          ? q.where('dead_at', 'is not', null).orderBy('dead_at', 'desc')
          : req.query.state === 'done'
            ? q.where('done_at', 'is not', null).orderBy('done_at', 'desc')
            : q.where('done_at', 'is', null).where('dead_at', 'is', null).orderBy('run_at');
      const rows = await q.limit(req.query.limit).execute();
      const now = Date.now();
      return {
        items: rows.map((r) => ({
          agencyCode: r.agency_code,
          id: r.id,
          kind: r.kind,
          state: r.dead_at ? ('dead' as const) : r.done_at ? ('done' as const) : r.locked_until && r.locked_until.getTime() > now ? ('running' as const) : ('pending' as const),
          attempts: r.attempts,
          maxAttempts: r.max_attempts,
          runAt: r.run_at.toISOString(),
          lastError: r.last_error,
          doneAt: r.done_at?.toISOString() ?? null,
          deadAt: r.dead_at?.toISOString() ?? null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  );

  app.post(
    '/jobs/:agencyCode/:id/retry',
    {
      config: { access: anyOf(Role.ADMIN) },
      schema: {
        tags: ['jobs'],
        summary: 'Put a dead job back in the queue with a fresh budget of attempts',
        params: z.object({ agencyCode: z.string().max(60), id: z.uuid() }),
        response: { 200: z.object({ retried: z.literal(true) }), ...errorResponses },
      },
    },
    async (req) => {
      const agencies = await scope(req);
      if (!agencies.includes(req.params.agencyCode)) throw notFound(JOB);
      return db.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('jobs').select(['kind', 'dead_at']).where('agency_code', '=', req.params.agencyCode).where('id', '=', req.params.id).executeTakeFirst();
        if (!exists) throw notFound(JOB);
        if (!(await retryDeadJob(trx, req.params.agencyCode, req.params.id))) {
          throw conflict('JOB_NOT_DEAD', { vi: 'Chỉ thử lại được tác vụ đã dừng hẳn', en: 'Only a dead job can be retried' });
        }
        await appendAudit(trx, auditContext(req, req.params.agencyCode), [{ action: 'job.retry', entityType: 'job', entityId: req.params.id, data: { kind: exists.kind } }]);
        return { retried: true as const };
      });
    },
  );
};
