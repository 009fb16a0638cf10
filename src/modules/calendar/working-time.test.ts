import { describe, expect, it } from 'vitest';
import { buildCalendar, type WorkingCalendar } from './calendar.js';
import { formatVnTime, vnTime } from './civil-date.js';
import { CalendarErrorCode } from './errors.js';
import { OFFICIAL_SCHEDULES_2024_2026, UNCONFIRMED_OVERRIDES } from './schedules-2024-2026.js';
import {
  addWorkingTime,
  isClosingTime,
  isWorkingDay,
  isWorkingInstant,
  nextWorkingDay,
  pauseClock,
  resumeClock,
  startClock,
  startOfClock,
  workingMinutesToDays,
  workingMinutesToHours,
  workingTimeBetween,
  type Duration,
} from './working-time.js';

/** '2026-02-13 16:00' (Viet Nam time) → Date */
function at(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad test time ${text}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return vnTime(y, mo, d, h, mi);
}

const official = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });
const statutoryOnly = buildCalendar();
const saturdayMornings = buildCalendar({
  schedules: OFFICIAL_SCHEDULES_2024_2026,
  workingHours: {
    standard: [
      ['07:00', '11:30'],
      ['13:30', '17:00'],
    ],
    weekdays: { 6: [['07:00', '11:30']] },
  },
});

const wd = (value: number, countFrom?: 'next_working_day'): Duration => ({ unit: 'working_days', value, countFrom });
const wh = (value: number, countFrom?: 'next_working_day'): Duration => ({ unit: 'working_hours', value, countFrom });
const cd = (value: number, countFrom?: 'next_working_day'): Duration => ({ unit: 'calendar_days', value, countFrom });
const sameDay = (cutoff?: string): Duration => ({ unit: 'same_day', cutoff });

interface Row {
  readonly name: string;
  readonly received: string;
  readonly duration: Duration;
  readonly due: string;
  readonly calendar?: WorkingCalendar;
  readonly skipped?: readonly string[];
}

