/**
 * Normalise one crawled procedure record (national TTHC database, see shared data SOURCES.md §3) into a
 * procedure draft, and one row of the portal's procedure list export. Fatal problems (bad code, no
 * name, wrong field types) give `{ ok: false, errors }`; everything else gives a draft that lists
 * what could not be read in `problems`. Never throws.
 */
import { parseChannels, type ChannelEntry } from './channels.js';
import { parseDossierComponents, type DossierCase, type DossierComponent } from './components.js';
import { parseLegalBases, type LegalBasis } from './legal-bases.js';
import { parseProcessingResult, type ProcessingResult } from './result-documents.js';
import type { FieldProblem } from './result-types.js';
import { cleanInline, isNoInfo, textOrNull } from './text.js';

/** National procedure code, domain.md §9.1. */
export const PROCEDURE_CODE_RE = /^[1-3]\.\d{6}$/;
/** Codes seen in the national database but outside §9.1 (prefixes 5 and 6); accepted only on request. */
export const LOOSE_PROCEDURE_CODE_RE = /^\d\.\d{6}$/;

export const ProcedureLevel = {
  CENTRAL: 'central',
  PROVINCE: 'province',
  COMMUNE: 'commune',
} as const;
export type ProcedureLevel = (typeof ProcedureLevel)[keyof typeof ProcedureLevel];

export const ApplicantType = {
  CITIZEN: 'citizen',
  BUSINESS: 'business',
  ORGANISATION: 'organisation',
} as const;
export type ApplicantType = (typeof ApplicantType)[keyof typeof ApplicantType];

export interface ProcedureDraft {
  code: string;
  name: string;
  /** Decision that published the procedure (số quyết định công bố), e.g. "163/QĐ-BTP". */
  decisionNumber: string | null;
  levels: ProcedureLevel[];
  /** Level labels as published, including ones outside `levels` ("Cơ quan khác"). */
  levelLabels: string[];
  /** Procedure type (loại thủ tục), as published. */
  type: string | null;
  /** Field (lĩnh vực), as published. */
  field: string | null;
  applicantTypes: ApplicantType[];
  /** Applicant labels as published ("Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"). */
  applicantLabels: string[];
  competentAgency: string | null;
  implementingAgency: string | null;
  authorisedAgency: string | null;
  coordinatingAgencies: string[];
  receivingAddress: string | null;
  /** Sequence of steps (trình tự thực hiện), text. */
  steps: string | null;
  /** Requirements and conditions (yêu cầu, điều kiện), text. */
  requirements: string | null;
  legalBases: LegalBasis[];
  legalBasesRaw: string | null;
  result: ProcessingResult;
  channels: ChannelEntry[];
  components: DossierComponent[];
  dossierCases: DossierCase[];
  source: { url: string | null; formalityId: string | null; group: string | null };
  problems: FieldProblem[];
}

export type ProcedureRecordResult = { ok: true; value: ProcedureDraft } | { ok: false; errors: FieldProblem[] };

export interface ParseRecordOptions {
  /**
   * Accept any one-digit prefix ("6.006574") and report it as a problem instead of an error.
   * Off by default: domain.md §9.1 allows only 1–3.
   */
  allowAnyCodePrefix?: boolean;
}

const STRING_FIELDS = [
  'ma_thu_tuc',
  'detail_url',
  'formality_id',
  'ten_thu_tuc',
  'so_quyet_dinh',
  'cap_thuc_hien',
  'loai_thu_tuc',
  'linh_vuc',
  'doi_tuong_thuc_hien',
  'co_quan_co_tham_quyen',
  'dia_chi_tiep_nhan',
  'co_quan_duoc_uy_quyen',
  'co_quan_phoi_hop',
  'thu_tuc_lien_quan',
  'trinh_tu_thuc_hien',
  'cach_thuc_thuc_hien',
  'thanh_phan_ho_so',
  'can_cu_phap_ly',
  'co_quan_thuc_hien',
  'yeu_cau_dieu_kien',
  'ket_qua_xu_ly',
  'source_group',
] as const;
type StringField = (typeof STRING_FIELDS)[number];

