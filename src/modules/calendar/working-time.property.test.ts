import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type WorkingCalendar } from './calendar.js';
import { MS_PER_DAY, MS_PER_MINUTE, VN_OFFSET_MS, vnInstantMs } from './civil-date.js';
import { OFFICIAL_SCHEDULES_2024_2026 } from './schedules-2024-2026.js';
import {
  addWorkingTime,
  isClosingTime,
  isWorkingInstant,
  pauseClock,
  resumeClock,
  startClock,
  startOfClock,
  workingTimeBetween,
  type Duration,
} from './working-time.js';

const official = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });
/** Days of different lengths: Saturday mornings open (07:00–11:30), make-up days full. */
const saturdayMornings = buildCalendar({
  schedules: OFFICIAL_SCHEDULES_2024_2026,
  workingHours: { weekdays: { 6: [['07:00', '11:30']] } },
});
/** Odd hours: three intervals, a make-up day with other hours. */
const oddHours = buildCalendar({
  schedules: OFFICIAL_SCHEDULES_2024_2026,
  workingHours: {
    standard: [
      ['07:30', '11:45'],
      ['13:00', '15:10'],
      ['15:20', '16:30'],
    ],
    weekdays: { 5: [['08:00', '12:00']] },
    makeUpDay: [['08:00', '16:00']],
  },
});
const CALENDARS: ReadonlyArray<readonly [string, WorkingCalendar]> = [
  ['official', official],
  ['saturday mornings', saturdayMornings],
  ['odd hours', oddHours],
];

const FROM = vnInstantMs(2024, 1, 1);
const TO = vnInstantMs(2026, 12, 31, 23, 59);
/** Any instant 2024–2026, to the millisecond. */
const anyInstant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
/** Instants on whole minutes (the common case for receipts). */
const minuteInstant = fc.integer({ min: FROM / MS_PER_MINUTE, max: TO / MS_PER_MINUTE }).map((m) => new Date(m * MS_PER_MINUTE));
const instant = fc.oneof(anyInstant, minuteInstant);
const countFrom = fc.constantFrom(undefined, 'receipt' as const, 'next_working_day' as const);

const duration: fc.Arbitrary<Duration> = fc.oneof(
  fc.record({ unit: fc.constant('working_days' as const), value: fc.integer({ min: 0, max: 60 }), countFrom }),
  fc.record({ unit: fc.constant('working_hours' as const), value: fc.integer({ min: 0, max: 400 }), countFrom }),
  fc.record({ unit: fc.constant('working_minutes' as const), value: fc.integer({ min: 0, max: 20_000 }), countFrom }),
  fc.record({ unit: fc.constant('calendar_days' as const), value: fc.integer({ min: 0, max: 90 }), countFrom }),
  fc.record({
    unit: fc.constant('same_day' as const),
    cutoff: fc.constantFrom(undefined, '15:00', '10:30', '16:59', '18:00'),
  }),
);

const RUNS = { numRuns: Number(process.env.CALENDAR_PROPERTY_RUNS ?? 2000) };

