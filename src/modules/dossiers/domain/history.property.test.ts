import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vnTime, workingTimeBetween, type Duration } from '../../calendar/index.js';
import { Role } from '../../../platform/auth/actor.js';
import { Action, Channel, transitionOf, type TransitionAction } from './actions.js';
import { availableActions, decide, type DossierActor } from './available-actions.js';
import { formatDossierCode } from './dossier-code.js';
import { Agency, applicant, calendar, MINUTE, officer, reception, samplePayload, start, type Walk } from './fixtures.test-support.js';
import { applyEvent, replay, type DossierEvent, type DossierState } from './history.js';
import type { PayloadOf } from './payloads.js';
import { clockRuns, isTerminal, Status } from './status.js';

/** Everyone who can ever act, including officers of every agency a dossier can be transferred to. */
const CAST: readonly DossierActor[] = [
  applicant,
  reception,
  ...(['lead', 'coop', 'coop2', 'other'] as const).flatMap((a) => [officer(Role.SPECIALIST, a), officer(Role.APPROVER, a)]),
];

const TIME_LIMITS: readonly Duration[] = [
  { unit: 'working_days', value: 1 },
  { unit: 'working_days', value: 5 },
  { unit: 'working_days', value: 15, countFrom: 'next_working_day' },
  { unit: 'working_hours', value: 6 },
  { unit: 'calendar_days', value: 10 },
  { unit: 'same_day' },
];
const BUDGETS: readonly (Duration | undefined)[] = [undefined, { unit: 'working_hours', value: 2 }, { unit: 'working_days', value: 1 }];
const COMPONENTS = ['TP01', 'TP02', 'TP03', 'TP04'];
const TARGETS = [Agency.coop, Agency.coop2, Agency.other];

/** A valid payload, varied by `variant` (time limit, step budgets, supplement items, transfer target). */
function payloadFor(action: TransitionAction, state: DossierState, now: Date, variant: number, timeLimit: Duration): unknown {
  const base = samplePayload(action, state, now) as Record<string, unknown>;
  const budget = BUDGETS[variant % BUDGETS.length];
  const withBudget = (p: Record<string, unknown>) => (budget === undefined ? p : { ...p, stepBudget: budget });
  switch (action) {
    case Action.RECEIVE:
      return withBudget({
        dossierCode: formatDossierCode({ agencyCode: state.competentAgencyCode, receivedAt: now, sequence: 1 + (variant % 99_999) }),
        timeLimit,
      });
    case Action.REQUEST_SUPPLEMENT: {
      const n = 1 + (variant % COMPONENTS.length);
      return { items: COMPONENTS.slice(0, n).map((componentCode) => ({ componentCode, reason: `Thiếu ${componentCode}` })) };
    }
    case Action.TRANSFER: {
      const targets = TARGETS.filter((t) => t !== state.holderAgencyCode);
      return withBudget({ toAgencyCode: targets[variant % targets.length]!, reason: 'Liên thông' });
    }
    case Action.FORWARD:
    case Action.ASSIGN:
    case Action.SUBMIT_FOR_APPROVAL:
    case Action.RECEIVE_BACK:
    case Action.APPROVE:
      return withBudget(base);
    case Action.ISSUE_APOLOGY:
      return { reason: 'Quá hạn do phải xác minh', newDue: new Date(state.due!.getTime() + (1 + (variant % 5)) * 86_400_000) };
    default:
      return base;
  }
}

const PAUSED_BY_APPLICANT: ReadonlySet<Status> = new Set([Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT]);

const command = fc.record({
  pick: fc.nat(),
  variant: fc.nat(),
  // Mostly short gaps, sometimes days; 0 tests simultaneous actions.
  gapMinutes: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 6 * 24 * 60 })),
});

