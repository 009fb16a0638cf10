import { describe, expect, it } from 'vitest';
import { vnTime, workingTimeBetween } from '../../calendar/index.js';
import { Role } from '../../../platform/auth/actor.js';
import { Action, Channel, type TransitionAction } from './actions.js';
import { availableActions, createDossier, decide, type DossierActor } from './available-actions.js';
import { classifyCompletion } from './deadline-rules.js';
import { formatDossierCode } from './dossier-code.js';
import { DossierErrorCode } from './errors.js';
import {
  Agency,
  applicant,
  approver,
  calendar,
  coopSpecialist,
  DAY,
  HOUR,
  MINUTE,
  reception,
  samplePayload,
  specialist,
  start,
  step,
  walk,
  type Walk,
} from './fixtures.test-support.js';
import { controlSlipRows, replay } from './history.js';
import { Status } from './status.js';

function attempt(w: Walk, action: TransitionAction, actor: DossierActor, payload: unknown, now: Date) {
  return decide(w.state, action, actor, payload as never, now, calendar);
}

function errorCode(res: ReturnType<typeof attempt>): string | null {
  return res.ok ? null : res.error.code;
}

/** Paper dossier received Mon 02/03/2026 08:30 (5 working days ⇒ due Mon 09/03 08:30), at the lead by 09:00. */
const inProcess = () => walk(['RECEIVE', 'FORWARD'], Channel.DESK);

describe('receipt starts the legal clock through the calendar', () => {
  it('3 working days from Fri 13/02/2026 16:00 skip Tết: due Wed 25/02/2026 16:00', () => {
    const w = start(Channel.DESK, vnTime(2026, 2, 13, 15, 0));
    const now = vnTime(2026, 2, 13, 16, 0);
    const dossierCode = formatDossierCode({ agencyCode: Agency.lead, receivedAt: now, sequence: 7 });
    const res = attempt(w, Action.RECEIVE, reception, { dossierCode, timeLimit: { unit: 'working_days', value: 3 } }, now);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.next.legalDue).toEqual(vnTime(2026, 2, 25, 16, 0));
    expect(res.next.due).toEqual(vnTime(2026, 2, 25, 16, 0));
    expect(res.next.dossierCode).toBe('H15.50.05.13-260213-0007');
    expect(res.next.rules).toBe('decree-118-2025');
    expect(res.events[0]!.form).toEqual({ type: 'receipt', number: '01', formSet: 'circular-03-2025' });
    expect(res.events[0]!.clockEffect).toBe('start');
  });

  it('the code must carry the receipt date (Viet Nam) and be well formed', () => {
    const w = start(Channel.DESK);
    const now = vnTime(2026, 3, 2, 9, 0);
    const yesterday = formatDossierCode({ agencyCode: Agency.lead, receivedAt: vnTime(2026, 3, 1, 23, 0), sequence: 1 });
    const base = { timeLimit: { unit: 'working_days', value: 5 } };
    expect(errorCode(attempt(w, Action.RECEIVE, reception, { ...base, dossierCode: yesterday }, now))).toBe(DossierErrorCode.DOSSIER_CODE_MISMATCH);
    expect(errorCode(attempt(w, Action.RECEIVE, reception, { ...base, dossierCode: 'H15-2603-1' }, now))).toBe(DossierErrorCode.CODE_INVALID);
  });

  it('a bad time limit is refused by the calendar, not thrown', () => {
    const w = start(Channel.DESK);
    const now = vnTime(2026, 3, 2, 9, 0);
    const dossierCode = formatDossierCode({ agencyCode: Agency.lead, receivedAt: now, sequence: 1 });
    const res = attempt(w, Action.RECEIVE, reception, { dossierCode, timeLimit: { unit: 'working_days', value: -1 } }, now);
    expect(errorCode(res)).toBe('CALENDAR_NEGATIVE_DURATION');
  });

  it('the rule set is the one in force on the receipt day', () => {
    const receiveAt = (at: Date) => {
      const w = start(Channel.DESK, new Date(at.getTime() - HOUR));
      const dossierCode = formatDossierCode({ agencyCode: Agency.lead, receivedAt: at, sequence: 1 });
      const res = attempt(w, Action.RECEIVE, reception, { dossierCode, timeLimit: { unit: 'working_days', value: 5 } }, at);
      if (!res.ok) throw res.error;
      return res;
    };
    const june = receiveAt(vnTime(2025, 6, 30, 16, 0));
    const july = receiveAt(vnTime(2025, 7, 1, 8, 0));
    const september = receiveAt(vnTime(2025, 9, 15, 8, 0));
    expect(june.next.rules).toBe('decree-61-2018');
    expect(july.next.rules).toBe('decree-118-2025');
    // Decree 118 applies from 1/7/2025 but the Circular 03 forms only from 15/9/2025.
    expect(july.events[0]!.form?.formSet).toBe('circular-01-2018');
    expect(september.events[0]!.form?.formSet).toBe('circular-03-2025');
  });
});