const TABLE: readonly Row[] = [
  // domain.md §11.3 vectors
  {
    name: '§11.3: Fri 13/02/2026 16:00 + 3 working days skips Tết 2026',
    received: '2026-02-13 16:00',
    duration: wd(3),
    due: '2026-02-25 16:00',
    skipped: ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'],
  },
  {
    name: '§11.3: Thu 20/08/2026 09:00 + 5 working days counts make-up Sat 22/08',
    received: '2026-08-20 09:00',
    duration: wd(5),
    due: '2026-08-26 09:00',
    skipped: ['2026-08-23'],
  },
  {
    name: '§11.3: a calendar without the 2026 notice gives Thu 27/08',
    received: '2026-08-20 09:00',
    duration: wd(5),
    due: '2026-08-27 09:00',
    calendar: statutoryOnly,
  },
  // eve of Tết 2026 (last working day Fri 13/02; 29 Chạp = Mon 16/02 is already a holiday)
  { name: 'eve of Tết: Fri 13/02/2026 10:00 + 1 working day', received: '2026-02-13 10:00', duration: wd(1), due: '2026-02-23 10:00' },
  {
    name: 'eve of Tết: online on 29 Chạp (Mon 16/02/2026) 20:00 → clock starts Mon 23/02 07:00',
    received: '2026-02-16 20:00',
    duration: wd(2),
    due: '2026-02-25 07:00',
  },
  {
    name: 'eve of Tết: 16 working hours from 29 Chạp',
    received: '2026-02-16 20:00',
    duration: wh(16),
    due: '2026-02-24 17:00',
  },
  {
    name: 'eve of Tết: same-day procedure at Fri 13/02/2026 15:30 (after cut-off) → Mon 23/02 close',
    received: '2026-02-13 15:30',
    duration: sameDay(),
    due: '2026-02-23 17:00',
  },
  // swapped Saturday 26/04/2025
  { name: 'Fri 25/04/2025 10:00 + 1 → make-up Sat 26/04', received: '2025-04-25 10:00', duration: wd(1), due: '2025-04-26 10:00' },
  { name: 'Thu 24/04/2025 14:00 + 3 → Mon 28/04', received: '2025-04-24 14:00', duration: wd(3), due: '2025-04-28 14:00' },
  {
    name: 'Thu 24/04/2025 14:00 + 5 → skips 30/04–04/05 (Fri 02/05 swapped)',
    received: '2025-04-24 14:00',
    duration: wd(5),
    due: '2025-05-05 14:00',
    skipped: ['2025-04-27', '2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'],
  },
  { name: 'received on make-up Sat 26/04/2025 09:00, 4 working hours', received: '2025-04-26 09:00', duration: wh(4), due: '2025-04-26 15:00' },
  // swapped Saturday 22/08/2026 and National Day 2026
  { name: 'Fri 28/08/2026 10:00 + 1 → Thu 03/09 (29/08–02/09 off)', received: '2026-08-28 10:00', duration: wd(1), due: '2026-09-03 10:00' },
  // on a holiday
  { name: 'on National Day Tue 02/09/2025 09:00 + 1 working day', received: '2025-09-02 09:00', duration: wd(1), due: '2025-09-04 07:00' },
  { name: 'on National Day Tue 02/09/2025 09:00 + 8 working hours', received: '2025-09-02 09:00', duration: wh(8), due: '2025-09-03 17:00' },
  { name: 'on Hùng Kings compensatory Mon 27/04/2026, same day → Tue 28/04 close', received: '2026-04-27 10:00', duration: sameDay(), due: '2026-04-28 17:00' },
  // same-day and cut-off
  { name: 'same day at 14:59', received: '2026-03-05 14:59', duration: sameDay(), due: '2026-03-05 17:00' },
  { name: 'same day at exactly 15:00 (not "after 15:00")', received: '2026-03-05 15:00', duration: sameDay(), due: '2026-03-05 17:00' },
  { name: 'same day at 15:01 → next working day', received: '2026-03-05 15:01', duration: sameDay(), due: '2026-03-06 17:00' },
  { name: 'same day Friday 15:30 → Monday', received: '2026-03-06 15:30', duration: sameDay(), due: '2026-03-09 17:00' },
  { name: 'same day with a 16:00 cut-off at 15:30', received: '2026-03-05 15:30', duration: sameDay('16:00'), due: '2026-03-05 17:00' },
  { name: 'same day before opening (06:30)', received: '2026-03-05 06:30', duration: sameDay(), due: '2026-03-05 17:00' },
  { name: 'same day after close (18:00) → next working day', received: '2026-03-05 18:00', duration: sameDay(), due: '2026-03-06 17:00' },
  { name: 'same day on a Sunday → Monday', received: '2026-03-08 10:00', duration: sameDay(), due: '2026-03-09 17:00' },
  // working hours at the end of the day
  { name: '16:45 + 2 working hours → next morning 08:45', received: '2026-03-02 16:45', duration: wh(2), due: '2026-03-03 08:45' },
  { name: 'Friday 16:45 + 2 working hours → Monday 08:45', received: '2026-03-06 16:45', duration: wh(2), due: '2026-03-09 08:45' },
  { name: 'Fri 13/02/2026 16:45 + 2 working hours → after Tết', received: '2026-02-13 16:45', duration: wh(2), due: '2026-02-23 08:45' },
  { name: '07:00 + 8 working hours → 17:00 the same day', received: '2026-03-02 07:00', duration: wh(8), due: '2026-03-02 17:00' },
  { name: '09:00 + 2.5 h ends at the lunch close', received: '2026-03-02 09:00', duration: { unit: 'working_minutes', value: 150 }, due: '2026-03-02 11:30' },
  // across a year boundary
  { name: 'Wed 31/12/2025 10:00 + 1 (01/01 off) → Fri 02/01/2026', received: '2025-12-31 10:00', duration: wd(1), due: '2026-01-02 10:00' },
  { name: 'Wed 31/12/2025 10:00 + 2 → Mon 05/01/2026', received: '2025-12-31 10:00', duration: wd(2), due: '2026-01-05 10:00' },
  {
    name: 'with the unconfirmed 2026 New Year swap: + 1 → Mon 05/01/2026',
    received: '2025-12-31 10:00',
    duration: wd(1),
    due: '2026-01-05 10:00',
    calendar: buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026, overrides: UNCONFIRMED_OVERRIDES }),
  },
  { name: 'Thu 31/12/2026 15:00 + 1 → Mon 04/01/2027', received: '2026-12-31 15:00', duration: wd(1), due: '2027-01-04 15:00' },
  { name: 'Wed 30/12/2026 16:00 + 10 working hours', received: '2026-12-30 16:00', duration: wh(10), due: '2027-01-04 08:00' },
  // lunch time
  { name: 'received at 12:15 → clock 13:30; + 1 working day', received: '2026-03-02 12:15', duration: wd(1), due: '2026-03-03 13:30' },
  { name: 'received at 12:15; + 1 working hour', received: '2026-03-02 12:15', duration: wh(1), due: '2026-03-02 14:30' },
  { name: 'received at 12:15; + 4 working hours', received: '2026-03-02 12:15', duration: wh(4), due: '2026-03-03 07:30' },
  { name: 'received at 11:00; + 1 working hour spans lunch', received: '2026-03-02 11:00', duration: wh(1), due: '2026-03-02 14:00' },
  // start of clock
  { name: 'before opening 06:30 → 07:00; + 1 day', received: '2026-03-02 06:30', duration: wd(1), due: '2026-03-03 07:00' },
  { name: 'after close 17:30 → next morning; + 3 days', received: '2026-03-02 17:30', duration: wd(3), due: '2026-03-06 07:00' },
  { name: 'exactly at 17:00 is after close', received: '2026-03-02 17:00', duration: wh(1), due: '2026-03-03 08:00' },
  { name: 'zero working days = the clock start', received: '2026-03-02 12:15', duration: wd(0), due: '2026-03-02 13:30' },
  // counted from the next working day
  { name: '3 working days from the day after receipt', received: '2026-03-02 10:00', duration: wd(3, 'next_working_day'), due: '2026-03-05 17:00' },
  { name: 'from the day after receipt, received Fri 13/02/2026', received: '2026-02-13 10:00', duration: wd(2, 'next_working_day'), due: '2026-02-24 17:00' },
  { name: 'from the day after receipt, received after close', received: '2026-03-02 17:30', duration: wd(1, 'next_working_day'), due: '2026-03-04 17:00' },
  { name: '8 working hours from the next working day', received: '2026-03-02 10:00', duration: wh(8, 'next_working_day'), due: '2026-03-03 17:00' },
  // calendar days
  { name: '5 calendar days end at the close of day 5', received: '2026-04-24 10:00', duration: cd(5), due: '2026-04-29 17:00' },
  { name: '0 calendar days = the close of the receipt day', received: '2026-04-24 10:00', duration: cd(0), due: '2026-04-24 17:00' },
  { name: 'calendar days count from the clock start (after close → next morning)', received: '2026-03-06 17:30', duration: cd(1), due: '2026-03-10 17:00' },
  { name: '3 calendar days land on Mon 27/04/2026 (off) → close of Tue 28/04', received: '2026-04-24 10:00', duration: cd(3), due: '2026-04-28 17:00' },
  { name: '7 calendar days land on Fri 01/05/2026 (off) → close of Mon 04/05', received: '2026-04-24 10:00', duration: cd(7), due: '2026-05-04 17:00' },
  { name: '2 calendar days from the day after receipt → close of that day', received: '2026-03-02 10:00', duration: cd(2, 'next_working_day'), due: '2026-03-04 17:00' },
  { name: '5 calendar days from the day after receipt ending on Sat → Mon close', received: '2026-03-02 10:00', duration: cd(5, 'next_working_day'), due: '2026-03-09 17:00' },
  // agency open on Saturday mornings
  { name: 'Saturday mornings: Fri 10:00 + 1 → Sat 10:00', received: '2026-03-06 10:00', duration: wd(1), due: '2026-03-07 10:00', calendar: saturdayMornings },
  {
    name: 'Saturday mornings: Fri 15:00 + 1 → clamped to the Saturday close',
    received: '2026-03-06 15:00',
    duration: wd(1),
    due: '2026-03-07 11:30',
    calendar: saturdayMornings,
  },
  { name: 'Saturday mornings: Fri 15:00 + 2 → Mon 15:00', received: '2026-03-06 15:00', duration: wd(2), due: '2026-03-09 15:00', calendar: saturdayMornings },
  { name: 'Saturday mornings: Fri 15:00 + 8 h → Mon 08:30', received: '2026-03-06 15:00', duration: wh(8), due: '2026-03-09 08:30', calendar: saturdayMornings },
  { name: 'Saturday mornings: make-up Sat 22/08/2026 is a full day', received: '2026-08-21 15:00', duration: wd(1), due: '2026-08-22 15:00', calendar: saturdayMornings },
];

