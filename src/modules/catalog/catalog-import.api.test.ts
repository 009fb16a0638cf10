import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedDemo, seedReferenceData } from '../../seed/seed.js';
import type { ImportReport } from './catalog.schemas.js';
import { readCatalogFile, readCatalogJson } from './catalog-files.js';
import { exportCatalog } from './catalog-export.js';
import { importCatalog, transactionPerRecord } from './catalog-import.js';
import { formatImportReport } from './catalog-cli.js';
import { completeProcedure } from './model.js';
import { fixtureRecord, hasSharedData, loadFixtureCatalogCsv, loadFixtureProcedures, SHARED_CATALOG, SHARED_PROCEDURES } from './parse/sample-data.test-support.js';

let t: TestApp;
let token: string;
let seq = 0;
const key = () => `import-test-${Date.now()}-${++seq}`;
const CLI = { actorId: null, actorName: 'cli', agencyCode: null, requestId: null, clientIp: null };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await startTestApp();
  token = await t.tokenFor('kiemsoat.tinh');
});
afterAll(async () => t?.close());

async function importJson(body: unknown, query = ''): Promise<ImportReport> {
  const r = await t.call('POST', `/api/v1/catalog/import${query}`, { token, headers: { 'idempotency-key': key() }, body });
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body as ImportReport;
}

async function upload(content: string | Buffer, contentType: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.baseUrl}/api/v1/catalog/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'idempotency-key': key() },
    body: typeof content === 'string' ? content : new Uint8Array(content),
  });
  return { status: res.status, body: await res.json() };
}

const record = (report: ImportReport, code: string) => report.records.find((r) => r.code === code);

