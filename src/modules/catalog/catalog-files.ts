/**
 * Catalog files: recognising what an import file holds (crawled detail records as JSON, the portal's
 * list export as CSV, or our own export as JSON, CSV or Excel) and writing our export. Our export
 * keeps the whole model in a `data_json` column so CSV and Excel round-trip without loss; the other
 * columns are there to be read, and the editable ones (name, field, type, decision_number,
 * online_level, status, effective_from) win over the JSON when changed in a spreadsheet.
 */
import ExcelJS from 'exceljs';
import { parseCsv } from './parse/csv.js';
import { CATALOG_CSV_COLUMNS } from './parse/record.js';
import type { FieldProblem } from './parse/result-types.js';
import type { ProcedureData } from './catalog.schemas.js';
import { formatFee } from './model.js';
import { formatProcessingTime } from './parse/processing-time.js';

export class CatalogFileError extends Error {}

export type CatalogFileFormat = 'dvcqg_detail' | 'dvcqg_list' | 'motcua';

/** One record of an import file, before it is read into the model. */
export type RawItem =
  | { kind: 'detail'; value: unknown }
  | { kind: 'list'; row: Record<string, string> }
  | { kind: 'export'; value: unknown }
  | { kind: 'broken'; code: string | null; errors: FieldProblem[] };

export type CatalogFile = { format: CatalogFileFormat; items: RawItem[] };

export const EXPORT_FORMAT = 'motcua-catalog';

/** One procedure in our export. */
export type ExportedProcedure = {
  code: string;
  status: 'draft' | 'published' | 'abolished';
  versionNumber: number;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  data: ProcedureData;
};

export type FileKind = 'json' | 'csv' | 'xlsx';

export function fileKindOf(fileName: string): FileKind | null {
  const m = /\.(json|csv|xlsx)$/i.exec(fileName);
  return m ? (m[1]!.toLowerCase() as FileKind) : null;
}

export async function readCatalogFile(kind: FileKind, content: Buffer | string): Promise<CatalogFile> {
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(typeof content === 'string' ? content : content.toString('utf8'));
    } catch (err) {
      throw new CatalogFileError(`the file is not valid JSON: ${(err as Error).message}`);
    }
    return readCatalogJson(value);
  }
  if (kind === 'csv') return readCatalogTable(parseCsv(typeof content === 'string' ? content : content.toString('utf8')));
  return readCatalogTable(await xlsxRows(typeof content === 'string' ? Buffer.from(content, 'base64') : content));
}

/** A JSON array of crawled records, a JSON array of our items, or our export envelope. */
export function readCatalogJson(value: unknown): CatalogFile {
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (typeof value === 'object' && value !== null && Array.isArray((value as { procedures?: unknown }).procedures)) {
    list = (value as { procedures: unknown[] }).procedures;
    return { format: 'motcua', items: list.map((v) => ({ kind: 'export', value: v })) };
  } else throw new CatalogFileError('expected a JSON array of procedures, or a catalog export ({ "procedures": [...] })');
  const first = list.find((v) => typeof v === 'object' && v !== null) as Record<string, unknown> | undefined;
  if (first && 'ma_thu_tuc' in first) return { format: 'dvcqg_detail', items: list.map((v) => ({ kind: 'detail', value: v })) };
  if (first && 'code' in first && 'data' in first) return { format: 'motcua', items: list.map((v) => ({ kind: 'export', value: v })) };
  if (list.length === 0) return { format: 'dvcqg_detail', items: [] };
  throw new CatalogFileError('unrecognised records: expected national records (ma_thu_tuc, ten_thu_tuc, …) or exported ones (code, data)');
}

function readCatalogTable(rows: string[][]): CatalogFile {
  const [header, ...body] = rows;
  if (!header) throw new CatalogFileError('the file is empty');
  const names = header.map((h) => h.trim().replace(/^\ufeff/, ''));
  const nonEmpty = body.filter((r) => r.some((c) => c.trim() !== ''));
  if (names.includes('ma_thu_tuc')) {
    const missing = CATALOG_CSV_COLUMNS.filter((c) => c !== 'source_file' && !names.includes(c));
    if (missing.length) throw new CatalogFileError(`missing column(s) ${missing.join(', ')} for the procedure list format`);
    const objects = nonEmpty.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
    return { format: 'dvcqg_list', items: objects.map((row) => ({ kind: 'list', row })) };
  }
  if (names.includes('code') && names.includes('data_json')) {
    const dataColumns = names.map((n, i) => [n, i] as const).filter(([n]) => /^data_json(?:_\d+)?$/.test(n)).map(([, i]) => i);
    return { format: 'motcua', items: nonEmpty.map((r) => exportRow(names, r, dataColumns)) };
  }
  throw new CatalogFileError('unrecognised header: expected the procedure list columns (ma_thu_tuc, ten_thu_tuc, …) or an export (code, …, data_json)');
}