describe('addWorkingTime: table of real dates', () => {
  it.each(TABLE)('$name', (row) => {
    const result = addWorkingTime(at(row.received), row.duration, row.calendar ?? official);
    expect(formatVnTime(result.due)).toBe(row.due);
    if (row.skipped) expect(result.skippedDays).toEqual(row.skipped);
  });

  it('reports when the clock started', () => {
    expect(formatVnTime(addWorkingTime(at('2026-02-16 20:00'), wd(2), official).clockStart)).toBe('2026-02-23 07:00');
    expect(formatVnTime(addWorkingTime(at('2026-03-02 10:00'), wd(3, 'next_working_day'), official).clockStart)).toBe(
      '2026-03-03 07:00',
    );
    expect(formatVnTime(addWorkingTime(at('2026-03-05 15:30'), sameDay(), official).clockStart)).toBe('2026-03-06 07:00');
  });

  it('serialises to JSON with the skipped days', () => {
    const json = JSON.parse(JSON.stringify(addWorkingTime(at('2026-08-20 09:00'), wd(5), official))) as Record<string, unknown>;
    expect(json).toEqual({ due: '2026-08-26T02:00:00.000Z', clockStart: '2026-08-20T02:00:00.000Z', skippedDays: ['2026-08-23'] });
  });

  it('skippedDays includes a non-working receipt day', () => {
    expect(addWorkingTime(at('2026-03-08 10:00'), wd(1), official).skippedDays).toEqual(['2026-03-08']);
  });
});

