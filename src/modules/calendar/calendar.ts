/**
 * A working calendar: which days an agency works and during which hours, over a range of years,
 * with a compact precomputed index for O(1)/O(log n) deadline arithmetic.
 *
 * Index layout (per calendar, built once):
 *  - `profileOfDay[i]`: hours profile of day i (0 = closed), i = days since 1 January of `fromYear`;
 *  - `ordBefore[i]`: number of working days before day i (so the working days are numbered 0…W-1);
 *  - `workDay[w]`: day index of working day w;
 *  - `workCum[w]`: working milliseconds before working day w (Float64: exact integers far beyond 2^31).
 * A working-time position (the "working timeline") is `workCum[w] + offset inside day w`.
 */
import type { LocalizedText } from '../../platform/errors.js';
import {
  dayNumberOf,
  dayNumberOfIso,
  instantMs,
  isoOfDayNumber,
  MS_PER_MINUTE,
  parseClock,
  vnDayNumberOfMs,
  weekdayOfDayNumber,
  type IsoDate,
} from './civil-date.js';
import { calendarError, CalendarErrorCode } from './errors.js';
import {
  checkChoice,
  DEFAULT_STATUTORY_RULES,
  DEFAULT_WEEKLY_REST_DAYS,
  indexOverrides,
  statutoryHolidays,
  type CalendarOverride,
  type Holiday,
  type StatutoryChoice,
  type StatutoryRuleSet,
} from './holidays.js';
import type { OfficialSchedule } from './schedules-2024-2026.js';

/** ['07:00', '11:30']: from inclusive, to exclusive, local Viet Nam time. */
export type HoursRange = readonly [from: string, to: string];

export interface WorkingHoursSpec {
  /** Hours of Monday–Friday (and of any weekday not listed in `weekdays`, except Saturday and Sunday). */
  readonly standard?: readonly HoursRange[];
  /** Hours per weekday, 0 = Sunday … 6 = Saturday; an empty list closes that weekday.
   *  Saturday and Sunday are closed unless listed here. */
  readonly weekdays?: Readonly<Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, readonly HoursRange[]>>>;
  /** Hours of an official make-up working day ('working_day' override). Default: `standard`. */
  readonly makeUpDay?: readonly HoursRange[];
}

/** Thanh Hóa defaults [domain.md §4.1, V C5]: 07:00–11:30 and 13:30–17:00, 8 working hours a day. */
export const DEFAULT_WORKING_HOURS = {
  standard: [
    ['07:00', '11:30'],
    ['13:30', '17:00'],
  ],
} as const satisfies WorkingHoursSpec;

export interface BuildCalendarOptions {
  /** First year covered by the index. Default 2021. */
  readonly fromYear?: number;
  /** Last year covered by the index. Default 2100. */
  readonly toYear?: number;
  /** Statutory holidays are computed from this year on (earlier years: weekly rest days and overrides
   *  only). Default 2021, when the Labour Code 2019 took effect. */
  readonly statutoryFromYear?: number;
  readonly statutoryRules?: readonly StatutoryRuleSet[];
  readonly statutoryChoices?: readonly StatutoryChoice[];
  /** Dated entries of official schedules (days off, make-up working days). */
  readonly overrides?: readonly CalendarOverride[];
  /** Whole official schedules (their choices and overrides are added to the two lists above). */
  readonly schedules?: readonly OfficialSchedule[];
  readonly workingHours?: WorkingHoursSpec;
  /** Weekly rest days for compensatory days off. Default Saturday and Sunday (civil servants). */
  readonly weeklyRestDays?: readonly number[];
}

export type DayStatus =
  | 'working' // ordinary working day
  | 'make_up_working_day' // official 'working_day' override
  | 'weekly_rest' // no hours that weekday
  | 'statutory_holiday'
  | 'compensatory_day_off'
  | 'day_off'; // official 'day_off' override

export interface DayInfo {
  readonly date: IsoDate;
  readonly working: boolean;
  readonly status: DayStatus;
  /** Working hours that day, e.g. [['07:00','11:30'], ['13:30','17:00']]; empty when closed. */
  readonly hours: readonly HoursRange[];
  readonly reason?: LocalizedText;
  readonly source?: string;
}

const MAX_INTERVALS = 8;
const DEFAULT_FROM_YEAR = 2021;
const DEFAULT_TO_YEAR = 2100;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** @internal Flat arrays shared with working-time.ts. */
export interface CalendarIndex {
  readonly firstDay: number;
  readonly dayCount: number;
  readonly profileOfDay: Uint8Array;
  readonly ordBefore: Int32Array;
  readonly workDay: Int32Array;
  readonly workCum: Float64Array;
  readonly workingDayCount: number;
  /** Intervals of profile p are at p*MAX_INTERVALS … p*MAX_INTERVALS + pCount[p] - 1 (ms after midnight). */
  readonly stride: number;
  readonly pCount: Uint8Array;
  readonly pStart: Int32Array;
  readonly pEnd: Int32Array;
  /** Working ms of the profile before each interval. */
  readonly pCum: Int32Array;
  readonly pLength: Int32Array;
}

