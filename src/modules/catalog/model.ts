/**
 * Pure rules of the procedure model: completing a new procedure, what publishing requires, the
 * content hash that makes imports idempotent, search keys and list summaries. No HTTP, no SQL.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/audit.js';
import type { ChannelRow, Fee, ProcedureData, ProcedureDataInput, WorkflowStep } from './catalog.schemas.js';
import { formatVnd } from './parse/fees.js';
import { formatProcessingTime } from './parse/processing-time.js';
import { toSearchKey } from './parse/search-text.js';
import { formSchemaIssues } from './form-schema.js';

/** A problem with one field of a procedure: `message` in English, `vi` the same in Vietnamese. */
export type FieldIssue = { field: string; message: string; vi: string };

const emptyAgencies = (): ProcedureData['agencies'] => ({
  competent: { text: null, codes: [] },
  implementing: { text: null, codes: [] },
  receiving: { text: null, codes: [] },
  authorised: { text: null, codes: [] },
  coordinating: { text: null, codes: [] },
});

/** Every top-level field with its empty value; used to complete a partial procedure. */
export function emptyProcedure(code: string, name: string): ProcedureData {
  return {
    code,
    name,
    field: null,
    type: null,
    levels: [],
    levelsText: null,
    applicantTypes: [],
    applicantsText: null,
    agencies: emptyAgencies(),
    steps: null,
    requirements: null,
    legalBases: [],
    legalBasesText: null,
    results: [],
    resultText: null,
    relatedText: null,
    decisionNumber: null,
    channels: [],
    channelsText: null,
    components: [],
    componentsText: null,
    onlineLevel: 'none',
    formSchema: null,
    workflow: [],
    source: { format: 'api', url: null, formalityId: null, group: null, issuingMinistry: null },
    problems: [],
  };
}

/**
 * Fills the fields a caller left out. Nested values are expected to be already parsed by the zod
 * schemas (their own defaults applied).
 */
export function completeProcedure(input: Partial<ProcedureData> & { code: string; name: string }): ProcedureData {
  const base = emptyProcedure(input.code, input.name);
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = v;
  return out as ProcedureData;
}

/** Applies a partial update (each given top-level field replaces the stored one). */
export function applyUpdate(current: ProcedureData, changes: Partial<ProcedureData>): ProcedureData {
  const out = { ...current } as Record<string, unknown>;
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) out[k] = v;
  return out as ProcedureData;
}

/**
 * Deterministic hash of a version's content: the same record imported twice hashes the same, so a
 * re-run recognises it and changes nothing.
 */
export function contentHash(data: ProcedureData | ProcedureDataInput): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

/** Agencies whose procedure-control officers may manage the procedure (coordinating agencies excluded). */
export function managingAgencyCodes(data: Pick<ProcedureData, 'agencies'>): string[] {
  const a = data.agencies;
  return [...new Set([...a.competent.codes, ...a.implementing.codes, ...a.receiving.codes, ...a.authorised.codes])].sort();
}

/** Every agency code the procedure mentions, for existence checks. */
export function allAgencyCodes(data: Pick<ProcedureData, 'agencies' | 'workflow'>): string[] {
  const a = data.agencies;
  const codes = [...a.competent.codes, ...a.implementing.codes, ...a.receiving.codes, ...a.authorised.codes, ...a.coordinating.codes];
  for (const s of data.workflow) if (s.agencyCode) codes.push(s.agencyCode);
  return [...new Set(codes)].sort();
}

export const hasProcessingTime = (data: Pick<ProcedureData, 'channels'>) => data.channels.some((c) => c.processingTime !== null);

/** Working hours in a working day, to compare workflow budgets with time limits. */
const HOURS_PER_WORKING_DAY = 8;

/** A duration in comparable units: working hours, or calendar days. null for month-based limits. */
function comparable(unit: string, value: number | undefined): { kind: 'working' | 'calendar'; amount: number } | null {
  if (unit === 'working_hours') return { kind: 'working', amount: value ?? 0 };
  if (unit === 'working_days') return { kind: 'working', amount: (value ?? 0) * HOURS_PER_WORKING_DAY };
  if (unit === 'same_day') return { kind: 'working', amount: HOURS_PER_WORKING_DAY };
  if (unit === 'calendar_days') return { kind: 'calendar', amount: value ?? 0 };
  return null;
}

/**
 * What stops a version from being published. A published procedure must state a processing time
 * (citizens and the dossier engine rely on it), at least one implementing level, and a workflow whose
 * step budgets fit within the shortest time limit.
 */
export function publishIssues(data: ProcedureData): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (data.channels.length === 0) {
    issues.push({
      field: 'channels',
      message: 'no submission channel: a published procedure needs at least one channel with a processing time',
      vi: 'chưa có cách thức nộp hồ sơ: thủ tục công bố phải có ít nhất một cách thức nộp kèm thời hạn giải quyết',
    });
  } else if (!hasProcessingTime(data)) {
    issues.push({
      field: 'channels',
      message: 'no processing time for any channel: a published procedure needs a processing time',
      vi: 'chưa có thời hạn giải quyết cho cách thức nộp nào: thủ tục công bố phải có thời hạn giải quyết',
    });
  }
  if (data.levels.length === 0) {
    issues.push({ field: 'levels', message: 'no implementing level (central, province or commune)', vi: 'chưa có cấp thực hiện (trung ương, tỉnh hoặc xã)' });
  }
  if (data.formSchema !== null) {
    for (const m of formSchemaIssues(data.formSchema)) issues.push({ field: 'formSchema', message: m, vi: `biểu mẫu điện tử (JSON Schema) không dùng được: ${m}` });
  }
  const times = data.channels.flatMap((c) => (c.processingTime ? [comparable(c.processingTime.unit, c.processingTime.value)] : []));
  for (const kind of ['working', 'calendar'] as const) {
    const limits = times.filter((t): t is NonNullable<typeof t> => t !== null && t.kind === kind).map((t) => t.amount);
    const steps = data.workflow.map((s) => comparable(s.budget.unit, s.budget.value)).filter((t) => t?.kind === kind);
    if (limits.length === 0 || steps.length !== data.workflow.length || steps.length === 0) continue;
    const total = steps.reduce((sum, t) => sum + (t?.amount ?? 0), 0);
    const shortest = Math.min(...limits);
    if (total > shortest + 1e-9) {
      issues.push({
        field: 'workflow',
        message: `the step budgets add up to ${total} ${kind === 'working' ? 'working hours' : 'days'}, more than the time limit (${shortest})`,
        vi: `tổng thời gian các bước là ${total} ${kind === 'working' ? 'giờ làm việc' : 'ngày'}, vượt thời hạn giải quyết (${shortest})`,
      });
    }
  }
  return issues;
}

