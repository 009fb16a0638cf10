/**
 * Catalog export: each procedure as published (as abolished, for an abolished one), or its draft
 * when it was never published, as JSON, CSV or Excel. Re-importing an export changes nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { exportVersionsPage } from './catalog.repository.js';
import { exportTable, toCsv, toJsonExport, toXlsx, type ExportedProcedure, type FileKind } from './catalog-files.js';
import { todayInVietnam } from './model.js';

const PAGE = 1000;

export async function exportCatalog(db: Kysely<DB>): Promise<ExportedProcedure[]> {
  const out: ExportedProcedure[] = [];
  let after: string | null = null;
  for (;;) {
    const rows = await exportVersionsPage(db, after, PAGE);
    for (const v of rows) {
      out.push({
        code: v.code,
        status: v.procedure_status,
        versionNumber: v.version,
        effectiveFrom: v.effective_from,
        effectiveTo: v.effective_to,
        data: v.data,
      });
    }
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1]!.code;
  }
}

export const CONTENT_TYPES: Record<FileKind, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function exportCatalogFile(db: Kysely<DB>, kind: FileKind, now = new Date()) {
  const items = await exportCatalog(db);
  const content =
    kind === 'json' ? toJsonExport(items, now) : kind === 'csv' ? toCsv(exportTable(items)) : await toXlsx(exportTable(items));
  return { content, count: items.length, contentType: CONTENT_TYPES[kind], fileName: `motcua-catalog-${todayInVietnam(now)}.${kind}` };
}
