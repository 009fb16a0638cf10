import { describe, expect, it } from 'vitest';
import { addWorkingTime, buildCalendar, OFFICIAL_SCHEDULES_2024_2026, type CalendarOverride } from '../../calendar/index.js';
import { Role } from '../../../platform/auth/actor.js';
import { Action } from './actions.js';
import { vnDateOf } from './dossier-code.js';
import { calendar, walk, type Walk } from './fixtures.test-support.js';
import { replay } from './history.js';
import { recomputeDeadlines, redate } from './redate.js';

const admin = { id: 'admin@province', roles: [Role.ADMIN], agencyCode: 'H15' };
const change = { change: 'ngày nghỉ / day off', source: 'Thông báo thử nghiệm' };
const dayOff = (date: string): CalendarOverride => ({ date, kind: 'day_off', reason: { vi: 'Nghỉ bù', en: 'Day off' }, source: 'test' });
const withOverrides = (...o: CalendarOverride[]) => buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026, overrides: o });

/** The first working day strictly between receipt and the legal due date, as YYYY-MM-DD. */
function workingDayInside(w: Walk): string {
  const received = w.state.receivedAt!;
  const next = addWorkingTime(received, { unit: 'working_days', value: 1 }, calendar).due;
  return vnDateOf(next);
}

describe('re-dating after a change of the official schedule', () => {
  const paths = [
    [Action.SUBMIT_ONLINE, Action.RECEIVE],
    [Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD],
    [Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.REQUEST_SUPPLEMENT, Action.RECEIVE_SUPPLEMENT],
    [Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.PAUSE],
    [Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.ISSUE_APOLOGY],
  ] as const;

  it.each(paths.map((p) => [p.join(' → '), p] as const))('recomputes exactly the recorded dates under the same calendar: %s', (_, path) => {
    const w = walk(path);
    expect(recomputeDeadlines(w.events, calendar)).toEqual({ due: w.state.due, legalDue: w.state.legalDue, stepDue: w.state.step?.due ?? null });
    expect(redate(w.state, w.events, admin, change, w.now, calendar)).toBeNull();
  });

  it('moves the due date by one working day when a working day inside the time limit becomes a day off', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD]);
    const day = workingDayInside(w);
    const next = withOverrides(dayOff(day));
    const r = redate(w.state, w.events, admin, change, new Date(w.now.getTime() + 60_000), next)!;
    expect(r).not.toBeNull();
    const expected = addWorkingTime(w.state.receivedAt!, w.state.timeLimit!, next).due;
    expect(r.event).toMatchObject({ action: Action.REDATE, seq: w.state.lastSeq + 1, actorKind: 'officer', status: { from: w.state.status, to: w.state.status } });
    expect(r.event.legalDue).toEqual({ before: w.state.legalDue, after: expected });
    expect(r.event.due.after).toEqual(expected);
    expect(expected.getTime()).toBeGreaterThan(w.state.legalDue!.getTime());
    // The history with the new event replays to the same state, and the status does not change.
    expect(replay([...w.events, r.event])).toEqual(r.next);
    expect(r.next.status).toBe(w.state.status);
    // Re-dating again under the same calendar changes nothing.
    expect(redate(r.next, [...w.events, r.event], admin, change, new Date(w.now.getTime() + 120_000), next)).toBeNull();
  });

  it('shifts a resumed pause by the paused working time measured on the new calendar', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.REQUEST_SUPPLEMENT, Action.RECEIVE_SUPPLEMENT]);
    const next = withOverrides(dayOff(workingDayInside(w)));
    const r = redate(w.state, w.events, admin, change, w.now, next)!;
    expect(r.event.legalDue.after).toEqual(recomputeDeadlines(w.events, next).legalDue);
    expect(r.event.legalDue.after!.getTime()).toBeGreaterThan(w.state.legalDue!.getTime());
  });

  it('keeps the date an apology promised; only the legal due date moves', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.FORWARD, Action.ISSUE_APOLOGY]);
    const r = redate(w.state, w.events, admin, change, w.now, withOverrides(dayOff(workingDayInside(w))))!;
    expect(r.event.due.after).toEqual(w.state.due);
    expect(r.event.legalDue.after!.getTime()).toBeGreaterThan(w.state.legalDue!.getTime());
  });

  it('leaves alone a dossier not yet received, one whose processing ended, and a change after its due date', () => {
    const submitted = walk([Action.SUBMIT_ONLINE]);
    expect(redate(submitted.state, submitted.events, admin, change, submitted.now, withOverrides(dayOff('2026-03-03')))).toBeNull();
    const received = walk([Action.SUBMIT_ONLINE, Action.RECEIVE]);
    const after = vnDateOf(addWorkingTime(received.state.legalDue!, { unit: 'working_days', value: 2 }, calendar).due);
    expect(redate(received.state, received.events, admin, change, received.now, withOverrides(dayOff(after)))).toBeNull();
    const withdrawn = walk([Action.SUBMIT_ONLINE, Action.RECEIVE, Action.WITHDRAW]);
    expect(redate(withdrawn.state, withdrawn.events, admin, change, withdrawn.now, withOverrides(dayOff(workingDayInside(withdrawn))))).toBeNull();
  });

  it('refuses to record a re-dating in the applicant’s name', () => {
    const w = walk([Action.SUBMIT_ONLINE, Action.RECEIVE]);
    expect(() => redate(w.state, w.events, { id: 'x', applicant: true }, change, w.now, withOverrides(dayOff(workingDayInside(w))))).toThrow();
  });
});
