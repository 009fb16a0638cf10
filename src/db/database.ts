import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pipelinedPostgresDialect } from './pipeline.js';
import type { DB } from './schema.js';

// node-postgres returns BIGINT (int8) as string by default; our bigint columns (sequences,
// counters) stay well below 2^53, so parse them as numbers. DATE stays a plain 'YYYY-MM-DD' string
// so that calendar dates never shift with the server's time zone.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { kind: 'postgresql'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null };

export class DatabaseLockedError extends Error {}

/**
 * Opens the system of record. PGlite (embedded PostgreSQL in WASM) runs the same SQL and migrations
 * as a PostgreSQL server; both are reached through node-postgres so that Kysely sees one dialect.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgresql') {
    // Pipeline mode: a write whose answer is not needed goes out without waiting (see pipeline.ts).
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, pipeline: true });
    const db = new Kysely<DB>({ dialect: pipelinedPostgresDialect(pool, true) });
    return { db, kind: 'postgresql', close: () => db.destroy() };
  }

  let release = () => {};
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = acquireDirectoryLock(options.dataDir);
  }
  try {
    const pglite = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, 'pgdata') : undefined,
      extensions: { unaccent, pg_trgm },
    });
    // PGlite is single-connection: the adapter's pool has one client, so transactions serialise.
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    const db = new Kysely<DB>({ dialect: pipelinedPostgresDialect(pool, false) });
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PGlite must never be opened by two processes at once: that corrupts the data directory.
 * An exclusive lock file holding our pid guards it; a stale lock (its process is gone) is taken over.
 */
export function acquireDirectoryLock(dir: string): () => void {
  const lockPath = path.join(dir, 'motcua.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseLockedError(
          `The data directory ${dir} is in use by another motcua process (pid ${holder}). ` +
            `Stop that process, or set MOTCUA_DATA_DIR to another directory.`,
        );
      }
      if (holder === process.pid) {
        throw new DatabaseLockedError(`The data directory ${dir} is already open in this process.`);
      }
      fs.rmSync(lockPath, { force: true }); // stale lock from a process that died
    }
  }
  throw new DatabaseLockedError(`Could not lock the data directory ${dir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
