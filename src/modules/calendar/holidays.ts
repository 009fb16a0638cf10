/**
 * Statutory holidays (Labour Code 2019, art. 112) computed for any year, compensatory days off
 * (art. 111(3)), and the dated overrides that carry each year's official schedule.
 *
 * The law is data here: a rule set lists the holidays, and the Prime Minister's yearly choices
 * (which days make up the 5 Tết days, which day sits next to 2/9) are `StatutoryChoice` entries.
 * A change to art. 112 is a new `StatutoryRuleSet`, not a code change.
 */
import type { LocalizedText } from '../../platform/errors.js';
import {
  dayNumberOf,
  dayNumberOfIso,
  isoOfDayNumber,
  parseIsoDate,
  weekdayOfDayNumber,
  type IsoDate,
} from './civil-date.js';
import { calendarError, CalendarErrorCode } from './errors.js';
import { lunarToSolar } from './lunar.js';

export type { LocalizedText };

/** How sure we are of a data entry. 'verified': read in the official notice or a faithful copy of it;
 *  'secondary': stated by a government page, news agency or a maintained library citing the notice;
 *  'inferred': deduced (e.g. the split between statutory and compensatory days). */
export type Confidence = 'verified' | 'secondary' | 'inferred';

export type HolidayRule =
  /** A fixed Gregorian date, e.g. 30/4. */
  | { readonly type: 'solar'; readonly id: string; readonly month: number; readonly day: number; readonly name: LocalizedText }
  /** A fixed lunar date in a regular (non-leap) month, e.g. 10/3 lunar. */
  | { readonly type: 'lunar'; readonly id: string; readonly month: number; readonly day: number; readonly name: LocalizedText }
  /** Tết: `days` consecutive days, the first `daysBefore` of them before mùng 1 (the last days of the old year). */
  | {
      readonly type: 'lunar_new_year';
      readonly id: string;
      readonly days: number;
      readonly daysBefore: number;
      readonly name: LocalizedText;
    }
  /** A fixed Gregorian date plus one adjacent day ('before' or 'after'), e.g. 2/9 + 1/9. */
  | {
      readonly type: 'solar_with_adjacent';
      readonly id: string;
      readonly month: number;
      readonly day: number;
      readonly adjacent: 'before' | 'after';
      readonly name: LocalizedText;
    };

export interface StatutoryRuleSet {
  readonly id: string;
  readonly title: LocalizedText;
  readonly source: string;
  /** First Gregorian year the set applies to. */
  readonly fromYear: number;
  /** Last Gregorian year the set applies to; open-ended when absent. */
  readonly toYear?: number;
  /** A holiday on a weekly rest day gives the next working day off (Labour Code 2019 art. 111(3)). */
  readonly compensateWeeklyRestDay: boolean;
  readonly rules: readonly HolidayRule[];
}

/**
 * Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), art. 112(1), in force 1/1/2021 [domain.md §4.2, V S12]:
 * 1/1; Tết 5 days; 30/4; 1/5; 2/9 + one adjacent day; 10/3 lunar. Defaults for the days the Prime
 * Minister fixes each year (art. 112(3)): Tết = the last day of the lunar year + mùng 1–4; the day next
 * to 2/9 = 1/9 (both 2025 and 2026 used 1/9).
 */
