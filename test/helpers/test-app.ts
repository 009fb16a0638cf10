import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { signPlatformToken } from '../../src/platform/auth/tokens.js';

export const TEST_DB: 'pglite' | 'postgresql' = process.env.MOTCUA_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh, isolated database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL (dropped afterwards).
 */
export async function openTestDatabase(): Promise<Database> {
  if (TEST_DB === 'pglite') return openDatabase({ kind: 'pglite', dataDir: null });
  const { url, drop } = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: 'postgresql', url, poolSize: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/** A new, empty database on the TEST_DATABASE_URL server, and how to drop it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for PostgreSQL tests');
  const name = `motcua_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // A closed pg.Pool resolves before its sockets are gone; dropping WITH (FORCE) at that moment
      // kills backends whose clients are still saying goodbye, and the FATAL notice surfaces as an
      // uncaught error. Give them a moment to leave first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type TestApp = App & {
  baseUrl: string;
  /** A bearer token for a seeded user, as `npx motcua token` would print. */
  tokenFor(username: string): Promise<string>;
  /** fetch() against the running server, with JSON helpers. */
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; body: any; headers: Headers }>;
};

export async function startTestApp(env: Record<string, string> = {}, options: { web?: boolean } = {}): Promise<TestApp> {
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    MOTCUA_SEED_DEMO: 'always',
    MOTCUA_SECRET: 'test-secret-'.padEnd(40, 'x'),
    ...env,
  });
  const database = await openTestDatabase();
  const started = await buildApp(config, { database, web: options.web ?? false });
  await started.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://localhost:${port}`;
  const idOf = async (username: string) =>
    (await database.db.selectFrom('people').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  return {
    ...started,
    baseUrl,
    async close() {
      await started.close();
      await database.close();
    },
    tokenFor: async (username) => signPlatformToken(config.secret, config.publicUrl, await idOf(username), 900),
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}
