import { describe, expect, it } from 'vitest';
import { Role } from '../../../platform/auth/actor.js';
import {
  Action,
  actionsOfStatus,
  Channel,
  performersOf,
  TRANSITION_ACTIONS,
  TRANSITIONS,
  transitionOf,
  type StatusTransitions,
  type TransitionAction,
} from './actions.js';
import { availableActions, decide } from './available-actions.js';
import { DossierErrorCode } from './errors.js';
import { calendar, EVERYONE, MINUTE, samplePayload, walk, type Walk } from './fixtures.test-support.js';
import { clockRuns, Status, STATUSES, statusKind, type Status as StatusT } from './status.js';

// ---------------------------------------------------------------------------------------------
// Compile-time: the table must decide every status. These lines are checked by `tsc --noEmit`.

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const tableCoversStatuses: Equal<keyof typeof TRANSITIONS, StatusT> = true;

// A status added to the union but not to the table is rejected by the table's type:
type WithNewStatus = StatusT | 'ARCHIVED';
// @ts-expect-error -- 'ARCHIVED' has no decided actions, so the table does not satisfy Record<Status, …>
const missingStatus: Record<WithNewStatus, StatusTransitions> = TRANSITIONS;

// An unknown action or a malformed entry is rejected too (the table is checked with `satisfies`):
const badRow = {
  // @ts-expect-error -- not an action
  DO_MAGIC: { allow: { applicant: 'owner' }, to: Status.RETURNED, clock: 'none', form: null },
} satisfies StatusTransitions;
const badClock = {
  // @ts-expect-error -- not a clock effect
  RESUME: { allow: { applicant: 'owner' }, to: Status.RETURNED, clock: 'rewind', form: null },
} satisfies StatusTransitions;

// ---------------------------------------------------------------------------------------------
// How to reach each status (through decide), and who may do what there: the law as this test reads it.

type Fixture = 'DRAFT_ONLINE' | 'DRAFT_PAPER' | Exclude<StatusT, 'DRAFT'>;

const PATHS: Record<Fixture, { channel: Channel; actions: TransitionAction[] }> = {
  DRAFT_ONLINE: { channel: Channel.ONLINE, actions: [] },
  DRAFT_PAPER: { channel: Channel.DESK, actions: [] },
  SUBMITTED: { channel: Channel.ONLINE, actions: ['SUBMIT_ONLINE'] },
  AWAITING_COMPLETION: { channel: Channel.ONLINE, actions: ['SUBMIT_ONLINE', 'REQUEST_SUPPLEMENT'] },
  REFUSED_AT_RECEPTION: { channel: Channel.ONLINE, actions: ['SUBMIT_ONLINE', 'REFUSE_RECEPTION'] },
  RECEIVED: { channel: Channel.ONLINE, actions: ['SUBMIT_ONLINE', 'RECEIVE'] },
  IN_PROCESS: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD'] },
  TRANSFERRED: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'TRANSFER'] },
  AWAITING_SUPPLEMENT: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'REQUEST_SUPPLEMENT'] },
  AWAITING_PAYMENT: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'REQUEST_PAYMENT'] },
  PAUSED: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'PAUSE'] },
  AWAITING_APPROVAL: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL'] },
  APPROVED: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'APPROVE'] },
  RESULT_READY: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'APPROVE', 'RECORD_RESULT'] },
  RETURNED: {
    channel: Channel.DESK,
    actions: ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'APPROVE', 'RECORD_RESULT', 'RETURN_RESULT'],
  },
  WITHDRAWN: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'WITHDRAW'] },
  STOPPED: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'STOP_PROCESSING'] },
  REFUSED_TO_SETTLE: { channel: Channel.DESK, actions: ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'REFUSE_TO_SETTLE'] },
};

const APPLICANT_OR_DESK = ['applicant', 'reception@desk'];
const LEAD_PROCESSORS = ['specialist@lead', 'approver@lead'];
const COOP_PROCESSORS = ['specialist@coop', 'approver@coop'];
const STOP_BY_LEAD = { WITHDRAW: APPLICANT_OR_DESK, STOP_PROCESSING: ['approver@lead'] };