function validateCode(
  value: string,
  field: string,
  options: ParseRecordOptions,
): { code: string | null; error?: string; problem?: string } {
  const code = cleanInline(value);
  if (code === '') return { code: null, error: 'missing procedure code' };
  if (PROCEDURE_CODE_RE.test(code)) return { code };
  if (options.allowAnyCodePrefix && LOOSE_PROCEDURE_CODE_RE.test(code)) {
    return { code, problem: `code "${code}" does not match ${PROCEDURE_CODE_RE.source}` };
  }
  return { code: null, error: `invalid procedure code "${code.slice(0, 40)}" in ${field}: expected ${PROCEDURE_CODE_RE.source}` };
}

/** Split on commas that are not inside parentheses: "Tổ chức (không bao gồm doanh nghiệp, HTX), Hợp tác xã". */
export function splitTopLevelCommas(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of input) {
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => cleanInline(p)).filter((p) => p !== '');
}

const LEVELS: ReadonlyArray<[RegExp, ProcedureLevel]> = [
  [/^cấp (?:bộ|trung ương)$/iu, ProcedureLevel.CENTRAL],
  [/^cấp tỉnh$/iu, ProcedureLevel.PROVINCE],
  [/^cấp xã$/iu, ProcedureLevel.COMMUNE],
];

function parseLevels(input: string, problems: FieldProblem[]) {
  const labels = splitTopLevelCommas(input);
  const levels: ProcedureLevel[] = [];
  for (const label of labels) {
    const level = LEVELS.find(([re]) => re.test(label))?.[1];
    if (level !== undefined) {
      if (!levels.includes(level)) levels.push(level);
    } else if (/^cấp huyện$/iu.test(label)) {
      problems.push({ field: 'cap_thuc_hien', reason: 'district level ("Cấp huyện") no longer exists since 1 July 2025' });
    } else if (!/^cơ quan khác$/iu.test(label)) {
      problems.push({ field: 'cap_thuc_hien', reason: `unknown level "${label}"` });
    }
  }
  if (labels.length === 0) problems.push({ field: 'cap_thuc_hien', reason: 'no implementing level' });
  return { levels, labels };
}

const APPLICANTS: ReadonlyArray<[RegExp, ApplicantType]> = [
  [/^(?:tổ chức|cơ quan|đơn vị)/iu, ApplicantType.ORGANISATION],
  [/^(?:doanh nghiệp|hợp tác xã|liên hiệp hợp tác xã|htx|hộ kinh doanh|chi nhánh|nhà đầu tư)/iu, ApplicantType.BUSINESS],
  [/^(?:công dân|người|cá nhân|hộ gia đình|cán bộ|công chức|viên chức|đảng viên|sĩ quan|quân nhân)/iu, ApplicantType.CITIZEN],
];

function parseApplicants(input: string, problems: FieldProblem[]) {
  const labels = splitTopLevelCommas(input);
  const types: ApplicantType[] = [];
  for (const label of labels) {
    const type = APPLICANTS.find(([re]) => re.test(label))?.[1];
    if (type === undefined) problems.push({ field: 'doi_tuong_thuc_hien', reason: `unknown applicant type "${label}"` });
    else if (!types.includes(type)) types.push(type);
  }
  return { types, labels };
}

