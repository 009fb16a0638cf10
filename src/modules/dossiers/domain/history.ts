/**
 * The dossier's append-only history and the state derived from it.
 *
 * Every decision is recorded with the facts it fixed at the time: the due dates after the event, the
 * working time charged to the agency that held the dossier, the paused time, the slip and the rule set.
 * `replay` therefore needs no calendar: loading a new holiday notice later never moves the due date of
 * a dossier already received, and the status and clocks are a pure fold over the events.
 */
import type { Duration } from '../../calendar/index.js';
import { Action, type ClockEffect, type Channel, type PauseReason } from './actions.js';
import { assertNever } from './assert-never.js';
import { classifyStep, type RuleSetId, type Timeliness } from './deadline-rules.js';
import { dossierError, DossierErrorCode } from './errors.js';
import type { FormRef } from './forms.js';
import type { ActionPayloads, SupplementItem } from './payloads.js';
import { isTerminal, Status } from './status.js';

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

interface EventBase {
  /** 1, 2, 3… without gaps. */
  readonly seq: number;
  readonly at: Date;
  readonly actorId: string;
  readonly actorKind: 'officer' | 'applicant';
  /** The officer's agency; null for the applicant. */
  readonly agencyCode: string | null;
  readonly clockEffect: ClockEffect;
  /** `from` is null only for CREATE. */
  readonly status: { readonly from: Status | null; readonly to: Status };
  /** Appointment given to the applicant (ngày hẹn trả): the legal due date, or the apology's new date. */
  readonly due: Change<Date | null>;
  /** Legal due date: the time limit from receipt, moved only by pauses. Timeliness is judged on it. */
  readonly legalDue: Change<Date | null>;
  /** Due instant of the current step (control slip). */
  readonly stepDue: Change<Date | null>;
  /** Running working minutes since the previous event, charged to the agency that held the dossier. */
  readonly charge: { readonly agencyCode: string; readonly workingMinutes: number } | null;
  /** Working minutes of the pause this event ends (resume, or a stop while paused). */
  readonly pausedMinutes: number;
  /** The slip issued with the action, numbered by the form set in force on the event's day. */
  readonly form: FormRef | null;
  /** Rule set the action was decided under (the dossier's, once received). */
  readonly rules: RuleSetId;
  /** A supplement request beyond the first: the dossier counts as late (766 indicator 2.1). */
  readonly lateByRule?: true;
}

/** One entry of the history. A discriminated union: `event.action` narrows `event.payload`. */
export type DossierEvent = { [A in Action]: EventBase & { readonly action: A; readonly payload: ActionPayloads[A] } }[Action];

export interface StepState {
  readonly name: string | null;
  readonly agencyCode: string;
  readonly assigneeId: string | null;
  readonly since: Date;
  readonly due: Date | null;
}

export interface OpenSupplement {
  readonly round: number;
  readonly requestedAt: Date;
  /** Requested by the desk before receipt (completion), or by the processing body after it. */
  readonly beforeReceipt: boolean;
  readonly items: readonly SupplementItem[];
}

export interface DossierState {
  readonly status: Status;
  readonly procedureCode: string;
  readonly channel: Channel;
  readonly dossierCode: string | null;
  /** The one-stop desk that receives and returns. */
  readonly receivingAgencyCode: string;
  /** The competent (lead) agency. */
  readonly competentAgencyCode: string;
  /** The agency holding the dossier now. */
  readonly holderAgencyCode: string;
  readonly assigneeId: string | null;
  readonly step: StepState | null;
  /** Fixed at receipt. */
  readonly rules: RuleSetId | null;
  readonly timeLimit: Duration | null;
  readonly createdAt: Date;
  readonly submittedAt: Date | null;
  readonly receivedAt: Date | null;
  /** Appointment (ngày hẹn trả). */
  readonly due: Date | null;
  readonly legalDue: Date | null;
  /** Set while the clock is stopped (supplement, payment, lawful pause). */
  readonly pausedSince: Date | null;
  readonly pauseReason: PauseReason | null;
  /** Working minutes the clock was stopped so far (the 766 "supplement time"). */
  readonly pausedWorkingMinutes: number;
  /** Supplement requests issued, before and after receipt. */
  readonly supplementRounds: number;
  readonly openSupplement: OpenSupplement | null;
  /** More than one supplement request: late whatever the dates. */
  readonly lateByRule: boolean;
  readonly apology: { readonly issuedAt: Date; readonly previousDue: Date | null; readonly newDue: Date; readonly reason: string } | null;
  readonly payment: { readonly amount: number; readonly requestedAt: Date; readonly paidAt: Date | null } | null;
  /** Working minutes each agency held the dossier while the clock ran, for attributing lateness. */
  readonly agencyMinutes: Readonly<Record<string, number>>;
  /** End of processing: the clock stopped for good (result issued, refusal, stop, withdrawal). */
  readonly finishedAt: Date | null;
  readonly result: { readonly documentNumber: string; readonly summary: string; readonly issuedAt: Date } | null;
  readonly returnedAt: Date | null;
  /** When a terminal status was reached. */
  readonly closedAt: Date | null;
  readonly lastSeq: number;
  readonly lastEventAt: Date;
}

