/**
 * Turns records of the files we import into the procedure model: detail records crawled from the
 * national database (parsed by ./parse), rows of the portal's list export, and our own export.
 * Pure: agency linking is given as a function. The original text is kept beside every parsed value.
 */
import { z } from 'zod';
import { ProcedureData, type ChannelRow, type DossierComponent, type ProcessingTime } from './catalog.schemas.js';
import { defaultWorkflow, deriveOnlineLevel, emptyProcedure, type FieldIssue } from './model.js';
import type { ChannelEntry } from './parse/channels.js';
import type { DossierComponent as ParsedComponent } from './parse/components.js';
import type { ProcessingTime as ParsedTime } from './parse/processing-time.js';
import {
  LOOSE_PROCEDURE_CODE_RE,
  parseCatalogCsvRow,
  parseProcedureRecord,
  PROCEDURE_CODE_RE,
  type CatalogListEntry,
  type ParseRecordOptions,
  type ProcedureDraft,
} from './parse/record.js';
import { stripPortalUi } from './parse/result-documents.js';
import { toSearchKey } from './parse/search-text.js';
import { cleanText, textOrNull } from './parse/text.js';
import type { FieldProblem } from './parse/result-types.js';

/** Finds the codes of agencies of the agency tree named by a published text; [] when none match. */
export type AgencyLinker = (text: string | null) => string[];

export const noAgencyLinks: AgencyLinker = () => [];

/**
 * Links agency texts to the agency tree by exact name (diacritics, case and spacing ignored), also
 * trying each comma-separated part. Generic texts ("Ủy ban nhân dân cấp xã") match nothing, on purpose.
 */
export function agencyLinker(agencies: readonly { code: string; name: string }[]): AgencyLinker {
  const byName = new Map<string, string>();
  for (const a of agencies) byName.set(toSearchKey(a.name).replace(/[.;,]+$/, ''), a.code);
  return (text) => {
    if (text === null) return [];
    const parts = [text, ...text.split(/[,;\n]/)];
    const codes = new Set<string>();
    for (const p of parts) {
      const code = byName.get(toSearchKey(p).replace(/[.;,]+$/, '').trim());
      if (code !== undefined) codes.add(code);
    }
    return [...codes].sort();
  };
}

/** The outcome of reading one record of an import file. */
export type SourceRecord =
  | {
      ok: true;
      code: string;
      /** `merge`: a list row, laid over the stored version instead of replacing it. */
      mode: 'replace' | 'merge';
      data: ProcedureData;
      /**
       * National records are published when their content allows it; our own export says what it
       * was (an abolished one is only accepted where it is already abolished).
       */
      intent: 'if_publishable' | 'publish' | 'draft' | 'abolished';
      effectiveFrom: string | null;
      problems: FieldProblem[];
    }
  | { ok: false; code: string | null; errors: FieldProblem[] };

function toModelTime(t: ParsedTime): ProcessingTime {
  const out: ProcessingTime = { unit: t.unit };
  if (t.value !== undefined) out.value = t.value;
  if (t.cutoff !== undefined) out.cutoff = t.cutoff;
  if (t.afterCutoff !== undefined) out.afterCutoff = t.afterCutoff;
  if (t.countFrom !== undefined) out.countFrom = t.countFrom;
  if (t.unitAssumed) out.unitAssumed = true;
  if (t.alternatives?.length) out.alternatives = t.alternatives.map((a) => {
    const { alternatives: _nested, raw: _raw, ...rest } = toModelTime(a) as ProcessingTime & { raw?: string };
    return rest;
  });
  return out;
}

const FEE_ERRORS_REPORTED = new Set(['negative_amount', 'malformed_number', 'implausible_amount', 'unrecognised']);

