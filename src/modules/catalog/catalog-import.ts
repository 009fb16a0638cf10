/**
 * Catalog import. Every record is read, checked and written on its own (its own transaction from
 * the CLI, its own savepoint inside the API request's transaction), so a bad record is reported and
 * never stops or corrupts the others. Re-running an import compares content hashes: unchanged
 * records stay as they are, changed ones update the working draft or become a new version.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendAudit, type AuditContext } from '../../platform/audit/audit.js';
import { AppError, conflict, forbidden } from '../../platform/errors.js';
import type { ImportReport, ProcedureData } from './catalog.schemas.js';
import { allAgencies, insertProcedure, insertVersion, listVersions, lockProcedure, updateDraftData, updateProcedure } from './catalog.repository.js';
import { checkAgenciesExist, mayManage, publishLoaded, type CatalogScope } from './catalog.service.js';
import type { CatalogFile, RawItem } from './catalog-files.js';
import { agencyLinker, readDetailRecord, readExportItem, readListRow, type AgencyLinker, type SourceRecord } from './from-source.js';
import { contentHash, managingAgencyCodes, publishIssues } from './model.js';
import type { FieldProblem } from './parse/result-types.js';

/** Runs one record's work atomically. */
export type RecordUnit = <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

/** CLI: one transaction per record. */
export const transactionPerRecord =
  (db: Kysely<DB>): RecordUnit =>
  (work) =>
    db.transaction().execute(work);