const DECISION_RE = /^\d+(?:\/\d{4})?\/(?:QĐ|QD)-[\p{Lu}\d]+(?:-[\p{Lu}\d]+)*$/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function build(input: Record<string, unknown>, options: ParseRecordOptions): ProcedureRecordResult {
  const errors: FieldProblem[] = [];
  const problems: FieldProblem[] = [];
  const fields = {} as Record<StringField, string>;
  for (const name of STRING_FIELDS) {
    const v = input[name];
    if (v === undefined || v === null) fields[name] = '';
    else if (typeof v === 'string') fields[name] = v;
    else {
      errors.push({ field: name, reason: `expected a string, got ${Array.isArray(v) ? 'array' : typeof v}` });
      fields[name] = '';
    }
  }

  let code: string | null = null;
  if (input['ma_thu_tuc'] === undefined || input['ma_thu_tuc'] === null) {
    errors.push({ field: 'ma_thu_tuc', reason: 'missing procedure code' });
  } else if (typeof input['ma_thu_tuc'] === 'string') {
    const checked = validateCode(fields.ma_thu_tuc, 'ma_thu_tuc', options);
    if (checked.error !== undefined) errors.push({ field: 'ma_thu_tuc', reason: checked.error });
    if (checked.problem !== undefined) problems.push({ field: 'ma_thu_tuc', reason: checked.problem });
    code = checked.code;
  }
  const name = cleanInline(fields.ten_thu_tuc);
  if (name === '' && !errors.some((e) => e.field === 'ten_thu_tuc')) {
    errors.push({ field: 'ten_thu_tuc', reason: 'missing procedure name' });
  }
  if (errors.length > 0 || code === null) return { ok: false, errors };

  const decisionNumber = textOrNull(fields.so_quyet_dinh);
  if (decisionNumber === null) problems.push({ field: 'so_quyet_dinh', reason: 'missing decision number' });
  else if (!DECISION_RE.test(decisionNumber)) {
    problems.push({ field: 'so_quyet_dinh', reason: `unusual decision number "${decisionNumber}"` });
  }

  const { levels, labels: levelLabels } = parseLevels(fields.cap_thuc_hien, problems);
  const { types: applicantTypes, labels: applicantLabels } = parseApplicants(fields.doi_tuong_thuc_hien, problems);

  let channels: ChannelEntry[] = [];
  const channelParse = parseChannels(fields.cach_thuc_thuc_hien);
  if (channelParse.ok) {
    channels = channelParse.value.entries;
    for (const reason of channelParse.value.problems) problems.push({ field: 'cach_thuc_thuc_hien', reason });
    channels.forEach((entry, i) => {
      for (const reason of entry.problems) problems.push({ field: 'cach_thuc_thuc_hien', reason: `row ${i + 1} (${entry.channel}): ${reason}` });
    });
    const untimed = channels.filter((c) => !c.time.ok);
    if (untimed.length > 0) {
      const reasons = [...new Set(untimed.map((c) => (c.time.ok ? '' : c.time.reason)))].join(', ');
      problems.push({ field: 'cach_thuc_thuc_hien', reason: `${untimed.length} of ${channels.length} rows without a time limit (${reasons})` });
    }
  } else {
    problems.push({ field: 'cach_thuc_thuc_hien', reason: `no channel rows: ${channelParse.reason}` });
  }

  let components: DossierComponent[] = [];
  let dossierCases: DossierCase[] = [];
  const componentParse = parseDossierComponents(fields.thanh_phan_ho_so);
  if (componentParse.ok) {
    components = componentParse.value.components;
    dossierCases = componentParse.value.cases;
    for (const reason of componentParse.value.problems) problems.push({ field: 'thanh_phan_ho_so', reason });
  } else {
    problems.push({ field: 'thanh_phan_ho_so', reason: `no dossier components: ${componentParse.reason}` });
  }

  const legalBases = parseLegalBases(fields.can_cu_phap_ly);
  if (legalBases.length === 0) problems.push({ field: 'can_cu_phap_ly', reason: 'no legal basis' });
  else if (legalBases.some((b) => b.code === null)) {
    problems.push({ field: 'can_cu_phap_ly', reason: 'a legal basis without a document number' });
  }

  const result = parseProcessingResult(fields.ket_qua_xu_ly);
  if (result.documents.length === 0) problems.push({ field: 'ket_qua_xu_ly', reason: 'no result document' });

  const draft: ProcedureDraft = {
    code,
    name,
    decisionNumber,
    levels,
    levelLabels,
    type: textOrNull(fields.loai_thu_tuc),
    field: textOrNull(fields.linh_vuc),
    applicantTypes,
    applicantLabels,
    competentAgency: textOrNull(cleanInline(fields.co_quan_co_tham_quyen)),
    implementingAgency: textOrNull(cleanInline(fields.co_quan_thuc_hien)),
    authorisedAgency: textOrNull(cleanInline(fields.co_quan_duoc_uy_quyen)),
    coordinatingAgencies: isNoInfo(fields.co_quan_phoi_hop) ? [] : splitTopLevelCommas(fields.co_quan_phoi_hop),
    receivingAddress: textOrNull(fields.dia_chi_tiep_nhan),
    steps: textOrNull(fields.trinh_tu_thuc_hien),
    requirements: textOrNull(fields.yeu_cau_dieu_kien),
    legalBases,
    legalBasesRaw: textOrNull(fields.can_cu_phap_ly),
    result,
    channels,
    components,
    dossierCases,
    source: {
      url: textOrNull(fields.detail_url),
      formalityId: textOrNull(fields.formality_id),
      group: textOrNull(fields.source_group),
    },
    problems,
  };
  return { ok: true, value: draft };
}