describe('supplement requests', () => {
  it('must name each component with a reason', () => {
    const w = inProcess();
    const now = new Date(w.now.getTime() + HOUR);
    const cases: [unknown, string][] = [
      [{}, DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED],
      [{ items: [] }, DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED],
      [{ items: [{ componentCode: '', reason: 'thiếu' }] }, DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED],
      [{ items: [{ componentCode: 'TP01' }] }, DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED],
      [{ items: [{ componentCode: 'TP01', reason: '   ' }] }, DossierErrorCode.SUPPLEMENT_ITEMS_REQUIRED],
      [{ items: ['TP01'] }, DossierErrorCode.INVALID_PAYLOAD],
      [{ items: [{ componentCode: 'TP01', reason: 'a' }, { componentCode: 'TP01', reason: 'b' }] }, DossierErrorCode.INVALID_PAYLOAD],
    ];
    for (const [payload, expected] of cases) {
      expect({ payload, code: errorCode(attempt(w, Action.REQUEST_SUPPLEMENT, specialist, payload, now)) }).toEqual({ payload, code: expected });
    }
    const ok = attempt(w, Action.REQUEST_SUPPLEMENT, specialist, { items: [{ componentCode: ' TP01 ', reason: ' Thiếu bản chính ' }] }, now);
    expect(ok.ok && ok.next.openSupplement?.items).toEqual([{ componentCode: 'TP01', reason: 'Thiếu bản chính' }]);
  });

  it('pauses the clock; the supplement resumes it and moves the due dates by the paused working time', () => {
    let w = inProcess();
    const requestAt = vnTime(2026, 3, 2, 9, 30);
    w = step(w, 'REQUEST_SUPPLEMENT', { stepMs: requestAt.getTime() - w.now.getTime(), actor: specialist });
    expect(w.state.status).toBe(Status.AWAITING_SUPPLEMENT);
    expect(w.state.pausedSince).toEqual(requestAt);
    expect(w.events.at(-1)!.form).toEqual({ type: 'supplement_request', number: '02', formSet: 'circular-03-2025' });
    expect(w.events.at(-1)!.lateByRule).toBeUndefined();
    const supplyAt = vnTime(2026, 3, 3, 9, 30); // exactly one working day later (480 working minutes)
    w = step(w, 'RECEIVE_SUPPLEMENT', { stepMs: supplyAt.getTime() - w.now.getTime(), actor: applicant });
    expect(w.state.status).toBe(Status.IN_PROCESS);
    expect(w.state.pausedSince).toBeNull();
    expect(w.state.pausedWorkingMinutes).toBe(480);
    expect(w.state.legalDue).toEqual(vnTime(2026, 3, 10, 8, 30));
    expect(w.state.due).toEqual(vnTime(2026, 3, 10, 8, 30));
    expect(w.state.openSupplement).toBeNull();
  });

  it('the answer may not include items never requested, and must include every requested one', () => {
    let w = inProcess();
    const items = [
      { componentCode: 'TP01', reason: 'Bản sao chưa chứng thực' },
      { componentCode: 'TP03', reason: 'Thiếu chữ ký' },
    ];
    w = step(w, 'REQUEST_SUPPLEMENT', { payload: { items }, actor: specialist });
    const now = new Date(w.now.getTime() + HOUR);
    const extra = { items: [{ componentCode: 'TP01' }, { componentCode: 'TP03' }, { componentCode: 'TP09' }] };
    const partial = { items: [{ componentCode: 'TP01' }] };
    const exact = { items: [{ componentCode: 'TP03', note: 'đã ký' }, { componentCode: 'TP01' }] };
    const extraRes = attempt(w, Action.RECEIVE_SUPPLEMENT, applicant, extra, now);
    expect(errorCode(extraRes)).toBe(DossierErrorCode.SUPPLEMENT_ITEM_NOT_REQUESTED);
    expect(extraRes.ok ? null : extraRes.error.details).toEqual({ componentCodes: ['TP09'] });
    const partialRes = attempt(w, Action.RECEIVE_SUPPLEMENT, reception, partial, now);
    expect(errorCode(partialRes)).toBe(DossierErrorCode.SUPPLEMENT_INCOMPLETE);
    expect(partialRes.ok ? null : partialRes.error.details).toEqual({ missing: ['TP03'] });
    expect(attempt(w, Action.RECEIVE_SUPPLEMENT, reception, exact, now).ok).toBe(true);
  });

  it('a second request is allowed but flagged late by rule (766: more than one request ⇒ late)', () => {
    let w = inProcess();
    w = step(w, 'REQUEST_SUPPLEMENT', { actor: specialist });
    w = step(w, 'RECEIVE_SUPPLEMENT', { actor: applicant });
    w = step(w, 'REQUEST_SUPPLEMENT', { actor: specialist });
    expect(w.state.supplementRounds).toBe(2);
    expect(w.events.at(-1)!.lateByRule).toBe(true);
    expect(w.state.lateByRule).toBe(true);
    w = step(w, 'RECEIVE_SUPPLEMENT', { actor: applicant });
    w = step(w, 'SUBMIT_FOR_APPROVAL');
    w = step(w, 'APPROVE');
    w = step(w, 'RECORD_RESULT');
    expect(w.state.finishedAt!.getTime()).toBeLessThan(w.state.legalDue!.getTime());
    expect(classifyCompletion(w.state.finishedAt!, w.state.legalDue!, w.state.supplementRounds)).toBe('late');
  });

  it('the desk’s completion request before receipt counts as the first round', () => {
    let w = walk(['SUBMIT_ONLINE', 'REQUEST_SUPPLEMENT', 'RECEIVE_SUPPLEMENT']);
    expect(w.state.status).toBe(Status.SUBMITTED);
    expect(w.state.supplementRounds).toBe(1);
    expect(w.state.legalDue).toBeNull(); // the clock has not started
    expect(w.events.every((e) => e.charge === null)).toBe(true);
    w = step(w, 'RECEIVE');
    w = step(w, 'FORWARD');
    w = step(w, 'REQUEST_SUPPLEMENT', { actor: specialist });
    expect(w.events.at(-1)!.lateByRule).toBe(true);
  });
});

