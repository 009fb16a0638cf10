import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabase, TEST_DB } from '../test/helpers/test-app.js';
import { acquireDirectoryLock } from './db/database.js';
import { TokenVerifier } from './platform/auth/tokens.js';

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;
let drop = async () => {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
  env = { ...process.env, MOTCUA_DATA_DIR: path.join(dir, 'data'), MOTCUA_SECRET: 'cli-secret-'.padEnd(40, 'y'), LOG_LEVEL: 'silent', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  if (TEST_DB === 'postgresql') {
    const created = await createPostgresTestDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function motcua(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/motcua.js', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe(`operator CLI (${TEST_DB})`, () => {
  it('lists its commands and explains each', async () => {
    const help = await motcua('--help');
    expect(help.code).toBe(0);
    for (const c of ['migrate', 'seed', 'units import', 'token', 'audit verify']) expect(help.stdout).toContain(c);
    const tokenHelp = await motcua('token', '--help');
    expect(tokenHelp.stdout).toContain('Usage: npx motcua token <username>');
    const unknown = await motcua('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('migrates, seeds, and prints a token that the API accepts', async () => {
    expect((await motcua('migrate')).code).toBe(0);
    expect((await motcua('migrate')).stdout).toContain('up to date');
    const seeded = await motcua('seed');
    expect(seeded.code).toBe(0);
    const t = await motcua('token', 'motcua.tinh', '--ttl', '120');
    expect(t.code).toBe(0);
    const verifier = new TokenVerifier(env.MOTCUA_SECRET!, 'http://localhost:3000', null, null);
    expect(await verifier.verify(t.stdout.trim())).toMatchObject({ source: 'platform', subject: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await motcua('token', 'no.such.user')).code).toBe(1);
    expect((await motcua('token', 'motcua.tinh', '--ttl', '5')).stderr).toContain('--ttl');
  });

  it('imports units from CSV, reporting what it rejected', async () => {
    const provinces = path.join(dir, 'old-provinces.csv');
    fs.writeFileSync(provinces, 'province_code,province_name,unit_type\n02,Tỉnh Hà Giang,Tỉnh\n08,Tỉnh Tuyên Quang,Tỉnh\n');
    const a = await motcua('units', 'import', provinces);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Shape: provinces-pre2025. Imported or updated: 2. Rejected: 0.');
    const mapping = path.join(dir, 'mapping.csv');
    fs.writeFileSync(mapping, 'new_province_code,new_province_name,old_province_code,old_province_name,merge_type\n08,Tỉnh Tuyên Quang,02,Tỉnh Hà Giang,full\n08,Tỉnh Tuyên Quang,08,Tỉnh Tuyên Quang,full\n08,Tỉnh Tuyên Quang,77,Không có,full\n');
    const b = await motcua('units', 'import', mapping);
    expect(b.stdout).toContain('Imported or updated: 2. Rejected: 1.');
    expect(b.stdout).toContain('unit 77 is not loaded');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'foo,bar\n1,2\n');
    const c = await motcua('units', 'import', bad);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('unrecognised columns');
    expect((await motcua('units', 'import', path.join(dir, 'missing.csv'))).stderr).toContain('no such file');
  });

  it('verifies the audit chain', async () => {
    const r = await motcua('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Audit trail intact: \d+ entries/);
  });

  it.skipIf(TEST_DB !== 'pglite')('stops with a clear message when another process holds the data directory', async () => {
    // A live process (this test runner) holds the lock, as a running server would.
    const release = acquireDirectoryLock(env.MOTCUA_DATA_DIR!);
    try {
      const r = await motcua('migrate');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is in use by another motcua process');
    } finally {
      release();
    }
  });
});
