/**
 * Re-dating after a change of the official working calendar (issue 4, "nothing moves silently").
 *
 * Each event records the due dates decided at the time, so replaying a history never moves a date by
 * itself. When an administrator changes a year's schedule, the service asks this module, for each
 * dossier whose clock is still running or paused, what its dates are under the new calendar:
 * `recomputeDeadlines` replays only the clock effects of the history (receipt, pauses and resumptions,
 * the apology's appointment, step budgets) with the calendar module. If a date moves, `redate` gives
 * the REDATE event to append; otherwise null, and the history is left alone.
 *
 * The apology's appointment is the date the leader promised in writing; a new calendar does not
 * rewrite that promise, only later pauses shift it (as `decide` does).
 */
import { addWorkingTime, resumeClock, startClock, workingTimeBetween, type WorkingCalendar } from '../../calendar/index.js';
import { Action } from './actions.js';
import type { DossierActor } from './available-actions.js';
import { rulesInForceAt } from './deadline-rules.js';
import { dossierError, DossierErrorCode } from './errors.js';
import { applyEvent, stepEffect, type DossierEvent, type DossierState } from './history.js';
import { parsePayload, type PayloadOf, type StepInput } from './payloads.js';
import { clockRuns } from './status.js';

export interface DeadlineDates {
  /** Appointment given to the applicant. */
  readonly due: Date | null;
  /** Legal due date (time limit from receipt, moved by pauses). */
  readonly legalDue: Date | null;
  /** Due instant of the current step. */
  readonly stepDue: Date | null;
}

/** The due dates a history leads to under `calendar`: the clock effects replayed with the calendar module. */
export function recomputeDeadlines(events: readonly DossierEvent[], calendar: WorkingCalendar): DeadlineDates {
  let due: Date | null = null;
  let legalDue: Date | null = null;
  let stepDue: Date | null = null;
  let pausedAt: Date | null = null;
  const shift = (d: Date | null, at: Date) => (d === null || pausedAt === null ? d : resumeClock({ due: d, pausedAt, pausedWorkingMinutes: 0 }, at, calendar).due);

  for (const e of events) {
    switch (e.clockEffect) {
      case 'start':
        if (e.action === Action.RECEIVE) {
          legalDue = startClock(e.at, e.payload.timeLimit, calendar).due;
          due = legalDue;
        }
        break;
      case 'pause':
        pausedAt = e.at;
        break;
      case 'resume':
        legalDue = shift(legalDue, e.at);
        due = shift(due, e.at);
        stepDue = shift(stepDue, e.at);
        pausedAt = null;
        break;
      case 'stop':
        pausedAt = null;
        break;
      case 'extend':
        if (e.action === Action.ISSUE_APOLOGY) due = e.payload.newDue;
        break;
      case 'none':
        break;
    }
    const effect = stepEffect(e.action);
    if (effect === 'open') {
      const budget = (e.payload as StepInput).stepBudget;
      stepDue = budget === undefined ? null : addWorkingTime(e.at, budget, calendar).due;
    } else if (effect === 'close') {
      stepDue = null;
    }
  }
  return { due, legalDue, stepDue };
}

const same = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

/**
 * The REDATE event for a dossier whose dates move under the new calendar, or null when nothing moves
 * (not received yet, processing already ended, or the change does not touch its dates).
 * `now` earlier than the last event is taken as the last event's time, so the history stays ordered.
 */
export function redate(
  state: DossierState,
  events: readonly DossierEvent[],
  actor: DossierActor,
  payload: PayloadOf<'REDATE'>,
  now: Date,
  calendar: WorkingCalendar,
): { event: DossierEvent; next: DossierState } | null {
  if (state.receivedAt === null || state.finishedAt !== null) return null;
  if ('applicant' in actor) throw dossierError(DossierErrorCode.ACTOR_NOT_PERMITTED, { action: Action.REDATE });
  const dates = recomputeDeadlines(events, calendar);
  const stepDue = state.step === null ? null : dates.stepDue;
  if (same(dates.due, state.due) && same(dates.legalDue, state.legalDue) && same(stepDue, state.step?.due ?? null)) return null;

  const at = new Date(Math.max(now.getTime(), state.lastEventAt.getTime()));
  const event: DossierEvent = {
    seq: state.lastSeq + 1,
    action: Action.REDATE,
    at,
    actorId: actor.id,
    actorKind: 'officer',
    agencyCode: actor.agencyCode,
    payload: parsePayload(Action.REDATE, payload),
    clockEffect: 'none',
    status: { from: state.status, to: state.status },
    due: { before: state.due, after: dates.due },
    legalDue: { before: state.legalDue, after: dates.legalDue },
    stepDue: { before: state.step?.due ?? null, after: stepDue },
    // The running time up to now is charged as at any event, so per-agency accounting stays whole.
    charge: clockRuns(state.status)
      ? { agencyCode: state.holderAgencyCode, workingMinutes: workingTimeBetween(state.lastEventAt, at, calendar) }
      : null,
    pausedMinutes: 0,
    form: null,
    rules: state.rules ?? rulesInForceAt(at).id,
  };
  return { event, next: applyEvent(state, event) };
}