describe.each(CALENDARS)('properties on the %s calendar', (_name, calendar) => {
  it('a due date is a working instant or exactly a closing time, never before the receipt', () => {
    fc.assert(
      fc.property(instant, duration, (start, d) => {
        const { due } = addWorkingTime(start, d, calendar);
        expect(isWorkingInstant(due, calendar) || isClosingTime(due, calendar)).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
      RUNS,
    );
  });

  it('workingTimeBetween(start, start + h working hours) = h × 60', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), fc.boolean(), (start, hours, normalise) => {
        const from = normalise ? startOfClock(start, calendar) : start;
        const { due } = addWorkingTime(from, { unit: 'working_hours', value: hours }, calendar);
        expect(workingTimeBetween(from, due, calendar)).toBe(hours * 60);
      }),
      RUNS,
    );
  });

  it('adding h1 then h2 working hours equals adding h1 + h2', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), (start, h1, h2) => {
        const mid = addWorkingTime(start, { unit: 'working_hours', value: h1 }, calendar).due;
        const twice = addWorkingTime(mid, { unit: 'working_hours', value: h2 }, calendar).due;
        const once = addWorkingTime(start, { unit: 'working_hours', value: h1 + h2 }, calendar).due;
        expect(twice.getTime()).toBe(once.getTime());
      }),
      RUNS,
    );
  });

  it('adding n then m working days: equal, unless the intermediate due was clamped to a short day’s close (then not earlier)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (start, n, m) => {
        const mid = addWorkingTime(start, { unit: 'working_days', value: n }, calendar).due;
        const twice = addWorkingTime(mid, { unit: 'working_days', value: m }, calendar).due;
        const once = addWorkingTime(start, { unit: 'working_days', value: n + m }, calendar).due;
        if (isWorkingInstant(mid, calendar)) expect(twice.getTime()).toBe(once.getTime());
        else expect(twice.getTime()).toBeGreaterThanOrEqual(once.getTime());
      }),
      RUNS,
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(instant, instant, duration, (a, b, d) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        expect(addWorkingTime(late, d, calendar).due.getTime()).toBeGreaterThanOrEqual(addWorkingTime(early, d, calendar).due.getTime());
      }),
      RUNS,
    );
  });

  it('pausing and resuming never shortens a deadline, and moves it by exactly the paused working time', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 40 * MS_PER_DAY }),
        fc.integer({ min: 0, max: 20 * MS_PER_DAY }),
        (start, days, pauseAfter, pauseLength) => {
          const clock = startClock(start, { unit: 'working_days', value: days }, calendar);
          const pausedAt = new Date(start.getTime() + pauseAfter);
          const resumedAt = new Date(pausedAt.getTime() + pauseLength);
          const resumed = resumeClock(pauseClock(clock, pausedAt), resumedAt, calendar);
          expect(resumed.due.getTime()).toBeGreaterThanOrEqual(clock.due.getTime());
          expect(resumed.pausedWorkingMinutes).toBe(workingTimeBetween(pausedAt, resumedAt, calendar));
          expect(workingTimeBetween(clock.due, resumed.due, calendar)).toBe(resumed.pausedWorkingMinutes);
        },
      ),
      RUNS,
    );
  });

  it('skippedDays are exactly the non-working days from the receipt day to the due day', () => {
    fc.assert(
      fc.property(instant, duration, (start, d) => {
        const result = addWorkingTime(start, d, calendar);
        const localDay = (date: Date): number => Math.floor((date.getTime() + VN_OFFSET_MS) / MS_PER_DAY);
        const expected: string[] = [];
        for (let day = localDay(start); day <= localDay(result.due); day += 1) {
          const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
          if (!calendar.isWorkingDay(iso)) expected.push(iso);
        }
        expect(result.skippedDays).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('uniform working days (official calendar)', () => {
  it('N working days = N standard days of working time (same time of day N working days later)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const { due } = addWorkingTime(start, { unit: 'working_days', value: n }, official);
        expect(workingTimeBetween(start, due, official)).toBe(n * 480);
        const clock = startOfClock(start, official);
        const timeOfDay = (date: Date): number => (date.getTime() + VN_OFFSET_MS) % MS_PER_DAY;
        expect(timeOfDay(due)).toBe(timeOfDay(clock));
      }),
      RUNS,
    );
  });

  it('agrees with a naive day-by-day count', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (start, n) => {
        // Naive oracle: walk calendar days from the clock start, counting working days, keep the time.
        const clock = startOfClock(start, official).getTime();
        let day = Math.floor((clock + VN_OFFSET_MS) / MS_PER_DAY);
        const timeOfDay = clock + VN_OFFSET_MS - day * MS_PER_DAY;
        let counted = 0;
        while (counted < n) {
          day += 1;
          if (official.isWorkingDay(new Date(day * MS_PER_DAY - VN_OFFSET_MS + 12 * 3_600_000))) counted += 1;
        }
        const expected = day * MS_PER_DAY - VN_OFFSET_MS + timeOfDay;
        expect(addWorkingTime(start, { unit: 'working_days', value: n }, official).due.getTime()).toBe(expected);
      }),
      RUNS,
    );
  });

  it("'next_working_day' counting ends at the close of the N-th working day after the receipt day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const plain = addWorkingTime(start, { unit: 'working_days', value: n + 1 }, official).due;
        const next = addWorkingTime(start, { unit: 'working_days', value: n, countFrom: 'next_working_day' }, official).due;
        // `next` is the 17:00 close of the working day before `plain`'s day: less than one working day earlier.
        expect(isClosingTime(next, official)).toBe(true);
        expect((next.getTime() + VN_OFFSET_MS) % MS_PER_DAY).toBe(17 * 3_600_000);
        const gap = workingTimeBetween(next, plain, official);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThan(480);
        expect(workingTimeBetween(start, next, official)).toBeGreaterThan(n * 480);
      }),
      RUNS,
    );
  });
});