describe(`catalog import: national records (${TEST_DB})`, () => {
  it('imports the fixture records, publishing those with a processing time and reporting the rest', async () => {
    const fixtures = loadFixtureProcedures();
    const report = await importJson(fixtures);
    console.log(`fixtures (${fixtures.length} records):`, { ...report, records: undefined });
    expect(report).toMatchObject({ format: 'dvcqg_detail', total: fixtures.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.created).toBe(fixtures.length);
    // A real national code outside domain.md §9.1: kept, and the report says so.
    expect(record(report, '6.006574')).toMatchObject({ outcome: 'created', problems: expect.arrayContaining([{ field: 'ma_thu_tuc', reason: expect.stringMatching(/does not match/) }]) });
    // No processing time for any channel: stored as a draft, and said so.
    expect(record(report, '1.001303')).toMatchObject({ outcome: 'created', status: 'draft', problems: expect.arrayContaining([{ field: 'channels', reason: expect.stringMatching(/imported as a draft/) }]) });
    expect(record(report, '1.000894')).toMatchObject({ outcome: 'created', status: 'published', versionNumber: 1 });
    expect(report.partlyParsed).toBeGreaterThan(0);
    expect(report.drafts).toBeGreaterThan(0);

    const detail = await t.call('GET', '/api/v1/procedures/1.000894');
    expect(detail.body).toMatchObject({ name: 'Thủ tục đăng ký kết hôn', field: 'Hộ tịch', decisionNumber: '163/QĐ-BTP', source: { format: 'dvcqg_detail' } });
    expect(detail.body.channelsText).toMatch(/^Hình thức nộp/);
    expect((await t.call('GET', '/api/v1/procedures/1.001303')).status).toBe(404);
    const lines = formatImportReport('fixtures.json', report);
    expect(lines[1]).toMatch(/created \d+, updated 0, unchanged 0, partly parsed \d+, rejected 0/);
    expect(lines.some((l) => /record 15 \(6\.006574\): created/.test(l))).toBe(true);
  });

  it('is idempotent: importing again changes nothing and duplicates nothing', async () => {
    const before = await t.database.db.selectFrom('procedure_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const report = await importJson(loadFixtureProcedures());
    expect(report).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: report.total });
    const after = await t.database.db.selectFrom('procedure_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('turns a changed published record into a new version, keeping the old one for its dossiers', async () => {
    const changed = { ...fixtureRecord('1.000894'), ten_thu_tuc: 'Thủ tục đăng ký kết hôn (sửa đổi)' };
    const report = await importJson([changed]);
    expect(report.records[0]).toMatchObject({ outcome: 'updated', status: 'published', versionNumber: 2 });
    const versions = await t.call('GET', '/api/v1/procedures/1.000894/versions');
    expect(versions.body.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    expect(versions.body.versions[1].changedFields).toEqual(['name']);
  });

  it('reports every bad record by index, code and field, and stores all the others', async () => {
    const negativeFee = {
      ...fixtureRecord('1.000894'),
      ma_thu_tuc: '3.990001',
      cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí(Phí cấp bản sao: -8.000 đồng/bản)Nộp tại UBND xã',
    };
    const file = [
      'not a record',
      { ...fixtureRecord('1.000894'), ma_thu_tuc: '1.1' },
      { ...fixtureRecord('1.000045'), ma_thu_tuc: '3.990002', ten_thu_tuc: 42 },
      negativeFee,
      { ...fixtureRecord('1.000045'), ma_thu_tuc: '3.990003' },
      { ...fixtureRecord('1.000045'), ma_thu_tuc: '3.990003', ten_thu_tuc: 'Bản trùng' },
    ];
    const report = await importJson(file);
    expect(report).toMatchObject({ total: 6, created: 2, rejected: 4 });
    expect(report.records.map((r) => [r.index, r.outcome])).toEqual([
      [1, 'rejected'],
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'created'],
      [5, 'created'],
      [6, 'rejected'],
    ]);
    expect(report.records[0]!.errors).toEqual([{ field: '$', reason: expect.stringMatching(/not/) }]);
    expect(report.records[1]).toMatchObject({ code: '1.1', errors: [{ field: 'ma_thu_tuc' }] });
    expect(report.records[2]).toMatchObject({ code: '3.990002', errors: [{ field: 'ten_thu_tuc', reason: expect.stringMatching(/expected a string/) }] });
    expect(report.records[3]!.problems).toContainEqual({ field: 'cach_thuc_thuc_hien', reason: expect.stringMatching(/negative_amount/) });
    expect(report.records[5]).toMatchObject({ code: '3.990003', errors: [{ field: 'ma_thu_tuc', reason: 'duplicate code 3.990003: already given by record 5 of this file' }] });
    const stored = await t.database.db.selectFrom('procedures').select('code').where('code', 'in', ['3.990001', '3.990002', '3.990003']).orderBy('code').execute();
    expect(stored.map((r) => r.code)).toEqual(['3.990001', '3.990003']);
  });

  it('accepts real national codes outside §9.1, noting them, and refuses them when asked to be strict', async () => {
    const strict = await importJson([fixtureRecord('6.006574')], '?allowAnyCodePrefix=false');
    expect(strict.records[0]).toMatchObject({ outcome: 'rejected', errors: [{ field: 'ma_thu_tuc', reason: expect.stringMatching(/invalid procedure code/) }] });
    const report = await importJson([fixtureRecord('6.006574')]);
    // Imported by the first test of this file, so unchanged now, and still noted.
    expect(report.records[0]).toMatchObject({ outcome: 'unchanged', problems: expect.arrayContaining([{ field: 'ma_thu_tuc', reason: expect.stringMatching(/does not match/) }]) });
  });
});

describe(`catalog import: the national list (${TEST_DB})`, () => {
  it('imports list rows as drafts, never overwriting what was imported in detail, idempotently', async () => {
    const csv = loadFixtureCatalogCsv();
    const first = await upload(csv, 'text/csv');
    expect(first.status).toBe(200);
    const rows = (await readCatalogFile('csv', csv)).items.length;
    expect(first.body).toMatchObject({ format: 'dvcqg_list', total: rows });
    console.log(`fixture list (${rows} rows):`, { ...first.body, records: undefined });
    expect(first.body.created + first.body.unchanged + first.body.rejected).toBe(rows);
    expect(first.body.records.filter((r: { outcome: string }) => r.outcome === 'created').every((r: { status: string }) => r.status === 'draft')).toBe(true);
    const again = await upload(csv, 'text/csv');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: rows - first.body.rejected });
  });

  it('refuses a file it cannot read as a whole, with a reason', async () => {
    const bad = await upload('a,b\n1,2\n', 'text/csv');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'IMPORT_FILE_INVALID', message: { vi: expect.stringMatching(/Tệp nhập/), en: expect.stringMatching(/unrecognised header/) } });
    expect((await t.call('POST', '/api/v1/catalog/import', { token, headers: { 'idempotency-key': key() }, body: { a: 1 } })).body.code).toBe('IMPORT_FILE_INVALID');
  });
});

describe(`catalog import: our own format (${TEST_DB})`, () => {
  const own = (code: string, over: Record<string, unknown> = {}, status = 'published', effectiveFrom?: string) => ({
    code,
    status,
    ...(effectiveFrom && { effectiveFrom }),
    data: {
      ...completeProcedure({ code, name: `Thủ tục nhập ${code}`, levels: ['province'] }),
      channels: [{ channel: 'online', processingTime: { unit: 'working_days', value: 2 }, fees: [{ kind: 'free' }], processingTimeText: null, feeNote: null, description: null, text: null }],
      ...over,
    },
  });

  it('names the record and the field of each bad input, and loses nothing else', async () => {
    const report = await importJson({
      procedures: [
        own('3.980001', { channels: [{ channel: 'in_person', processingTime: { unit: 'working_days', value: 1 }, fees: [{ kind: 'amount', amountVnd: -20000, label: 'Lệ phí' }] }] }),
        own('3.980002', { formSchema: { type: 'object', properties: { a: { type: 'nope' } } } }),
        own('3.980003', { channels: [] }),
        own('3.980004'),
        own('3.980004'),
      ],
    });
    expect(report).toMatchObject({ format: 'motcua', total: 5, created: 2, rejected: 3 });
    expect(report.records[0]).toMatchObject({ code: '3.980001', outcome: 'rejected', errors: [{ field: 'data.channels.0.fees.0.amountVnd', reason: expect.stringMatching(/negative/) }] });
    expect(report.records[1]).toMatchObject({ code: '3.980002', outcome: 'rejected' });
    expect(report.records[1]!.errors[0]).toEqual({ field: 'data.formSchema', reason: '/properties/a/type must be equal to one of the allowed values' });
    expect(report.records[2]).toMatchObject({ code: '3.980003', outcome: 'created', status: 'draft', problems: [{ field: 'channels', reason: expect.stringMatching(/imported as a draft/) }] });
    expect(report.records[3]).toMatchObject({ code: '3.980004', outcome: 'created', status: 'published' });
    expect(report.records[4]).toMatchObject({ outcome: 'rejected', errors: [{ field: 'code', reason: expect.stringMatching(/duplicate/) }] });
  });

  it('rolls back a record that fails half-way, alone', async () => {
    const report = await importJson([own('3.980004', { requirements: 'Mới' }, 'published', '2000-01-01'), own('3.980005')]);
    expect(report.records[0]).toMatchObject({ outcome: 'rejected', errors: [{ field: 'effectiveFrom', reason: expect.stringMatching(/EFFECTIVE_DATE_TOO_EARLY/) }] });
    expect(report.records[1]).toMatchObject({ outcome: 'created' });
    const versions = await t.database.db.selectFrom('procedure_versions').select('version').where('code', '=', '3.980004').execute();
    expect(versions).toHaveLength(1);
    const row = await t.database.db.selectFrom('procedures').select(['latest_version']).where('code', '=', '3.980004').executeTakeFirstOrThrow();
    expect(row.latest_version).toBe(1);
  });
});

