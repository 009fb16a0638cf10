/**
 * `npx motcua catalog import <file>` and `npx motcua catalog export <file>`: the operator's side of
 * the catalog. Imports run one transaction per record and print what could not be read, per record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import type { ImportReport } from './catalog.schemas.js';
import { CatalogFileError, fileKindOf, readCatalogFile, type FileKind } from './catalog-files.js';
import { importCatalog, transactionPerRecord } from './catalog-import.js';
import { exportCatalogFile } from './catalog-export.js';

export const CATALOG_USAGE = 'motcua catalog import <file> [--strict-codes] | catalog export <file>';

export type CatalogCommand =
  | { action: 'import'; file: string; kind: FileKind; allowAnyCodePrefix: boolean }
  | { action: 'export'; file: string; kind: FileKind };

/** Parses the arguments after `catalog`; a string is a usage error. */
export function parseCatalogArgs(args: string[]): CatalogCommand | string {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'strict-codes': { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (err) {
    return (err as Error).message;
  }
  const [action, file, ...extra] = parsed.positionals;
  if ((action !== 'import' && action !== 'export') || !file || extra.length) return 'expected: catalog import <file> or catalog export <file>';
  const kind = fileKindOf(file);
  if (!kind) return 'the file name must end in .json, .csv or .xlsx';
  if (action === 'import') {
    if (!fs.existsSync(file)) return `no such file: ${file}`;
    return { action, file, kind, allowAnyCodePrefix: parsed.values['strict-codes'] !== true };
  }
  if (parsed.values['strict-codes']) return '--strict-codes applies to import only';
  return { action, file, kind };
}

const CLI_CONTEXT: AuditContext = { actorId: null, actorName: 'cli', agencyCode: null, requestId: null, clientIp: null };

const FORMAT_LABEL: Record<ImportReport['format'], string> = {
  dvcqg_detail: 'national procedure records (JSON)',
  dvcqg_list: 'national procedure list (CSV)',
  motcua: 'motcua catalog export',
};

/** The report as printed by the CLI: the counts, then every record with something to say. */
export function formatImportReport(file: string, report: ImportReport): string[] {
  const lines = [
    `Imported ${path.basename(file)} — ${FORMAT_LABEL[report.format] ?? report.format}, ${report.total} records:`,
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, partly parsed ${report.partlyParsed}, rejected ${report.rejected}`,
    `  ${report.drafts} stored as drafts (not published)${report.format === 'dvcqg_list' ? ': the list has no processing times' : ''}`,
  ];
  for (const r of report.records) {
    if (r.errors.length === 0 && r.problems.length === 0) continue;
    const head =
      r.outcome === 'rejected'
        ? `record ${r.index}${r.code ? ` (${r.code})` : ''}: REJECTED`
        : `record ${r.index} (${r.code}): ${r.outcome}, ${r.status}${r.versionNumber ? ` v${r.versionNumber}` : ''}, not fully parsed`;
    lines.push(head);
    for (const e of [...r.errors, ...r.problems]) lines.push(`    ${e.field}: ${e.reason}`);
  }
  return lines;
}

export async function runCatalogCommand(db: Kysely<DB>, cmd: CatalogCommand, out: (line: string) => void = console.log): Promise<number> {
  if (cmd.action === 'export') {
    const file = await exportCatalogFile(db, cmd.kind);
    fs.writeFileSync(cmd.file, file.content);
    out(`Exported ${file.count} procedures to ${cmd.file}.`);
    return 0;
  }
  let catalogFile;
  try {
    catalogFile = await readCatalogFile(cmd.kind, fs.readFileSync(cmd.file));
  } catch (err) {
    if (err instanceof CatalogFileError) {
      out(`Error: ${cmd.file}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => {
        if (done % 200 === 0 || done === total) process.stderr.write(`\r  ${done}/${total} records…${done === total ? '\n' : ''}`);
      }
    : undefined;
  const report = await importCatalog(db, transactionPerRecord(db), catalogFile, 'system', CLI_CONTEXT, {
    allowAnyCodePrefix: cmd.allowAnyCodePrefix,
    ...(progress && { onRecord: progress }),
  });
  for (const line of formatImportReport(cmd.file, report)) out(line);
  return report.rejected > 0 && report.rejected === report.total ? 1 : 0;
}
