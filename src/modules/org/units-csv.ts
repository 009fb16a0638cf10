import { parse } from 'csv-parse/sync';

/**
 * Pure parsing of administrative-unit lists. The shape of a CSV file is recognised from its header,
 * so the official lists (and any file in the same shape) load with one command.
 */
export type UnitRow = {
  structure: '2025' | 'pre2025';
  code: string;
  level: 'province' | 'district' | 'commune';
  name: string;
  unitType: string;
  parentCode: string | null;
};

export type SuccessionRow = {
  oldStructure: 'pre2025';
  oldCode: string;
  newStructure: '2025';
  newCode: string;
  mergeType: 'full' | 'partial';
};

export type RowProblem = { line: number; field: string; reason: string };

export type ParsedUnitFile =
  | { kind: 'units'; shape: string; rows: UnitRow[]; problems: RowProblem[] }
  | { kind: 'successions'; shape: string; rows: SuccessionRow[]; problems: RowProblem[] };

/** Dates the two structures were in force: the reform took effect on 1 July 2025. */
export const STRUCTURE_VALIDITY = {
  pre2025: { validFrom: '1976-07-02', validTo: '2025-07-01' },
  '2025': { validFrom: '2025-07-01', validTo: null },
} as const;

type Shape = {
  name: string;
  required: string[];
  map: (r: Record<string, string>) => UnitRow | SuccessionRow;
  kind: 'units' | 'successions';
};

const PROVINCE_CODE = /^\d{2}$/;
const DISTRICT_CODE = /^\d{3}$/;
const COMMUNE_CODE = /^\d{5}$/;

function provinceType(name: string): string {
  return /^Thành phố/i.test(name) ? 'Thành phố' : 'Tỉnh';
}

const SHAPES: Shape[] = [
  {
    name: 'communes-2025',
    kind: 'units',
    required: ['commune_code', 'commune_name', 'unit_type', 'province_code', 'stt'],
    map: (r) => ({ structure: '2025', code: r.commune_code!, level: 'commune', name: r.commune_name!, unitType: r.unit_type!, parentCode: r.province_code! }),
  },
  {
    name: 'communes-pre2025',
    kind: 'units',
    required: ['commune_code', 'commune_name', 'unit_type', 'district_code'],
    map: (r) => ({ structure: 'pre2025', code: r.commune_code!, level: 'commune', name: r.commune_name!, unitType: r.unit_type!, parentCode: r.district_code! }),
  },
  {
    name: 'districts-pre2025',
    kind: 'units',
    required: ['district_code', 'district_name', 'unit_type', 'province_code'],
    map: (r) => ({ structure: 'pre2025', code: r.district_code!, level: 'district', name: r.district_name!, unitType: r.unit_type!, parentCode: r.province_code! }),
  },
  {
    name: 'provinces-2025',
    kind: 'units',
    required: ['stt', 'province_code', 'province_name'],
    map: (r) => ({ structure: '2025', code: r.province_code!, level: 'province', name: r.province_name!, unitType: provinceType(r.province_name!), parentCode: null }),
  },
  {
    name: 'provinces-pre2025',
    kind: 'units',
    required: ['province_code', 'province_name', 'unit_type'],
    map: (r) => ({ structure: 'pre2025', code: r.province_code!, level: 'province', name: r.province_name!, unitType: r.unit_type!, parentCode: null }),
  },
  {
    name: 'mapping-communes-2025',
    kind: 'successions',
    required: ['new_commune_code', 'old_unit_code', 'merge_type'],
    map: (r) => ({ oldStructure: 'pre2025', oldCode: r.old_unit_code!, newStructure: '2025', newCode: r.new_commune_code!, mergeType: r.merge_type as 'full' | 'partial' }),
  },
  {
    name: 'mapping-provinces-2025',
    kind: 'successions',
    required: ['new_province_code', 'old_province_code', 'merge_type'],
    map: (r) => ({ oldStructure: 'pre2025', oldCode: r.old_province_code!, newStructure: '2025', newCode: r.new_province_code!, mergeType: r.merge_type as 'full' | 'partial' }),
  },
];

export class UnitFileError extends Error {}

export function detectShape(header: string[]): Shape | undefined {
  const cols = new Set(header.map((h) => h.trim()));
  return SHAPES.find((s) => s.required.every((c) => cols.has(c)));
}

function checkUnit(row: UnitRow): string | null {
  const codeRe = row.level === 'province' ? PROVINCE_CODE : row.level === 'district' ? DISTRICT_CODE : COMMUNE_CODE;
  if (!codeRe.test(row.code)) return `code "${row.code}" is not a ${row.level} code`;
  if (!row.name.trim()) return 'name is empty';
  if (row.name.length > 200) return 'name is longer than 200 characters';
  if (row.parentCode !== null && !/^\d{2,3}$/.test(row.parentCode)) return `parent code "${row.parentCode}" is not valid`;
  return null;
}

export function parseUnitCsv(text: string): ParsedUnitFile {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new UnitFileError(`not a readable CSV file: ${(err as Error).message}`);
  }
  const header = records[0];
  if (!header) throw new UnitFileError('the file is empty');
  const shape = detectShape(header);
  if (!shape) {
    throw new UnitFileError(
      `unrecognised columns (${header.join(', ')}); expected one of: ${SHAPES.map((s) => `${s.name} [${s.required.join(', ')}]`).join('; ')}`,
    );
  }
  const problems: RowProblem[] = [];
  const rows: (UnitRow | SuccessionRow)[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const r: Record<string, string> = {};
    header.forEach((h, j) => (r[h.trim()] = (cells[j] ?? '').normalize('NFC')));
    const mapped = shape.map(r);
    if (shape.kind === 'units') {
      const u = mapped as UnitRow;
      const problem = checkUnit(u);
      if (problem) return void problems.push({ line, field: 'code', reason: problem });
      if (seen.has(u.code)) return void problems.push({ line, field: 'code', reason: `duplicate code ${u.code}` });
      seen.add(u.code);
    } else {
      const s = mapped as SuccessionRow;
      if (!/^\d{2,5}$/.test(s.oldCode) || !/^\d{2,5}$/.test(s.newCode))
        return void problems.push({ line, field: 'code', reason: 'old or new unit code is not valid' });
      if (s.mergeType !== 'full' && s.mergeType !== 'partial')
        return void problems.push({ line, field: 'merge_type', reason: `"${s.mergeType}" is neither full nor partial` });
      const key = `${s.oldCode}>${s.newCode}`;
      if (seen.has(key)) return void problems.push({ line, field: 'code', reason: `duplicate pair ${key}` });
      seen.add(key);
    }
    rows.push(mapped);
  });
  return shape.kind === 'units'
    ? { kind: 'units', shape: shape.name, rows: rows as UnitRow[], problems }
    : { kind: 'successions', shape: shape.name, rows: rows as SuccessionRow[], problems };
}
