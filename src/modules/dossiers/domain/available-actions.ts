/**
 * The one decision function of the dossier workflow, shared by the API (may this actor do this now?
 * 409/403 with the list of what is available otherwise) and the UI (which buttons to show).
 *
 * Pure: no I/O and no clock. `now` and the working calendar are parameters; the result is the events to
 * append and the state they lead to (the same fold `replay` uses).
 */
import {
  addWorkingTime,
  pauseClock,
  resumeClock,
  startClock,
  workingTimeBetween,
  type WorkingCalendar,
} from '../../calendar/index.js';
import { Role } from '../../../platform/auth/actor.js';
import { AppError } from '../../../platform/errors.js';
import {
  Action,
  APPLICANT,
  Channel,
  transitionOf,
  actionsOfStatus,
  type AgencyScope,
  type TransitionAction,
  type TransitionSpec,
} from './actions.js';
import { assertNever } from './assert-never.js';
import { apologyInTime, RULE_SET_BY_ID, rulesInForceAt, type RuleSet } from './deadline-rules.js';
import { parseDossierCode, vnDateOf } from './dossier-code.js';
import { dossierError, DossierErrorCode, type DossierError } from './errors.js';
import { formRef } from './forms.js';
import { applyEvent, stepEffect, type DossierEvent, type DossierState } from './history.js';
import { parsePayload, type ActionPayloads, type PayloadOf, type StepInput } from './payloads.js';
import { clockRuns, Status } from './status.js';

/** Who asks: an officer with roles in one agency, or the applicant (ownership is the service's check). */
export type ActorRef =
  | { readonly roles: readonly Role[]; readonly agencyCode: string }
  | { readonly applicant: true };
export type DossierActor = ActorRef & { readonly id: string };

/** Optional time context: with it, time-dependent guards (apology deadline) also filter the list. */
export interface DecisionContext {
  readonly now: Date;
  readonly calendar: WorkingCalendar;
}

export type Decision =
  | { readonly ok: true; readonly events: DossierEvent[]; readonly next: DossierState }
  | { readonly ok: false; readonly error: AppError };

const isApplicant = (actor: ActorRef): actor is { readonly applicant: true } => 'applicant' in actor && actor.applicant;

function agenciesOf(state: DossierState, scope: AgencyScope): string[] {
  switch (scope) {
    case 'desk':
      return [state.receivingAgencyCode];
    case 'holder':
      return [state.holderAgencyCode];
    case 'lead':
      return [state.competentAgencyCode];
    case 'holder_or_lead':
      return [state.holderAgencyCode, state.competentAgencyCode];
  }
}

/** Whether the table entry lets this actor act on this dossier (roles and agency). */
export function mayPerform(spec: TransitionSpec, state: DossierState, actor: ActorRef): boolean {
  if (isApplicant(actor)) return spec.allow[APPLICANT] === 'owner';
  return actor.roles.some((role) => {
    const scope = spec.allow[role];
    return scope !== undefined && agenciesOf(state, scope).includes(actor.agencyCode);
  });
}

const rulesOf = (state: DossierState, now: Date): RuleSet => (state.rules ? RULE_SET_BY_ID[state.rules] : rulesInForceAt(now));

/** Guards that depend on the dossier (and, with a context, on time), not on the payload. */
function stateGuard(state: DossierState, action: TransitionAction, ctx?: DecisionContext): DossierError | null {
  if (state.status === Status.DRAFT) {
    // An online draft is the applicant's until submitted; a paper draft is the desk's.
    const online = state.channel === Channel.ONLINE;
    if ((action === Action.SUBMIT_ONLINE) !== online) {
      return dossierError(DossierErrorCode.ACTION_NOT_ALLOWED, { status: state.status, action, reason: 'channel' });
    }
  }
  if (action === Action.ISSUE_APOLOGY) {
    const rules = rulesOf(state, ctx?.now ?? state.lastEventAt);
    // The state keeps the one apology the rules allow; a rule allowing more would need a list here.
    const issued = state.apology === null ? 0 : 1;
    if (issued >= rules.maxApologies) return dossierError(DossierErrorCode.APOLOGY_ALREADY_ISSUED);
    if (ctx && state.due !== null && !apologyInTime(ctx.now, state.due, ctx.calendar, rules.apologyWorkingDaysBeforeDue)) {
      return dossierError(DossierErrorCode.APOLOGY_TOO_LATE, { due: state.due });
    }
  }
  return null;
}

