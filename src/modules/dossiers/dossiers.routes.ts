import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { APPLICANTS, PUBLIC, type Access } from '../../platform/auth/access.js';
import { agenciesWithRole } from '../../platform/auth/actor.js';
import { forbidden } from '../../platform/errors.js';
import { auditContext, errorResponses, etag, requireIfMatch, requirePerson, withIdempotency } from '../../platform/http.js';
import { CalendarProvider } from '../calendar/calendar.store.js';
import { fileDossier, receivingAgencyOf } from './actions/file-dossier.js';
import { discardDraft, updateDraft } from './actions/drafts.js';
import { performAction } from './actions/perform-action.js';
import { dossierHistory, getDossier, publicLookup, searchDossiers } from './dossiers.queries.js';
import { findDossierKey } from './dossiers.repository.js';
import { ActionBody, ActionParam, Dossier, DossierCreate, DraftUpdate, DossierListItem, DossierListQuery, DossierRef, HistoryEntry, PublicLookup } from './dossiers.schemas.js';
import { calendarOf, isApplicantKind, notFoundDossier } from './dossiers.service.js';

/** Applicants (citizens, businesses) and the officers who work on dossiers. */
const APPLICANTS_OR_DOSSIER_OFFICERS: Access = { signedIn: true, personKinds: ['citizen', 'business', 'officer'] };

export const dossierRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const calendars = new CalendarProvider(db);
  const calendarFor = (agencyCode: string) => calendarOf(calendars, agencyCode);
  /** A change to one dossier: the caller, the version they saw (If-Match) and where the dossier lives. */
  const changeTarget = async (req: FastifyRequest & { params: { code: string } }) => {
    const actor = requirePerson(req);
    const expected = requireIfMatch(req);
    const key = await findDossierKey(db, req.params.code);
    if (!key) throw notFoundDossier();
    return { actor, expected, key };
  };

  app.post(
    '/dossiers',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary:
          'File a dossier: an applicant submits online (or keeps a draft with `draft: true`, submitted later with SUBMIT_ONLINE); a reception officer receives one at the desk (Idempotency-Key required)',
        body: DossierCreate,
        response: { 201: Dossier, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      if (!isApplicantKind(actor) && agenciesWithRole(actor, ['reception']).length === 0) throw forbidden();
      const receiving = receivingAgencyOf(actor, req.body);
      // Calendars are read before the transaction opens (the provider reads through the pool).
      const calendar = await calendarFor(receiving);
      const created = await withIdempotency(db, req, reply, async (trx) => ({
        status: 201,
        body: await fileDossier(trx, actor, auditContext(req, receiving), req.body, receiving, calendar),
      }));
      reply.header('etag', etag(created.version));
      return created;
    },
  );

  app.get(
    '/dossiers',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: "Officers: inbox and search over their agencies' dossiers (search by personal id is audited). Applicants: their own dossiers",
        querystring: DossierListQuery,
        response: { 200: z.object({ items: z.array(DossierListItem), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => searchDossiers(db, requirePerson(req), auditContext(req), req.query),
  );

  app.get(
    '/dossiers/lookup',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['dossiers'],
        summary: "Public status lookup by dossier code and the last 4 digits of the applicant's personal id",
        querystring: z.object({ code: DossierRef, idLast4: z.string().regex(/^\d{4}$/, 'must be 4 digits') }).strict(),
        response: { 200: PublicLookup, ...errorResponses },
      },
    },
    async (req) => publicLookup(db, req.query.code, req.query.idLast4),
  );

  app.get(
    '/dossiers/:code',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: 'One dossier, by its code (or its id before receipt), with the actions the caller may take',
        params: z.object({ code: DossierRef }),
        response: { 200: Dossier, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await getDossier(db, requirePerson(req), req.params.code, calendarFor);
      reply.header('etag', etag(view.version));
      return view;
    },
  );

  app.get(
    '/dossiers/:code/history',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: 'The history of a dossier in plain words (Vietnamese and English)',
        params: z.object({ code: DossierRef }),
        response: { 200: z.object({ id: z.string(), code: z.string().nullable(), version: z.number(), items: z.array(HistoryEntry) }), ...errorResponses },
      },
    },
    async (req) => dossierHistory(db, requirePerson(req), req.params.code),
  );

  app.patch(
    '/dossiers/:code/draft',
    {
      config: { access: APPLICANTS },
      schema: {
        tags: ['dossiers'],
        summary: "The owner replaces a draft's form (If-Match required; fields may still be missing until SUBMIT_ONLINE)",
        params: z.object({ code: DossierRef }),
        body: DraftUpdate,
        response: { 200: Dossier, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { actor, expected, key } = await changeTarget(req);
      const calendar = await calendarFor(key.agencyCode);
      const view = await db.transaction().execute((trx) => updateDraft(trx, actor, auditContext(req, key.agencyCode), key, expected, req.body.formData, calendar));
      reply.header('etag', etag(view.version));
      return view;
    },
  );

  app.delete(
    '/dossiers/:code/draft',
    {
      config: { access: APPLICANTS },
      schema: {
        tags: ['dossiers'],
        summary: 'The owner discards a draft (If-Match required); a submitted dossier is withdrawn instead (WITHDRAW)',
        params: z.object({ code: DossierRef }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { actor, expected, key } = await changeTarget(req);
      await db.transaction().execute((trx) => discardDraft(trx, actor, auditContext(req, key.agencyCode), key, expected));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/dossiers/:code/actions/:action',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: 'Perform a workflow action (If-Match: "<version>" and Idempotency-Key required); 409 lists the available actions',
        params: z.object({ code: DossierRef, action: ActionParam }),
        body: ActionBody,
        response: { 200: Dossier, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { actor, expected, key } = await changeTarget(req);
      const calendar = await calendarFor(key.agencyCode);
      const view = await withIdempotency(db, req, reply, async (trx) => ({
        status: 200,
        body: await performAction(trx, actor, auditContext(req, key.agencyCode), key, req.params.action, expected, req.body ?? {}, calendar),
      }));
      reply.header('etag', etag(view.version));
      return view;
    },
  );
};