describe('apology and new appointment', () => {
  // Due Mon 09/03/2026 08:30; the last day for the apology is Fri 06/03.
  const friday = vnTime(2026, 3, 6, 16, 59);
  const saturday = vnTime(2026, 3, 7, 10, 0);
  const dueMorning = vnTime(2026, 3, 9, 7, 0);
  const payload = { reason: 'Cần lấy ý kiến cơ quan liên quan', newDue: vnTime(2026, 3, 12, 8, 30) };

  it('at least one working day before the due date', () => {
    const w = inProcess();
    expect(w.state.due).toEqual(vnTime(2026, 3, 9, 8, 30));
    expect(attempt(w, Action.ISSUE_APOLOGY, approver, payload, friday).ok).toBe(true);
    expect(errorCode(attempt(w, Action.ISSUE_APOLOGY, approver, payload, saturday))).toBe(DossierErrorCode.APOLOGY_TOO_LATE);
    expect(errorCode(attempt(w, Action.ISSUE_APOLOGY, approver, payload, dueMorning))).toBe(DossierErrorCode.APOLOGY_TOO_LATE);
    expect(availableActions(w.state, approver, { now: friday, calendar })).toContain(Action.ISSUE_APOLOGY);
    expect(availableActions(w.state, approver, { now: saturday, calendar })).not.toContain(Action.ISSUE_APOLOGY);
  });

  it('moves the appointment, not the legal due date, and only once', () => {
    let w = inProcess();
    w = step(w, 'ISSUE_APOLOGY', { payload, actor: approver });
    expect(w.state.status).toBe(Status.IN_PROCESS);
    expect(w.state.due).toEqual(payload.newDue);
    expect(w.state.legalDue).toEqual(vnTime(2026, 3, 9, 8, 30));
    expect(w.state.apology).toMatchObject({ previousDue: vnTime(2026, 3, 9, 8, 30), newDue: payload.newDue });
    expect(w.events.at(-1)!.form).toEqual({ type: 'apology_extension', number: '04', formSet: 'circular-03-2025' });
    expect(availableActions(w.state, approver)).not.toContain(Action.ISSUE_APOLOGY);
    const again = attempt(w, Action.ISSUE_APOLOGY, approver, { ...payload, newDue: vnTime(2026, 3, 20, 8, 0) }, new Date(w.now.getTime() + HOUR));
    expect(errorCode(again)).toBe(DossierErrorCode.APOLOGY_ALREADY_ISSUED);
  });

  it('the new appointment must be later than the current one', () => {
    const w = inProcess();
    const res = attempt(w, Action.ISSUE_APOLOGY, approver, { reason: 'x', newDue: vnTime(2026, 3, 9, 8, 30) }, friday);
    expect(errorCode(res)).toBe(DossierErrorCode.APOLOGY_DATE_NOT_LATER);
  });

  it('a later pause moves the new appointment too', () => {
    let w = inProcess();
    w = step(w, 'ISSUE_APOLOGY', { payload, actor: approver });
    w = step(w, 'REQUEST_PAYMENT', { actor: specialist });
    w = step(w, 'RECORD_PAYMENT', { stepMs: DAY, actor: reception });
    expect(w.state.due!.getTime()).toBeGreaterThan(payload.newDue.getTime());
    expect(workingTimeBetween(payload.newDue, w.state.due!, calendar)).toBeCloseTo(w.state.pausedWorkingMinutes, 6);
  });
});

