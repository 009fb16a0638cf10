/**
 * What each action carries, and its validation. The API validates shapes with its schemas too, but the
 * domain re-checks everything it relies on, so a caller cannot bypass a rule by skipping the schema.
 * Strings are trimmed; the normalised payload is what the history stores.
 */
import type { Duration } from '../../calendar/index.js';
import {
  Action,
  Channel,
  PauseReason,
  ReturnMethod,
  StopReason,
} from './actions.js';
import { assertNever } from './assert-never.js';
import { isAgencyCode } from './dossier-code.js';
import { dossierError, DossierErrorCode } from './errors.js';

export interface SupplementItem {
  /** Code of the dossier component (thành phần hồ sơ) in the procedure. */
  readonly componentCode: string;
  readonly reason: string;
}

export interface SuppliedItem {
  readonly componentCode: string;
  readonly note?: string;
}

/** A hand-over may name the new step and give it a time budget (control slip). */
export interface StepInput {
  readonly stepName?: string;
  readonly stepBudget?: Duration;
}

export interface ActionPayloads {
  CREATE: {
    readonly procedureCode: string;
    readonly channel: Channel;
    /** The one-stop desk that receives and returns. */
    readonly receivingAgencyCode: string;
    /** The body competent to settle (lead agency). */
    readonly competentAgencyCode: string;
  };
  SUBMIT_ONLINE: { readonly note?: string };
  RECEIVE: StepInput & {
    /** Formatted by the service with formatDossierCode; its date must be the receipt date. */
    readonly dossierCode: string;
    /** The procedure case's time limit for this channel. */
    readonly timeLimit: Duration;
  };
  REFUSE_RECEPTION: { readonly reasons: readonly string[] };
  REQUEST_SUPPLEMENT: { readonly items: readonly SupplementItem[]; readonly legalBasis?: string };
  RECEIVE_SUPPLEMENT: { readonly items: readonly SuppliedItem[] };
  ASSIGN: StepInput & { readonly assigneeId: string };
  PROCESS_STEP: { readonly note: string };
  FORWARD: StepInput & { readonly assigneeId?: string };
  SUBMIT_FOR_APPROVAL: StepInput & { readonly approverId?: string };
  TRANSFER: StepInput & { readonly toAgencyCode: string; readonly reason: string };
  RECEIVE_BACK: StepInput & { readonly assigneeId?: string; readonly note?: string };
  PAUSE: { readonly reason: PauseReason; readonly legalBasis: string };
  RESUME: { readonly note?: string };
  /** Amount in VND (whole đồng). */
  REQUEST_PAYMENT: { readonly amount: number; readonly description: string };
  RECORD_PAYMENT: { readonly amount: number; readonly receiptNumber?: string };
  APPROVE: StepInput & { readonly note?: string };
  REFUSE_TO_SETTLE: { readonly reasons: readonly string[] };
  RECORD_RESULT: { readonly documentNumber: string; readonly summary: string };
  RETURN_RESULT: { readonly method: ReturnMethod; readonly receiverName?: string };
  WITHDRAW: { readonly reason?: string };
  STOP_PROCESSING: { readonly reason: StopReason; readonly note: string };
  ISSUE_APOLOGY: { readonly reason: string; readonly newDue: Date };
  /** What changed in the official schedule (e.g. "day_off 2026-04-27") and the notice that announced it. */
  REDATE: { readonly change: string; readonly source: string };
}
export type PayloadOf<A extends Action> = ActionPayloads[A];
/** Any action with its payload, as a discriminated union. */
export type Command = { [A in Action]: { readonly action: A; readonly payload: ActionPayloads[A] } }[Action];

// ---------------------------------------------------------------------------------------------
// Readers: each throws DOSSIER_INVALID_PAYLOAD (details: field, problem) on bad input.

type Raw = Record<string, unknown>;
const MAX_TEXT = 4000;

const bad = (field: string, problem: string) => dossierError(DossierErrorCode.INVALID_PAYLOAD, { field, problem });

function objectOf(raw: unknown, field = 'payload'): Raw {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw bad(field, 'must be an object');
  return raw as Raw;
}