describe('Viet Nam time, independent of the host TZ', () => {
  it('vnTime is UTC+7', () => {
    expect(vnTime(2026, 2, 13, 16, 0).toISOString()).toBe('2026-02-13T09:00:00.000Z');
    expect(vnTime(2026, 1, 1, 3, 0).toISOString()).toBe('2025-12-31T20:00:00.000Z');
  });

  it('the Viet Nam day of an instant decides working days (01/01 03:00 ICT is 31/12 UTC)', () => {
    expect(isWorkingDay(vnTime(2026, 1, 1, 3, 0), official)).toBe(false);
    expect(isWorkingDay(new Date('2025-12-31T23:30:00Z'), official)).toBe(false); // 06:30 on 01/01 in Hà Nội
    expect(isWorkingDay('2025-12-31', official)).toBe(true);
  });
});

describe('instants', () => {
  it.each([
    ['2026-03-02 07:00', true, false],
    ['2026-03-02 11:29', true, false],
    ['2026-03-02 11:30', false, true],
    ['2026-03-02 12:00', false, false],
    ['2026-03-02 13:30', true, false],
    ['2026-03-02 17:00', false, true],
    ['2026-03-07 10:00', false, false],
  ] as const)('%s working=%s closing=%s', (time, working, closing) => {
    expect(isWorkingInstant(at(time), official)).toBe(working);
    expect(isClosingTime(at(time), official)).toBe(closing);
  });

  it.each([
    ['2026-03-02 06:00', '2026-03-02 07:00'],
    ['2026-03-02 09:15', '2026-03-02 09:15'],
    ['2026-03-02 11:30', '2026-03-02 13:30'],
    ['2026-03-02 12:59', '2026-03-02 13:30'],
    ['2026-03-02 17:00', '2026-03-03 07:00'],
    ['2026-03-06 18:00', '2026-03-09 07:00'],
    ['2026-02-14 09:00', '2026-02-23 07:00'],
  ])('start of clock %s → %s', (received, start) => {
    expect(formatVnTime(startOfClock(at(received), official))).toBe(start);
  });

  it('nextWorkingDay skips Tết', () => {
    expect(formatVnTime(nextWorkingDay('2026-02-13', official))).toBe('2026-02-23 07:00');
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['2026-03-02 07:00', '2026-03-02 17:00', 480],
    ['2026-03-02 11:00', '2026-03-02 14:00', 60],
    ['2026-03-02 12:00', '2026-03-02 13:00', 0],
    ['2026-02-13 16:00', '2026-02-23 08:00', 120],
    ['2026-03-06 17:00', '2026-03-09 07:00', 0],
    ['2026-03-02 17:00', '2026-03-02 07:00', -480],
  ] as const)('%s → %s = %i min', (a, b, minutes) => {
    expect(workingTimeBetween(at(a), at(b), official)).toBe(minutes);
  });

  it('converts minutes', () => {
    expect(workingMinutesToHours(90)).toBe(1.5);
    expect(workingMinutesToDays(960, official)).toBe(2);
    expect(official.standardDayMinutes).toBe(480);
  });
});