describe('transfers between agencies', () => {
  it('need a target that differs from the holder and is not the lead agency', () => {
    const w = inProcess();
    const now = new Date(w.now.getTime() + HOUR);
    const t = (payload: unknown, actor: DossierActor = specialist) => errorCode(attempt(w, Action.TRANSFER, actor, payload, now));
    expect(t({ reason: 'x' })).toBe(DossierErrorCode.TRANSFER_TARGET_INVALID);
    expect(t({ toAgencyCode: '  ', reason: 'x' })).toBe(DossierErrorCode.TRANSFER_TARGET_INVALID);
    expect(t({ toAgencyCode: Agency.lead, reason: 'x' })).toBe(DossierErrorCode.TRANSFER_TARGET_INVALID);
    expect(t({ toAgencyCode: 'sở tài chính', reason: 'x' })).toBe(DossierErrorCode.INVALID_PAYLOAD);
    expect(t({ toAgencyCode: Agency.coop })).toBe(DossierErrorCode.INVALID_PAYLOAD); // reason required
    expect(t({ toAgencyCode: Agency.coop, reason: 'Xác định nghĩa vụ tài chính' })).toBeNull();
  });

  it('from a co-operating agency: onward to a third agency, not back to the lead (that is RECEIVE_BACK)', () => {
    const w = walk(['RECEIVE', 'FORWARD', 'TRANSFER'], Channel.DESK);
    expect(w.state.holderAgencyCode).toBe(Agency.coop);
    const now = new Date(w.now.getTime() + HOUR);
    expect(errorCode(attempt(w, Action.TRANSFER, coopSpecialist, { toAgencyCode: Agency.lead, reason: 'x' }, now))).toBe(
      DossierErrorCode.TRANSFER_TARGET_INVALID,
    );
    expect(errorCode(attempt(w, Action.TRANSFER, coopSpecialist, { toAgencyCode: Agency.coop, reason: 'x' }, now))).toBe(
      DossierErrorCode.TRANSFER_TARGET_INVALID,
    );
    const onward = attempt(w, Action.TRANSFER, coopSpecialist, { toAgencyCode: Agency.coop2, reason: 'x' }, now);
    expect(onward.ok && onward.next.holderAgencyCode).toBe(Agency.coop2);
  });

  it('each agency is charged the working time it held the dossier while the clock ran', () => {
    const at = (d: number, h: number, m = 0) => vnTime(2026, 3, d, h, m);
    let w = start(Channel.DESK, at(2, 7, 30));
    const go = (action: TransitionAction, when: Date, actor: DossierActor, payload?: unknown) => {
      w = step(w, action, { stepMs: when.getTime() - w.now.getTime(), actor, ...(payload !== undefined && { payload }) });
    };
    go('RECEIVE', at(2, 8), reception, {
      dossierCode: formatDossierCode({ agencyCode: Agency.lead, receivedAt: at(2, 8), sequence: 1 }),
      timeLimit: { unit: 'working_days', value: 3 },
      stepBudget: { unit: 'working_hours', value: 4 }, // due Mon 14:00
    });
    go('FORWARD', at(2, 9), reception, { stepName: 'Thẩm định', stepBudget: { unit: 'working_hours', value: 1 } }); // due 10:00
    go('TRANSFER', at(2, 11), specialist, { toAgencyCode: Agency.coop, reason: 'Xác định thuế', stepBudget: { unit: 'working_days', value: 2 } });
    go('RECEIVE_BACK', at(3, 8), coopSpecialist, {});
    go('SUBMIT_FOR_APPROVAL', at(3, 10), specialist, {});
    go('APPROVE', at(3, 14), approver, {});
    go('RECORD_RESULT', at(3, 15), specialist, { documentNumber: '15/GP', summary: 'Cấp phép' });
    go('RETURN_RESULT', at(4, 9), reception, { method: 'post' });

    expect(w.state.status).toBe(Status.RETURNED);
    // desk 08:00–09:00; lead 09:00–11:00, Tue 08:00–15:00 (420 in all); coop Mon 11:00 → Tue 08:00.
    expect(w.state.agencyMinutes).toEqual({ [Agency.desk]: 60, [Agency.lead]: 420, [Agency.coop]: 300 });
    expect(workingTimeBetween(at(2, 8), w.state.finishedAt!, calendar)).toBe(780);
    expect(w.state.finishedAt).toEqual(at(3, 15));
    expect(classifyCompletion(w.state.finishedAt!, w.state.legalDue!, w.state.supplementRounds)).toBe('early');

    const rows = controlSlipRows(w.events);
    expect(rows.map((r) => [r.action, r.from.agencyCode, r.to.agencyCode, r.endedStep?.result ?? null])).toEqual([
      ['RECEIVE', Agency.desk, Agency.desk, null],
      ['FORWARD', Agency.desk, Agency.lead, 'on_time'], // same day, before 14:00
      ['TRANSFER', Agency.lead, Agency.coop, 'late'], // due 10:00, handed over 11:00
      ['RECEIVE_BACK', Agency.coop, Agency.lead, 'early'], // due Wed 11:00
      ['SUBMIT_FOR_APPROVAL', Agency.lead, Agency.lead, null],
      ['APPROVE', Agency.lead, Agency.lead, null],
      ['RECORD_RESULT', Agency.lead, Agency.desk, null],
    ]);
    expect(rows[2]!.endedStep?.name).toBe('Thẩm định');
    expect(replay(w.events)).toEqual(w.state);
  });
});