function toChannel(e: ChannelEntry, index: number, problems: FieldProblem[]): ChannelRow {
  if (e.feeError !== undefined && FEE_ERRORS_REPORTED.has(e.feeError)) {
    problems.push({
      field: `cach_thuc_thuc_hien`,
      reason: `row ${index + 1} (${e.channel}): fee not read (${e.feeError.replace(/_/g, ' ')}); the text is kept`,
    });
  }
  return {
    channel: e.channel,
    processingTime: e.time.ok ? toModelTime(e.time.value) : null,
    processingTimeText: e.time.ok ? e.time.value.raw || null : e.time.raw || null,
    fees: e.fees.map((f) => (f.kind === 'rule' && f.text.length > 4000 ? { ...f, text: f.text.slice(0, 4000) } : f)),
    feeNote: e.feeNote ?? null,
    description: e.description === '' ? null : e.description,
    text: e.raw,
  };
}

/** Papers that the national population database can stand in for (Decree 104/2022/NĐ-CP). */
const POPULATION_DATA = /căn cước|chứng minh nhân dân|sổ hộ khẩu|sổ tạm trú|xác nhận (?:thông tin về )?cư trú/iu;

function toComponent(c: ParsedComponent): DossierComponent {
  const replaceable = POPULATION_DATA.test(c.name);
  return {
    name: c.name.slice(0, 4000) || '(không tên)',
    originals: c.originals,
    copies: c.copies,
    required: c.required,
    templates: c.templates.slice(0, 20).map((name) => ({ name: name.slice(0, 500), url: null })),
    replaceableByData: replaceable,
    dataSource: replaceable ? 'national_population_db' : null,
    caseName: c.caseName,
    text: c.raw,
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A detail record of the national database, parsed by ./parse. */
export function fromDetailDraft(d: ProcedureDraft, raw: Record<string, unknown>, link: AgencyLinker): ProcedureData {
  const problems: FieldProblem[] = [...d.problems];
  const channels = d.channels.map((e, i) => toChannel(e, i, problems));
  const data: ProcedureData = {
    ...emptyProcedure(d.code, d.name),
    field: d.field,
    type: d.type,
    levels: d.levels,
    levelsText: textOrNull(str(raw['cap_thuc_hien'])),
    applicantTypes: d.applicantTypes,
    applicantsText: textOrNull(str(raw['doi_tuong_thuc_hien'])),
    agencies: {
      competent: { text: d.competentAgency, codes: link(d.competentAgency) },
      implementing: { text: d.implementingAgency, codes: link(d.implementingAgency) },
      receiving: { text: d.receivingAddress, codes: [] },
      authorised: { text: d.authorisedAgency, codes: link(d.authorisedAgency) },
      coordinating: { text: d.coordinatingAgencies.length ? d.coordinatingAgencies.join(', ') : null, codes: d.coordinatingAgencies.flatMap(link) },
    },
    steps: d.steps,
    requirements: d.requirements,
    legalBases: d.legalBases.map((b) => ({ title: b.title, code: b.code })),
    legalBasesText: d.legalBasesRaw,
    results: d.result.documents.map((r) => ({ name: r.name, code: r.code })),
    resultText: textOrNull(stripPortalUi(cleanText(str(raw['ket_qua_xu_ly']))).text),
    relatedText: textOrNull(str(raw['thu_tuc_lien_quan'])),
    decisionNumber: d.decisionNumber,
    channels,
    channelsText: textOrNull(str(raw['cach_thuc_thuc_hien'])),
    components: d.components.map(toComponent),
    componentsText: textOrNull(str(raw['thanh_phan_ho_so'])),
    onlineLevel: deriveOnlineLevel(channels),
    workflow: [],
    source: { format: 'dvcqg_detail', url: d.source.url, formalityId: d.source.formalityId, group: d.source.group, issuingMinistry: null },
    problems,
  };
  data.workflow = defaultWorkflow(data);
  return data;
}

export function readDetailRecord(raw: unknown, link: AgencyLinker, options: ParseRecordOptions): SourceRecord {
  const parsed = parseProcedureRecord(raw, options);
  const rawCode = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['ma_thu_tuc'] : undefined;
  if (!parsed.ok) return { ok: false, code: typeof rawCode === 'string' ? rawCode.trim() || null : null, errors: parsed.errors };
  const data = fromDetailDraft(parsed.value, raw as Record<string, unknown>, link);
  return checked(data, { mode: 'replace', intent: 'if_publishable', effectiveFrom: null, problems: data.problems });
}

/** A row of the portal's list export: code, name, issuing ministry, implementing agency, field. */
export function fromListEntry(e: CatalogListEntry, link: AgencyLinker): ProcedureData {
  return {
    ...emptyProcedure(e.code, e.name),
    field: e.field,
    agencies: {
      competent: { text: null, codes: [] },
      implementing: { text: e.implementingAgency, codes: link(e.implementingAgency) },
      receiving: { text: null, codes: [] },
      authorised: { text: null, codes: [] },
      coordinating: { text: null, codes: [] },
    },
    source: { format: 'dvcqg_list', url: null, formalityId: null, group: e.sourceFile, issuingMinistry: e.issuingMinistry },
  };
}

export function readListRow(row: Record<string, string>, link: AgencyLinker, options: ParseRecordOptions): SourceRecord {
  const parsed = parseCatalogCsvRow(row, options);
  if (!parsed.ok) return { ok: false, code: row['ma_thu_tuc']?.trim() || null, errors: parsed.errors };
  const problems: FieldProblem[] = [];
  if (!PROCEDURE_CODE_RE.test(parsed.value.code)) problems.push({ field: 'ma_thu_tuc', reason: `code "${parsed.value.code}" is outside domain.md §9.1 (accepted on request)` });
  return checked(fromListEntry(parsed.value, link), { mode: 'merge', intent: 'if_publishable', effectiveFrom: null, problems });
}

/** One item of our own export (JSON, or a CSV/Excel row once its data column is decoded). */
export const ExportItem = z
  .object({
    code: z.string(),
    status: z.enum(['draft', 'published', 'abolished']).default('draft'),
    versionNumber: z.number().int().positive().nullable().optional(),
    effectiveFrom: z.iso.date().nullable().optional(),
    effectiveTo: z.iso.date().nullable().optional(),
    data: z.unknown(),
  })
  .loose();

export function readExportItem(item: unknown): SourceRecord {
  const head = ExportItem.safeParse(item);
  const guessCode = typeof item === 'object' && item !== null && typeof (item as { code?: unknown }).code === 'string' ? (item as { code: string }).code : null;
  if (!head.success) return { ok: false, code: guessCode, errors: zodProblems(head.error, '') };
  const parsed = ProcedureData.safeParse(head.data.data);
  if (!parsed.success) return { ok: false, code: head.data.code, errors: zodProblems(parsed.error, 'data.') };
  const data = parsed.data;
  const errors: FieldProblem[] = [];
  if (data.code !== head.data.code) errors.push({ field: 'data.code', reason: `"${data.code}" differs from the record code "${head.data.code}"` });
  // Our own export only holds codes that were accepted once (5.xxxxxx and 6.xxxxxx on request), so
  // its round trip does not need the option again.
  if (!LOOSE_PROCEDURE_CODE_RE.test(head.data.code)) {
    errors.push({ field: 'code', reason: `invalid procedure code "${head.data.code.slice(0, 40)}": expected ${PROCEDURE_CODE_RE.source}` });
  }
  if (errors.length) return { ok: false, code: head.data.code, errors };
  return checked(data, {
    mode: 'replace',
    intent: head.data.status === 'published' ? 'publish' : head.data.status,
    effectiveFrom: head.data.effectiveFrom ?? null,
    problems: [],
  });
}

function checked(data: ProcedureData, rest: Omit<Extract<SourceRecord, { ok: true }>, 'ok' | 'code' | 'data'>): SourceRecord {
  // The model schema is the last gate: a parser slip must reject one record, not corrupt the catalog.
  const valid = ProcedureData.safeParse(data);
  if (!valid.success) return { ok: false, code: data.code, errors: zodProblems(valid.error, '') };
  return { ok: true, code: data.code, data: valid.data, ...rest };
}

export function zodProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.slice(0, 20).map((i) => ({ field: `${prefix}${i.path.map(String).join('.')}` || '$', reason: i.message }));
}

export function issuesAsProblems(issues: readonly FieldIssue[]): FieldProblem[] {
  return issues.map((i) => ({ field: i.field, reason: i.message }));
}
