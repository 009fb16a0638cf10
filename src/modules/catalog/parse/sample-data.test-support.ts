/**
 * Test-only loader for the catalog sample data. Prefers the full shared sample (250 records,
 * `../shared/data` next to the repository) and falls back to the small fixtures committed in
 * `./fixtures`, so tests run without the shared folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, 'fixtures', name);
const shared = (name: string) => path.resolve(process.cwd(), '../shared/data', name);

export const SHARED_PROCEDURES = shared('tthc_procedures_sample.json');
export const SHARED_CATALOG = shared('tthc_catalog_list_dvcqg.csv');

export function hasSharedData(): boolean {
  return existsSync(SHARED_PROCEDURES) && existsSync(SHARED_CATALOG);
}

/** The committed fixture records (20 real records chosen for their edge cases). */
export function loadFixtureProcedures(): Array<Record<string, unknown>> {
  return JSON.parse(readFileSync(fixture('tthc-procedures.sample.json'), 'utf8')) as Array<Record<string, unknown>>;
}

export function loadFixtureCatalogCsv(): string {
  return readFileSync(fixture('tthc-catalog-list.sample.csv'), 'utf8');
}

export function loadProcedures(): { source: 'shared' | 'fixtures'; records: unknown[] } {
  if (existsSync(SHARED_PROCEDURES)) {
    return { source: 'shared', records: JSON.parse(readFileSync(SHARED_PROCEDURES, 'utf8')) as unknown[] };
  }
  return { source: 'fixtures', records: loadFixtureProcedures() };
}

export function loadCatalogCsv(): { source: 'shared' | 'fixtures'; text: string } {
  if (existsSync(SHARED_CATALOG)) return { source: 'shared', text: readFileSync(SHARED_CATALOG, 'utf8') };
  return { source: 'fixtures', text: loadFixtureCatalogCsv() };
}

/** A fixture record by procedure code; throws when the fixture file lacks it (a test bug). */
export function fixtureRecord(code: string): Record<string, unknown> {
  const record = loadFixtureProcedures().find((r) => r['ma_thu_tuc'] === code);
  if (record === undefined) throw new Error(`fixture record ${code} not found`);
  return record;
}

/** One string field of a fixture record. */
export function fixtureField(code: string, field: string): string {
  const value = fixtureRecord(code)[field];
  if (typeof value !== 'string') throw new Error(`fixture ${code}.${field} is not a string`);
  return value;
}