describe('withdrawal and stop', () => {
  it('are refused once a decision or result exists (Decree 118 art. 21)', () => {
    for (const path of [
      ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'APPROVE'],
      ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'APPROVE', 'RECORD_RESULT'],
      ['RECEIVE', 'FORWARD', 'SUBMIT_FOR_APPROVAL', 'APPROVE', 'RECORD_RESULT', 'RETURN_RESULT'],
    ] as TransitionAction[][]) {
      const w = walk(path, Channel.DESK);
      const now = new Date(w.now.getTime() + HOUR);
      for (const [action, actor] of [
        [Action.WITHDRAW, applicant],
        [Action.WITHDRAW, reception],
        [Action.STOP_PROCESSING, approver],
      ] as const) {
        const res = attempt(w, action, actor, samplePayload(action, w.state, now), now);
        expect({ status: w.state.status, action, code: errorCode(res) }).toEqual({
          status: w.state.status,
          action,
          code: DossierErrorCode.RESULT_ALREADY_ISSUED,
        });
      }
    }
  });

  it('before a result they end processing with a stop notice (Form 05 from 15/9/2025, no 2018 form)', () => {
    const w = walk(['RECEIVE', 'FORWARD', 'REQUEST_SUPPLEMENT'], Channel.DESK);
    const now = new Date(w.now.getTime() + 2 * HOUR);
    const res = attempt(w, Action.WITHDRAW, applicant, { reason: 'Không còn nhu cầu' }, now);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.next.status).toBe(Status.WITHDRAWN);
    expect(res.next.finishedAt).toEqual(now);
    expect(res.next.pausedSince).toBeNull();
    expect(res.events[0]!.pausedMinutes).toBe(workingTimeBetween(w.state.pausedSince!, now, calendar));
    expect(res.events[0]!.form).toEqual({ type: 'stop_notice', number: '05', formSet: 'circular-03-2025' });

    const old = walk(['RECEIVE', 'FORWARD'], Channel.DESK, vnTime(2025, 8, 4, 8, 0));
    const oldNow = new Date(old.now.getTime() + HOUR);
    const oldRes = attempt(old, Action.STOP_PROCESSING, approver, { reason: 'applicant_ceased', note: 'Tổ chức đã giải thể' }, oldNow);
    expect(oldRes.ok && oldRes.events[0]!.form).toEqual({ type: 'stop_notice', number: null, formSet: 'circular-01-2018' });
    expect(oldRes.ok && oldRes.next.status).toBe(Status.STOPPED);
  });

  it('stop needs one of the enumerated grounds', () => {
    const w = inProcess();
    const now = new Date(w.now.getTime() + HOUR);
    expect(errorCode(attempt(w, Action.STOP_PROCESSING, approver, { reason: 'bored', note: 'x' }, now))).toBe(DossierErrorCode.INVALID_PAYLOAD);
  });
});

