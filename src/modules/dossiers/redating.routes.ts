/**
 * Officers' list of dossiers whose due dates a schedule change moved (REDATE events), scoped to what
 * the officer may see, newest first.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { anyOf } from '../../platform/auth/access.js';
import { Role } from '../../platform/auth/actor.js';
import { errorResponses, requirePerson } from '../../platform/http.js';
import { Action } from './domain/index.js';
import { visibleTo } from './dossiers.repository.js';
import { reviveEvent, visibilityOf } from './dossiers.service.js';

const Redated = z.object({
  code: z.string(),
  agencyCode: z.string(),
  holderAgencyCode: z.string(),
  status: z.string(),
  seq: z.number().int(),
  at: z.string(),
  change: z.string(),
  source: z.string(),
  dueBefore: z.string().nullable(),
  dueAfter: z.string().nullable(),
  legalDueBefore: z.string().nullable(),
  legalDueAfter: z.string().nullable(),
});

export const redatingRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/dossiers-redated',
    {
      config: { access: anyOf(Role.RECEPTION, Role.SPECIALIST, Role.APPROVER) },
      schema: {
        tags: ['dossiers'],
        summary: 'Dossiers re-dated by a change of the official working calendar (officers, within their agencies)',
        querystring: z
          .object({
            since: z.iso.datetime({ offset: true }).optional().describe('only changes recorded at or after this instant'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(Redated) }), ...errorResponses },
      },
    },
    async (req) => {
      const visibility = await visibilityOf(db, requirePerson(req));
      let q = db
        .selectFrom('dossier_events as e')
        .innerJoin('dossiers as d', (j) => j.onRef('d.agency_code', '=', 'e.agency_code').onRef('d.id', '=', 'e.dossier_id'))
        .select(['d.code', 'd.id', 'd.agency_code', 'd.holder_agency_code', 'd.status', 'e.seq', 'e.at', 'e.event'])
        .where('e.action', '=', Action.REDATE)
        .where((eb) => visibleTo(eb, visibility));
      if (req.query.since) q = q.where('e.at', '>=', new Date(req.query.since));
      const rows = await q.orderBy('e.at', 'desc').orderBy('d.id').limit(req.query.limit).execute();
      return {
        items: rows.map((r) => {
          const e = reviveEvent(r.event as Record<string, unknown>);
          const p = e.action === Action.REDATE ? e.payload : { change: '', source: '' };
          return {
            code: r.code ?? r.id,
            agencyCode: r.agency_code,
            holderAgencyCode: r.holder_agency_code,
            status: r.status,
            seq: r.seq,
            at: r.at.toISOString(),
            change: p.change,
            source: p.source,
            dueBefore: e.due.before?.toISOString() ?? null,
            dueAfter: e.due.after?.toISOString() ?? null,
            legalDueBefore: e.legalDue.before?.toISOString() ?? null,
            legalDueAfter: e.legalDue.after?.toISOString() ?? null,
          };
        }),
      };
    },
  );
};
