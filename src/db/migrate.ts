import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-platform.js';
import * as m0002 from './migrations/0002-catalog.js';
import * as m0003 from './migrations/0003-calendar.js';
import * as m0004 from './migrations/0004-dossiers.js';
import * as m0005 from './migrations/0005-jobs.js';
import * as m0006 from './migrations/0006-attachments.js';
import * as m0007 from './migrations/0007-payments.js';
import * as m0008 from './migrations/0008-dossier-indexes.js';
import * as m0009 from './migrations/0009-ratings.js';
import * as m0010 from './migrations/0010-audit-append.js';
import * as m0011 from './migrations/0011-audit-chain-at-commit.js';

/** Migrations are listed here in order, so they bundle and run the same from source or a build. */
const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-catalog': m0002,
  '0003-calendar': m0003,
  '0004-dossiers': m0004,
  '0005-jobs': m0005,
  '0006-attachments': m0006,
  '0007-payments': m0007,
  '0008-dossier-indexes': m0008,
  '0009-ratings': m0009,
  '0010-audit-append': m0010,
  '0011-audit-chain-at-commit': m0011,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