describe('stopped clocks', () => {
  it('a supplement request Tue 10:00 → Thu 10:00 moves the due date by 2 working days', () => {
    const clock = startClock(at('2026-03-02 10:00'), wd(5), official);
    expect(formatVnTime(clock.due)).toBe('2026-03-09 10:00');
    const paused = pauseClock(clock, at('2026-03-03 10:00'));
    const resumed = resumeClock(paused, at('2026-03-05 10:00'), official);
    expect(formatVnTime(resumed.due)).toBe('2026-03-11 10:00');
    expect(resumed.pausedAt).toBeNull();
    expect(resumed.pausedWorkingMinutes).toBe(960);
  });

  it('a pause over a weekend counts only working time', () => {
    const clock = startClock(at('2026-03-02 10:00'), wd(5), official);
    const resumed = resumeClock(pauseClock(clock, at('2026-03-06 16:00')), at('2026-03-09 08:00'), official);
    expect(resumed.pausedWorkingMinutes).toBe(120);
    expect(formatVnTime(resumed.due)).toBe('2026-03-09 14:00');
    expect(workingTimeBetween(clock.due, resumed.due, official)).toBe(120);
  });

  it('a pause entirely outside working hours does not move the due date', () => {
    const clock = startClock(at('2026-03-02 10:00'), wd(5), official);
    const resumed = resumeClock(pauseClock(clock, at('2026-03-07 09:00')), at('2026-03-08 18:00'), official);
    expect(resumed.due.getTime()).toBe(clock.due.getTime());
    expect(resumed.pausedWorkingMinutes).toBe(0);
  });

  it('two pauses accumulate', () => {
    let clock = startClock(at('2026-03-02 10:00'), wd(5), official);
    clock = resumeClock(pauseClock(clock, at('2026-03-03 08:00')), at('2026-03-03 09:00'), official);
    clock = resumeClock(pauseClock(clock, at('2026-03-04 14:00')), at('2026-03-04 15:30'), official);
    expect(clock.pausedWorkingMinutes).toBe(150);
    expect(formatVnTime(clock.due)).toBe('2026-03-09 14:30');
    expect(workingTimeBetween(at('2026-03-09 10:00'), clock.due, official)).toBe(150);
  });

  it('state errors', () => {
    const clock = startClock(at('2026-03-02 10:00'), wd(5), official);
    const paused = pauseClock(clock, at('2026-03-03 10:00'));
    expect(() => pauseClock(paused, at('2026-03-03 11:00'))).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.CLOCK_ALREADY_PAUSED }),
    );
    expect(() => resumeClock(clock, at('2026-03-03 11:00'), official)).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.CLOCK_NOT_PAUSED }),
    );
    expect(() => resumeClock(paused, at('2026-03-03 09:00'), official)).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.INVALID_RANGE }),
    );
    expect(() => pauseClock(clock, new Date(Number.NaN))).toThrow(expect.objectContaining({ code: CalendarErrorCode.INVALID_DATE }));
  });
});

