import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { APPLICANTS, PUBLIC, type Access } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors.js';
import { auditContext, errorResponses, requirePerson, withIdempotency } from '../../platform/http.js';
import { CalendarProvider } from '../calendar/calendar.store.js';
import { findDossierKey } from '../dossiers/dossiers.repository.js';
import { DossierRef } from '../dossiers/dossiers.schemas.js';
import { calendarOf, notFoundDossier } from '../dossiers/dossiers.service.js';
import type { PaymentGateway } from './gateway.js';
import { GatewayParams, IpnAnswer, PaymentCreate, PaymentCreated, PaymentList } from './payments.schemas.js';
import { createPayment, handleNotification, handleReturn, listPayments, type PaymentDeps } from './payments.service.js';

/** Applicants (citizens, businesses) and the officers who work on dossiers. */
const APPLICANTS_OR_OFFICERS: Access = { signedIn: true, personKinds: ['citizen', 'business', 'officer'] };

/** The browser's page for a dossier, where the payer lands after the gateway (Vietnamese paths). */
export const dossierPagePath = (ref: string, status: string) => `/ho-so-cua-toi/${encodeURIComponent(ref)}?thanh-toan=${encodeURIComponent(status)}`;
/** Where a fee paid on a draft returns: the application, to review and submit it. */
export const draftPagePath = (procedureCode: string, id: string, status: string) =>
  `/thu-tuc/${encodeURIComponent(procedureCode)}/nop-ho-so?ban-nhap=${encodeURIComponent(id)}&thanh-toan=${encodeURIComponent(status)}`;

export const paymentRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; config: Config; gateway: PaymentGateway | null }> = async (app, { db, config, gateway }) => {
  const calendars = new CalendarProvider(db);
  const deps: PaymentDeps = {
    db,
    gateway,
    publicUrl: config.publicUrl,
    expireMinutes: config.payments.kind === 'none' ? 15 : config.payments.expireMinutes,
    calendarFor: (agencyCode) => calendarOf(calendars, agencyCode),
  };

  // Gateways may notify with a form post; parse it in this plugin only.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }

  app.post(
    '/dossiers/:code/payments',
    {
      config: { access: APPLICANTS },
      schema: {
        tags: ['payments'],
        summary: "Pay what the dossier owes now (the procedure's fee, or a requested financial obligation): creates a pending payment and answers the gateway URL to send the browser to (Idempotency-Key required)",
        params: z.object({ code: DossierRef }),
        body: PaymentCreate.optional(),
        response: { 200: PaymentCreated, 201: PaymentCreated, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requirePerson(req);
      const key = await findDossierKey(db, req.params.code);
      if (!key) throw notFoundDossier();
      return withIdempotency(db, req, reply, async (trx) => {
        const created = await createPayment(deps, trx, actor, auditContext(req, key.agencyCode), key, { locale: req.body?.locale ?? 'vi', payerIp: req.ip });
        return { status: created.reused ? 200 : 201, body: created };
      });
    },
  );

  app.get(
    '/dossiers/:code/payments',
    {
      config: { access: APPLICANTS_OR_OFFICERS },
      schema: {
        tags: ['payments'],
        summary: "The dossier's payments and what is due now (its applicant, and the officers of the agencies that see the dossier)",
        params: z.object({ code: DossierRef }),
        response: { 200: PaymentList, ...errorResponses },
      },
    },
    async (req) => listPayments(db, requirePerson(req), await findDossierKey(db, req.params.code)),
  );

  app.get(
    '/payments/return',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['payments'],
        summary: "The payer's browser back from the gateway: the signature is verified, the payment confirmed by a query to the gateway (never by the return alone), then 303 to the dossier's page (to the application, for a fee paid before submitting)",
        querystring: GatewayParams,
        response: { 303: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await handleReturn(deps, { params: req.query, clientIp: req.ip, requestId: req.id });
      const page = r.draft ? draftPagePath(r.draft.procedureCode, r.draft.id, r.status) : dossierPagePath(r.dossierRef, r.status);
      return reply.redirect(`${config.publicUrl}${page}`, 303);
    },
  );

  const ipn = {
    config: { access: PUBLIC },
    schema: {
      tags: ['payments'],
      summary: 'Server-to-server payment notification (IPN) from the gateway, verified by its HMAC signature; answered in the protocol\'s own JSON ({ RspCode, Message })',
      querystring: GatewayParams,
      response: { 200: IpnAnswer, ...errorResponses },
    },
  } as const;
  /** The gateway gets the protocol's "unknown error" (it retries later) rather than a 500; the error is logged. */
  const notify = async (req: FastifyRequest, params: Record<string, unknown>) => {
    try {
      return (await handleNotification(deps, { params, clientIp: req.ip, requestId: req.id })) as z.infer<typeof IpnAnswer>;
    } catch (err) {
      if (err instanceof AppError || !gateway) throw err;
      req.log.error({ err }, 'payment notification failed');
      return gateway.notificationAnswer('error') as z.infer<typeof IpnAnswer>;
    }
  };
  app.get('/payments/ipn', ipn, async (req) => notify(req, req.query));
  app.post('/payments/ipn', { ...ipn, schema: { ...ipn.schema, body: GatewayParams.optional() } }, async (req) => notify(req, { ...req.query, ...(req.body ?? {}) }));
};