function text(o: Raw, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw bad(key, 'required text');
  if (v.length > MAX_TEXT) throw bad(key, 'too long');
  return v.trim();
}

function optionalText(o: Raw, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  return text(o, key);
}

function texts(o: Raw, key: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length === 0) throw bad(key, 'at least one required');
  return v.map((item, i) => text({ [`${key}[${i}]`]: item }, `${key}[${i}]`));
}

function oneOf<T extends string>(o: Raw, key: string, values: Readonly<Record<string, T>>): T {
  const v = o[key];
  const allowed = Object.values(values);
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw bad(key, `one of ${allowed.join(', ')}`);
  return v as T;
}

function agencyCode(o: Raw, key: string): string {
  const v = text(o, key);
  if (!isAgencyCode(v)) throw bad(key, 'not an agency electronic identifier');
  return v;
}

function instant(o: Raw, key: string): Date {
  const v = o[key];
  const d = v instanceof Date ? new Date(v.getTime()) : typeof v === 'string' ? new Date(v) : null;
  if (d === null || Number.isNaN(d.getTime())) throw bad(key, 'required date-time');
  return d;
}

function vnd(o: Raw, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw bad(key, 'a positive whole number of đồng');
  return v;
}

const DURATION_UNITS = ['working_days', 'working_hours', 'working_minutes', 'calendar_days', 'same_day'] as const;

/** Shape only; the calendar rejects what it cannot compute (negative, fractional, bad cut-off). */
function duration(raw: unknown, field: string): Duration {
  const o = objectOf(raw, field);
  const unit = o.unit;
  if (typeof unit !== 'string' || !(DURATION_UNITS as readonly string[]).includes(unit)) {
    throw bad(`${field}.unit`, `one of ${DURATION_UNITS.join(', ')}`);
  }
  if (unit === 'same_day') {
    const cutoff = o.cutoff;
    if (cutoff !== undefined && typeof cutoff !== 'string') throw bad(`${field}.cutoff`, "'HH:MM'");
    return cutoff === undefined ? { unit } : { unit, cutoff };
  }
  const value = o.value;
  if (typeof value !== 'number') throw bad(`${field}.value`, 'required number');
  const countFrom = o.countFrom;
  if (countFrom !== undefined && countFrom !== 'receipt' && countFrom !== 'next_working_day') {
    throw bad(`${field}.countFrom`, "'receipt' or 'next_working_day'");
  }
  const u = unit as Exclude<(typeof DURATION_UNITS)[number], 'same_day'>;
  return countFrom === undefined ? { unit: u, value } : { unit: u, value, countFrom };
}

function step(o: Raw): StepInput {
  const stepName = optionalText(o, 'stepName');
  const stepBudget = o.stepBudget === undefined || o.stepBudget === null ? undefined : duration(o.stepBudget, 'stepBudget');
  return { ...(stepName !== undefined && { stepName }), ...(stepBudget !== undefined && { stepBudget }) };
}

function withOptional<T extends object>(base: T, extras: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) out[k] = v;
  return out as T;
}

function supplementItems(o: Raw): SupplementItem[] {
  const v = o.items;
  if (!Array.isArray(v) || v.length === 0) {
    throw dossierError(DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED, { field: 'items', problem: 'at least one item' });
  }
  const seen = new Set<string>();
  return v.map((raw, i) => {
    const item = objectOf(raw, `items[${i}]`);
    const componentCode = item.componentCode;
    const reason = item.reason;
    if (typeof componentCode !== 'string' || componentCode.trim() === '' || typeof reason !== 'string' || reason.trim() === '') {
      throw dossierError(DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED, {
        field: `items[${i}]`,
        problem: 'componentCode and reason are required',
      });
    }
    const code = componentCode.trim();
    if (seen.has(code)) throw bad(`items[${i}].componentCode`, 'listed twice');
    seen.add(code);
    return { componentCode: code, reason: reason.trim() };
  });
}