describe('errors', () => {
  const start = at('2026-03-02 10:00');
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      expect(e).toMatchObject({ name: 'CalendarError', localized: { vi: expect.any(String), en: expect.any(String) } });
      return (e as { code?: string }).code;
    }
    return undefined;
  };

  it.each([
    ['NaN date', () => addWorkingTime(new Date(Number.NaN), wd(1), official), CalendarErrorCode.INVALID_DATE],
    ['unparseable date', () => addWorkingTime(new Date('not a date'), wd(1), official), CalendarErrorCode.INVALID_DATE],
    ['not a Date', () => addWorkingTime('2026-03-02' as unknown as Date, wd(1), official), CalendarErrorCode.INVALID_DATE],
    ['impossible date 30/02', () => vnTime(2026, 2, 30), CalendarErrorCode.INVALID_DATE],
    ['impossible time 24:30', () => vnTime(2026, 2, 3, 24, 30), CalendarErrorCode.INVALID_DATE],
    ['impossible ISO date', () => isWorkingDay('2026-02-29', official), CalendarErrorCode.INVALID_DATE],
    ['negative working days', () => addWorkingTime(start, wd(-1), official), CalendarErrorCode.NEGATIVE_DURATION],
    ['negative hours', () => addWorkingTime(start, wh(-0.5), official), CalendarErrorCode.NEGATIVE_DURATION],
    ['fractional days', () => addWorkingTime(start, wd(1.5), official), CalendarErrorCode.INVALID_DURATION],
    ['NaN days', () => addWorkingTime(start, wd(Number.NaN), official), CalendarErrorCode.INVALID_DURATION],
    ['infinite days', () => addWorkingTime(start, wd(Number.POSITIVE_INFINITY), official), CalendarErrorCode.INVALID_DURATION],
    ['string value', () => addWorkingTime(start, { unit: 'working_days', value: '3' } as unknown as Duration, official), CalendarErrorCode.INVALID_DURATION],
    ['unknown unit', () => addWorkingTime(start, { unit: 'months', value: 1 } as unknown as Duration, official), CalendarErrorCode.INVALID_DURATION],
    ['bad countFrom', () => addWorkingTime(start, { unit: 'working_days', value: 1, countFrom: 'tomorrow' } as unknown as Duration, official), CalendarErrorCode.INVALID_DURATION],
    ['bad cut-off', () => addWorkingTime(start, sameDay('3pm'), official), CalendarErrorCode.INVALID_DURATION],
    ['no duration', () => addWorkingTime(start, null as unknown as Duration, official), CalendarErrorCode.INVALID_DURATION],
    ['start before the calendar', () => addWorkingTime(at('2020-06-01 10:00'), wd(1), official), CalendarErrorCode.OUT_OF_RANGE],
    ['due after the calendar', () => addWorkingTime(at('2026-03-02 10:00'), wd(1_000_000), official), CalendarErrorCode.OUT_OF_RANGE],
    ['hours after the calendar', () => addWorkingTime(at('2026-03-02 10:00'), wh(10_000_000), official), CalendarErrorCode.OUT_OF_RANGE],
  ] as const)('%s', (_label, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });
});