/**
 * The actions this actor may take on the dossier now, in table order. The API allows exactly these; the
 * UI shows exactly these.
 */
export function availableActions(dossier: DossierState, actor: ActorRef, ctx?: DecisionContext): TransitionAction[] {
  return actionsOfStatus(dossier.status).filter((action) => {
    const spec = transitionOf(dossier.status, action);
    return spec !== undefined && mayPerform(spec, dossier, actor) && stateGuard(dossier, action, ctx) === null;
  });
}

const RESULT_EXISTS: ReadonlySet<Status> = new Set([Status.APPROVED, Status.RESULT_READY, Status.RETURNED]);

function refuse(dossier: DossierState, action: TransitionAction, actor: ActorRef, ctx: DecisionContext): DossierError | null {
  const spec = transitionOf(dossier.status, action);
  if (spec === undefined) {
    if ((action === Action.WITHDRAW || action === Action.STOP_PROCESSING) && RESULT_EXISTS.has(dossier.status)) {
      return dossierError(DossierErrorCode.RESULT_ALREADY_ISSUED, { status: dossier.status, action });
    }
    return dossierError(DossierErrorCode.ACTION_NOT_ALLOWED, {
      status: dossier.status,
      action,
      available: availableActions(dossier, actor, ctx),
    });
  }
  if (!mayPerform(spec, dossier, actor)) {
    return dossierError(DossierErrorCode.ACTOR_NOT_PERMITTED, { action, available: availableActions(dossier, actor, ctx) });
  }
  return stateGuard(dossier, action, ctx);
}

/** Payload rules that need the dossier. Throws a DossierError. */
function checkAgainstState(dossier: DossierState, action: TransitionAction, payload: unknown, now: Date): void {
  switch (action) {
    case Action.RECEIVE: {
      const p = payload as ActionPayloads['RECEIVE'];
      if (parseDossierCode(p.dossierCode).receiptDate !== vnDateOf(now)) {
        throw dossierError(DossierErrorCode.DOSSIER_CODE_MISMATCH, { dossierCode: p.dossierCode, receiptDate: vnDateOf(now) });
      }
      return;
    }
    case Action.RECEIVE_SUPPLEMENT: {
      const p = payload as ActionPayloads['RECEIVE_SUPPLEMENT'];
      const requested = new Set(dossier.openSupplement?.items.map((i) => i.componentCode) ?? []);
      const supplied = new Set(p.items.map((i) => i.componentCode));
      const unknown = [...supplied].filter((c) => !requested.has(c));
      if (unknown.length > 0) throw dossierError(DossierErrorCode.SUPPLEMENT_ITEM_NOT_REQUESTED, { componentCodes: unknown });
      const missing = [...requested].filter((c) => !supplied.has(c));
      if (missing.length > 0) throw dossierError(DossierErrorCode.SUPPLEMENT_INCOMPLETE, { missing });
      return;
    }
    case Action.TRANSFER: {
      const p = payload as ActionPayloads['TRANSFER'];
      if (p.toAgencyCode === dossier.holderAgencyCode || p.toAgencyCode === dossier.competentAgencyCode) {
        // Back to the lead agency is RECEIVE_BACK, not a transfer.
        throw dossierError(DossierErrorCode.TRANSFER_TARGET_INVALID, {
          toAgencyCode: p.toAgencyCode,
          problem: p.toAgencyCode === dossier.holderAgencyCode ? 'already holds the dossier' : 'lead agency: use RECEIVE_BACK',
        });
      }
      return;
    }
    case Action.RECORD_PAYMENT: {
      const p = payload as ActionPayloads['RECORD_PAYMENT'];
      if (dossier.payment === null || p.amount !== dossier.payment.amount) {
        throw dossierError(DossierErrorCode.PAYMENT_AMOUNT_MISMATCH, { amount: p.amount, due: dossier.payment?.amount ?? null });
      }
      return;
    }
    case Action.ISSUE_APOLOGY: {
      const p = payload as ActionPayloads['ISSUE_APOLOGY'];
      if (dossier.due === null || p.newDue.getTime() <= dossier.due.getTime()) {
        throw dossierError(DossierErrorCode.APOLOGY_DATE_NOT_LATER, { due: dossier.due, newDue: p.newDue });
      }
      return;
    }
    case Action.SUBMIT_ONLINE:
    case Action.REFUSE_RECEPTION:
    case Action.REQUEST_SUPPLEMENT:
    case Action.ASSIGN:
    case Action.PROCESS_STEP:
    case Action.FORWARD:
    case Action.SUBMIT_FOR_APPROVAL:
    case Action.RECEIVE_BACK:
    case Action.PAUSE:
    case Action.RESUME:
    case Action.REQUEST_PAYMENT:
    case Action.APPROVE:
    case Action.REFUSE_TO_SETTLE:
    case Action.RECORD_RESULT:
    case Action.RETURN_RESULT:
    case Action.WITHDRAW:
    case Action.STOP_PROCESSING:
      return;
  }
  assertNever(action, 'action');
}

