/**
 * Calendar module: Vietnamese lunar calendar, statutory holidays and official schedules, working
 * calendars and deadline arithmetic in Viet Nam time. Pure: no I/O, no clock, no host time zone.
 * See README.md in this folder for the semantics.
 */
export { CalendarError, CalendarErrorCode } from './errors.js';

export {
  formatVnTime,
  isoOfDayNumber,
  parseIsoDate,
  vnTime,
  VN_OFFSET_MS,
  type CivilDate,
  type IsoDate,
} from './civil-date.js';

export {
  lunarLeapMonth,
  lunarMonthLength,
  lunarToSolar,
  lunarYearName,
  solarToLunar,
  type LunarDate,
} from './lunar.js';

export {
  DEFAULT_STATUTORY_RULES,
  DEFAULT_WEEKLY_REST_DAYS,
  LABOUR_CODE_2019_ART_112,
  statutoryHolidays,
  type CalendarOverride,
  type Confidence,
  type Holiday,
  type HolidayKind,
  type HolidayRule,
  type LocalizedText,
  type OverrideKind,
  type StatutoryChoice,
  type StatutoryOptions,
  type StatutoryRuleSet,
} from './holidays.js';

export {
  OFFICIAL_SCHEDULE_2024,
  OFFICIAL_SCHEDULE_2025,
  OFFICIAL_SCHEDULE_2026,
  OFFICIAL_SCHEDULES_2024_2026,
  UNCONFIRMED_OVERRIDES,
  type OfficialSchedule,
  type OfficialWindow,
} from './schedules-2024-2026.js';

export {
  buildCalendar,
  DEFAULT_WORKING_HOURS,
  WorkingCalendar,
  type BuildCalendarOptions,
  type DayInfo,
  type DayStatus,
  type HoursRange,
  type WorkingHoursSpec,
} from './calendar.js';

export {
  addWorkingTime,
  DeadlineResult,
  DEFAULT_SAME_DAY_CUTOFF,
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
  type ClockState,
  type CountFrom,
  type Duration,
} from './working-time.js';