// ---------------------------------------------------------------------------------------------
// Steps and holders: which actions hand the dossier over

/** open: a hand-over starts a new step; close: the dossier leaves processing; keep: same step. */
export function stepEffect(action: Action): 'open' | 'close' | 'keep' {
  switch (action) {
    case Action.RECEIVE:
    case Action.FORWARD:
    case Action.ASSIGN:
    case Action.SUBMIT_FOR_APPROVAL:
    case Action.TRANSFER:
    case Action.RECEIVE_BACK:
    case Action.APPROVE:
    case Action.RECORD_RESULT:
      return 'open';
    case Action.RETURN_RESULT:
    case Action.WITHDRAW:
    case Action.STOP_PROCESSING:
    case Action.REFUSE_TO_SETTLE:
    case Action.REFUSE_RECEPTION:
      return 'close';
    case Action.CREATE:
    case Action.SUBMIT_ONLINE:
    case Action.REQUEST_SUPPLEMENT:
    case Action.RECEIVE_SUPPLEMENT:
    case Action.PROCESS_STEP:
    case Action.PAUSE:
    case Action.RESUME:
    case Action.REQUEST_PAYMENT:
    case Action.RECORD_PAYMENT:
    case Action.ISSUE_APOLOGY:
    case Action.REDATE:
      return 'keep';
  }
  return assertNever(action, 'action');
}

/** Who holds the dossier after an event (agency and person). */
export function holderAfter(state: DossierState, event: DossierEvent): { agencyCode: string; assigneeId: string | null } {
  const keep = { agencyCode: state.holderAgencyCode, assigneeId: state.assigneeId };
  switch (event.action) {
    case Action.RECEIVE:
      return { agencyCode: state.receivingAgencyCode, assigneeId: event.actorId };
    case Action.FORWARD:
      return event.status.from === Status.RECEIVED
        ? { agencyCode: state.competentAgencyCode, assigneeId: event.payload.assigneeId ?? null }
        : { agencyCode: state.holderAgencyCode, assigneeId: event.payload.assigneeId ?? null };
    case Action.ASSIGN:
      return { agencyCode: state.holderAgencyCode, assigneeId: event.payload.assigneeId };
    case Action.SUBMIT_FOR_APPROVAL:
      return { agencyCode: state.holderAgencyCode, assigneeId: event.payload.approverId ?? null };
    case Action.TRANSFER:
      return { agencyCode: event.payload.toAgencyCode, assigneeId: null };
    case Action.RECEIVE_BACK:
      return { agencyCode: state.competentAgencyCode, assigneeId: event.payload.assigneeId ?? null };
    case Action.APPROVE:
      return { agencyCode: state.holderAgencyCode, assigneeId: null };
    case Action.RECORD_RESULT:
      return { agencyCode: state.receivingAgencyCode, assigneeId: null };
    case Action.CREATE:
    case Action.SUBMIT_ONLINE:
    case Action.REFUSE_RECEPTION:
    case Action.REQUEST_SUPPLEMENT:
    case Action.RECEIVE_SUPPLEMENT:
    case Action.PROCESS_STEP:
    case Action.PAUSE:
    case Action.RESUME:
    case Action.REQUEST_PAYMENT:
    case Action.RECORD_PAYMENT:
    case Action.REFUSE_TO_SETTLE:
    case Action.RETURN_RESULT:
    case Action.WITHDRAW:
    case Action.STOP_PROCESSING:
    case Action.ISSUE_APOLOGY:
    case Action.REDATE:
      return keep;
  }
  return assertNever(event, 'event');
}

