/**
 * Civil (proleptic Gregorian) dates as plain numbers, independent of the process time zone.
 *
 * A "day number" counts days since 1970-01-01 (day 0). `Date.UTC` and the `getUTC*` getters are
 * used only as a civil-date calculator: no local-time API is ever called, so results do not
 * depend on the server's TZ.
 */
import { calendarError, CalendarErrorCode } from './errors.js';

/** 'YYYY-MM-DD' */
export type IsoDate = string;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Viet Nam (Asia/Ho_Chi_Minh) is UTC+7 all year; it has had no daylight-saving time since 1975. */
export const VN_OFFSET_MS = 7 * MS_PER_HOUR;

/** Julian Day Number of 1970-01-01. */
export const JDN_UNIX_EPOCH = 2_440_588;

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a civil date (no validation). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const probe = new Date(0);
  // setUTCFullYear avoids Date.UTC's mapping of years 0..99 to 1900..1999.
  probe.setUTCFullYear(year, month - 1, day);
  return Math.round(probe.getTime() / MS_PER_DAY);
}

export function civilOfDayNumber(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function isoOfDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = civilOfDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function isoOfCivil(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict 'YYYY-MM-DD' string; throws CALENDAR_INVALID_DATE for anything else (e.g. 2025-02-30). */
export function parseIsoDate(value: string): CivilDate {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw calendarError(CalendarErrorCode.INVALID_DATE, { value });
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidCivilDate(year, month, day)) throw calendarError(CalendarErrorCode.INVALID_DATE, { value });
  return { year, month, day };
}

export function dayNumberOfIso(value: string): number {
  const { year, month, day } = parseIsoDate(value);
  return dayNumberOf(year, month, day);
}

/** Epoch milliseconds of a Date, or CALENDAR_INVALID_DATE when it is not a valid Date. */
export function instantMs(value: Date): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw calendarError(CalendarErrorCode.INVALID_DATE, { value: String(value) });
  return ms;
}

/** Local (UTC+7) day number of an instant given in epoch milliseconds. */
export function vnDayNumberOfMs(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / MS_PER_DAY);
}

/** Epoch milliseconds of a local (UTC+7) wall-clock time. */
export function vnInstantMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return dayNumberOf(year, month, day) * MS_PER_DAY - VN_OFFSET_MS + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000;
}

/**
 * A Date for a wall-clock time in Viet Nam (UTC+7), whatever the server's time zone.
 * `vnTime(2026, 2, 13, 16, 0)` is 13/02/2026 16:00 in Hà Nội. Throws CALENDAR_INVALID_DATE on an
 * impossible date or time.
 */
export function vnTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const timeOk =
    Number.isInteger(hour) && Number.isInteger(minute) && Number.isInteger(second) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
  if (!isValidCivilDate(year, month, day) || !timeOk) {
    throw calendarError(CalendarErrorCode.INVALID_DATE, { year, month, day, hour, minute, second });
  }
  return new Date(vnInstantMs(year, month, day, hour, minute, second));
}

/** Formats an instant as local Viet Nam time, 'YYYY-MM-DD HH:MM' (seconds added when not zero). */
export function formatVnTime(value: Date): string {
  const ms = instantMs(value);
  const day = vnDayNumberOfMs(ms);
  const msOfDay = ms + VN_OFFSET_MS - day * MS_PER_DAY;
  const h = Math.floor(msOfDay / MS_PER_HOUR);
  const min = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const base = `${isoOfDayNumber(day)} ${pad2(h)}:${pad2(min)}`;
  return s === 0 && msOfDay % 1000 === 0 ? base : `${base}:${pad2(s)}`;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Milliseconds after midnight of 'HH:MM' (00:00 … 24:00); throws the given code when malformed. */
export function parseClock(value: string, code: CalendarErrorCode = CalendarErrorCode.INVALID_WORKING_HOURS): number {
  const m = typeof value === 'string' ? HH_MM.exec(value) : null;
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  if (!m || h > 24 || min > 59 || (h === 24 && min !== 0)) throw calendarError(code, { value });
  return h * MS_PER_HOUR + min * MS_PER_MINUTE;
}