/** Without a published service level, a procedure that can be filed online is taken as partly online. */
export function deriveOnlineLevel(channels: readonly Pick<ChannelRow, 'channel'>[]): 'partial' | 'none' {
  return channels.some((c) => c.channel === 'online') ? 'partial' : 'none';
}

/**
 * A default internal workflow for a procedure that has none: receive, process, approve, deliver,
 * sharing the shortest processing time 10/65/15/10 in the unit of that time (hundredths; processing
 * absorbs the rounding), so the budgets always add up to the time limit.
 */
export function defaultWorkflow(data: Pick<ProcedureData, 'channels'>): WorkflowStep[] {
  const times = data.channels.map((c) => c.processingTime).filter((t): t is NonNullable<typeof t> => t !== null);
  if (times.length === 0) return [];
  const ranked = times
    .map((t) => ({ t, c: comparable(t.unit, t.value) }))
    .sort((a, b) => (a.c?.amount ?? Infinity) - (b.c?.amount ?? Infinity));
  const t = ranked[0]!.t;
  let unit: WorkflowStep['budget']['unit'];
  let total: number;
  if (t.unit === 'same_day') [unit, total] = ['working_hours', HOURS_PER_WORKING_DAY];
  else if (t.unit === 'months') [unit, total] = ['calendar_days', (t.value ?? 1) * 30];
  else [unit, total] = [t.unit, t.value ?? 1];
  if (unit === 'working_days' && total <= 1) [unit, total] = ['working_hours', total * HOURS_PER_WORKING_DAY];
  const share = (x: number) => Math.max(0.01, Math.floor(total * x * 100) / 100);
  const receive = share(0.1);
  const approve = share(0.15);
  const deliver = share(0.1);
  const process = Math.round((total - receive - approve - deliver) * 100) / 100;
  const step = (key: string, name: string, role: WorkflowStep['role'], value: number): WorkflowStep => ({
    key,
    name,
    role,
    agencyCode: null,
    budget: { unit, value },
  });
  return [
    step('receive', 'Tiếp nhận hồ sơ', 'reception', receive),
    step('process', 'Thẩm định, xử lý hồ sơ', 'specialist', process),
    step('approve', 'Phê duyệt kết quả', 'approver', approve),
    step('deliver', 'Trả kết quả', 'reception', deliver),
  ];
}

const PROCEDURE_PREFIX = /^thu tuc /;

/**
 * The name as searched: without diacritics, with kí/ký-style variants folded, punctuation turned
 * into spaces, and without the "Thủ tục" prefix most names carry, so it neither matches every query
 * nor dilutes the ranking. Queries go through the same function.
 *
 * @example nameSearchKey('Thủ tục: Đăng ký khai sinh (lưu động)') // 'dang ky khai sinh luu dong'
 */
export function nameSearchKey(name: string): string {
  const key = toSearchKey(name).replace(/[^a-z0-9]+/g, ' ').trim();
  const stripped = key.replace(PROCEDURE_PREFIX, '');
  return stripped === '' ? key : stripped;
}

export function fieldSearchKey(field: string | null): string | null {
  return field === null ? null : toSearchKey(field);
}

export function formatFee(fees: readonly Fee[]): string | null {
  if (fees.length === 0) return null;
  return fees
    .map((f) => {
      if (f.kind === 'free') return 'Miễn phí';
      if (f.kind === 'amount') return `${formatVnd(f.amountVnd)}${f.per ? `/${f.per}` : ''}`;
      return f.text.length > 120 ? `${f.text.slice(0, 117)}…` : f.text;
    })
    .join('; ');
}

export type ProcedureListSummary = { channels: { channel: ChannelRow['channel']; processingTime: string | null; fee: string | null }[] };

/** The first row of each channel, formatted for a result list. */
export function listSummary(data: Pick<ProcedureData, 'channels'>): ProcedureListSummary {
  const seen = new Set<string>();
  const channels: ProcedureListSummary['channels'] = [];
  for (const c of data.channels) {
    if (seen.has(c.channel)) continue;
    seen.add(c.channel);
    channels.push({
      channel: c.channel,
      processingTime: c.processingTime ? formatProcessingTime(c.processingTime) : null,
      fee: formatFee(c.fees),
    });
  }
  return { channels };
}

/** Top-level fields whose content differs between two versions, for the comparison page. */
export function changedFields(before: ProcedureData | null, after: ProcedureData): string[] {
  if (before === null) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => canonicalJson((before as Record<string, unknown>)[k]) !== canonicalJson((after as Record<string, unknown>)[k]))
    .sort();
}

/** Today's date in Viet Nam (UTC+7, no daylight saving), 'YYYY-MM-DD'. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
