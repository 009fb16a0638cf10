/**
 * The procedure model (thủ tục hành chính) as zod schemas: one schema gives request validation,
 * response serialization and OpenAPI. `ProcedureData` is also what a version stores in
 * `procedure_versions.data`, so the API, the import and the export share one shape.
 *
 * Top-level fields carry no `.default()`: zod applies defaults inside `.partial()`, which would turn
 * an omitted PATCH field into a reset. Defaults for a new procedure are filled in by `completeProcedure`.
 */
import { z } from 'zod';
import { ROLES } from '../../platform/auth/actor.js';
import { AgencyCode } from '../org/org.schemas.js';
import { MAX_FEE_VND } from './parse/fees.js';
import { LOOSE_PROCEDURE_CODE_RE, PROCEDURE_CODE_RE } from './parse/record.js';
import { formSchemaIssues } from './form-schema.js';

export const PROCEDURE_LEVELS = ['central', 'province', 'commune'] as const;
export const APPLICANT_TYPES = ['citizen', 'business', 'organisation'] as const;
export const CHANNELS = ['in_person', 'online', 'postal'] as const;
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day', 'months'] as const;
export const BUDGET_UNITS = ['working_hours', 'working_days', 'calendar_days'] as const;
export const SOURCE_FORMATS = ['api', 'dvcqg_detail', 'dvcqg_list', 'motcua'] as const;

/** National procedure code, domain.md §9.1: `^[1-3]\.\d{6}$`, e.g. 1.001193. */
export const ProcedureCode = z.string().regex(PROCEDURE_CODE_RE, 'must look like 1.001193 (1–3, a dot, six digits)');
/** Codes as stored: the national database also has 5.xxxxxx and 6.xxxxxx, accepted by the import on request. */
export const StoredProcedureCode = z.string().regex(LOOSE_PROCEDURE_CODE_RE, 'must look like 1.001193');

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const Text = (max: number) => z.string().max(max);

const DurationFields = {
  unit: z.enum(TIME_UNITS),
  value: z.number().positive().max(1095).optional(),
  cutoff: Clock.optional(),
  afterCutoff: z.enum(['next_working_day']).optional(),
  countFrom: z.enum(['receipt', 'next_working_day']).optional(),
  /** The published text had no unit; working days were assumed. */
  unitAssumed: z.boolean().optional(),
};

function checkDuration(t: { unit: string; value?: number | undefined }, ctx: z.RefinementCtx) {
  if (t.unit === 'same_day' && t.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a same-day time limit has no value' });
  if (t.unit !== 'same_day' && t.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `a time limit in ${t.unit} needs a value` });
}

const AlternativeTime = z.object(DurationFields).strict().superRefine(checkDuration);

/** Processing time limit (thời hạn giải quyết), structured. */
export const ProcessingTime = z
  .object({ ...DurationFields, alternatives: z.array(AlternativeTime).max(20).optional() })
  .strict()
  .superRefine(checkDuration)
  .meta({
    id: 'ProcessingTime',
    description:
      'unit: working_days | working_hours | calendar_days | months (with value) or same_day (optionally with cutoff "15:00" and afterCutoff next_working_day)',
  });

export const Fee = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('free'), text: Text(4000).optional() }).strict(),
    z
      .object({
        kind: z.literal('amount'),
        amountVnd: z.number().int().min(0, 'a fee cannot be negative').max(MAX_FEE_VND),
        label: Text(500),
        per: Text(200).optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('rule'),
        text: z.string().min(1).max(4000),
        currency: z.string().regex(/^[A-Z]{3}$/).optional(),
        amount: z.number().min(0, 'a fee cannot be negative').optional(),
        per: Text(200).optional(),
      })
      .strict(),
  ])
  .meta({ id: 'Fee', description: 'free; an amount in VND; or a rule (text, or a foreign-currency amount)' });

export const ChannelRow = z
  .object({
    channel: z.enum(CHANNELS),
    processingTime: ProcessingTime.nullable().default(null),
    /** Original time text, when the row was parsed from published text. */
    processingTimeText: Text(4000).nullable().default(null),
    fees: z.array(Fee).max(50).default([]),
    feeNote: Text(4000).nullable().default(null),
    description: Text(20000).nullable().default(null),
    /** The whole published row, as scraped. */
    text: Text(20000).nullable().default(null),
  })
  .strict()
  .meta({ id: 'ProcedureChannel', description: 'One submission channel (in person, online, postal) with its time limit and fees' });

export const FormTemplate = z
  .object({
    name: z.string().min(1).max(500),
    url: z.string().max(2000).nullable().default(null),
  })
  .strict();

