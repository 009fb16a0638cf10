import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { APPLICANTS, type Access } from '../../platform/auth/access.js';
import { auditContext, errorResponses, requirePerson } from '../../platform/http.js';
import { DossierRef } from '../dossiers/dossiers.schemas.js';
import { getRating, putRating } from './ratings.service.js';
import { RatingInput, RatingView } from './ratings.schemas.js';

/** The applicant rates; the applicant and the officers who can see the dossier read (scoped in the service). */
const APPLICANTS_OR_OFFICERS: Access = { signedIn: true, personKinds: ['citizen', 'business', 'officer'] };

export const ratingRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const params = z.object({ code: DossierRef });

  app.get(
    '/dossiers/:code/rating',
    {
      config: { access: APPLICANTS_OR_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: 'The satisfaction rating of a dossier, its criteria and whether it can be given or changed now (officers’ reads are audited)',
        params,
        response: { 200: RatingView, ...errorResponses },
      },
    },
    async (req) => getRating(db, requirePerson(req), auditContext(req), req.params.code),
  );

  app.put(
    '/dossiers/:code/rating',
    {
      config: { access: APPLICANTS },
      schema: {
        tags: ['dossiers'],
        summary: 'The applicant rates the service once the result is returned (409 RATING_NOT_OPEN before); editable for 7 days, then locked',
        params,
        body: RatingInput,
        response: { 200: RatingView, 201: RatingView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const done = await db.transaction().execute((trx) => putRating(trx, actor, auditContext(req), req.params.code, req.body));
      reply.status(done.created ? 201 : 200);
      return done.view;
    },
  );
};