/**
 * Normalise one crawled procedure record (an object, or its JSON text). Never throws.
 *
 * @example
 * const r = parseProcedureRecord(JSON.parse(text)[0]);
 * if (r.ok) console.log(r.value.code, r.value.channels.length); else console.log(r.errors);
 */
export function parseProcedureRecord(json: unknown, options: ParseRecordOptions = {}): ProcedureRecordResult {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      return { ok: false, errors: [{ field: '$', reason: 'record is a string but not valid JSON' }] };
    }
  }
  if (!isRecord(value)) return { ok: false, errors: [{ field: '$', reason: 'record is not an object' }] };
  try {
    return build(value, options);
  } catch (error) {
    // Defensive: a parser bug must not take down a bulk import.
    return { ok: false, errors: [{ field: '$', reason: `internal parser error: ${String(error).slice(0, 200)}` }] };
  }
}

/** One row of the portal's procedure list export ("DANH SÁCH THỦ TỤC HÀNH CHÍNH"). */
export interface CatalogListEntry {
  code: string;
  name: string;
  issuingMinistry: string | null;
  implementingAgency: string | null;
  field: string | null;
  sourceFile: string | null;
}

export type CatalogRowResult = { ok: true; value: CatalogListEntry } | { ok: false; errors: FieldProblem[] };

/** Column order of `tthc_catalog_list_dvcqg.csv`. */
export const CATALOG_CSV_COLUMNS = [
  'ma_thu_tuc',
  'ten_thu_tuc',
  'co_quan_ban_hanh',
  'co_quan_thuc_hien',
  'linh_vuc',
  'source_file',
] as const;

/**
 * Validate one CSV row, given either as an object keyed by the header or as an array in
 * `CATALOG_CSV_COLUMNS` order. Never throws.
 */
export function parseCatalogCsvRow(
  row: Readonly<Record<string, unknown>> | readonly unknown[],
  options: ParseRecordOptions = {},
): CatalogRowResult {
  const get = (i: number): unknown => {
    if (Array.isArray(row)) return row[i];
    if (typeof row !== 'object' || row === null) return undefined;
    return (row as Record<string, unknown>)[CATALOG_CSV_COLUMNS[i] as string];
  };
  if (typeof row !== 'object' || row === null) return { ok: false, errors: [{ field: '$', reason: 'row is not an object or array' }] };

  const errors: FieldProblem[] = [];
  const str = (i: number): string => {
    const v = get(i);
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    errors.push({ field: CATALOG_CSV_COLUMNS[i] as string, reason: `expected a string, got ${typeof v}` });
    return '';
  };
  const values = CATALOG_CSV_COLUMNS.map((_, i) => str(i));
  const checked = validateCode(values[0] ?? '', 'ma_thu_tuc', options);
  if (checked.error !== undefined && !errors.some((e) => e.field === 'ma_thu_tuc')) {
    errors.push({ field: 'ma_thu_tuc', reason: checked.error });
  }
  const name = cleanInline(values[1] ?? '');
  if (name === '' && !errors.some((e) => e.field === 'ten_thu_tuc')) {
    errors.push({ field: 'ten_thu_tuc', reason: 'missing procedure name' });
  }
  if (errors.length > 0 || checked.code === null) return { ok: false, errors };
  const opt = (i: number) => {
    const t = cleanInline(values[i] ?? '');
    return isNoInfo(t) ? null : t;
  };
  return {
    ok: true,
    value: {
      code: checked.code,
      name,
      issuingMinistry: opt(2),
      implementingAgency: opt(3),
      field: opt(4),
      sourceFile: opt(5),
    },
  };
}