/** API: one savepoint per record inside the request's transaction. */
export const savepointPerRecord =
  (trx: Transaction<DB>): RecordUnit =>
  async (work) => {
    await sql`SAVEPOINT catalog_import_record`.execute(trx);
    try {
      const result = await work(trx);
      await sql`RELEASE SAVEPOINT catalog_import_record`.execute(trx);
      return result;
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT catalog_import_record`.execute(trx);
      throw err;
    }
  };

export type ImportOptions = {
  /**
   * Accept codes with prefixes other than the 1–3 of domain.md §9.1 (default true: the national
   * database also has 5.xxxxxx and 6.xxxxxx, 111 of the 2,642 listed procedures). Such a record is
   * stored with a problem noting the code; false refuses it.
   */
  allowAnyCodePrefix?: boolean;
  /** Called after each record (progress on the console). */
  onRecord?: (done: number, total: number) => void;
};

type RecordReport = ImportReport['records'][number];

const codeField = (format: CatalogFile['format']) => (format === 'motcua' ? 'code' : 'ma_thu_tuc');

export async function importCatalog(
  db: Kysely<DB> | Transaction<DB>,
  unit: RecordUnit,
  file: CatalogFile,
  scope: CatalogScope,
  ctx: AuditContext,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const link = agencyLinker(await allAgencies(db));
  const firstSeen = new Map<string, number>();
  const records: RecordReport[] = [];
  for (const [i, item] of file.items.entries()) {
    const index = i + 1;
    const source = readItem(item, link, options);
    let report: RecordReport;
    if (!source.ok) {
      report = rejected(index, source.code, source.errors);
    } else if (firstSeen.has(source.code)) {
      report = rejected(index, source.code, [
        { field: codeField(file.format), reason: `duplicate code ${source.code}: already given by record ${firstSeen.get(source.code)} of this file` },
      ]);
    } else {
      firstSeen.set(source.code, index);
      try {
        report = await unit((trx) => upsertRecord(trx, index, source, scope, ctx));
      } catch (err) {
        report = rejected(index, source.code, [errorProblem(err)]);
      }
    }
    records.push(report);
    options.onRecord?.(index, file.items.length);
  }
  const ok = records.filter((r) => r.outcome !== 'rejected');
  return {
    format: file.format,
    total: records.length,
    created: records.filter((r) => r.outcome === 'created').length,
    updated: records.filter((r) => r.outcome === 'updated').length,
    unchanged: records.filter((r) => r.outcome === 'unchanged').length,
    partlyParsed: ok.filter((r) => r.problems.length > 0).length,
    drafts: ok.filter((r) => r.status === 'draft').length,
    rejected: records.length - ok.length,
    records,
  };
}

function readItem(item: RawItem, link: AgencyLinker, options: ImportOptions): SourceRecord {
  const parseOptions = { allowAnyCodePrefix: options.allowAnyCodePrefix ?? true };
  switch (item.kind) {
    case 'detail':
      return readDetailRecord(item.value, link, parseOptions);
    case 'list':
      return readListRow(item.row, link, parseOptions);
    case 'export':
      return readExportItem(item.value);
    case 'broken':
      return { ok: false, code: item.code, errors: item.errors };
  }
}

const rejected = (index: number, code: string | null, errors: FieldProblem[]): RecordReport => ({
  index,
  code,
  outcome: 'rejected',
  status: null,
  versionNumber: null,
  problems: [],
  errors,
});

function errorProblem(err: unknown): FieldProblem {
  if (err instanceof AppError) {
    const d = (err.details ?? {}) as { field?: string; issues?: { field: string }[] };
    return { field: d.field ?? d.issues?.[0]?.field ?? '$', reason: `${err.code}: ${err.localized.en}` };
  }
  // A database constraint or a bug: the record is refused and the message kept for the operator.
  return { field: '$', reason: `not stored: ${String((err as Error)?.message ?? err).slice(0, 300)}` };
}

/**
 * A row of the portal's list only names the procedure. It is the content of a procedure known only
 * from the list; over one imported in detail (or written by officers) it changes nothing, so
 * importing both files in any order and any number of times settles on the same content.
 */
export function mergeListRow(base: ProcedureData, row: ProcedureData): ProcedureData {
  return base.source.format === 'dvcqg_list' ? row : base;
}

async function upsertRecord(
  trx: Transaction<DB>,
  index: number,
  rec: Extract<SourceRecord, { ok: true }>,
  scope: CatalogScope,
  ctx: AuditContext,
): Promise<RecordReport> {
  const problems = [...rec.problems];
  const row = await lockProcedure(trx, rec.code);
  const audit = (outcome: string, version: number, hash: string, published: boolean) =>
    appendAudit(trx, { ...ctx, agencyCode: managingAgencyCodes(rec.data)[0] ?? null }, [
      { action: 'procedure.import', entityType: 'procedure', entityId: rec.code, data: { outcome, version, contentHash: hash, published, format: rec.data.source.format } },
    ]);

  if (rec.intent === 'abolished' && row?.status !== 'abolished') {
    throw conflict('ABOLISHED_IN_FILE', {
      vi: 'Thủ tục đã bãi bỏ trong tệp nhưng chưa bãi bỏ ở đây; hãy bãi bỏ qua chức năng bãi bỏ',
      en: 'The file has this procedure as abolished, but it is not abolished here; abolish it through the API',
    }, { field: 'status' });
  }
  if (row?.status === 'abolished') {
    if (rec.intent === 'abolished') return { index, code: rec.code, outcome: 'unchanged', status: 'abolished', versionNumber: row.current_version, problems, errors: [] };
    throw conflict('PROCEDURE_ABOLISHED', {
      vi: `Thủ tục ${rec.code} đã bị bãi bỏ từ ngày ${row.abolished_on}`,
      en: `Procedure ${rec.code} was abolished on ${row.abolished_on}`,
    }, { field: 'code' });
  }

  if (!row) {
    const data = rec.data;
    if (!mayManage(scope, data)) throw forbidden({ field: 'agencies', agencyCodes: managingAgencyCodes(data) });
    await checkAgenciesExist(trx, data);
    const hash = contentHash(data);
    await insertProcedure(trx, rec.code, data);
    await insertVersion(trx, { code: rec.code, version: 1, data, hash, createdBy: ctx.actorName });
    const published = await maybePublish(trx, rec, data, problems, ctx);
    await audit('created', 1, hash, published);
    return { index, code: rec.code, outcome: 'created', status: published ? 'published' : 'draft', versionNumber: 1, problems, errors: [] };
  }

  const versions = await listVersions(trx, rec.code);
  const current = versions.find((v) => v.status === 'published') ?? null;
  const draft = versions.find((v) => v.status === 'draft') ?? null;
  const base = (draft ?? current ?? versions[versions.length - 1])!;
  if (!mayManage(scope, base.data)) throw forbidden({ field: 'agencies', agencyCodes: managingAgencyCodes(base.data) });
  const data = rec.mode === 'merge' ? mergeListRow(base.data, rec.data) : rec.data;
  if (!mayManage(scope, data)) throw forbidden({ field: 'agencies', agencyCodes: managingAgencyCodes(data) });
  const hash = contentHash(data);
  const wantsDraftKept = rec.intent === 'draft' && draft !== null;

  // Same content as the version in force (and nothing asks for a draft): nothing to do. A pending
  // draft written by officers is left alone.
  if (current && current.content_hash === hash && !wantsDraftKept) {
    return { index, code: rec.code, outcome: 'unchanged', status: row.status, versionNumber: current.version, problems, errors: [] };
  }
  await checkAgenciesExist(trx, data);
  let version: number;
  let changed = false;
  if (draft) {
    version = draft.version;
    if (draft.content_hash !== hash) {
      await updateDraftData(trx, rec.code, version, data, hash);
      changed = true;
    }
  } else {
    version = row.latest_version + 1;
    await insertVersion(trx, { code: rec.code, version, data, hash, createdBy: ctx.actorName });
    await updateProcedure(trx, row, { latest_version: version });
    changed = true;
  }
  const published = await maybePublish(trx, rec, data, problems, ctx);
  if (!changed && !published) {
    return { index, code: rec.code, outcome: 'unchanged', status: row.status, versionNumber: version, problems, errors: [] };
  }
  if (!published && row.status === 'draft') await updateProcedure(trx, row, { data });
  await audit('updated', version, hash, published);
  return { index, code: rec.code, outcome: 'updated', status: published ? 'published' : row.status, versionNumber: version, problems, errors: [] };
}

/** Publishes the draft just written when the record asks for it and the content allows it. */
async function maybePublish(
  trx: Transaction<DB>,
  rec: Extract<SourceRecord, { ok: true }>,
  data: ProcedureData,
  problems: FieldProblem[],
  ctx: AuditContext,
): Promise<boolean> {
  if (rec.intent === 'draft' || rec.intent === 'abolished') return false;
  const issues = publishIssues(data);
  if (issues.length > 0) {
    // List rows carry no processing time or level: being a draft is their normal state, not a problem.
    if (rec.mode === 'merge') return false;
    for (const i of issues) problems.push({ field: i.field, reason: `${i.message}; imported as a draft` });
    return false;
  }
  const row = (await lockProcedure(trx, rec.code))!;
  const versions = await listVersions(trx, rec.code);
  await publishLoaded(
    trx,
    {
      row,
      versions,
      draft: versions.find((v) => v.status === 'draft') ?? null,
      current: versions.find((v) => v.status === 'published') ?? null,
      latest: versions[versions.length - 1]!,
    },
    ctx.actorName,
    { effectiveFrom: rec.effectiveFrom ?? undefined },
  );
  return true;
}