export const DossierComponent = z
  .object({
    name: z.string().min(1).max(4000),
    originals: z.number().int().min(0).max(100).nullable().default(null),
    copies: z.number().int().min(0).max(100).nullable().default(null),
    required: z.boolean().nullable().default(null),
    templates: z.array(FormTemplate).max(20).default([]),
    /** May be replaced by data the system already holds (e.g. the national population database). */
    replaceableByData: z.boolean().default(false),
    dataSource: Text(200).nullable().default(null),
    caseName: Text(50_000).nullable().default(null),
    text: Text(50_000).nullable().default(null),
  })
  .strict()
  .meta({ id: 'DossierComponent', description: 'One paper of the dossier (thành phần hồ sơ)' });

export const AgencyRef = z
  .object({
    /** The published text ("Ủy ban nhân dân cấp xã"). */
    text: Text(4000).nullable().default(null),
    /** Agencies of the agency tree it was linked to, when known. */
    codes: z.array(AgencyCode).max(50).default([]),
  })
  .strict();

const emptyRef = () => ({ text: null, codes: [] as string[] });

export const ProcedureAgencies = z
  .object({
    competent: AgencyRef.default(emptyRef),
    implementing: AgencyRef.default(emptyRef),
    receiving: AgencyRef.default(emptyRef),
    authorised: AgencyRef.default(emptyRef),
    coordinating: AgencyRef.default(emptyRef),
  })
  .strict()
  .meta({ id: 'ProcedureAgencies' });

export const LegalBasis = z.object({ title: Text(4000), code: Text(100).nullable().default(null) }).strict();
export const ResultDocument = z.object({ name: Text(4000), code: Text(100).nullable().default(null) }).strict();

export const WorkflowStep = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _'),
    name: z.string().min(1).max(300),
    role: z.enum(ROLES),
    /** null: the agency that holds the dossier at that point (the receiving or competent agency). */
    agencyCode: AgencyCode.nullable().default(null),
    budget: z.object({ unit: z.enum(BUDGET_UNITS), value: z.number().positive().max(2000) }).strict(),
  })
  .strict()
  .meta({ id: 'WorkflowStep', description: 'One step of the default internal workflow, run by the dossier engine' });

