/**
 * Procedure search at catalog scale: the real national list (and the sample of detail records) plus
 * generated variants, up to 100,000 procedure versions, in a scratch database. Reports the search
 * latency (p50/p95/p99) next to a baseline measured in the same run — a plain indexed lookup by
 * code through the same driver — and the import rate of the real files.
 *
 *   npx tsx bench/catalog.bench.ts            (PGlite, in memory)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/catalog.bench.ts
 *
 * With BENCH_DATABASE_URL (or TEST_DATABASE_URL) a scratch database is created on that server and
 * dropped afterwards. `run()` returns the figures for a bench runner.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo, seedReferenceData } from '../src/seed/seed.js';
import { findProcedure, recordWords, searchColumns, searchProcedures } from '../src/modules/catalog/catalog.repository.js';
import { readCatalogFile } from '../src/modules/catalog/catalog-files.js';
import { importCatalog, transactionPerRecord } from '../src/modules/catalog/catalog-import.js';
import type { ProcedureData } from '../src/modules/catalog/catalog.schemas.js';
import { completeProcedure, contentHash, defaultWorkflow, listSummary } from '../src/modules/catalog/model.js';

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly samples: number;
}

export interface ImportRate {
  readonly file: string;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSec: number;
  readonly created: number;
  readonly rejected: number;
}

export interface CatalogBenchResult {
  readonly name: 'catalog.search';
  readonly database: 'pglite' | 'postgresql';
  readonly dataSource: 'shared' | 'fixtures';
  readonly procedures: number;
  readonly versions: number;
  readonly publishedProcedures: number;
  readonly imports: readonly ImportRate[];
  /** Generated rows per second (bulk insert, for scale only; not the import path). */
  readonly generatedRowsPerSec: number;
  readonly search: Latency;
  readonly searchFiltered: Latency;
  /** Indexed lookup of one procedure by code, same driver and connection. */
  readonly baseline: Latency;
  /** search p95 / baseline p95 */
  readonly ratioP95: number;
  readonly targetP95Ms: number;
  readonly targetMet: boolean;
  /** The queries with the highest median latency, to see where the time goes. */
  readonly slowestQueries: readonly { q: string; p50: number; mode: string | null; results: number }[];
  /** Results of the three issue examples on the full data: does "Đăng ký khai sinh" come first? */
  readonly examplesFirst: Record<string, string | null>;
}

export interface CatalogBenchOptions {
  readonly versions?: number;
  readonly searchesPerQuery?: number;
  readonly seed?: number;
  /** Progress lines (phases and their durations); stderr when run from the command line. */
  readonly log?: (line: string) => void;
}

const TARGET_P95_MS = 20;
const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(process.cwd(), '../shared/data');
const FIXTURES = path.resolve(here, '../src/modules/catalog/parse/fixtures');

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4_294_967_296;
  };
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), samples: s.length };
}