/** Who (role@agency) may perform each action in each fixture; everything not listed must be refused. */
const EXPECTED: Record<Fixture, Partial<Record<TransitionAction, string[]>>> = {
  DRAFT_ONLINE: { SUBMIT_ONLINE: ['applicant'] },
  DRAFT_PAPER: { RECEIVE: ['reception@desk'], REFUSE_RECEPTION: ['reception@desk'], REQUEST_SUPPLEMENT: ['reception@desk'] },
  SUBMITTED: {
    RECEIVE: ['reception@desk'],
    REFUSE_RECEPTION: ['reception@desk'],
    REQUEST_SUPPLEMENT: ['reception@desk'],
    WITHDRAW: APPLICANT_OR_DESK,
  },
  AWAITING_COMPLETION: {
    RECEIVE_SUPPLEMENT: APPLICANT_OR_DESK,
    REFUSE_RECEPTION: ['reception@desk'],
    WITHDRAW: APPLICANT_OR_DESK,
  },
  REFUSED_AT_RECEPTION: {},
  RECEIVED: { FORWARD: ['reception@desk'], ...STOP_BY_LEAD },
  IN_PROCESS: {
    ASSIGN: ['approver@lead'],
    PROCESS_STEP: LEAD_PROCESSORS,
    FORWARD: LEAD_PROCESSORS,
    SUBMIT_FOR_APPROVAL: ['specialist@lead'],
    TRANSFER: LEAD_PROCESSORS,
    REQUEST_SUPPLEMENT: LEAD_PROCESSORS,
    REQUEST_PAYMENT: LEAD_PROCESSORS,
    PAUSE: LEAD_PROCESSORS,
    ISSUE_APOLOGY: ['approver@lead'],
    ...STOP_BY_LEAD,
  },
  TRANSFERRED: {
    ASSIGN: ['approver@coop'],
    PROCESS_STEP: COOP_PROCESSORS,
    FORWARD: COOP_PROCESSORS,
    TRANSFER: COOP_PROCESSORS,
    RECEIVE_BACK: [...COOP_PROCESSORS, ...LEAD_PROCESSORS],
    ISSUE_APOLOGY: ['approver@coop'],
    ...STOP_BY_LEAD,
  },
  AWAITING_SUPPLEMENT: { RECEIVE_SUPPLEMENT: APPLICANT_OR_DESK, ...STOP_BY_LEAD },
  AWAITING_PAYMENT: { RECORD_PAYMENT: ['reception@desk', 'specialist@lead'], ...STOP_BY_LEAD },
  PAUSED: { RESUME: LEAD_PROCESSORS, ...STOP_BY_LEAD },
  AWAITING_APPROVAL: {
    APPROVE: ['approver@lead'],
    REFUSE_TO_SETTLE: ['approver@lead'],
    FORWARD: ['approver@lead'],
    ISSUE_APOLOGY: ['approver@lead'],
    ...STOP_BY_LEAD,
  },
  APPROVED: { RECORD_RESULT: LEAD_PROCESSORS, ISSUE_APOLOGY: ['approver@lead'] },
  RESULT_READY: { RETURN_RESULT: ['reception@desk'] },
  RETURNED: {},
  WITHDRAWN: {},
  STOPPED: {},
  REFUSED_TO_SETTLE: {},
};

const FIXTURES = Object.keys(PATHS) as Fixture[];
const reached = new Map<Fixture, Walk>(FIXTURES.map((f) => [f, walk(PATHS[f].actions, PATHS[f].channel)]));

describe('fixtures', () => {
  it.each(FIXTURES)('%s is reachable through decide', (fixture) => {
    const expected = fixture.startsWith('DRAFT') ? Status.DRAFT : fixture;
    expect(reached.get(fixture)!.state.status).toBe(expected);
  });

  it('every status has a fixture', () => {
    const covered = new Set(FIXTURES.map((f) => (f.startsWith('DRAFT') ? Status.DRAFT : f)));
    expect([...covered].sort()).toEqual([...STATUSES].sort());
  });
});

describe('authorisation matrix: every action × every role × every agency, in every status', () => {
  const cases = FIXTURES.flatMap((fixture) => TRANSITION_ACTIONS.map((action) => [fixture, action] as const));

  it.each(cases)('%s / %s', (fixture, action) => {
    const { state, now: last } = reached.get(fixture)!;
    const now = new Date(last.getTime() + 10 * MINUTE);
    const allowed = new Set(EXPECTED[fixture][action] ?? []);
    const inTable = transitionOf(state.status, action) !== undefined;
    for (const [who, actor] of EVERYONE) {
      const res = decide(state, action, actor, samplePayload(action, state, now) as never, now, calendar);
      expect({ who, ok: res.ok }).toEqual({ who, ok: allowed.has(who) });
      if (!res.ok) {
        const code = res.error.code;
        if (!inTable) {
          expect([DossierErrorCode.ACTION_NOT_ALLOWED, DossierErrorCode.RESULT_ALREADY_ISSUED]).toContain(code);
        } else {
          // Online drafts are the applicant's: the desk is told "not allowed", not "not permitted".
          expect([DossierErrorCode.ACTOR_NOT_PERMITTED, DossierErrorCode.ACTION_NOT_ALLOWED]).toContain(code);
        }
      } else {
        expect(res.next.status).toBe(transitionOf(state.status, action)!.to);
      }
    }
  });

  it.each(FIXTURES)('availableActions in %s lists exactly the allowed actions of each actor', (fixture) => {
    const { state } = reached.get(fixture)!;
    for (const [who, actor] of EVERYONE) {
      const expected = TRANSITION_ACTIONS.filter((a) => (EXPECTED[fixture][a] ?? []).includes(who));
      expect({ who, actions: [...availableActions(state, actor)].sort() }).toEqual({ who, actions: [...expected].sort() });
    }
  });

  it('roles without a part in processing (procedure control, reporting, admin) can do nothing', () => {
    for (const fixture of FIXTURES) {
      const { state } = reached.get(fixture)!;
      for (const [who, actor] of EVERYONE) {
        if (/^(procedure_control|reporting|admin)@/.test(who)) expect(availableActions(state, actor)).toEqual([]);
      }
    }
  });

  it('a refusal lists what the actor may do instead', () => {
    const { state, now } = reached.get('IN_PROCESS')!;
    const res = decide(state, Action.RETURN_RESULT, { id: 's', roles: [Role.SPECIALIST], agencyCode: state.holderAgencyCode }, { method: 'desk' }, now, calendar);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe(DossierErrorCode.ACTION_NOT_ALLOWED);
    expect(res.error.kind).toBe('conflict');
    expect((res.error.details as { available: string[] }).available).toContain(Action.SUBMIT_FOR_APPROVAL);
  });

  it('a status that allows the action but not for this actor is a 403-kind refusal with the list', () => {
    const { state, now } = reached.get('IN_PROCESS')!;
    const res = decide(state, Action.SUBMIT_FOR_APPROVAL, { id: 'r', roles: [Role.RECEPTION], agencyCode: state.receivingAgencyCode }, {}, now, calendar);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe(DossierErrorCode.ACTOR_NOT_PERMITTED);
    expect(res.error.kind).toBe('forbidden');
    expect((res.error.details as { available: string[] }).available).toEqual([Action.WITHDRAW]);
  });
});