export const Workflow = z
  .array(WorkflowStep)
  .max(30)
  .superRefine((steps, ctx) => {
    const keys = new Set<string>();
    steps.forEach((s, i) => {
      if (keys.has(s.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate step key "${s.key}"` });
      keys.add(s.key);
    });
  });

export const FormSchema = z
  .record(z.string(), z.unknown())
  .superRefine((schema, ctx) => {
    for (const message of formSchemaIssues(schema)) ctx.addIssue({ code: 'custom', message });
  })
  .meta({ id: 'FormSchema', description: 'JSON Schema (2020-12) of the fields the applicant fills in online; top-level type object' });

export const ProcedureSource = z
  .object({
    format: z.enum(SOURCE_FORMATS),
    url: Text(2000).nullable().default(null),
    formalityId: Text(200).nullable().default(null),
    group: Text(200).nullable().default(null),
    issuingMinistry: Text(500).nullable().default(null),
  })
  .strict();

export const ParseProblem = z.object({ field: z.string(), reason: z.string() }).strict();

/** Everything a procedure version holds. */
export const ProcedureData = z
  .object({
    code: StoredProcedureCode,
    name: z.string().trim().min(1).max(2000),
    field: Text(500).nullable(),
    type: Text(500).nullable(),
    levels: z.array(z.enum(PROCEDURE_LEVELS)).max(3),
    levelsText: Text(1000).nullable(),
    applicantTypes: z.array(z.enum(APPLICANT_TYPES)).max(3),
    applicantsText: Text(4000).nullable(),
    agencies: ProcedureAgencies,
    steps: Text(100_000).nullable(),
    requirements: Text(100_000).nullable(),
    legalBases: z.array(LegalBasis).max(200),
    legalBasesText: Text(100_000).nullable(),
    results: z.array(ResultDocument).max(50),
    resultText: Text(20_000).nullable(),
    relatedText: Text(20_000).nullable(),
    /** Decision that published the procedure (số quyết định công bố), e.g. "163/QĐ-BTP". */
    decisionNumber: Text(200).nullable(),
    channels: z.array(ChannelRow).max(60),
    channelsText: Text(100_000).nullable(),
    components: z.array(DossierComponent).max(300),
    componentsText: Text(200_000).nullable(),
    onlineLevel: z.enum(ONLINE_LEVELS),
    formSchema: FormSchema.nullable(),
    workflow: Workflow,
    source: ProcedureSource,
    /** What could not be read when the procedure was imported from published text. */
    problems: z.array(ParseProblem).max(500),
  })
  .strict()
  .meta({ id: 'ProcedureData' });

export type ProcedureData = z.output<typeof ProcedureData>;
export type ProcedureDataInput = z.input<typeof ProcedureData>;
export type ChannelRow = z.output<typeof ChannelRow>;
export type Fee = z.output<typeof Fee>;
export type ProcessingTime = z.output<typeof ProcessingTime>;
export type DossierComponent = z.output<typeof DossierComponent>;
export type WorkflowStep = z.output<typeof WorkflowStep>;

const IsoDate = z.iso.date();

/** Create: code and name, everything else optional (filled with empty values). API codes follow §9.1 strictly. */
export const ProcedureCreate = ProcedureData.partial()
  .extend({ code: ProcedureCode, name: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: 'ProcedureCreate' });

/** Edit the working draft: any subset of the fields; each given field replaces the stored one. */
export const ProcedureUpdate = ProcedureData.omit({ code: true, source: true, problems: true }).partial().strict().meta({ id: 'ProcedureUpdate' });

export const PublishBody = z
  .object({
    /** First day the version applies (default: today in Viet Nam). */
    effectiveFrom: IsoDate.optional(),
    decisionNumber: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'ProcedurePublish' });

export const AbolishBody = z
  .object({
    effectiveFrom: IsoDate.optional(),
    decisionNumber: z.string().trim().min(1).max(200).optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'ProcedureAbolish' });

export const PROCEDURE_STATUSES = ['draft', 'published', 'abolished'] as const;
export const VERSION_STATUSES = ['draft', 'published', 'superseded', 'abolished'] as const;

const ChannelSummary = z.object({ channel: z.enum(CHANNELS), processingTime: z.string().nullable(), fee: z.string().nullable() });

export const ProcedureSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    field: z.string().nullable(),
    levels: z.array(z.string()),
    applicantTypes: z.array(z.string()),
    onlineLevel: z.string(),
    agency: z.string().nullable(),
    agencyCodes: z.array(z.string()),
    decisionNumber: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    status: z.enum(PROCEDURE_STATUSES),
    versionNumber: z.number().int().nullable(),
    channels: z.array(ChannelSummary),
    /** How the name matched the query: every word, every word after correcting a typo, or all words but one. */
    match: z.enum(['all_words', 'corrected', 'most_words']).nullable(),
  })
  .meta({ id: 'ProcedureSummary' });

export const ProcedureDetail = ProcedureData.safeExtend({
  status: z.enum(PROCEDURE_STATUSES),
  /** Concurrency version of the procedure record (ETag / If-Match). */
  version: z.number().int(),
  versionNumber: z.number().int(),
  versionStatus: z.enum(VERSION_STATUSES),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  publishedAt: z.string().nullable(),
}).meta({ id: 'ProcedureDetail' });

export const ProcedureVersionView = z
  .object({
    number: z.number().int(),
    status: z.enum(VERSION_STATUSES),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    decisionNumber: z.string().nullable(),
    contentHash: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    /** Top-level fields that differ from the previous version listed (empty for the first). */
    changedFields: z.array(z.string()),
    data: ProcedureData,
  })
  .meta({ id: 'ProcedureVersion' });

export const ProcedureVersions = z
  .object({ code: z.string(), status: z.enum(PROCEDURE_STATUSES), versions: z.array(ProcedureVersionView) })
  .meta({ id: 'ProcedureVersions' });

export const CatalogProcedure = z
  .object({
    code: z.string(),
    status: z.enum(PROCEDURE_STATUSES),
    version: z.number().int(),
    currentVersion: z.number().int().nullable(),
    latestVersion: z.number().int(),
    abolishedOn: z.string().nullable(),
    availableActions: z.array(z.string()),
    /** Problems that block publishing the working draft, if any. */
    publishIssues: z.array(z.object({ field: z.string(), message: z.string(), vi: z.string() })),
    latest: ProcedureVersionView,
  })
  .meta({ id: 'CatalogProcedure' });

const RecordIssue = z.object({ field: z.string(), reason: z.string() });
export const ImportReport = z
  .object({
    format: z.string(),
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    partlyParsed: z.number().int(),
    drafts: z.number().int(),
    rejected: z.number().int(),
    records: z.array(
      z.object({
        index: z.number().int(),
        code: z.string().nullable(),
        outcome: z.enum(['created', 'updated', 'unchanged', 'rejected']),
        status: z.enum(PROCEDURE_STATUSES).nullable(),
        versionNumber: z.number().int().nullable(),
        problems: z.array(RecordIssue),
        errors: z.array(RecordIssue),
      }),
    ),
  })
  .meta({ id: 'CatalogImportReport' });
export type ImportReport = z.output<typeof ImportReport>;
