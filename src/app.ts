import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { installErrorHandler } from './platform/error-handler.js';
import { installAuthentication } from './platform/auth/authenticate.js';
import { securityHeaders } from './platform/security-headers.js';
import { TokenVerifier } from './platform/auth/tokens.js';
import { platformRoutes } from './platform/platform.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { dossierRoutes } from './modules/dossiers/dossiers.routes.js';
import { slipRoutes } from './modules/slips/slips.routes.js';
import { redatingRoutes } from './modules/dossiers/redating.routes.js';
import { redateAfterScheduleChange } from './modules/dossiers/redating.js';
import { jobsRoutes } from './modules/jobs/jobs.routes.js';
import { createJobWorker, type JobsSetup, type MailSender, type SmsSender } from './modules/notifications/index.js';
import { paymentRoutes } from './modules/payments/payments.routes.js';
import { devGatewayRoutes } from './modules/payments/dev-gateway.js';
import { devGatewayOptions, gatewayFromConfig } from './modules/payments/gateway-config.js';
import { attachmentRoutes } from './modules/attachments/attachments.routes.js';
import { ratingRoutes } from './modules/ratings/ratings.routes.js';
import { LocalBlobStore, type BlobStore } from './modules/attachments/blob-store.js';
import { seedIfEmpty } from './seed/seed.js';
import { installOidc } from './platform/auth/oidc.js';
import { installWebApp } from './platform/web.js';

export type App = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** The job worker, or null with MOTCUA_JOBS=off. */
  jobs: JobsSetup | null;
  close(): Promise<void>;
};

export type BuildOptions = {
  /** Use this database instead of opening the configured one (tests). */
  database?: Database;
  /** Skip serving the built web app (API-only tests). */
  web?: boolean;
  /** The province's SMS gateway (default: record to the outbox only) and a mail sender replacing SMTP_URL's. */
  sms?: SmsSender;
  mail?: MailSender;
  /** Where attachment content goes, instead of the local disk under config.attachments.dir. */
  blobStore?: BlobStore;
};

/** The composition root: the only place where the parts are wired together. Tests use it too. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const database = options.database ?? (await openDatabase(config.database));
  const { db } = database;
  try {
    await migrateToLatest(db);
    await seedIfEmpty(db, config);
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }

  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: config.env === 'production',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 300 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  installErrorHandler(app);
  await app.register(cookie, { secret: config.secret });
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'", config.publicUrl, ...(config.oidc.kind === 'external' ? [config.oidc.issuer] : [])],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Set first, so a route may still replace one (downloads send their own, stricter policy).
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => (req.actor?.kind === 'person' ? `p:${req.actor.id}` : `ip:${req.ip}`),
    allowList: (req) => !req.url.startsWith('/api/'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        version: '1',
        description:
          'One-stop administrative procedure platform. Errors are `{ code, message: { vi, en }, details, requestId }`. ' +
          'See docs/api.md for the conventions (pagination, idempotency, concurrency).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const oidc = await installOidc(app, db, config);
  const tokens = new TokenVerifier(config.secret, config.publicUrl, oidc.issuer, oidc.jwks);
  installAuthentication(app, db, tokens);

  await app.register(platformRoutes, { prefix: '/api/v1', db, kind: database.kind, config });
  await app.register(orgRoutes, { prefix: '/api/v1', db });
  await app.register(catalogRoutes, { prefix: '/api/v1', db });
  await app.register(calendarRoutes, { prefix: '/api/v1', db, onScheduleChange: redateAfterScheduleChange });
  await app.register(dossierRoutes, { prefix: '/api/v1', db });
  await app.register(slipRoutes, { prefix: '/api/v1', db, publicUrl: config.publicUrl });
  await app.register(redatingRoutes, { prefix: '/api/v1', db });
  await app.register(jobsRoutes, { prefix: '/api/v1', db });
  await app.register(paymentRoutes, { prefix: '/api/v1', db, config, gateway: gatewayFromConfig(config) });
  // The development payment gateway: only without a real gateway, never in production.
  const devGateway = devGatewayOptions(config);
  if (devGateway) await app.register(devGatewayRoutes, { ...devGateway, log: (m: string) => app.log.warn(m) });
  const blobStore = options.blobStore ?? new LocalBlobStore(config.attachments.dir);
  await app.register(attachmentRoutes, { prefix: '/api/v1', db, store: blobStore, maxBytes: config.attachments.maxBytes });
  await app.register(ratingRoutes, { prefix: '/api/v1', db });

  if (options.web !== false) await installWebApp(app);

  await app.ready();
  // After-commit jobs (notifications, reminders, sweeps): one worker per process, safe with several.
  const jobs: JobsSetup | null = config.jobs.enabled
    ? createJobWorker(db, config, { mail: options.mail, sms: options.sms, log: app.log })
    : null;
  jobs?.worker.start();
  return {
    app,
    database,
    config,
    jobs,
    async close() {
      await jobs?.close();
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
