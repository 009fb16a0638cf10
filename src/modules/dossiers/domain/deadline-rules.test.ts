import { describe, expect, it } from 'vitest';
import { vnTime } from '../../calendar/index.js';
import {
  apologyDeadline,
  classifyAgainstDue,
  classifyCompletion,
  classifyStep,
  classifyStepBudget,
  DECREE_61_2018,
  rulesInForceAt,
  TIMELINESS_LABELS,
} from './deadline-rules.js';
import { calendar } from './fixtures.test-support.js';
import { formRef, formSetInForceAt, FORM_TYPES } from './forms.js';

describe('rules in force at the receipt date', () => {
  it.each([
    [vnTime(2019, 1, 10, 9, 0), 'decree-61-2018'],
    [vnTime(2025, 6, 30, 23, 59), 'decree-61-2018'],
    [new Date(vnTime(2025, 7, 1).getTime() - 1), 'decree-61-2018'],
    [vnTime(2025, 7, 1, 0, 0), 'decree-118-2025'],
    [vnTime(2026, 2, 13, 16, 0), 'decree-118-2025'],
  ])('%s → %s', (at, id) => {
    expect(rulesInForceAt(at).id).toBe(id);
  });

  it('the 2018 set numbers forms 01–06 and the 2025 set 01–07', () => {
    const numbers = (at: Date) =>
      Object.fromEntries(FORM_TYPES.map((t) => [t, rulesInForceAt(at).forms.forms[t].number]));
    expect(numbers(vnTime(2024, 1, 2))).toEqual({
      receipt: '01',
      supplement_request: '02',
      refusal: '03',
      apology_extension: '04',
      stop_notice: null,
      control_slip: '05',
      tracking_book: '06',
      payment_request: null,
      settlement_refusal: null,
    });
    expect(numbers(vnTime(2025, 7, 1))).toEqual({
      receipt: '01',
      supplement_request: '02',
      refusal: '03',
      apology_extension: '04',
      stop_notice: '05',
      control_slip: '06',
      tracking_book: '07',
      payment_request: null,
      settlement_refusal: null,
    });
    expect(rulesInForceAt(vnTime(2025, 7, 1)).forms.forms.apology_extension.title.vi).toBe(
      'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    );
    expect(DECREE_61_2018.forms.forms.apology_extension.title.vi).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
  });

  it('slips are numbered by the form set in force on their issue day (Circular 03 forms from 15/9/2025)', () => {
    expect(formSetInForceAt(vnTime(2025, 9, 14, 23, 59)).id).toBe('circular-01-2018');
    expect(formSetInForceAt(vnTime(2025, 9, 15, 0, 0)).id).toBe('circular-03-2025');
    expect(formRef('control_slip', vnTime(2025, 8, 1))).toEqual({ type: 'control_slip', number: '05', formSet: 'circular-01-2018' });
    expect(formRef('control_slip', vnTime(2025, 10, 1))).toEqual({ type: 'control_slip', number: '06', formSet: 'circular-03-2025' });
  });
});

describe('timeliness', () => {
  const due = vnTime(2026, 3, 9, 10, 0);

  it.each([
    [vnTime(2026, 3, 6, 16, 0), 0, 'early'],
    [vnTime(2026, 3, 9, 7, 0), 0, 'on_time'],
    [vnTime(2026, 3, 9, 10, 0), 0, 'on_time'],
    [vnTime(2026, 3, 9, 10, 1), 0, 'late'],
    [vnTime(2026, 3, 10, 8, 0), 0, 'late'],
    [vnTime(2026, 3, 6, 16, 0), 1, 'early'],
    // More than one supplement request ⇒ late whatever the dates (766 indicator 2.1).
    [vnTime(2026, 3, 6, 16, 0), 2, 'late'],
    [vnTime(2026, 3, 9, 9, 0), 3, 'late'],
  ])('finished %s with %i supplement request(s) → %s', (finishedAt, rounds, expected) => {
    expect(classifyCompletion(finishedAt, due, rounds)).toBe(expected);
  });

  it('day boundaries are Viet Nam days, not UTC days', () => {
    // 06:30 in Hà Nội is 23:30 UTC the day before: still the due's day locally.
    expect(classifyAgainstDue(vnTime(2026, 3, 9, 6, 30), due)).toBe('on_time');
    expect(classifyAgainstDue(vnTime(2026, 3, 8, 23, 59), due)).toBe('early');
  });

  it('control-slip steps: Trước hạn / Đúng hạn / Quá hạn', () => {
    expect(TIMELINESS_LABELS[classifyStep(vnTime(2026, 3, 6, 9, 0), due)].vi).toBe('Trước hạn');
    expect(TIMELINESS_LABELS[classifyStep(vnTime(2026, 3, 9, 9, 0), due)].vi).toBe('Đúng hạn');
    expect(TIMELINESS_LABELS[classifyStep(vnTime(2026, 3, 9, 11, 0), due)].vi).toBe('Quá hạn');
    expect(classifyStepBudget(1, 2)).toBe('early');
    expect(classifyStepBudget(2, 2)).toBe('on_time');
    expect(classifyStepBudget(3, 2)).toBe('late');
  });
});

describe('apology deadline: the working day before the due day', () => {
  it.each([
    [vnTime(2026, 3, 11, 10, 0), '2026-03-10'], // Wed → Tue
    [vnTime(2026, 3, 9, 8, 30), '2026-03-06'], // Mon → the Friday before
    [vnTime(2026, 2, 23, 9, 0), '2026-02-13'], // Mon after Tết 2026 → Fri 13/02
    [vnTime(2026, 8, 24, 9, 0), '2026-08-22'], // Mon after the make-up Saturday 22/08/2026
    [vnTime(2026, 9, 3, 9, 0), '2026-08-28'], // Thu after the National Day break (29/08–02/09)
  ])('due %s → issue by %s', (due, last) => {
    expect(apologyDeadline(due, calendar)).toBe(last);
  });

  it('two working days before, when a rule asks for it', () => {
    expect(apologyDeadline(vnTime(2026, 3, 11, 10, 0), calendar, 2)).toBe('2026-03-09');
  });
});
