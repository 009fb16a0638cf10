import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import { dayNumberOfIso, isoOfDayNumber, weekdayOfDayNumber } from './civil-date.js';
import { CalendarErrorCode } from './errors.js';
import { statutoryHolidays, type CalendarOverride } from './holidays.js';
import {
  OFFICIAL_SCHEDULE_2024,
  OFFICIAL_SCHEDULE_2025,
  OFFICIAL_SCHEDULE_2026,
  OFFICIAL_SCHEDULES_2024_2026,
  UNCONFIRMED_OVERRIDES,
} from './schedules-2024-2026.js';

const official = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });

/** Days off on Monday–Friday, and worked Saturdays/Sundays, of a year (dd/mm). */
function yearSummary(year: number, calendar = official): { weekdaysOff: string[]; weekendWorked: string[] } {
  const weekdaysOff: string[] = [];
  const weekendWorked: string[] = [];
  for (let d = dayNumberOfIso(`${year}-01-01`); d <= dayNumberOfIso(`${year}-12-31`); d += 1) {
    const iso = isoOfDayNumber(d);
    const label = `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
    const wd = weekdayOfDayNumber(d);
    const working = calendar.isWorkingDay(iso);
    if (wd >= 1 && wd <= 5 && !working) weekdaysOff.push(label);
    if ((wd === 0 || wd === 6) && working) weekendWorked.push(label);
  }
  return { weekdaysOff, weekendWorked };
}

describe('official schedules match domain.md §4.3 exactly', () => {
  it('2025: days off Mon–Fri and make-up Saturday', () => {
    expect(yearSummary(2025)).toEqual({
      weekdaysOff: [
        '01/01', // New Year
        '27/01', '28/01', '29/01', '30/01', '31/01', // Tết Ất Tỵ, Sat 25/01 – Sun 02/02
        '07/04', // Hùng Kings
        '30/04', '01/05', '02/05', // 30/4 + 1/5, Fri 02/05 swapped
        '01/09', '02/09', // National Day
      ],
      weekendWorked: ['26/04'],
    });
  });

  it('2026: days off Mon–Fri and make-up Saturday', () => {
    expect(yearSummary(2026)).toEqual({
      weekdaysOff: [
        '01/01',
        '16/02', '17/02', '18/02', '19/02', '20/02', // Tết Bính Ngọ, Sat 14/02 – Sun 22/02
        '27/04', // Hùng Kings on Sun 26/04 → compensatory Mon 27/04
        '30/04', '01/05',
        '31/08', '01/09', '02/09', // Mon 31/08 swapped with Sat 22/08
      ],
      weekendWorked: ['22/08'],
    });
  });

  // python-holidays VN (shared data file vn_public_holidays_2024_2026_python_holidays.csv), 2024 rows on
  // Monday–Friday; it includes the 29/04 ↔ 04/05 swap of Công văn 2450/VPCP-KGVX.
  it('2024: days off Mon–Fri match python-holidays, with make-up Saturday 04/05', () => {
    expect(yearSummary(2024)).toEqual({
      weekdaysOff: ['01/01', '08/02', '09/02', '12/02', '13/02', '14/02', '18/04', '29/04', '30/04', '01/05', '02/09', '03/09'],
      weekendWorked: ['04/05'],
    });
  });

  it.each([OFFICIAL_SCHEDULE_2024, OFFICIAL_SCHEDULE_2025, OFFICIAL_SCHEDULE_2026])(
    'every day of every window of $year is off, and its make-up days are worked',
    (schedule) => {
      for (const window of schedule.windows) {
        for (let d = dayNumberOfIso(window.from); d <= dayNumberOfIso(window.to); d += 1) {
          expect(official.isWorkingDay(isoOfDayNumber(d)), `${isoOfDayNumber(d)} ${window.occasion.en}`).toBe(false);
        }
        for (const day of window.workingDays ?? []) expect(official.isWorkingDay(day)).toBe(true);
        expect(window.source.length).toBeGreaterThan(0);
      }
      for (const entry of schedule.overrides) {
        expect(entry.source.length).toBeGreaterThan(0);
        expect(entry.confidence).toBeDefined();
      }
    },
  );

  it('the days either side of the Tết 2025 and 2026 windows are working days', () => {
    for (const day of ['2025-01-24', '2025-02-03', '2026-02-13', '2026-02-23']) expect(official.isWorkingDay(day)).toBe(true);
  });

  it('describeDay explains each day', () => {
    expect(official.describeDay('2026-08-22')).toMatchObject({ working: true, status: 'make_up_working_day' });
    expect(official.describeDay('2026-08-31')).toMatchObject({ working: false, status: 'day_off' });
    expect(official.describeDay('2026-04-27')).toMatchObject({ working: false, status: 'compensatory_day_off' });
    expect(official.describeDay('2026-04-26')).toMatchObject({ working: false, status: 'statutory_holiday' });
    expect(official.describeDay('2026-04-25')).toMatchObject({ working: false, status: 'weekly_rest' });
    expect(official.describeDay('2026-04-28')).toMatchObject({
      working: true,
      status: 'working',
      hours: [
        ['07:00', '11:30'],
        ['13:30', '17:00'],
      ],
    });
    expect(official.describeDay('2026-04-26').reason?.vi).toBe('Giỗ Tổ Hùng Vương');
  });
});

describe('statutoryHolidays (Labour Code 2019 art. 112 + art. 111(3))', () => {
  // python-holidays VN 2026 rows: the default rules reproduce them exactly.
  it('2026 equals the python-holidays model', () => {
    expect(statutoryHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    const compensatory = statutoryHolidays(2026).filter((h) => h.kind === 'compensatory');
    expect(compensatory).toEqual([
      expect.objectContaining({ date: '2026-04-27', ruleId: 'hung_kings', compensatesFor: '2026-04-26' }),
    ]);
  });

  it('2025 default: Tết = last day of Giáp Thìn + mùng 1–4; Sat 01/02 gives Mon 03/02 (the notice moved it)', () => {
    const tet = statutoryHolidays(2025).filter((h) => h.ruleId === 'lunar_new_year');
    expect(tet.map((h) => `${h.date}:${h.kind}`)).toEqual([
      '2025-01-28:statutory',
      '2025-01-29:statutory',
      '2025-01-30:statutory',
      '2025-01-31:statutory',
      '2025-02-01:statutory',
      '2025-02-03:compensatory',
    ]);
  });

  it('2027 projection (no notice yet): Tết around Sat 06/02, Hùng Kings Fri 16/04, 1/5 Sat → Mon 03/05', () => {
    const days = statutoryHolidays(2027).map((h) => `${h.date}:${h.kind[0]}`);
    expect(days).toEqual([
      '2027-01-01:s',
      '2027-02-05:s',
      '2027-02-06:s',
      '2027-02-07:s',
      '2027-02-08:s',
      '2027-02-09:s',
      '2027-02-10:c',
      '2027-02-11:c',
      '2027-04-16:s',
      '2027-04-30:s',
      '2027-05-01:s',
      '2027-05-03:c',
      '2027-09-01:s',
      '2027-09-02:s',
    ]);
  });

  it('a choice changes the Tết window and the day next to 2/9', () => {
    const days = statutoryHolidays(2024, {
      choices: [
        { year: 2024, ruleId: 'lunar_new_year', daysBefore: 2, source: 'test' },
        { year: 2024, ruleId: 'national_day', adjacent: 'after', source: 'test' },
      ],
    }).map((h) => h.date);
    expect(days).toContain('2024-02-08');
    expect(days).toContain('2024-09-03');
    expect(days).not.toContain('2024-09-01');
  });

  it('returns [] before the Labour Code 2019 took effect', () => {
    expect(statutoryHolidays(2020)).toEqual([]);
  });

  it('names are bilingual', () => {
    for (const h of statutoryHolidays(2026)) {
      expect(h.name.vi.length).toBeGreaterThan(0);
      expect(h.name.en.length).toBeGreaterThan(0);
    }
  });

  it('years after the shipped schedules are computed, not hard-coded', () => {
    const projected = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });
    expect(projected.isWorkingDay('2027-02-10')).toBe(false);
    expect(projected.isWorkingDay('2027-05-03')).toBe(false);
    expect(projected.isWorkingDay('2027-02-12')).toBe(true);
  });
});

describe('override validation', () => {
  const entry = (date: string, kind: CalendarOverride['kind']): CalendarOverride => ({
    date,
    kind,
    reason: { vi: 'lý do', en: 'reason' },
    source: 'test',
  });
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return undefined;
  };

  it('the same date as day off and working day → CALENDAR_OVERRIDE_CONFLICT', () => {
    expect(code(() => buildCalendar({ overrides: [entry('2026-03-07', 'working_day'), entry('2026-03-07', 'day_off')] }))).toBe(
      CalendarErrorCode.OVERRIDE_CONFLICT,
    );
  });

  it('a working day on a statutory holiday → CALENDAR_WORKING_DAY_ON_HOLIDAY', () => {
    expect(code(() => buildCalendar({ overrides: [entry('2026-09-02', 'working_day')] }))).toBe(
      CalendarErrorCode.WORKING_DAY_ON_HOLIDAY,
    );
    expect(code(() => buildCalendar({ overrides: [entry('2026-02-17', 'working_day')] }))).toBe(
      CalendarErrorCode.WORKING_DAY_ON_HOLIDAY,
    );
  });

  it('a working day on a computed compensatory day is accepted (notices move them)', () => {
    const cal = buildCalendar({ overrides: [entry('2026-04-27', 'working_day'), entry('2026-04-24', 'day_off')] });
    expect(cal.isWorkingDay('2026-04-27')).toBe(true);
    expect(cal.isWorkingDay('2026-04-24')).toBe(false);
  });

  it('repeating an entry with the same kind is accepted', () => {
    const cal = buildCalendar({ overrides: [entry('2026-03-06', 'day_off'), entry('2026-03-06', 'day_off')] });
    expect(cal.isWorkingDay('2026-03-06')).toBe(false);
  });

  it.each([
    ['impossible date', { ...entry('2026-02-30', 'day_off') }],
    ['bad format', { ...entry('06/03/2026', 'day_off') }],
    ['bad kind', { ...entry('2026-03-06', 'day_off'), kind: 'holiday' }],
    ['missing English reason', { ...entry('2026-03-06', 'day_off'), reason: { vi: 'x', en: '' } }],
    ['missing source', { ...entry('2026-03-06', 'day_off'), source: ' ' }],
  ])('malformed entry (%s) → CALENDAR_INVALID_OVERRIDE', (_label, bad) => {
    expect(code(() => buildCalendar({ overrides: [bad as CalendarOverride] }))).toBe(CalendarErrorCode.INVALID_OVERRIDE);
  });

  it('contradictory choices for the same year and rule → CALENDAR_OVERRIDE_CONFLICT', () => {
    expect(
      code(() =>
        buildCalendar({
          statutoryChoices: [
            { year: 2027, ruleId: 'national_day', adjacent: 'after', source: 'a' },
            { year: 2027, ruleId: 'national_day', adjacent: 'before', source: 'b' },
          ],
        }),
      ),
    ).toBe(CalendarErrorCode.OVERRIDE_CONFLICT);
  });

  it('the shipped schedules do not contradict each other or the unconfirmed entries', () => {
    const cal = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026, overrides: UNCONFIRMED_OVERRIDES });
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    // not part of the defaults
    expect(official.isWorkingDay('2026-01-02')).toBe(true);
  });
});