const stepNameOf = (event: DossierEvent): string | null =>
  'stepName' in event.payload && typeof event.payload.stepName === 'string' ? event.payload.stepName : null;

// ---------------------------------------------------------------------------------------------
// The fold

const broken = (problem: string, seq?: number) => dossierError(DossierErrorCode.HISTORY_INVALID, { problem, seq });

function initialState(event: Extract<DossierEvent, { action: 'CREATE' }>): DossierState {
  const p = event.payload;
  return {
    status: event.status.to,
    procedureCode: p.procedureCode,
    channel: p.channel,
    dossierCode: null,
    receivingAgencyCode: p.receivingAgencyCode,
    competentAgencyCode: p.competentAgencyCode,
    holderAgencyCode: p.receivingAgencyCode,
    assigneeId: null,
    step: null,
    rules: null,
    timeLimit: null,
    createdAt: event.at,
    submittedAt: null,
    receivedAt: null,
    due: null,
    legalDue: null,
    pausedSince: null,
    pauseReason: null,
    pausedWorkingMinutes: 0,
    supplementRounds: 0,
    openSupplement: null,
    lateByRule: false,
    apology: null,
    payment: null,
    agencyMinutes: {},
    finishedAt: null,
    result: null,
    returnedAt: null,
    closedAt: null,
    lastSeq: event.seq,
    lastEventAt: event.at,
  };
}

/**
 * Applies one event. `state` is null only for the first event, which must be CREATE. Throws
 * DOSSIER_HISTORY_INVALID when the event does not follow (sequence gap, wrong "from" status, time
 * going backwards). `decide` builds its next state with this very function.
 */
export function applyEvent(state: DossierState | null, event: DossierEvent): DossierState {
  if (state === null) {
    if (event.action !== Action.CREATE || event.seq !== 1 || event.status.from !== null) {
      throw broken('a history starts with CREATE, seq 1', event.seq);
    }
    return initialState(event);
  }
  if (event.action === Action.CREATE) throw broken('CREATE after the start', event.seq);
  if (event.seq !== state.lastSeq + 1) throw broken(`expected seq ${state.lastSeq + 1}`, event.seq);
  if (event.status.from !== state.status) throw broken(`event starts from ${String(event.status.from)}, dossier is ${state.status}`, event.seq);
  if (event.at.getTime() < state.lastEventAt.getTime()) throw broken('time goes backwards', event.seq);

  const holder = holderAfter(state, event);
  const effect = stepEffect(event.action);
  const step: StepState | null =
    effect === 'open'
      ? { name: stepNameOf(event), agencyCode: holder.agencyCode, assigneeId: holder.assigneeId, since: event.at, due: event.stepDue.after }
      : effect === 'close' || state.step === null
        ? null
        : { ...state.step, due: event.stepDue.after };

  let agencyMinutes = state.agencyMinutes;
  if (event.charge !== null) {
    const { agencyCode, workingMinutes } = event.charge;
    agencyMinutes = { ...agencyMinutes, [agencyCode]: (agencyMinutes[agencyCode] ?? 0) + workingMinutes };
  }

  let next: DossierState = {
    ...state,
    status: event.status.to,
    holderAgencyCode: holder.agencyCode,
    assigneeId: holder.assigneeId,
    step,
    due: event.due.after,
    legalDue: event.legalDue.after,
    agencyMinutes,
    pausedWorkingMinutes: state.pausedWorkingMinutes + event.pausedMinutes,
    closedAt: isTerminal(event.status.to) ? event.at : state.closedAt,
    lastSeq: event.seq,
    lastEventAt: event.at,
  };

  switch (event.clockEffect) {
    case 'pause':
      next = { ...next, pausedSince: event.at };
      break;
    case 'resume':
      next = { ...next, pausedSince: null };
      break;
    case 'stop':
      next = { ...next, pausedSince: null, finishedAt: event.at };
      break;
    case 'start':
    case 'extend':
    case 'none':
      break;
    default:
      assertNever(event.clockEffect, 'clock effect');
  }

  switch (event.action) {
    case Action.SUBMIT_ONLINE:
      return { ...next, submittedAt: event.at };
    case Action.RECEIVE:
      return {
        ...next,
        receivedAt: event.at,
        dossierCode: event.payload.dossierCode,
        timeLimit: event.payload.timeLimit,
        rules: event.rules,
      };
    case Action.REQUEST_SUPPLEMENT: {
      const round = state.supplementRounds + 1;
      return {
        ...next,
        supplementRounds: round,
        openSupplement: {
          round,
          requestedAt: event.at,
          beforeReceipt: state.receivedAt === null,
          items: event.payload.items,
        },
        lateByRule: next.lateByRule || event.lateByRule === true,
      };
    }
    case Action.RECEIVE_SUPPLEMENT:
      return { ...next, openSupplement: null };
    case Action.PAUSE:
      return { ...next, pauseReason: event.payload.reason };
    case Action.RESUME:
      return { ...next, pauseReason: null };
    case Action.REQUEST_PAYMENT:
      return { ...next, payment: { amount: event.payload.amount, requestedAt: event.at, paidAt: null } };
    case Action.RECORD_PAYMENT:
      return { ...next, payment: state.payment === null ? null : { ...state.payment, paidAt: event.at } };
    case Action.ISSUE_APOLOGY:
      return {
        ...next,
        apology: { issuedAt: event.at, previousDue: event.due.before, newDue: event.payload.newDue, reason: event.payload.reason },
      };
    case Action.RECORD_RESULT:
      return {
        ...next,
        result: { documentNumber: event.payload.documentNumber, summary: event.payload.summary, issuedAt: event.at },
      };
    case Action.RETURN_RESULT:
      return { ...next, returnedAt: event.at };
    case Action.REFUSE_RECEPTION:
    case Action.ASSIGN:
    case Action.PROCESS_STEP:
    case Action.FORWARD:
    case Action.SUBMIT_FOR_APPROVAL:
    case Action.TRANSFER:
    case Action.RECEIVE_BACK:
    case Action.APPROVE:
    case Action.REFUSE_TO_SETTLE:
    case Action.WITHDRAW:
    case Action.STOP_PROCESSING:
    case Action.REDATE:
      return next;
  }
  return assertNever(event, 'event');
}

