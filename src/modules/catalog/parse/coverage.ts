/**
 * Parse coverage over a batch of records: how many records each parser read fully, partly or not at
 * all. Used by the sample-data test and handy when importing a new crawl.
 */
import type { ProcedureDraft, ProcedureRecordResult } from './record.js';

export interface FieldCoverage {
  full: number;
  partial: number;
  failed: number;
}

export interface CoverageReport {
  records: number;
  /** Records rejected by parseProcedureRecord (bad code, missing name…). */
  rejected: number;
  /** Accepted records with no problem at all. */
  clean: number;
  channels: FieldCoverage;
  /** Records with at least one channel row whose time limit was read (unit published or inferred). */
  recordsWithTimedChannel: number;
  /** Same, counting only time limits whose unit was published or stated in the description. */
  recordsWithTimedChannelStrict: number;
  /** Records where every channel row's fee cell was read. */
  recordsWithAllFeesRead: number;
  components: FieldCoverage;
  legalBases: FieldCoverage;
  result: FieldCoverage;
  rejectedCodes: string[];
}

const empty = (): FieldCoverage => ({ full: 0, partial: 0, failed: 0 });

function grade(cov: FieldCoverage, fullOk: boolean, anyOk: boolean) {
  if (fullOk) cov.full++;
  else if (anyOk) cov.partial++;
  else cov.failed++;
}

/**
 * Channels: full = every row has a time and a readable fee cell, no row problems.
 * Components: full = every component has a quantity and the table had no problems.
 * Legal bases: full = every row has a document number. Result: full = every document has a code.
 */
export function summarizeCoverage(
  results: ReadonlyArray<{ input: unknown; result: ProcedureRecordResult }>,
): CoverageReport {
  const report: CoverageReport = {
    records: results.length,
    rejected: 0,
    clean: 0,
    channels: empty(),
    recordsWithTimedChannel: 0,
    recordsWithTimedChannelStrict: 0,
    recordsWithAllFeesRead: 0,
    components: empty(),
    legalBases: empty(),
    result: empty(),
    rejectedCodes: [],
  };
  for (const { input, result } of results) {
    if (!result.ok) {
      report.rejected++;
      const code = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['ma_thu_tuc'] : undefined;
      report.rejectedCodes.push(typeof code === 'string' ? code : '?');
      continue;
    }
    const d: ProcedureDraft = result.value;
    if (d.problems.length === 0) report.clean++;

    const timed = d.channels.filter((c) => c.time.ok);
    const strict = timed.filter((c) => c.time.ok && !c.time.value.unitAssumed);
    const feesRead = d.channels.filter((c) => c.feeError === undefined);
    if (timed.length > 0) report.recordsWithTimedChannel++;
    if (strict.length > 0) report.recordsWithTimedChannelStrict++;
    if (d.channels.length > 0 && feesRead.length === d.channels.length) report.recordsWithAllFeesRead++;
    const channelsFull =
      d.channels.length > 0 &&
      strict.length === d.channels.length &&
      feesRead.length === d.channels.length &&
      d.channels.every((c) => c.problems.length === 0);
    grade(report.channels, channelsFull, d.channels.length > 0);

    const componentProblems = d.problems.some((p) => p.field === 'thanh_phan_ho_so');
    grade(report.components, d.components.length > 0 && !componentProblems, d.components.length > 0);

    grade(
      report.legalBases,
      d.legalBases.length > 0 && d.legalBases.every((b) => b.code !== null),
      d.legalBases.length > 0,
    );
    grade(
      report.result,
      d.result.documents.length > 0 && d.result.documents.every((r) => r.code !== null && r.name !== ''),
      d.result.documents.length > 0,
    );
  }
  return report;
}