describe('pause, payment and other guards', () => {
  it('a lawful pause needs an enumerated reason and a legal basis', () => {
    const w = inProcess();
    const now = new Date(w.now.getTime() + HOUR);
    expect(errorCode(attempt(w, Action.PAUSE, specialist, { reason: 'holiday', legalBasis: 'x' }, now))).toBe(DossierErrorCode.INVALID_PAYLOAD);
    expect(errorCode(attempt(w, Action.PAUSE, specialist, { reason: 'verification' }, now))).toBe(DossierErrorCode.INVALID_PAYLOAD);
    expect(attempt(w, Action.PAUSE, specialist, { reason: 'expert_assessment', legalBasis: 'Điều 5 Luật Giám định tư pháp' }, now).ok).toBe(true);
  });

  it('payment must match the amount requested', () => {
    let w = inProcess();
    w = step(w, 'REQUEST_PAYMENT', { payload: { amount: 50_000, description: 'Lệ phí' }, actor: specialist });
    const now = new Date(w.now.getTime() + HOUR);
    expect(errorCode(attempt(w, Action.RECORD_PAYMENT, reception, { amount: 40_000 }, now))).toBe(DossierErrorCode.PAYMENT_AMOUNT_MISMATCH);
    expect(errorCode(attempt(w, Action.RECORD_PAYMENT, reception, { amount: 50_000.5 }, now))).toBe(DossierErrorCode.INVALID_PAYLOAD);
    const ok = attempt(w, Action.RECORD_PAYMENT, reception, { amount: 50_000, receiptNumber: 'BL-1' }, now);
    expect(ok.ok && ok.next.payment?.paidAt).toEqual(now);
  });

  it('an action may not be dated before the previous one', () => {
    const w = inProcess();
    const res = attempt(w, Action.PROCESS_STEP, specialist, { note: 'x' }, new Date(w.now.getTime() - MINUTE));
    expect(errorCode(res)).toBe(DossierErrorCode.TIME_BEFORE_LAST_EVENT);
    expect(errorCode(attempt(w, Action.PROCESS_STEP, specialist, { note: 'x' }, new Date(Number.NaN)))).toBe(DossierErrorCode.INVALID_PAYLOAD);
    // Simultaneous actions are fine (a desk officer receives and forwards in the same minute).
    expect(attempt(w, Action.PROCESS_STEP, specialist, { note: 'x' }, w.now).ok).toBe(true);
  });

  it('an online draft is the applicant’s; a paper draft is the desk’s', () => {
    const online = start(Channel.ONLINE);
    const paper = start(Channel.DESK);
    expect(availableActions(online.state, reception)).toEqual([]);
    expect(availableActions(online.state, applicant)).toEqual([Action.SUBMIT_ONLINE]);
    expect(availableActions(paper.state, applicant)).toEqual([]);
    expect(availableActions(paper.state, reception)).toEqual([Action.RECEIVE, Action.REFUSE_RECEPTION, Action.REQUEST_SUPPLEMENT]);
  });

  it('creating a dossier: online by the applicant, paper by the receiving desk only', () => {
    const base = { procedureCode: '2.000815', receivingAgencyCode: Agency.desk, competentAgencyCode: Agency.lead };
    expect(createDossier({ ...base, channel: 'online' }, applicant, T()).ok).toBe(true);
    expect(createDossier({ ...base, channel: 'desk' }, applicant, T()).ok).toBe(false);
    expect(createDossier({ ...base, channel: 'post' }, reception, T()).ok).toBe(true);
    expect(createDossier({ ...base, channel: 'desk' }, { id: 'r', roles: [Role.RECEPTION], agencyCode: Agency.other }, T()).ok).toBe(false);
    expect(createDossier({ ...base, channel: 'desk' }, specialist, T()).ok).toBe(false);
    const bad = createDossier({ ...base, channel: 'desk', competentAgencyCode: 'h15-lower' }, reception, T());
    expect(bad.ok ? null : bad.error.code).toBe(DossierErrorCode.INVALID_PAYLOAD);
  });

  it('refusal at reception needs reasons', () => {
    const w = walk(['SUBMIT_ONLINE']);
    const now = new Date(w.now.getTime() + HOUR);
    expect(errorCode(attempt(w, Action.REFUSE_RECEPTION, reception, { reasons: [] }, now))).toBe(DossierErrorCode.INVALID_PAYLOAD);
    const ok = attempt(w, Action.REFUSE_RECEPTION, reception, { reasons: ['Không thuộc thẩm quyền'] }, now);
    expect(ok.ok && ok.events[0]!.form).toEqual({ type: 'refusal', number: '03', formSet: 'circular-03-2025' });
  });
});

function T(): Date {
  return vnTime(2026, 3, 2, 8, 0);
}
