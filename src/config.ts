import path from 'node:path';
import { z } from 'zod';

/**
 * One validated, frozen configuration read at start-up. Defaults apply only outside production:
 * in production every secret must be given explicitly, or the process refuses to start.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  MOTCUA_DATA_DIR: z.string().default('./data'),
  MOTCUA_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  MOTCUA_SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  VNPAY_TMN_CODE: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'must be the VNPAY terminal code').optional(),
  VNPAY_HASH_SECRET: z.string().min(16, 'must be the VNPAY hash secret').optional(),
  VNPAY_PAYMENT_URL: z.string().url().optional(),
  VNPAY_API_URL: z.string().url().optional(),
  PAYMENT_EXPIRE_MINUTES: z.coerce.number().int().min(5).max(1440).default(15),
  MOTCUA_ATTACHMENTS_DIR: z.string().min(1).optional(),
  MOTCUA_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  MOTCUA_JOBS: z.enum(['on', 'off']).default('on'),
  MOTCUA_JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  MOTCUA_REMINDER_LEAD_HOURS: z.coerce.number().int().min(1).max(80).default(4),
  MOTCUA_SWEEP_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MOTCUA_MAIL_FROM: z.string().min(3).optional(),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string | null };
  /** Secret for signing session cookies and the platform's own tokens. */
  secret: string;
  oidc:
    | { kind: 'builtin' }
    | { kind: 'external'; issuer: string; clientId: string; clientSecret: string | undefined };
  logLevel: string;
  rateLimitPerMinute: number;
  seedDemo: 'auto' | 'always' | 'never';
  /**
   * Online payment of fees: a VNPAY merchant account; or, outside production and without one, the
   * development gateway served by this process under /dev-gateway/; or none (payments refused).
   */
  payments:
    | { kind: 'vnpay'; tmnCode: string; hashSecret: string; paymentUrl: string; apiUrl: string; expireMinutes: number }
    | { kind: 'dev'; expireMinutes: number }
    | { kind: 'none' };
  /** Where attachment content is stored (content-addressed) and the largest file accepted. */
  attachments: { dir: string; maxBytes: number };
  /** After-commit job worker: on/off, poll interval, officers' reminder lead time, hour of the daily sweep (Viet Nam time). */
  jobs: { enabled: boolean; pollMs: number; reminderLeadWorkingHours: number; sweepHour: number };
  /** Outgoing email: SMTP server, or none (messages are only recorded in the outbox, labelled `log`). */
  mail: { smtpUrl: string | null; from: string };
}>;

export class ConfigError extends Error {}

const DEV_SECRET = 'motcua-development-secret-do-not-use-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.MOTCUA_SECRET) throw new ConfigError('MOTCUA_SECRET is required in production');
  if (production && !e.DATABASE_URL) throw new ConfigError('DATABASE_URL is required in production');
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  if (production && !e.OIDC_ISSUER) throw new ConfigError('OIDC_ISSUER is required in production');
  const vnpayVars = [e.VNPAY_TMN_CODE, e.VNPAY_HASH_SECRET, e.VNPAY_PAYMENT_URL, e.VNPAY_API_URL];
  if (vnpayVars.some(Boolean) && !vnpayVars.every(Boolean)) {
    throw new ConfigError('VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_PAYMENT_URL and VNPAY_API_URL go together');
  }

  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgresql', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.MOTCUA_DATA_DIR) },
    secret: e.MOTCUA_SECRET ?? DEV_SECRET,
    oidc: e.OIDC_ISSUER
      ? { kind: 'external', issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET }
      : { kind: 'builtin' },
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    seedDemo: e.MOTCUA_SEED_DEMO,
    payments: e.VNPAY_TMN_CODE
      ? { kind: 'vnpay', tmnCode: e.VNPAY_TMN_CODE, hashSecret: e.VNPAY_HASH_SECRET!, paymentUrl: e.VNPAY_PAYMENT_URL!, apiUrl: e.VNPAY_API_URL!, expireMinutes: e.PAYMENT_EXPIRE_MINUTES }
      : production
        ? { kind: 'none' }
        : { kind: 'dev', expireMinutes: e.PAYMENT_EXPIRE_MINUTES },
    attachments: {
      dir: path.resolve(e.MOTCUA_ATTACHMENTS_DIR ?? path.join(e.MOTCUA_DATA_DIR, 'attachments')),
      maxBytes: e.MOTCUA_ATTACHMENT_MAX_BYTES,
    },
    jobs: {
      enabled: e.MOTCUA_JOBS === 'on',
      pollMs: e.MOTCUA_JOBS_POLL_MS,
      reminderLeadWorkingHours: e.MOTCUA_REMINDER_LEAD_HOURS,
      sweepHour: e.MOTCUA_SWEEP_HOUR,
    },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MOTCUA_MAIL_FROM ?? 'Hệ thống một cửa <no-reply@motcua.localhost>' },
    ...overrides,
  };
  return Object.freeze(config);
}
