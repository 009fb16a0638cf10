/**
 * Aggregate check over the real sample: the 250 shared records when `../shared/data` exists next to
 * the repository, otherwise the 20 committed fixture records (chosen for their edge cases, so the
 * thresholds there are lower).
 */
import { describe, expect, it } from 'vitest';
import { summarizeCoverage } from './coverage.js';
import { csvToObjects } from './csv.js';
import { PROCEDURE_CODE_RE, parseCatalogCsvRow, parseProcedureRecord } from './record.js';
import { loadCatalogCsv, loadProcedures } from './sample-data.test-support.js';

const { source, records } = loadProcedures();
const full = source === 'shared';
const codeOf = (r: unknown) => (typeof r === 'object' && r !== null ? String((r as Record<string, unknown>)['ma_thu_tuc']) : '');

// Coverage is measured with every one-digit prefix accepted, so that the 6.xxxxxx records (outside
// domain.md §9.1) still count; strict validation is checked separately below.
const lenient = records.map((input) => ({ input, result: parseProcedureRecord(input, { allowAnyCodePrefix: true }) }));
const report = summarizeCoverage(lenient);
const pct = (n: number) => n / report.records;

describe(`catalog sample coverage (${source}, ${records.length} records)`, () => {
  it('prints the coverage report', () => {
    console.info(`catalog parse coverage over ${source} data:\n${JSON.stringify(report, null, 2)}`);
    expect(report.records).toBe(records.length);
  });

  it('parses every record into a draft when any code prefix is allowed', () => {
    expect(report.rejected).toBe(0);
  });

  it('gives most records at least one channel with a parsed time limit', () => {
    expect(pct(report.recordsWithTimedChannel)).toBeGreaterThanOrEqual(full ? 0.9 : 0.7);
    expect(pct(report.recordsWithTimedChannelStrict)).toBeGreaterThanOrEqual(full ? 0.7 : 0.5);
  });

  it('finds channel rows in every record', () => {
    expect(report.channels.failed).toBe(0);
  });

  it('reads the fee cell of every row in most records', () => {
    expect(pct(report.recordsWithAllFeesRead)).toBeGreaterThanOrEqual(full ? 0.8 : 0.6);
  });

  it('finds dossier components in most records', () => {
    expect(pct(report.components.full + report.components.partial)).toBeGreaterThanOrEqual(full ? 0.95 : 0.85);
  });

  it('finds legal bases with document numbers in most records', () => {
    expect(pct(report.legalBases.full)).toBeGreaterThanOrEqual(full ? 0.9 : 0.8);
  });

  it('finds a result document in every record and strips the portal UI text', () => {
    expect(report.result.failed).toBe(0);
    for (const { result } of lenient) {
      if (!result.ok) continue;
      expect(result.value.result.text).not.toMatch(/Chọn cơ quan thực hiện|Nộp hồ sơ$/u);
    }
  });

  it('never produces a negative or fractional fee', () => {
    for (const { result } of lenient) {
      if (!result.ok) continue;
      for (const fee of result.value.channels.flatMap((c) => c.fees)) {
        if (fee.kind === 'amount') {
          expect(fee.amountVnd).toBeGreaterThan(0);
          expect(Number.isInteger(fee.amountVnd)).toBe(true);
        }
      }
    }
  });

  it('rejects exactly the records whose code is outside ^[1-3]\\.\\d{6}$, naming ma_thu_tuc', () => {
    const strict = records.map((r) => ({ code: codeOf(r), result: parseProcedureRecord(r) }));
    const rejected = strict.filter((s) => !s.result.ok);
    expect(rejected.map((s) => s.code)).toEqual(strict.map((s) => s.code).filter((c) => !PROCEDURE_CODE_RE.test(c)));
    for (const { result } of rejected) {
      expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['ma_thu_tuc']);
    }
  });
});

describe(`catalog list CSV (${loadCatalogCsv().source})`, () => {
  const rows = csvToObjects(loadCatalogCsv().text);
  const results = rows.map((row) => ({ code: row['ma_thu_tuc'] ?? '', result: parseCatalogCsvRow(row) }));

  it('accepts every row with a valid code and rejects the others on ma_thu_tuc', () => {
    const bad = results.filter((r) => !r.result.ok);
    console.info(`catalog CSV: ${rows.length} rows, ${rows.length - bad.length} accepted, ${bad.length} rejected (codes outside ^[1-3]\\.\\d{6}$)`);
    expect(bad.map((r) => r.code)).toEqual(results.map((r) => r.code).filter((c) => !PROCEDURE_CODE_RE.test(c)));
    for (const r of bad) expect(!r.result.ok && r.result.errors.map((e) => e.field)).toEqual(['ma_thu_tuc']);
  });

  it('has unique codes', () => {
    const codes = results.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.runIf(full)('lists every code of the detail sample', () => {
    const listed = new Set(results.map((r) => r.code));
    expect(records.map(codeOf).filter((c) => !listed.has(c))).toEqual([]);
  });
});