/** Cells edited in a spreadsheet override the same fields of the JSON model. */
const OVERRIDES: ReadonlyArray<[column: string, field: keyof ProcedureData]> = [
  ['name', 'name'],
  ['field', 'field'],
  ['type', 'type'],
  ['decision_number', 'decisionNumber'],
  ['online_level', 'onlineLevel'],
];

function exportRow(names: string[], r: string[], dataColumns: number[]): RawItem {
  const cell = (name: string) => {
    const i = names.indexOf(name);
    return i === -1 ? '' : (r[i] ?? '').trim();
  };
  const code = cell('code') || null;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(dataColumns.map((i) => r[i] ?? '').join('')) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
  } catch (err) {
    return { kind: 'broken', code, errors: [{ field: 'data_json', reason: `not a JSON object: ${String((err as Error).message).slice(0, 120)}` }] };
  }
  for (const [column, field] of OVERRIDES) {
    const v = cell(column);
    if (v !== '' && v !== data[field]) data[field] = v;
  }
  const version = Number(cell('version_number'));
  return {
    kind: 'export',
    value: {
      code,
      status: cell('status') || 'draft',
      versionNumber: Number.isInteger(version) && version > 0 ? version : null,
      effectiveFrom: cell('effective_from') || null,
      data,
    },
  };
}

async function xlsxRows(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new CatalogFileError(`the file is not a readable Excel workbook: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new CatalogFileError('the workbook has no sheet');
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) cells.push(row.getCell(i).text ?? '');
    rows.push(cells);
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writing our export

/** Excel refuses cells over 32,767 characters, so the model is spread over as many columns as needed. */
const DATA_CHUNK = 30_000;

const BASE_COLUMNS = [
  'code',
  'status',
  'version_number',
  'effective_from',
  'effective_to',
  'decision_number',
  'name',
  'field',
  'type',
  'levels',
  'applicant_types',
  'online_level',
  'competent_agency',
  'implementing_agency',
  'agency_codes',
  'processing_times',
  'fees',
] as const;

function flatRow(p: ExportedProcedure): string[] {
  const d = p.data;
  const times = d.channels.map((c) => `${c.channel}: ${c.processingTime ? formatProcessingTime(c.processingTime) : '—'}`);
  const fees = d.channels.map((c) => `${c.channel}: ${formatFee(c.fees) ?? '—'}`);
  const codes = [...new Set(Object.values(d.agencies).flatMap((a) => a.codes))];
  return [
    p.code,
    p.status,
    String(p.versionNumber),
    p.effectiveFrom ?? '',
    p.effectiveTo ?? '',
    d.decisionNumber ?? '',
    d.name,
    d.field ?? '',
    d.type ?? '',
    d.levels.join(';'),
    d.applicantTypes.join(';'),
    d.onlineLevel,
    d.agencies.competent.text ?? '',
    d.agencies.implementing.text ?? '',
    codes.join(';'),
    times.join(' | '),
    fees.join(' | '),
  ];
}

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += DATA_CHUNK) out.push(text.slice(i, i + DATA_CHUNK));
  return out.length ? out : [''];
}

/** Header and rows of the tabular export (shared by CSV and Excel). */
export function exportTable(items: readonly ExportedProcedure[]): string[][] {
  const rows = items.map((p) => [...flatRow(p), ...chunks(JSON.stringify(p.data))]);
  const dataColumns = Math.max(1, ...rows.map((r) => r.length - BASE_COLUMNS.length));
  const header = [...BASE_COLUMNS, ...Array.from({ length: dataColumns }, (_, i) => (i === 0 ? 'data_json' : `data_json_${i + 1}`))];
  return [header, ...rows.map((r) => [...r, ...Array<string>(header.length - r.length).fill('')])];
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

/** RFC 4180 CSV with a BOM, so spreadsheet programs open it as UTF-8. */
export function toCsv(table: string[][]): string {
  return `\ufeff${table.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function toJsonExport(items: readonly ExportedProcedure[], exportedAt: Date): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, formatVersion: 1, exportedAt: exportedAt.toISOString(), count: items.length, procedures: items }, null, 1)}\n`;
}

export async function toXlsx(table: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  const sheet = workbook.addWorksheet('procedures', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}