function validDate(now: Date): boolean {
  return now instanceof Date && !Number.isNaN(now.getTime());
}

function actorFields(actor: DossierActor): Pick<DossierEvent, 'actorId' | 'actorKind' | 'agencyCode'> {
  return isApplicant(actor)
    ? { actorId: actor.id, actorKind: 'applicant', agencyCode: null }
    : { actorId: actor.id, actorKind: 'officer', agencyCode: actor.agencyCode };
}

/**
 * Decides an action: validates the actor, the status, the guards and the payload, and returns the
 * events to append with the resulting state, or the refusal. Never throws an AppError (it is returned);
 * programming errors still throw.
 *
 * Refusals: DOSSIER_ACTION_NOT_ALLOWED (409, the status does not allow it; details.available),
 * DOSSIER_ACTOR_NOT_PERMITTED (403; details.available), DOSSIER_RESULT_ALREADY_ISSUED (409), and the
 * guard and validation codes of errors.ts.
 */
export function decide<A extends TransitionAction>(
  dossier: DossierState,
  action: A,
  actor: DossierActor,
  payload: PayloadOf<A>,
  now: Date,
  calendar: WorkingCalendar,
): Decision {
  try {
    if (!validDate(now)) throw dossierError(DossierErrorCode.INVALID_PAYLOAD, { field: 'now', problem: 'invalid date' });
    if (now.getTime() < dossier.lastEventAt.getTime()) {
      throw dossierError(DossierErrorCode.TIME_BEFORE_LAST_EVENT, { now, lastEventAt: dossier.lastEventAt });
    }
    const ctx: DecisionContext = { now, calendar };
    const refusal = refuse(dossier, action, actor, ctx);
    if (refusal) return { ok: false, error: refusal };
    const spec = transitionOf(dossier.status, action)!;
    const clean = parsePayload(action as TransitionAction, payload);
    checkAgainstState(dossier, action, clean, now);

    const rules = rulesOf(dossier, now);
    let due = dossier.due;
    let legalDue = dossier.legalDue;
    let stepDue = dossier.step?.due ?? null;
    let pausedMinutes = 0;

    switch (spec.clock) {
      case 'start': {
        const { timeLimit } = clean as ActionPayloads['RECEIVE'];
        legalDue = startClock(now, timeLimit, calendar).due;
        due = legalDue;
        break;
      }
      case 'pause':
        // Validates that the clock is not already stopped.
        pauseClock({ due: legalDue ?? now, pausedAt: dossier.pausedSince, pausedWorkingMinutes: 0 }, now);
        break;
      case 'resume': {
        const pausedAt = dossier.pausedSince;
        const shift = (d: Date | null) =>
          d === null ? null : resumeClock({ due: d, pausedAt, pausedWorkingMinutes: 0 }, now, calendar);
        const legal = shift(legalDue);
        pausedMinutes = legal?.pausedWorkingMinutes ?? 0;
        legalDue = legal?.due ?? null;
        due = shift(due)?.due ?? null;
        stepDue = shift(stepDue)?.due ?? null;
        break;
      }
      case 'stop':
        if (dossier.pausedSince !== null) pausedMinutes = workingTimeBetween(dossier.pausedSince, now, calendar);
        break;
      case 'extend':
        due = (clean as ActionPayloads['ISSUE_APOLOGY']).newDue;
        break;
      case 'none':
        break;
    }

    const effect = stepEffect(action);
    if (effect === 'open') {
      const budget = (clean as StepInput).stepBudget;
      stepDue = budget === undefined ? null : addWorkingTime(now, budget, calendar).due;
    } else if (effect === 'close') {
      stepDue = null;
    }

    const lateByRule = action === Action.REQUEST_SUPPLEMENT && dossier.supplementRounds + 1 > rules.maxSupplementRequestsOnTime;
    const event = {
      seq: dossier.lastSeq + 1,
      action,
      at: new Date(now.getTime()),
      ...actorFields(actor),
      payload: clean,
      clockEffect: spec.clock,
      status: { from: dossier.status, to: spec.to },
      due: { before: dossier.due, after: due },
      legalDue: { before: dossier.legalDue, after: legalDue },
      stepDue: { before: dossier.step?.due ?? null, after: stepDue },
      charge: clockRuns(dossier.status)
        ? { agencyCode: dossier.holderAgencyCode, workingMinutes: workingTimeBetween(dossier.lastEventAt, now, calendar) }
        : null,
      pausedMinutes,
      form: spec.form === null ? null : formRef(spec.form, now),
      rules: (action === Action.RECEIVE ? rulesInForceAt(now) : rules).id,
      ...(lateByRule && { lateByRule: true as const }),
    } as DossierEvent;
    return { ok: true, events: [event], next: applyEvent(dossier, event) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

/**
 * Starts a dossier (a draft): the applicant for an online dossier, or a desk officer of the receiving
 * agency for a paper one (at the desk or by post).
 */
export function createDossier(payload: PayloadOf<'CREATE'>, actor: DossierActor, now: Date): Decision {
  try {
    if (!validDate(now)) throw dossierError(DossierErrorCode.INVALID_PAYLOAD, { field: 'now', problem: 'invalid date' });
    const clean = parsePayload(Action.CREATE, payload);
    const allowed = isApplicant(actor)
      ? clean.channel === Channel.ONLINE
      : actor.roles.includes(Role.RECEPTION) && clean.channel !== Channel.ONLINE && actor.agencyCode === clean.receivingAgencyCode;
    if (!allowed) return { ok: false, error: dossierError(DossierErrorCode.ACTOR_NOT_PERMITTED, { action: Action.CREATE }) };
    const event: DossierEvent = {
      seq: 1,
      action: Action.CREATE,
      at: new Date(now.getTime()),
      ...actorFields(actor),
      payload: clean,
      clockEffect: 'none',
      status: { from: null, to: Status.DRAFT },
      due: { before: null, after: null },
      legalDue: { before: null, after: null },
      stepDue: { before: null, after: null },
      charge: null,
      pausedMinutes: 0,
      form: null,
      rules: rulesInForceAt(now).id,
    };
    return { ok: true, events: [event], next: applyEvent(null, event) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}
