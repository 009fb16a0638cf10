import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { anyOf, type Access } from '../../platform/auth/access.js';
import { Role } from '../../platform/auth/actor.js';
import { auditContext, errorResponses, requirePerson } from '../../platform/http.js';
import { DossierRef } from '../dossiers/dossiers.schemas.js';
import { AgencyCode } from '../org/org.schemas.js';
import { renderSlipPdf } from './slip-pdf.js';
import { listSlips, slipDocument, trackingBook } from './slips.service.js';
import { contentDisposition } from './vietnamese-text.js';

/** The same callers as GET /dossiers/:code; what each may print is decided per dossier. */
const APPLICANTS_OR_DOSSIER_OFFICERS: Access = { signedIn: true, personKinds: ['citizen', 'business', 'officer'] };

/** The body is a PDF (application/pdf) sent as bytes; the schema only documents it. */
const PdfBody = z.any().meta({ description: 'PDF document (application/pdf), Content-Disposition inline with an RFC 5987 file name' });

const Localized = z.object({ vi: z.string(), en: z.string() });
const SlipList = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    items: z.array(
      z.object({
        kind: z.string(),
        seq: z.number(),
        issuedAt: z.string(),
        title: Localized,
        formNumber: z.string().nullable(),
        circular: Localized,
        href: z.string(),
      }),
    ),
  })
  .meta({ id: 'DossierSlipList' });

export const slipRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; publicUrl: string }> = async (app, { db, publicUrl }) => {
  app.get(
    '/dossiers/:code/slips',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: 'The slips (phiếu) issued for a dossier that the caller may print: the applicant their own, officers all',
        params: z.object({ code: DossierRef }),
        response: { 200: SlipList, ...errorResponses },
      },
    },
    async (req) => listSlips(db, requirePerson(req), req.params.code, publicUrl),
  );

  app.get(
    '/dossiers/:code/slips/:kind',
    {
      config: { access: APPLICANTS_OR_DOSSIER_OFFICERS },
      schema: {
        tags: ['dossiers'],
        summary: 'One slip as a PDF in Vietnamese, per the form of the circular in force (404 SLIP_KIND_UNKNOWN, 409 SLIP_NOT_ISSUED)',
        params: z.object({ code: DossierRef, kind: z.string().min(1).max(60) }),
        querystring: z.object({ seq: z.coerce.number().int().min(1).max(1_000_000).optional() }).strict(),
        response: { 200: PdfBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const doc = await slipDocument(db, requirePerson(req), auditContext(req), req.params.code, req.params.kind, req.query.seq, publicUrl);
      const pdf = await renderSlipPdf(doc);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(doc.fileName)).header('cache-control', 'private, no-store').send(pdf);
    },
  );

  app.get(
    '/agencies/:code/tracking-book',
    {
      config: { access: anyOf(Role.RECEPTION) },
      schema: {
        tags: ['dossiers'],
        summary: "A one-stop desk's tracking book (sổ theo dõi hồ sơ) of the dossiers received from one day to another, as a PDF; reception officers of that desk",
        params: z.object({ code: AgencyCode }),
        querystring: z.object({ from: z.iso.date(), to: z.iso.date() }).strict(),
        response: { 200: PdfBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const doc = await trackingBook(db, requirePerson(req), auditContext(req, req.params.code), req.params.code, req.query.from, req.query.to, new Date());
      const pdf = await renderSlipPdf(doc);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(doc.fileName)).header('cache-control', 'private, no-store').send(pdf);
    },
  );
};