describe('the table itself', () => {
  it('type-level checks hold', () => {
    expect(tableCoversStatuses).toBe(true);
    expect(missingStatus).toBe(TRANSITIONS);
    expect(Object.keys(badRow)).toEqual(['DO_MAGIC']);
    expect(Object.keys(badClock)).toEqual(['RESUME']);
  });

  it('terminal statuses allow nothing; every other status allows something', () => {
    for (const status of STATUSES) {
      expect({ status, n: actionsOfStatus(status).length > 0 }).toEqual({ status, n: statusKind(status) !== 'terminal' });
    }
  });

  it('every action is reachable from some status', () => {
    const used = new Set(STATUSES.flatMap((s) => actionsOfStatus(s)));
    expect([...used].sort()).toEqual([...TRANSITION_ACTIONS].sort());
  });

  it('every entry names at least one performer', () => {
    for (const status of STATUSES) for (const a of actionsOfStatus(status)) expect(performersOf(transitionOf(status, a)!).length).toBeGreaterThan(0);
  });

  it('clock effects agree with the statuses they connect', () => {
    for (const status of STATUSES) {
      for (const action of actionsOfStatus(status)) {
        const spec = transitionOf(status, action)!;
        switch (spec.clock) {
          case 'start':
            expect(clockRuns(status)).toBe(false);
            expect(clockRuns(spec.to)).toBe(true);
            break;
          case 'pause':
            expect(clockRuns(status)).toBe(true);
            expect(statusKind(spec.to)).toBe('paused');
            break;
          case 'resume':
            expect(statusKind(status)).toBe('paused');
            expect(clockRuns(spec.to)).toBe(true);
            break;
          case 'stop':
            expect(clockRuns(spec.to)).toBe(false);
            expect(['terminal', 'active']).toContain(statusKind(spec.to));
            break;
          case 'extend':
            expect(spec.to).toBe(status);
            expect(clockRuns(status)).toBe(true);
            break;
          case 'none':
            // A move between two statuses with a running clock, or between two without.
            expect({ status, action, same: clockRuns(status) === clockRuns(spec.to) }).toEqual({ status, action, same: true });
            break;
        }
      }
    }
  });

  it('withdrawal and stop are impossible once a decision or result exists', () => {
    for (const status of [Status.APPROVED, Status.RESULT_READY, Status.RETURNED]) {
      expect(transitionOf(status, Action.WITHDRAW)).toBeUndefined();
      expect(transitionOf(status, Action.STOP_PROCESSING)).toBeUndefined();
    }
  });

  it('slips: receipt on receive, 02 on supplement requests, refusal on refusal, stop notice on stops', () => {
    for (const status of STATUSES) {
      for (const action of actionsOfStatus(status)) {
        const form = transitionOf(status, action)!.form;
        if (action === Action.RECEIVE) expect(form).toBe('receipt');
        if (action === Action.REQUEST_SUPPLEMENT) expect(form).toBe('supplement_request');
        if (action === Action.REFUSE_RECEPTION) expect(form).toBe('refusal');
        if (action === Action.WITHDRAW || action === Action.STOP_PROCESSING) expect(form).toBe('stop_notice');
        if (action === Action.ISSUE_APOLOGY) expect(form).toBe('apology_extension');
        if (action === Action.TRANSFER || action === Action.FORWARD) expect(form).toBe('control_slip');
      }
    }
  });
});