const scenario = fc.record({
  channel: fc.constantFrom(Channel.ONLINE, Channel.DESK, Channel.POST),
  timeLimit: fc.constantFrom(...TIME_LIMITS),
  // 2025-05-01 … 2026-10-01, on the minute: covers both rule sets and both form sets.
  startMinute: fc.integer({ min: 0, max: 520 * 24 * 60 }),
  commands: fc.array(command, { minLength: 5, maxLength: 60, size: 'max' }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Run {
  readonly walk: Walk;
  readonly states: DossierState[];
}

/** Plays a scenario, choosing each action among those availableActions offers to the cast. */
function play(sc: Scenario): Run {
  let walk = start(sc.channel, new Date(vnTime(2025, 5, 1, 0, 0).getTime() + sc.startMinute * MINUTE));
  const states = [walk.state];
  for (const cmd of sc.commands) {
    const now = new Date(walk.now.getTime() + cmd.gapMinutes * MINUTE);
    const byAction = new Map<TransitionAction, DossierActor[]>();
    for (const actor of CAST) {
      for (const a of availableActions(walk.state, actor, { now, calendar })) byAction.set(a, [...(byAction.get(a) ?? []), actor]);
    }
    if (byAction.size === 0) break;
    // Pick the action first, and endings (withdraw, refusals, stop, return) one time in eight, so that
    // runs get deep into processing instead of ending at the first offer to withdraw.
    const offered = [...byAction.keys()];
    const moving = offered.filter((a) => !isTerminal(transitionOf(walk.state.status, a)!.to));
    const pool = moving.length > 0 && cmd.variant % 8 !== 0 ? moving : offered;
    const action = pool[cmd.pick % pool.length]!;
    const actors = byAction.get(action)!;
    const actor = actors[Math.floor(cmd.pick / pool.length) % actors.length]!;
    const payload = payloadFor(action, walk.state, now, cmd.variant, sc.timeLimit);
    const res = decide(walk.state, action, actor, payload as PayloadOf<typeof action>, now, calendar);
    // Whatever availableActions offers, with a valid payload, is accepted.
    if (!res.ok) throw new Error(`${action} by ${actor.id} in ${walk.state.status} refused: ${res.error.code} ${JSON.stringify(res.error.details)}`);
    walk = { state: res.next, events: [...walk.events, ...res.events], now };
    states.push(res.next);
  }
  return { walk, states };
}

const RUNS = { numRuns: 250 };
const later = (a: Date | null, b: Date | null) => a === null || b === null || b.getTime() >= a.getTime();

describe('history (property-based, random valid action sequences)', () => {
  it('status and clocks are derivable from the history: replaying every prefix gives the state step by step', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { walk, states } = play(s);
        expect(replay(walk.events)).toEqual(walk.state);
        for (let k = 0; k < walk.events.length; k += 1) expect(replay(walk.events.slice(0, k + 1))).toEqual(states[k]);
      }),
      RUNS,
    );
  });

  it('every event agrees with the transition table', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { walk } = play(s);
        for (const e of walk.events.slice(1)) {
          const spec = transitionOf(e.status.from!, e.action as TransitionAction)!;
          expect(spec).toBeDefined();
          expect([e.status.to, e.clockEffect, e.form?.type ?? null]).toEqual([spec.to, spec.clock, spec.form]);
        }
      }),
      RUNS,
    );
  });

  it('due dates never move earlier; only receipt and resumption move the legal due date, by the paused working time', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { walk } = play(s);
        for (const e of walk.events) {
          expect(later(e.due.before, e.due.after)).toBe(true);
          expect(later(e.legalDue.before, e.legalDue.after)).toBe(true);
          if (e.clockEffect === 'resume' && e.legalDue.before !== null) {
            expect(workingTimeBetween(e.legalDue.before, e.legalDue.after!, calendar)).toBeCloseTo(e.pausedMinutes, 6);
          } else if (e.clockEffect !== 'start') {
            expect(e.legalDue.after).toEqual(e.legalDue.before);
          }
        }
      }),
      RUNS,
    );
  });

  it('the clock never runs while waiting for the applicant (supplement, payment) or a lawful pause', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { walk, states } = play(s);
        for (const e of walk.events) if (!clockRuns(e.status.from ?? Status.DRAFT)) expect(e.charge).toBeNull();
        for (const st of states) {
          if (PAUSED_BY_APPLICANT.has(st.status) || st.status === Status.PAUSED) {
            expect(clockRuns(st.status)).toBe(false);
            expect(st.pausedSince).not.toBeNull();
          }
          if (clockRuns(st.status)) expect(st.pausedSince).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('working time splits exactly between the agencies that held the dossier and the pauses', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { states } = play(s);
        for (const st of states) {
          if (st.receivedAt === null) {
            expect(st.agencyMinutes).toEqual({});
            continue;
          }
          const end = st.finishedAt ?? st.pausedSince ?? st.lastEventAt;
          const charged = Object.values(st.agencyMinutes).reduce((a, b) => a + b, 0);
          expect(charged + st.pausedWorkingMinutes).toBeCloseTo(workingTimeBetween(st.receivedAt, end, calendar), 6);
          for (const minutes of Object.values(st.agencyMinutes)) expect(minutes).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('terminal dossiers accept nothing; supplement rounds beyond the first are flagged late', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { walk } = play(s);
        const st = walk.state;
        if (isTerminal(st.status)) for (const actor of CAST) expect(availableActions(st, actor)).toEqual([]);
        const requests = walk.events.filter((e) => e.action === Action.REQUEST_SUPPLEMENT);
        expect(st.supplementRounds).toBe(requests.length);
        expect(st.lateByRule).toBe(requests.length > 1);
        expect(requests.map((e) => e.lateByRule === true)).toEqual(requests.map((_, i) => i > 0));
        expect(walk.events.filter((e) => e.action === Action.ISSUE_APOLOGY).length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('replay rejects inconsistent histories', () => {
  const sample = (): DossierEvent[] => {
    const [s] = fc.sample(scenario.filter((x) => x.commands.length > 8), { numRuns: 1, seed: 42 });
    return play(s!).walk.events;
  };

  it('empty, not starting with CREATE, gaps, wrong "from" status, time going backwards', () => {
    const events = sample();
    expect(events.length).toBeGreaterThan(2);
    const code = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    expect(code(() => replay([]))).toBe('DOSSIER_HISTORY_INVALID');
    expect(code(() => replay(events.slice(1)))).toBe('DOSSIER_HISTORY_INVALID');
    expect(code(() => replay([events[0]!, events[2]!]))).toBe('DOSSIER_HISTORY_INVALID');
    expect(code(() => replay([events[0]!, { ...events[1]!, status: { from: Status.RETURNED, to: events[1]!.status.to } } as DossierEvent]))).toBe(
      'DOSSIER_HISTORY_INVALID',
    );
    expect(code(() => replay([events[0]!, { ...events[1]!, at: new Date(events[0]!.at.getTime() - 1) } as DossierEvent]))).toBe(
      'DOSSIER_HISTORY_INVALID',
    );
    expect(code(() => applyEvent(replay(events), events[0]!))).toBe('DOSSIER_HISTORY_INVALID');
  });
});