async function scratchDatabase(): Promise<Database> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', dataDir: null });
  const name = `motcua_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgresql', url: target.href, poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const SYSTEM = { actorId: null, actorName: 'bench', agencyCode: null, requestId: null, clientIp: null };

async function importFile(db: Database['db'], file: string): Promise<ImportRate> {
  const kind = file.endsWith('.csv') ? 'csv' : 'json';
  const parsed = await readCatalogFile(kind, fs.readFileSync(file));
  const t0 = performance.now();
  const report = await importCatalog(db, transactionPerRecord(db), parsed, 'system', SYSTEM);
  const seconds = (performance.now() - t0) / 1000;
  return { file: path.basename(file), records: report.total, seconds: round(seconds), recordsPerSec: Math.round(report.total / seconds), created: report.created, rejected: report.rejected };
}

const PREFIXES = ['', 'Cấp lại ', 'Điều chỉnh ', 'Gia hạn ', 'Thu hồi ', 'Xác nhận '];
const SUFFIXES = [
  '',
  ' (thực hiện tại cấp tỉnh)',
  ' (thực hiện tại cấp xã)',
  ' có yếu tố nước ngoài',
  ' tại khu vực biên giới',
  ' đối với tổ chức',
  ' đối với cá nhân',
  ' trên môi trường điện tử',
  ' trong trường hợp bị mất, hỏng',
  ' lần đầu',
];
const LEVELS = [['commune'], ['province'], ['province', 'commune'], ['central', 'province']] as const;
const APPLICANTS = [['citizen'], ['business'], ['citizen', 'organisation'], ['business', 'organisation']] as const;
const ONLINE = ['full', 'partial', 'none'] as const;

/**
 * Generated variants of the real names (prefix × name × suffix), two versions each (a superseded
 * one and the published one), bulk-inserted, until the catalog holds `target` versions.
 */
export async function generateVariants(db: Database['db'], target: number, seed: number): Promise<number> {
  const random = prng(seed);
  const bases = await db.selectFrom('procedures').select(['name', 'field']).execute();
  const have = Number((await db.selectFrom('procedure_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let versions = have;
  let serial = 0;
  const batch = 250;
  let rows = 0;
  const t0 = performance.now();
  while (versions < target) {
    const procedures: Record<string, unknown>[] = [];
    const versionRows: Record<string, unknown>[] = [];
    for (let i = 0; i < batch && versions < target; i++) {
      const base = bases[Math.floor(random() * bases.length)]!;
      const code = `9.${String(serial++).padStart(6, '0')}`;
      const baseName = base.name.replace(/^Thủ tục:?\s*/u, '');
      const prefix = PREFIXES[Math.floor(random() * PREFIXES.length)]!;
      const name = `${prefix}${prefix ? baseName.charAt(0).toLowerCase() + baseName.slice(1) : baseName}${SUFFIXES[Math.floor(random() * SUFFIXES.length)]}`.slice(0, 2000);
      const value = 1 + Math.floor(random() * 30);
      const data: ProcedureData = completeProcedure({
        code,
        name,
        field: base.field,
        levels: [...LEVELS[Math.floor(random() * LEVELS.length)]!],
        applicantTypes: [...APPLICANTS[Math.floor(random() * APPLICANTS.length)]!],
        onlineLevel: ONLINE[Math.floor(random() * ONLINE.length)]!,
        channels: [
          { channel: 'in_person', processingTime: { unit: 'working_days', value }, processingTimeText: `${value} Ngày làm việc`, fees: [{ kind: 'free' }], feeNote: null, description: null, text: null },
          { channel: 'online', processingTime: { unit: 'working_days', value }, processingTimeText: `${value} Ngày làm việc`, fees: [{ kind: 'free' }], feeNote: null, description: null, text: null },
        ],
      });
      data.workflow = defaultWorkflow(data);
      const older = { ...data, decisionNumber: '1/QĐ-BENCH' };
      const cols = searchColumns(data);
      procedures.push({ code, status: 'published', current_version: 2, latest_version: 2, ...cols, summary: JSON.stringify(listSummary(data)), effective_from: '2025-07-01', abolished_on: null });
      versionRows.push(
        { code, version: 1, status: 'superseded', effective_from: '2025-01-01', effective_to: '2025-07-01', decision_number: older.decisionNumber, data: JSON.stringify(older), content_hash: contentHash(older), created_by: 'bench' },
        { code, version: 2, status: 'published', effective_from: '2025-07-01', effective_to: null, decision_number: null, data: JSON.stringify(data), content_hash: contentHash(data), created_by: 'bench' },
      );
      versions += 2;
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('procedures').values(procedures as never).execute();
      await trx.insertInto('procedure_versions').values(versionRows as never).execute();
      await recordWords(trx, procedures.map((p) => p.name as string));
    });
    rows += procedures.length + versionRows.length;
  }
  return rows / ((performance.now() - t0) / 1000 || 1);
}

const QUERIES = [
  'dang ky khai sinh',
  'đăng kí khai sinh',
  'khai sinh',
  'đăng ký kết hôn',
  'dang ky ket hon',
  'chứng thực bản sao',
  'cấp giấy phép xây dựng',
  'giay phep lai xe',
  'đăng ký thường trú',
  'bảo hiểm xã hội một lần',
  'thuế thu nhập cá nhân',
  'dat dai',
  'giấy chứng nhận quyền sử dụng đất',
  'khai tu',
  'xac nhan thong tin ho tich',
  'cap lai giay phep',
  'hộ kinh doanh',
  'bang ke lam san',
  'dang ky khai snh',
  'quốc tịch việt nam',
];

async function time<T>(work: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

export async function run(options: CatalogBenchOptions = {}): Promise<CatalogBenchResult> {
  const target = options.versions ?? 100_000;
  const perQuery = options.searchesPerQuery ?? 30;
  const seed = options.seed ?? 20_261_123;
  const log = options.log ?? (() => {});
  let phase = performance.now();
  const done = (what: string) => {
    const now = performance.now();
    log(`${what} (${round((now - phase) / 1000, 1)} s)`);
    phase = now;
  };
  const database = await scratchDatabase();
  try {
    const { db } = database;
    await migrateToLatest(db);
    await seedReferenceData(db);
    await seedDemo(db);
    done(`scratch ${database.kind} database migrated and seeded`);

    const shared = fs.existsSync(path.join(SHARED, 'tthc_catalog_list_dvcqg.csv')) && fs.existsSync(path.join(SHARED, 'tthc_procedures_sample.json'));
    const files = shared
      ? [path.join(SHARED, 'tthc_procedures_sample.json'), path.join(SHARED, 'tthc_catalog_list_dvcqg.csv')]
      : [path.join(FIXTURES, 'tthc-procedures.sample.json'), path.join(FIXTURES, 'tthc-catalog-list.sample.csv')];
    const imports: ImportRate[] = [];
    for (const f of files) {
      imports.push(await importFile(db, f));
      done(`imported ${path.basename(f)}`);
    }
    // The list holds no processing times, so its procedures stay drafts; publish them here so that
    // search runs over the whole real list.
    await db.updateTable('procedures').set({ status: 'published', current_version: 1 }).where('status', '=', 'draft').execute();

    const generatedRowsPerSec = await generateVariants(db, target, seed);
    done(`generated variants up to ${target} versions`);
    // As autovacuum would after a bulk load: folds the GIN pending list into the index.
    await sql`VACUUM ANALYZE procedures`.execute(db);
    await sql`VACUUM ANALYZE procedure_versions`.execute(db);
    done('vacuumed and analyzed');

    const codes = (await db.selectFrom('procedures').select('code').execute()).map((r) => r.code);
    const versions = Number((await db.selectFrom('procedure_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const published = Number((await db.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()).n);

    const random = prng(seed + 1);
    // Warm up both paths (plans, caches) before measuring.
    for (let i = 0; i < 50; i++) await findProcedure(db, codes[Math.floor(random() * codes.length)]!);
    for (const q of QUERIES) await searchProcedures(db, { q, statuses: 'public', limit: 20 });
    done('warmed up');

    // Interleave baseline and search so both see the same machine state.
    const baselineSamples: number[] = [];
    const searchSamples: number[] = [];
    const filteredSamples: number[] = [];
    const perQ = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    for (let round = 0; round < perQuery; round++) {
      for (const q of QUERIES) {
        baselineSamples.push(await time(() => findProcedure(db, codes[Math.floor(random() * codes.length)]!)));
        const took = await time(() => searchProcedures(db, { q, statuses: 'public', limit: 20 }));
        searchSamples.push(took);
        perQ.get(q)!.push(took);
        filteredSamples.push(await time(() => searchProcedures(db, { q, statuses: 'public', level: 'commune', applicantType: 'citizen', limit: 20 })));
      }
    }

    done(`measured ${baselineSamples.length} lookups and ${searchSamples.length + filteredSamples.length} searches`);
    const examplesFirst: Record<string, string | null> = {};
    for (const q of ['dang ky khai sinh', 'đăng kí khai sinh', 'khai sinh']) {
      examplesFirst[q] = (await searchProcedures(db, { q, statuses: 'public', limit: 1 }))[0]?.name ?? null;
    }

    const slowestQueries = [];
    for (const [q, samples] of perQ) {
      const rows = await searchProcedures(db, { q, statuses: 'public', limit: 20 });
      slowestQueries.push({ q, p50: latency(samples).p50, mode: rows[0] ? (rows[0].corrected ? `corrected to "${rows[0].key}"` : rows[0].mode) : null, results: rows.length });
    }
    slowestQueries.sort((a, b) => b.p50 - a.p50);
    const search = latency(searchSamples);
    const baseline = latency(baselineSamples);
    return {
      name: 'catalog.search',
      database: database.kind,
      dataSource: shared ? 'shared' : 'fixtures',
      procedures: codes.length,
      versions,
      publishedProcedures: published,
      imports,
      generatedRowsPerSec: Math.round(generatedRowsPerSec),
      search,
      searchFiltered: latency(filteredSamples),
      baseline,
      ratioP95: round(search.p95 / Math.max(baseline.p95, 0.001), 1),
      targetP95Ms: TARGET_P95_MS,
      targetMet: search.p95 < TARGET_P95_MS,
      slowestQueries: slowestQueries.slice(0, 5),
      examplesFirst,
    };
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const r = await run({ log: (line) => process.stderr.write(`  … ${line}\n`) });
  const ms = (l: Latency) => `p50 ${String(l.p50).padStart(6)} ms   p95 ${String(l.p95).padStart(6)} ms   p99 ${String(l.p99).padStart(6)} ms   (${l.samples} runs)`;
  console.log(`catalog: procedure search on ${r.database}, ${r.procedures.toLocaleString('en-US')} procedures / ${r.versions.toLocaleString('en-US')} versions (${r.dataSource} data + generated variants)`);
  for (const i of r.imports) {
    console.log(`  import ${i.file.padEnd(30)} ${String(i.records).padStart(5)} records in ${i.seconds} s = ${i.recordsPerSec} records/s (created ${i.created}, rejected ${i.rejected})`);
  }
  console.log(`  generated variants (bulk insert)     ${r.generatedRowsPerSec.toLocaleString('en-US')} rows/s`);
  console.log(`  baseline: lookup by code   ${ms(r.baseline)}`);
  console.log(`  search (q, ranked)         ${ms(r.search)}`);
  console.log(`  search + level + applicant ${ms(r.searchFiltered)}`);
  console.log(`  p95 ratio search/baseline  ${r.ratioP95} ×`);
  console.log(`  target p95 < ${r.targetP95Ms} ms        ${r.targetMet ? 'MET' : 'NOT MET'}`);
  console.log(`  slowest queries (p50): ${r.slowestQueries.map((s) => `"${s.q}" ${s.p50} ms (${s.mode})`).join(', ')}`);
  for (const [q, first] of Object.entries(r.examplesFirst)) console.log(`  "${q}" → ${first ?? '(nothing)'}`);
  if (!r.targetMet) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