interface Profile {
  readonly key: string;
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

function parseHours(ranges: readonly HoursRange[] | undefined, where: string): Profile {
  if (ranges === undefined) return { key: '', ranges: [] };
  if (!Array.isArray(ranges)) throw calendarError(CalendarErrorCode.INVALID_WORKING_HOURS, { where, ranges });
  const parsed = ranges.map((r) => {
    if (!Array.isArray(r) || r.length !== 2) throw calendarError(CalendarErrorCode.INVALID_WORKING_HOURS, { where, range: r });
    const from = parseClock(r[0]);
    const to = parseClock(r[1]);
    if (to <= from) throw calendarError(CalendarErrorCode.INVALID_WORKING_HOURS, { where, range: r, problem: 'to <= from' });
    return [from, to] as [number, number];
  });
  parsed.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of parsed) {
    const last = merged[merged.length - 1];
    if (last && r[0] < last[1]) {
      throw calendarError(CalendarErrorCode.INVALID_WORKING_HOURS, { where, ranges, problem: 'overlapping ranges' });
    }
    if (last && r[0] === last[1]) last[1] = r[1]; // touching ranges form one interval
    else merged.push([r[0], r[1]]);
  }
  if (merged.length > MAX_INTERVALS) {
    throw calendarError(CalendarErrorCode.INVALID_WORKING_HOURS, { where, problem: `more than ${MAX_INTERVALS} ranges` });
  }
  return { key: merged.map((r) => `${r[0]}-${r[1]}`).join(','), ranges: merged };
}

