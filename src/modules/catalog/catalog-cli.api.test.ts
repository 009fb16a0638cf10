import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabase, TEST_DB } from '../../../test/helpers/test-app.js';
import { loadFixtureCatalogCsv, loadFixtureProcedures } from './parse/sample-data.test-support.js';

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;
let drop = async () => {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-catalog-cli-'));
  env = { ...process.env, MOTCUA_DATA_DIR: path.join(dir, 'data'), MOTCUA_SECRET: 'cli-secret-'.padEnd(40, 'y'), LOG_LEVEL: 'silent', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  if (TEST_DB === 'postgresql') {
    const created = await createPostgresTestDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
  fs.writeFileSync(path.join(dir, 'records.json'), JSON.stringify(loadFixtureProcedures()));
  fs.writeFileSync(path.join(dir, 'list.csv'), loadFixtureCatalogCsv());
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function motcua(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/motcua.js', ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe(`npx motcua catalog (${TEST_DB})`, () => {
  it('imports national records, printing the counts and what could not be read per record; a re-run changes nothing', async () => {
    const file = path.join(dir, 'records.json');
    const first = await motcua('catalog', 'import', file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/national procedure records \(JSON\), 20 records:/);
    expect(first.stdout).toMatch(/created 20, updated 0, unchanged 0, partly parsed \d+, rejected 0/);
    // A real national code outside domain.md §9.1 is kept, and the report says so.
    expect(first.stdout).toMatch(/record 15 \(6\.006574\): created, [a-z]+ v1, not fully parsed\n(\s+.*\n)*?\s+ma_thu_tuc: .*does not match/);
    expect(first.stdout).toMatch(/\(1\.001303\): created, draft v1, not fully parsed/);
    const again = await motcua('catalog', 'import', file);
    expect(again.stdout).toMatch(/created 0, updated 0, unchanged 20, partly parsed \d+, rejected 0/);
    // With --strict-codes the same file refuses that record and only that record.
    const strict = await motcua('catalog', 'import', file, '--strict-codes');
    expect(strict.stdout).toMatch(/created 0, updated 0, unchanged 19, partly parsed \d+, rejected 1/);
    expect(strict.stdout).toMatch(/record 15 \(6\.006574\): REJECTED\n\s+ma_thu_tuc: invalid procedure code "6\.006574"/);
  }, 240_000);

  it('imports the national list as drafts and exports the catalog as JSON, CSV and Excel', async () => {
    const list = await motcua('catalog', 'import', path.join(dir, 'list.csv'));
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/national procedure list \(CSV\)/);
    for (const ext of ['json', 'csv', 'xlsx']) {
      const out = path.join(dir, `catalog.${ext}`);
      const exported = await motcua('catalog', 'export', out);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/^Exported \d+ procedures to /);
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
    }
    const back = await motcua('catalog', 'import', path.join(dir, 'catalog.xlsx'));
    expect(back.stdout).toMatch(/motcua catalog export, \d+ records:\n\s+created 0, updated 0, unchanged \d+, partly parsed 0, rejected 0/);
  }, 240_000);

  it('explains bad usage and unreadable files', async () => {
    const usage = await motcua('catalog', 'import');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Usage: npx motcua catalog import');
    expect((await motcua('catalog', 'export', path.join(dir, 'catalog.txt'))).stderr).toContain('.json, .csv or .xlsx');
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'x,y\n1,2\n');
    const bad = await motcua('catalog', 'import', path.join(dir, 'bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('unrecognised header');
    expect((await motcua('--help')).stdout).toContain('catalog import');
  }, 240_000);
});