describe(`catalog export (${TEST_DB})`, () => {
  it('round-trips JSON, CSV and Excel: importing an export changes nothing', async () => {
    for (const format of ['json', 'csv', 'xlsx'] as const) {
      const res = await fetch(`${t.baseUrl}/api/v1/catalog/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="motcua-catalog-\\d{4}-\\d{2}-\\d{2}\\.${format}"`));
      const content = Buffer.from(await res.arrayBuffer());
      const report = format === 'json' ? await importJson(JSON.parse(content.toString('utf8'))) : (await upload(format === 'csv' ? content.toString('utf8') : content, format === 'csv' ? 'text/csv' : XLSX)).body;
      const changed = report.records.filter((r: { outcome: string }) => r.outcome !== 'unchanged');
      expect(changed, format).toEqual([]);
      expect(report).toMatchObject({ format: 'motcua', created: 0, updated: 0, rejected: 0 });
      expect(report.unchanged).toBe(report.total);
    }
  });

  it('loads an export into an empty catalog and exports the same content', async () => {
    const original = await exportCatalog(t.database.db);
    const fresh = await openTestDatabase();
    try {
      await migrateToLatest(fresh.db);
      await seedReferenceData(fresh.db);
      await seedDemo(fresh.db);
      const report = await importCatalog(fresh.db, transactionPerRecord(fresh.db), readCatalogJson({ procedures: original }), 'system', CLI, { allowAnyCodePrefix: true });
      expect(report).toMatchObject({ rejected: 0, created: original.length });
      const copy = await exportCatalog(fresh.db);
      const essence = (items: typeof original) => items.map((p) => ({ code: p.code, status: p.status, effectiveFrom: p.effectiveFrom, data: p.data }));
      expect(essence(copy)).toEqual(essence(original));
    } finally {
      await fresh.close();
    }
  });
});

describe.skipIf(!hasSharedData())(`catalog import: the real shared files (${TEST_DB})`, () => {
  const importFile = async (file: string) => {
    const kind = file.endsWith('.csv') ? 'csv' : 'json';
    const parsed = await readCatalogFile(kind, fs.readFileSync(file));
    const started = performance.now();
    const report = await importCatalog(t.database.db, transactionPerRecord(t.database.db), parsed, 'system', CLI);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${file.split('/').pop()}: ${report.total} records in ${seconds.toFixed(1)} s`, { ...report, records: undefined });
    return report;
  };

  it('imports the 250 detail records', async () => {
    const report = await importFile(SHARED_PROCEDURES);
    expect(report.total).toBe(250);
    expect(report.rejected).toBe(0);
    expect(report.created + report.updated + report.unchanged).toBe(250);
    // The six 6.xxxxxx codes, outside domain.md §9.1, are kept with a note.
    const outside = report.records.filter((r) => r.problems.some((p) => p.field === 'ma_thu_tuc'));
    expect(outside.map((r) => r.code?.slice(0, 2))).toEqual(Array(6).fill('6.'));
  }, 300_000);

  it('imports the 2,642-row national list', async () => {
    const report = await importFile(SHARED_CATALOG);
    expect(report.total).toBe(2642);
    expect(report.rejected).toBe(0); // 111 of them have 5.xxxxxx and 6.xxxxxx codes: kept, with a note
    expect(report.created + report.unchanged + report.updated).toBe(2642);
  }, 300_000);

  it('re-imports both without creating or changing anything', async () => {
    for (const file of [SHARED_PROCEDURES, SHARED_CATALOG]) {
      const report = await importFile(file);
      expect(report).toMatchObject({ created: 0, updated: 0 });
    }
  }, 300_000);
});