export const LABOUR_CODE_2019_ART_112: StatutoryRuleSet = {
  id: 'labour-code-2019-art-112',
  title: { vi: 'Bộ luật Lao động 2019, Điều 112', en: 'Labour Code 2019, art. 112' },
  source: 'Bộ luật Lao động số 45/2019/QH14, Điều 111(3), Điều 112',
  fromYear: 2021,
  compensateWeeklyRestDay: true,
  rules: [
    { type: 'solar', id: 'new_year', month: 1, day: 1, name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
    {
      type: 'lunar_new_year',
      id: 'lunar_new_year',
      days: 5,
      daysBefore: 1,
      name: { vi: 'Tết Âm lịch', en: 'Lunar New Year (Tết)' },
    },
    {
      type: 'lunar',
      id: 'hung_kings',
      month: 3,
      day: 10,
      name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
    },
    { type: 'solar', id: 'victory_day', month: 4, day: 30, name: { vi: 'Ngày Chiến thắng', en: 'Victory Day' } },
    {
      type: 'solar',
      id: 'labour_day',
      month: 5,
      day: 1,
      name: { vi: 'Ngày Quốc tế lao động', en: 'International Labour Day' },
    },
    {
      type: 'solar_with_adjacent',
      id: 'national_day',
      month: 9,
      day: 2,
      adjacent: 'before',
      name: { vi: 'Quốc khánh', en: 'National Day' },
    },
  ],
};

export const DEFAULT_STATUTORY_RULES: readonly StatutoryRuleSet[] = [LABOUR_CODE_2019_ART_112];

/** The Prime Minister's choice for one year (Labour Code 2019 art. 112(3)). */
export interface StatutoryChoice {
  readonly year: number;
  /** Id of the rule it adjusts: 'lunar_new_year' or 'national_day' in the default rule set. */
  readonly ruleId: string;
  /** For 'lunar_new_year': how many of the Tết days fall before mùng 1. */
  readonly daysBefore?: number;
  /** For 'solar_with_adjacent': which side the adjacent day is on. */
  readonly adjacent?: 'before' | 'after';
  readonly source: string;
  readonly confidence?: Confidence;
  readonly note?: string;
}

export type OverrideKind = 'day_off' | 'working_day';

/**
 * One dated entry of an official schedule. 'day_off': the agency does not work that day (a swapped
 * day, a moved compensatory day, a local holiday). 'working_day': the agency works that day (a make-up
 * Saturday, ngày làm bù), or a computed compensatory day that the notice moved elsewhere.
 */
export interface CalendarOverride {
  readonly date: IsoDate;
  readonly kind: OverrideKind;
  readonly reason: LocalizedText;
  readonly source: string;
  readonly confidence?: Confidence;
  readonly note?: string;
}

export type HolidayKind = 'statutory' | 'compensatory';

export interface Holiday {
  readonly date: IsoDate;
  readonly kind: HolidayKind;
  /** Id of the statutory rule that produced the day. */
  readonly ruleId: string;
  readonly name: LocalizedText;
  /** For a compensatory day: the statutory holiday that fell on a weekly rest day. */
  readonly compensatesFor?: IsoDate;
}

export interface StatutoryOptions {
  readonly rules?: readonly StatutoryRuleSet[];
  readonly choices?: readonly StatutoryChoice[];
  /** Weekly rest days used for compensatory days, 0 = Sunday … 6 = Saturday. Default: Saturday, Sunday. */
  readonly weeklyRestDays?: readonly number[];
}

export const DEFAULT_WEEKLY_REST_DAYS: readonly number[] = [6, 0];

function ruleSetFor(year: number, sets: readonly StatutoryRuleSet[]): StatutoryRuleSet | undefined {
  return sets.find((s) => s.fromYear <= year && (s.toYear === undefined || year <= s.toYear));
}

function choiceFor(year: number, ruleId: string, choices: readonly StatutoryChoice[]): StatutoryChoice | undefined {
  return choices.find((c) => c.year === year && c.ruleId === ruleId);
}

/** Statutory days of one rule in `year`, as day numbers. */
function ruleDays(rule: HolidayRule, year: number, choice: StatutoryChoice | undefined): number[] {
  switch (rule.type) {
    case 'solar':
      return [dayNumberOf(year, rule.month, rule.day)];
    case 'lunar': {
      const d = lunarToSolar(rule.day, rule.month, year, false);
      return [dayNumberOf(d.year, d.month, d.day)];
    }
    case 'lunar_new_year': {
      const before = choice?.daysBefore ?? rule.daysBefore;
      const first = lunarToSolar(1, 1, year, false);
      const start = dayNumberOf(first.year, first.month, first.day) - before;
      return Array.from({ length: rule.days }, (_, i) => start + i);
    }
    case 'solar_with_adjacent': {
      const main = dayNumberOf(year, rule.month, rule.day);
      const side = choice?.adjacent ?? rule.adjacent;
      return side === 'before' ? [main - 1, main] : [main, main + 1];
    }
  }
}

/**
 * Statutory holidays of `year` plus the compensatory days they cause, sorted by date.
 * Returns [] for a year no rule set covers.
 *
 * Compensatory days: each statutory day on a weekly rest day gives the next day that is neither a rest
 * day, nor a statutory day, nor already a compensatory day (days are processed in date order).
 *
 * @example statutoryHolidays(2026).map((h) => h.date)
 * // ['2026-01-01', '2026-02-16', …, '2026-04-26', '2026-04-27' (compensatory), '2026-04-30', …]
 */
export function statutoryHolidays(year: number, options: StatutoryOptions = {}): Holiday[] {
  if (!Number.isInteger(year)) throw calendarError(CalendarErrorCode.INVALID_DATE, { year });
  const set = ruleSetFor(year, options.rules ?? DEFAULT_STATUTORY_RULES);
  if (!set) return [];
  const choices = options.choices ?? [];
  const rest = new Set(options.weeklyRestDays ?? DEFAULT_WEEKLY_REST_DAYS);

  const statutory = new Map<number, Holiday>();
  for (const rule of set.rules) {
    for (const day of ruleDays(rule, year, choiceFor(year, rule.id, choices))) {
      if (!statutory.has(day)) {
        statutory.set(day, { date: isoOfDayNumber(day), kind: 'statutory', ruleId: rule.id, name: rule.name });
      }
    }
  }
  const result = [...statutory.entries()].sort((a, b) => a[0] - b[0]);
  if (set.compensateWeeklyRestDay && rest.size < 7) {
    const taken = new Set(statutory.keys());
    const extra: Array<[number, Holiday]> = [];
    for (const [day, holiday] of result) {
      if (!rest.has(weekdayOfDayNumber(day))) continue;
      let candidate = day + 1;
      while (rest.has(weekdayOfDayNumber(candidate)) || taken.has(candidate)) candidate += 1;
      taken.add(candidate);
      extra.push([
        candidate,
        {
          date: isoOfDayNumber(candidate),
          kind: 'compensatory',
          ruleId: holiday.ruleId,
          name: {
            vi: `Nghỉ bù ${holiday.name.vi} (${formatVi(day)})`,
            en: `${holiday.name.en} (${holiday.date}), compensatory day off`,
          },
          compensatesFor: holiday.date,
        },
      ]);
    }
    result.push(...extra);
    result.sort((a, b) => a[0] - b[0]);
  }
  return result.map(([, h]) => h);
}

function formatVi(day: number): string {
  const iso = isoOfDayNumber(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Validation of official schedules

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function checkOverrideShape(entry: CalendarOverride, index: number): void {
  const bad = (problem: string): never => {
    throw calendarError(CalendarErrorCode.INVALID_OVERRIDE, { index, entry, problem });
  };
  if (entry === null || typeof entry !== 'object') bad('not an object');
  try {
    parseIsoDate(entry.date);
  } catch {
    bad('date must be an existing YYYY-MM-DD date');
  }
  if (entry.kind !== 'day_off' && entry.kind !== 'working_day') bad("kind must be 'day_off' or 'working_day'");
  if (!entry.reason || !isText(entry.reason.vi) || !isText(entry.reason.en)) bad('reason needs vi and en text');
  if (!isText(entry.source)) bad('source is required');
}

export function checkChoice(choice: StatutoryChoice, index: number): void {
  const bad = (problem: string): never => {
    throw calendarError(CalendarErrorCode.INVALID_OVERRIDE, { index, choice, problem });
  };
  if (choice === null || typeof choice !== 'object') bad('not an object');
  if (!Number.isInteger(choice.year)) bad('year must be an integer');
  if (!isText(choice.ruleId)) bad('ruleId is required');
  if (!isText(choice.source)) bad('source is required');
  if (choice.daysBefore !== undefined && (!Number.isInteger(choice.daysBefore) || choice.daysBefore < 0 || choice.daysBefore > 5)) {
    bad('daysBefore must be an integer 0–5');
  }
  if (choice.adjacent !== undefined && choice.adjacent !== 'before' && choice.adjacent !== 'after') {
    bad("adjacent must be 'before' or 'after'");
  }
}

/**
 * Checks a list of overrides against each other and against the statutory days, and returns them keyed
 * by day number.
 *
 * - malformed entry (date, kind, reason {vi,en}, source) → CALENDAR_INVALID_OVERRIDE
 * - the same date as 'day_off' and as 'working_day' → CALENDAR_OVERRIDE_CONFLICT
 * - 'working_day' on a statutory holiday → CALENDAR_WORKING_DAY_ON_HOLIDAY
 *
 * The same date twice with the same kind is accepted (notices of different bodies repeat each other).
 * A 'working_day' on a computed compensatory day is accepted: official notices move compensatory days
 * (Tết 2025 moved the day owed for Sat 01/02 to Mon 27/01), and the notice is what counts.
 */
export function indexOverrides(
  overrides: readonly CalendarOverride[],
  statutoryDays: ReadonlyMap<number, Holiday>,
): Map<number, CalendarOverride> {
  if (!Array.isArray(overrides)) throw calendarError(CalendarErrorCode.INVALID_OVERRIDE, { problem: 'not an array' });
  const byDay = new Map<number, CalendarOverride>();
  overrides.forEach((entry, index) => {
    checkOverrideShape(entry, index);
    const day = dayNumberOfIso(entry.date);
    const previous = byDay.get(day);
    if (previous && previous.kind !== entry.kind) {
      throw calendarError(CalendarErrorCode.OVERRIDE_CONFLICT, { date: entry.date, entries: [previous, entry] });
    }
    const holiday = statutoryDays.get(day);
    if (entry.kind === 'working_day' && holiday?.kind === 'statutory') {
      throw calendarError(CalendarErrorCode.WORKING_DAY_ON_HOLIDAY, { date: entry.date, holiday: holiday.name, entry });
    }
    if (!previous) byDay.set(day, entry);
  });
  return byDay;
}
