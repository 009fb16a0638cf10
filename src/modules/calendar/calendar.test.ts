import { describe, expect, it } from 'vitest';
import { buildCalendar, type WorkingHoursSpec } from './calendar.js';
import { CalendarErrorCode } from './errors.js';
import { AppError } from '../../platform/errors.js';
import { CalendarError } from './errors.js';
import { addWorkingTime } from './working-time.js';
import { formatVnTime, vnTime } from './civil-date.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('buildCalendar', () => {
  it('defaults: 2021–2100, Monday–Friday 07:00–11:30 and 13:30–17:00', () => {
    const cal = buildCalendar();
    expect([cal.fromYear, cal.toYear, cal.standardDayMinutes]).toEqual([2021, 2100, 480]);
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-03-09')).toBe(true);
    expect(cal.isWorkingDay('2100-12-31')).toBe(true); // Friday
  });

  it('per-weekday hours: Saturday morning open, Wednesday afternoon closed', () => {
    const cal = buildCalendar({
      workingHours: {
        weekdays: {
          3: [['07:00', '11:30']],
          6: [['07:30', '11:00']],
        },
      },
    });
    expect(cal.describeDay('2026-03-07').hours).toEqual([['07:30', '11:00']]);
    expect(cal.describeDay('2026-03-04').hours).toEqual([['07:00', '11:30']]);
    // Wed 04/03/2026 10:00 + 3 working hours: 1.5 h on Wednesday morning, 1.5 h on Thursday → Thu 08:30
    expect(formatVnTime(addWorkingTime(vnTime(2026, 3, 4, 10), { unit: 'working_hours', value: 3 }, cal).due)).toBe(
      '2026-03-05 08:30',
    );
  });

  it('touching ranges merge into one interval', () => {
    const cal = buildCalendar({
      workingHours: {
        standard: [
          ['07:00', '12:00'],
          ['12:00', '15:00'],
        ],
      },
    });
    expect(cal.describeDay('2026-03-09').hours).toEqual([['07:00', '15:00']]);
    expect(cal.standardDayMinutes).toBe(480);
  });

  it('statutory holidays before statutoryFromYear are not computed', () => {
    const cal = buildCalendar({ fromYear: 2020, toYear: 2022 });
    expect(cal.isWorkingDay('2020-09-02')).toBe(true); // Labour Code 2019 not yet in force: load overrides
    expect(cal.isWorkingDay('2021-09-02')).toBe(false);
  });

  it.each<[string, WorkingHoursSpec, string]>([
    ['malformed time', { standard: [['7:00', '11:30']] }, CalendarErrorCode.INVALID_WORKING_HOURS],
    ['minute 60', { standard: [['07:60', '11:30']] }, CalendarErrorCode.INVALID_WORKING_HOURS],
    ['reversed range', { standard: [['11:30', '07:00']] }, CalendarErrorCode.INVALID_WORKING_HOURS],
    [
      'overlapping ranges',
      {
        standard: [
          ['07:00', '12:00'],
          ['11:00', '17:00'],
        ],
      },
      CalendarErrorCode.INVALID_WORKING_HOURS,
    ],
    ['no working day at all', { standard: [] }, CalendarErrorCode.NO_WORKING_TIME],
    ['no hours for make-up days', { standard: [], weekdays: { 6: [['07:00', '11:00']] } }, CalendarErrorCode.INVALID_WORKING_HOURS],
    [
      'every weekday closed',
      { weekdays: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } },
      CalendarErrorCode.NO_WORKING_TIME,
    ],
  ])('%s → error', (_label, workingHours, code) => {
    expect(codeOf(() => buildCalendar({ workingHours }))).toBe(code);
  });

  it.each([
    [{ fromYear: 2030, toYear: 2025 }],
    [{ fromYear: 1800 }],
    [{ toYear: 2300 }],
    [{ fromYear: 2025.5 }],
    [{ weeklyRestDays: [7] }],
  ])('invalid range %j → CALENDAR_INVALID_RANGE', (options) => {
    expect(codeOf(() => buildCalendar(options))).toBe(CalendarErrorCode.INVALID_RANGE);
  });

  it('dates outside the calendar → CALENDAR_OUT_OF_RANGE', () => {
    const cal = buildCalendar({ fromYear: 2024, toYear: 2026 });
    expect(codeOf(() => cal.isWorkingDay('2027-01-04'))).toBe(CalendarErrorCode.OUT_OF_RANGE);
    expect(codeOf(() => cal.isWorkingDay('2023-12-29'))).toBe(CalendarErrorCode.OUT_OF_RANGE);
    expect(codeOf(() => addWorkingTime(vnTime(2026, 12, 30, 10), { unit: 'working_days', value: 5 }, cal))).toBe(
      CalendarErrorCode.OUT_OF_RANGE,
    );
  });

  it('lists non-working days and holidays', () => {
    const cal = buildCalendar();
    expect(cal.nonWorkingDays('2026-04-24', '2026-05-04')).toEqual([
      '2026-04-25',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
    ]);
    expect(cal.holidaysOf(2026)).toHaveLength(12);
  });
});

describe('CalendarError', () => {
  it('is an AppError of kind validation with a stable code and {vi, en} message', () => {
    const error = new CalendarError(CalendarErrorCode.NEGATIVE_DURATION, { value: -1 });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      kind: 'validation',
      code: 'CALENDAR_NEGATIVE_DURATION',
      localized: { vi: 'Thời hạn không được là số âm', en: 'A duration cannot be negative' },
      details: { value: -1 },
    });
    expect(error.message).toBe('A duration cannot be negative');
  });
});