/** The state a history leads to. Throws DOSSIER_HISTORY_INVALID on an empty or inconsistent history. */
export function replay(events: readonly DossierEvent[]): DossierState {
  if (events.length === 0) throw broken('empty history');
  let state: DossierState | null = null;
  for (const event of events) state = applyEvent(state, event);
  return state!;
}

// ---------------------------------------------------------------------------------------------
// Control slip

/** One row of the control slip (phiếu kiểm soát): a hand-over and how the step it ends fared. */
export interface ControlSlipRow {
  readonly seq: number;
  readonly at: Date;
  readonly action: Action;
  readonly actorId: string;
  readonly from: { readonly agencyCode: string; readonly assigneeId: string | null };
  readonly to: { readonly agencyCode: string; readonly assigneeId: string | null };
  /** The step the hand-over ended, with its result; null for the first hand-over (reception). */
  readonly endedStep: {
    readonly name: string | null;
    readonly since: Date;
    readonly due: Date | null;
    readonly result: Timeliness | null;
  } | null;
}

/** Control-slip rows, one per hand-over, derived from the history. */
export function controlSlipRows(events: readonly DossierEvent[]): ControlSlipRow[] {
  const rows: ControlSlipRow[] = [];
  let state: DossierState | null = null;
  for (const event of events) {
    const before: DossierState | null = state;
    state = applyEvent(state, event);
    if (before === null || stepEffect(event.action) !== 'open') continue;
    const ended = before.step;
    rows.push({
      seq: event.seq,
      at: event.at,
      action: event.action,
      actorId: event.actorId,
      from: { agencyCode: before.holderAgencyCode, assigneeId: before.assigneeId },
      to: { agencyCode: state.holderAgencyCode, assigneeId: state.assigneeId },
      endedStep:
        ended === null
          ? null
          : {
              name: ended.name,
              since: ended.since,
              due: event.stepDue.before,
              result: event.stepDue.before === null ? null : classifyStep(event.at, event.stepDue.before),
            },
    });
  }
  return rows;
}