function suppliedItems(o: Raw): SuppliedItem[] {
  const v = o.items;
  if (!Array.isArray(v) || v.length === 0) throw bad('items', 'at least one item');
  const seen = new Set<string>();
  return v.map((raw, i) => {
    const item = objectOf(raw, `items[${i}]`);
    const componentCode = text(item, 'componentCode');
    if (seen.has(componentCode)) throw bad(`items[${i}].componentCode`, 'listed twice');
    seen.add(componentCode);
    return withOptional({ componentCode }, { note: optionalText(item, 'note') });
  });
}

/**
 * Validates and normalises the payload of an action. Throws a DossierError; `decide` turns it into a
 * refusal. Exhaustive over actions (no `default:`).
 */
export function parsePayload<A extends Action>(action: A, raw: unknown): PayloadOf<A>;
export function parsePayload(action: Action, raw: unknown): PayloadOf<Action> {
  const o = objectOf(raw);
  switch (action) {
    case Action.CREATE:
      return {
        procedureCode: text(o, 'procedureCode'),
        channel: oneOf(o, 'channel', Channel),
        receivingAgencyCode: agencyCode(o, 'receivingAgencyCode'),
        competentAgencyCode: agencyCode(o, 'competentAgencyCode'),
      };
    case Action.SUBMIT_ONLINE:
    case Action.RESUME:
      return withOptional({}, { note: optionalText(o, 'note') });
    case Action.RECEIVE:
      return { ...step(o), dossierCode: text(o, 'dossierCode'), timeLimit: duration(o.timeLimit, 'timeLimit') };
    case Action.REFUSE_RECEPTION:
    case Action.REFUSE_TO_SETTLE:
      return { reasons: texts(o, 'reasons') };
    case Action.REQUEST_SUPPLEMENT:
      return withOptional({ items: supplementItems(o) }, { legalBasis: optionalText(o, 'legalBasis') });
    case Action.RECEIVE_SUPPLEMENT:
      return { items: suppliedItems(o) };
    case Action.ASSIGN:
      return { ...step(o), assigneeId: text(o, 'assigneeId') };
    case Action.PROCESS_STEP:
      return { note: text(o, 'note') };
    case Action.FORWARD:
      return withOptional(step(o), { assigneeId: optionalText(o, 'assigneeId') });
    case Action.SUBMIT_FOR_APPROVAL:
      return withOptional(step(o), { approverId: optionalText(o, 'approverId') });
    case Action.TRANSFER: {
      const v = o.toAgencyCode;
      if (typeof v !== 'string' || v.trim() === '') {
        throw dossierError(DossierErrorCode.TRANSFER_TARGET_INVALID, { field: 'toAgencyCode', problem: 'required' });
      }
      return { ...step(o), toAgencyCode: agencyCode(o, 'toAgencyCode'), reason: text(o, 'reason') };
    }
    case Action.RECEIVE_BACK:
      return withOptional(step(o), { assigneeId: optionalText(o, 'assigneeId'), note: optionalText(o, 'note') });
    case Action.PAUSE:
      return { reason: oneOf(o, 'reason', PauseReason), legalBasis: text(o, 'legalBasis') };
    case Action.REQUEST_PAYMENT:
      return { amount: vnd(o, 'amount'), description: text(o, 'description') };
    case Action.RECORD_PAYMENT:
      return withOptional({ amount: vnd(o, 'amount') }, { receiptNumber: optionalText(o, 'receiptNumber') });
    case Action.APPROVE:
      return withOptional(step(o), { note: optionalText(o, 'note') });
    case Action.RECORD_RESULT:
      return { documentNumber: text(o, 'documentNumber'), summary: text(o, 'summary') };
    case Action.RETURN_RESULT:
      return withOptional({ method: oneOf(o, 'method', ReturnMethod) }, { receiverName: optionalText(o, 'receiverName') });
    case Action.WITHDRAW:
      return withOptional({}, { reason: optionalText(o, 'reason') });
    case Action.STOP_PROCESSING:
      return { reason: oneOf(o, 'reason', StopReason), note: text(o, 'note') };
    case Action.ISSUE_APOLOGY:
      return { reason: text(o, 'reason'), newDue: instant(o, 'newDue') };
    case Action.REDATE:
      return { change: text(o, 'change'), source: text(o, 'source') };
  }
  return assertNever(action, 'action');
}
