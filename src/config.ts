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
    ...overrides,
  };
  return Object.freeze(config);
}
