import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from './config.js';
import { openDatabase, DatabaseLockedError, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo, seedReferenceData } from './seed/seed.js';
import { parseUnitCsv, UnitFileError } from './modules/org/units-csv.js';
import { importUnits } from './modules/org/units.repository.js';
import { verifyAuditChain } from './platform/audit/audit.js';
import { signPlatformToken } from './platform/auth/tokens.js';
import { machineClientSecret } from './platform/auth/oidc.js';
import { CATALOG_USAGE, parseCatalogArgs, runCatalogCommand } from './modules/catalog/catalog-cli.js';
import { runPaymentsCommand, PAYMENTS_USAGE } from './modules/payments/payments-cli.js';

type Command = {
  usage: string;
  summary: string;
  run(args: string[], ctx: { config: Config }): Promise<number>;
};

export class UsageError extends Error {}

async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'motcua serve',
    summary: 'Run migrations, seed demo data on first start, and serve the API and web app (PORT, DATABASE_URL, MOTCUA_DATA_DIR)',
    async run(_args, { config }) {
      const { serve } = await import('./main.js');
      await serve(config);
      return 0;
    },
  },
  migrate: {
    usage: 'motcua migrate',
    summary: 'Apply pending database migrations',
    async run(_args, { config }) {
      const database = await openDatabase(config.database);
      try {
        const applied = await migrateToLatest(database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      } finally {
        await database.close();
      }
      return 0;
    },
  },
  seed: {
    usage: 'motcua seed',
    summary: 'Load the shipped administrative units and the demo agencies and people (idempotent)',
    async run(_args, { config }) {
      await withDatabase(config, async ({ db }) => {
        await seedReferenceData(db);
        const r = await seedDemo(db);
        console.log(`Seeded ${r.agencies} demo agencies and ${r.people} demo people (existing records kept).`);
      });
      return 0;
    },
  },
  units: {
    usage: 'motcua units import <file.csv>',
    summary: 'Import administrative units, or old-to-new unit mappings, from a CSV file (shape recognised from its header)',
    async run(args, { config }) {
      const [sub, file] = args;
      if (sub !== 'import' || !file) throw new UsageError('expected: units import <file.csv>');
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const parsed = parseUnitCsv(fs.readFileSync(file, 'utf8'));
      const result = await withDatabase(config, ({ db }) => importUnits(db, parsed));
      console.log(`Shape: ${result.shape}. Imported or updated: ${result.upserted}. Rejected: ${result.rejected.length}.`);
      for (const p of result.rejected.slice(0, 50)) console.log(`  line ${p.line}: ${p.field}: ${p.reason}`);
      if (result.rejected.length > 50) console.log(`  … and ${result.rejected.length - 50} more`);
      return result.upserted === 0 && result.rejected.length > 0 ? 1 : 0;
    },
  },
  token: {
    usage: 'motcua token <username> [--ttl <seconds>]',
    summary: 'Print a short-lived API access token for a user (default 15 minutes, at most 24 hours)',
    async run(args, { config }) {
      const { values, positionals } = parseArgs({ args, options: { ttl: { type: 'string', default: '900' } }, allowPositionals: true });
      const username = positionals[0];
      if (!username || positionals.length > 1) throw new UsageError('expected: token <username>');
      const ttl = Number(values.ttl);
      if (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400) throw new UsageError('--ttl must be a whole number of seconds between 30 and 86400');
      const person = await withDatabase(config, ({ db }) =>
        db.selectFrom('people').select(['id', 'active']).where('username', '=', username).executeTakeFirst(),
      );
      if (!person) {
        console.error(`No user named "${username}".`);
        return 1;
      }
      if (!person.active) {
        console.error(`User "${username}" is disabled.`);
        return 1;
      }
      console.log(await signPlatformToken(config.secret, config.publicUrl, person.id, ttl));
      return 0;
    },
  },
  'client-secret': {
    usage: 'motcua client-secret <service-account>',
    summary: "Print the built-in development identity provider's client secret for a service account",
    async run(args, { config }) {
      if (config.oidc.kind !== 'builtin') throw new UsageError('only the built-in identity provider has secrets here; use your identity provider');
      const [username] = args;
      if (!username) throw new UsageError('expected: client-secret <service-account>');
      const person = await withDatabase(config, ({ db }) => db.selectFrom('people').select(['kind']).where('username', '=', username).executeTakeFirst());
      if (person?.kind !== 'service') {
        console.error(`No service account named "${username}".`);
        return 1;
      }
      console.log(machineClientSecret(config.secret, username));
      return 0;
    },
  },
  catalog: {
    usage: CATALOG_USAGE,
    summary:
      'Import procedures (national records JSON, national list CSV, or an export; idempotent, one transaction per record; --strict-codes refuses codes outside 1.xxxxxx–3.xxxxxx), or export the catalog as JSON, CSV or Excel',
    async run(args, { config }) {
      const cmd = parseCatalogArgs(args);
      if (typeof cmd === 'string') throw new UsageError(cmd);
      return withDatabase(config, ({ db }) => runCatalogCommand(db, cmd));
    },
  },
  payments: {
    usage: PAYMENTS_USAGE,
    summary: 'Reconcile online payments: ask the gateway about payments still pending after N minutes (default 15) and settle them',
    async run(args, { config }) {
      return withDatabase(config, ({ db }) => runPaymentsCommand(db, config, args, (m) => new UsageError(m)));
    },
  },
  audit: {
    usage: 'motcua audit verify',
    summary: 'Verify the hash chain of the audit trail and report the first broken link',
    async run(args, { config }) {
      if (args[0] !== 'verify') throw new UsageError('expected: audit verify');
      const result = await withDatabase(config, ({ db }) => verifyAuditChain(db));
      if (result.ok) {
        console.log(`Audit trail intact: ${result.entries} entries, last hash ${result.lastHash}.`);
        return 0;
      }
      console.error(`Audit trail BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.entries} entries verified before it).`);
      return 2;
    },
  },
};

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(46)} ${c.summary}`);
  return `Usage: npx motcua <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEach command accepts --help.`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: npx ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, { config: loadConfig(env) });
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`Error: ${err.message}\nUsage: npx ${command.usage}`);
      return 1;
    }
    if (err instanceof ConfigError || err instanceof DatabaseLockedError || err instanceof UnitFileError) {
      console.error(`Error: ${err.message}`);
      return 1;
    }
    if (err instanceof TypeError && /Invalid URL|parseArgs|Unknown option/.test(err.message)) {
      console.error(`Error: ${err.message}\nUsage: npx ${command.usage}`);
      return 1;
    }
    console.error(`Error: ${(err as Error).message ?? err}`);
    return 1;
  }
}