const clockText = (ms: number): string => {
  const minutes = ms / MS_PER_MINUTE;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

function checkYears(fromYear: number, toYear: number): void {
  const ok = (y: number): boolean => Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
  if (!ok(fromYear) || !ok(toYear) || fromYear > toYear) {
    throw calendarError(CalendarErrorCode.INVALID_RANGE, { fromYear, toYear, supported: `${MIN_YEAR}-${MAX_YEAR}` });
  }
}

/**
 * A built working calendar. Immutable; build it once per agency configuration (a few milliseconds for
 * 80 years) and share it.
 */
export class WorkingCalendar {
  readonly fromYear: number;
  readonly toYear: number;
  /** Working minutes of a standard (Monday–Friday `standard` hours) day: 480 by default. */
  readonly standardDayMinutes: number;
  /** @internal */
  readonly index: CalendarIndex;
  readonly #holidays: ReadonlyMap<number, Holiday>;
  readonly #overrides: ReadonlyMap<number, CalendarOverride>;
  readonly #weekdayProfile: readonly number[];
  readonly #profiles: readonly Profile[];
  readonly #isoCache: Array<IsoDate | undefined>;

  /** @internal use buildCalendar() */
  constructor(args: {
    fromYear: number;
    toYear: number;
    standardDayMinutes: number;
    index: CalendarIndex;
    holidays: ReadonlyMap<number, Holiday>;
    overrides: ReadonlyMap<number, CalendarOverride>;
    weekdayProfile: readonly number[];
    profiles: readonly Profile[];
  }) {
    this.fromYear = args.fromYear;
    this.toYear = args.toYear;
    this.standardDayMinutes = args.standardDayMinutes;
    this.index = args.index;
    this.#holidays = args.holidays;
    this.#overrides = args.overrides;
    this.#weekdayProfile = args.weekdayProfile;
    this.#profiles = args.profiles;
    this.#isoCache = new Array<IsoDate | undefined>(args.index.dayCount);
  }

  /** Day index (0 = 1 January of fromYear) of an ISO date or of the Viet Nam civil day of an instant. */
  dayIndexOf(date: IsoDate | Date): number {
    const dayNumber = typeof date === 'string' ? dayNumberOfIso(date) : vnDayNumberOfMs(instantMs(date));
    const i = dayNumber - this.index.firstDay;
    if (i < 0 || i >= this.index.dayCount) {
      throw calendarError(CalendarErrorCode.OUT_OF_RANGE, {
        value: typeof date === 'string' ? date : String(date),
        range: `${this.fromYear}-${this.toYear}`,
      });
    }
    return i;
  }

  /** @internal ISO date of a day index (cached). */
  isoOfIndex(i: number): IsoDate {
    let iso = this.#isoCache[i];
    if (iso === undefined) {
      iso = isoOfDayNumber(this.index.firstDay + i);
      this.#isoCache[i] = iso;
    }
    return iso;
  }

  /** True when the agency works that day (Viet Nam civil day for a Date). */
  isWorkingDay(date: IsoDate | Date): boolean {
    return this.index.profileOfDay[this.dayIndexOf(date)] !== 0;
  }

  /** Status of a day and why. */
  describeDay(date: IsoDate | Date): DayInfo {
    const i = this.dayIndexOf(date);
    const dayNumber = this.index.firstDay + i;
    const iso = this.isoOfIndex(i);
    const profile = this.#profiles[this.index.profileOfDay[i] ?? 0];
    const hours: HoursRange[] = (profile?.ranges ?? []).map(([a, b]) => [clockText(a), clockText(b)] as const);
    const working = hours.length > 0;
    const override = this.#overrides.get(dayNumber);
    if (override) {
      return {
        date: iso,
        working,
        status: override.kind === 'day_off' ? 'day_off' : 'make_up_working_day',
        hours,
        reason: override.reason,
        source: override.source,
      };
    }
    const holiday = this.#holidays.get(dayNumber);
    if (holiday) {
      return {
        date: iso,
        working,
        status: holiday.kind === 'statutory' ? 'statutory_holiday' : 'compensatory_day_off',
        hours,
        reason: holiday.name,
      };
    }
    const weekdayOpen = (this.#weekdayProfile[weekdayOfDayNumber(dayNumber)] ?? 0) !== 0;
    return { date: iso, working, status: weekdayOpen ? 'working' : 'weekly_rest', hours };
  }

  /** Non-working days between two ISO dates, inclusive. */
  nonWorkingDays(from: IsoDate, to: IsoDate): IsoDate[] {
    const a = this.dayIndexOf(from);
    const b = this.dayIndexOf(to);
    const out: IsoDate[] = [];
    for (let i = a; i <= b; i += 1) if (this.index.profileOfDay[i] === 0) out.push(this.isoOfIndex(i));
    return out;
  }

  /** Statutory and compensatory days off in effect in `year` (overrides not applied). */
  holidaysOf(year: number): Holiday[] {
    const first = dayNumberOf(year, 1, 1);
    const last = dayNumberOf(year, 12, 31);
    return [...this.#holidays.entries()]
      .filter(([d]) => d >= first && d <= last)
      .sort((x, y) => x[0] - y[0])
      .map(([, h]) => h);
  }

  /** Official overrides in effect, sorted by date. */
  overrides(): CalendarOverride[] {
    return [...this.#overrides.entries()].sort((x, y) => x[0] - y[0]).map(([, o]) => o);
  }
}

/**
 * Builds a working calendar: weekly hours, statutory holidays (+ compensatory days) for every covered year,
 * and the official overrides. Throws CalendarError on invalid hours, overrides or ranges.
 *
 * @example
 * const calendar = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });
 * calendar.isWorkingDay('2026-08-22'); // true: make-up Saturday
 */
export function buildCalendar(options: BuildCalendarOptions = {}): WorkingCalendar {
  const fromYear = options.fromYear ?? DEFAULT_FROM_YEAR;
  const toYear = options.toYear ?? DEFAULT_TO_YEAR;
  checkYears(fromYear, toYear);
  const statutoryFromYear = options.statutoryFromYear ?? DEFAULT_FROM_YEAR;
  if (!Number.isInteger(statutoryFromYear)) {
    throw calendarError(CalendarErrorCode.INVALID_RANGE, { statutoryFromYear });
  }
  const restDays = options.weeklyRestDays ?? DEFAULT_WEEKLY_REST_DAYS;
  if (!Array.isArray(restDays) || restDays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw calendarError(CalendarErrorCode.INVALID_RANGE, { weeklyRestDays: restDays });
  }

  // --- hours profiles ------------------------------------------------------------------------
  const spec: WorkingHoursSpec = options.workingHours ?? DEFAULT_WORKING_HOURS;
  const standard = parseHours(spec.standard ?? DEFAULT_WORKING_HOURS.standard, 'standard');
  const profiles: Profile[] = [{ key: '', ranges: [] }];
  const profileId = (p: Profile): number => {
    if (p.ranges.length === 0) return 0;
    const found = profiles.findIndex((q) => q.key === p.key);
    if (found >= 0) return found;
    profiles.push(p);
    return profiles.length - 1;
  };
  const weekdayProfile: number[] = [];
  for (let wd = 0; wd < 7; wd += 1) {
    const own = spec.weekdays?.[wd as 0 | 1 | 2 | 3 | 4 | 5 | 6];
    const profile = own !== undefined ? parseHours(own, `weekday ${wd}`) : wd === 0 || wd === 6 ? profiles[0]! : standard;
    weekdayProfile.push(profileId(profile));
  }
  const makeUpProfile = profileId(spec.makeUpDay !== undefined ? parseHours(spec.makeUpDay, 'makeUpDay') : standard);
  if (weekdayProfile.every((p) => p === 0)) throw calendarError(CalendarErrorCode.NO_WORKING_TIME, { workingHours: spec });
  if (makeUpProfile === 0) throw calendarError(CalendarErrorCode.INVALID_WORKING_HOURS, { where: 'makeUpDay', problem: 'empty' });

  // --- statutory holidays and overrides ------------------------------------------------------
  const schedules = options.schedules ?? [];
  const choices: StatutoryChoice[] = [...(options.statutoryChoices ?? []), ...schedules.flatMap((s) => s.choices)];
  choices.forEach((c, i) => checkChoice(c, i));
  for (let i = 0; i < choices.length; i += 1) {
    for (let j = i + 1; j < choices.length; j += 1) {
      const a = choices[i]!;
      const b = choices[j]!;
      if (a.year === b.year && a.ruleId === b.ruleId && (a.daysBefore !== b.daysBefore || a.adjacent !== b.adjacent)) {
        throw calendarError(CalendarErrorCode.OVERRIDE_CONFLICT, { choices: [a, b] });
      }
    }
  }
  const rules = options.statutoryRules ?? DEFAULT_STATUTORY_RULES;
  const holidays = new Map<number, Holiday>();
  for (let year = Math.max(fromYear, statutoryFromYear); year <= toYear; year += 1) {
    for (const h of statutoryHolidays(year, { rules, choices, weeklyRestDays: restDays })) {
      const day = dayNumberOfIso(h.date);
      if (!holidays.has(day)) holidays.set(day, h);
    }
  }
  const allOverrides = [...(options.overrides ?? []), ...schedules.flatMap((s) => s.overrides)];
  const overrides = indexOverrides(allOverrides, holidays);

  // --- index -----------------------------------------------------------------------------------
  const firstDay = dayNumberOf(fromYear, 1, 1);
  const dayCount = dayNumberOf(toYear, 12, 31) - firstDay + 1;
  const profileOfDay = new Uint8Array(dayCount);
  for (let i = 0; i < dayCount; i += 1) {
    const dayNumber = firstDay + i;
    const override = overrides.get(dayNumber);
    if (override) profileOfDay[i] = override.kind === 'day_off' ? 0 : makeUpProfile;
    else if (holidays.has(dayNumber)) profileOfDay[i] = 0;
    else profileOfDay[i] = weekdayProfile[weekdayOfDayNumber(dayNumber)]!;
  }

  const stride = MAX_INTERVALS;
  const pCount = new Uint8Array(profiles.length);
  const pStart = new Int32Array(profiles.length * stride);
  const pEnd = new Int32Array(profiles.length * stride);
  const pCum = new Int32Array(profiles.length * stride);
  const pLength = new Int32Array(profiles.length);
  profiles.forEach((p, id) => {
    let cum = 0;
    p.ranges.forEach(([a, b], j) => {
      pStart[id * stride + j] = a;
      pEnd[id * stride + j] = b;
      pCum[id * stride + j] = cum;
      cum += b - a;
    });
    pCount[id] = p.ranges.length;
    pLength[id] = cum;
  });

  const ordBefore = new Int32Array(dayCount + 1);
  let workingDayCount = 0;
  for (let i = 0; i < dayCount; i += 1) {
    ordBefore[i] = workingDayCount;
    if (profileOfDay[i] !== 0) workingDayCount += 1;
  }
  ordBefore[dayCount] = workingDayCount;
  if (workingDayCount === 0) throw calendarError(CalendarErrorCode.NO_WORKING_TIME, { fromYear, toYear });
  const workDay = new Int32Array(workingDayCount);
  const workCum = new Float64Array(workingDayCount + 1);
  let w = 0;
  let cum = 0;
  for (let i = 0; i < dayCount; i += 1) {
    const p = profileOfDay[i]!;
    if (p === 0) continue;
    workDay[w] = i;
    workCum[w] = cum;
    cum += pLength[p]!;
    w += 1;
  }
  workCum[workingDayCount] = cum;

  return new WorkingCalendar({
    fromYear,
    toYear,
    standardDayMinutes: (pLength[profileId(standard)] ?? 0) / MS_PER_MINUTE,
    index: {
      firstDay,
      dayCount,
      profileOfDay,
      ordBefore,
      workDay,
      workCum,
      workingDayCount,
      stride,
      pCount,
      pStart,
      pEnd,
      pCum,
      pLength,
    },
    holidays,
    overrides: new Map([...overrides.entries()].filter(([d]) => d >= firstDay && d < firstDay + dayCount)),
    weekdayProfile,
    profiles,
  });
}
