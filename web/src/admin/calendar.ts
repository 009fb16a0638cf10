/** Types of the calendar API and the date helpers of the working-calendar tab (Viet Nam time, UTC+7). */
import type { Localized } from '../api.js';

export const DAY_STATUSES = ['working', 'make_up_working_day', 'weekly_rest', 'statutory_holiday', 'compensatory_day_off', 'day_off'] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

export type LunarDate = { day: number; month: number; year: number; leapMonth: boolean };

/** One day as the API describes it (`status` stays a string: the API may add statuses). */
export type CalendarDay = {
  date: string;
  weekday: number;
  status: string;
  working: boolean;
  reason: Localized | null;
  source: string | null;
};

export type MonthDay = CalendarDay & { lunar: LunarDate; hours: [string, string][] };
export type CalendarMonth = { year: number; month: number; days: MonthDay[] };

export type OverrideKind = 'day_off' | 'working_day';
export type CalendarOverride = {
  id: string;
  date: string;
  kind: OverrideKind;
  reason: Localized;
  source: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  /** After adding or revoking: received dossiers whose due date this change moved. */
  redatedDossiers?: RedatedDossier[];
};

/** A received dossier re-dated by a schedule change (recorded in its history; its applicant is told). */
export type RedatedDossier = { code: string; status: string; dueBefore: string | null; dueAfter: string | null };

export type Deadline = {
  start: string;
  clockStart: string;
  due: string;
  dueLocal: string;
  skippedDays: CalendarDay[];
};

/** The years the calendar API serves. */
export const FIRST_YEAR = 2021;
export const LAST_YEAR = 2100;

export function knownStatus(status: string): DayStatus | null {
  return DAY_STATUSES.find((s) => s === status) ?? null;
}

/** Day statuses that stand out on the calendar (they get a colour and a word in the cell). */
export const MARKED = ['statutory_holiday', 'compensatory_day_off', 'day_off', 'make_up_working_day'] as const;
export type MarkedStatus = (typeof MARKED)[number];
export function markedStatus(status: string): MarkedStatus | null {
  return MARKED.find((s) => s === status) ?? null;
}

/** Weekday keys by `Date#getUTCDay()` number, and the Monday-first order of the grid. */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
export const GRID_WEEKDAYS: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const MONTH_KEYS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;
export type MonthKey = (typeof MONTH_KEYS)[number];
export const monthKey = (month: number): MonthKey => MONTH_KEYS[Math.min(12, Math.max(1, month)) - 1]!;

const pad2 = (n: number) => String(n).padStart(2, '0');

export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { year: y ?? 0, month: m ?? 0, day: d ?? 0 };
}

export const isoDate = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;

export function weekdayOf(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** 2026-02-17 → 17/02/2026, as Vietnamese forms write dates. */
export function formatDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** 2026-02-17 → 17/02 (within a month already named). */
export function formatDayMonth(iso: string): string {
  const { month, day } = parseIsoDate(iso);
  return `${pad2(day)}/${pad2(month)}`;
}

const VN_OFFSET_MS = 7 * 3_600_000; // Viet Nam: UTC+7, no daylight saving time

/** The wall-clock reading in Viet Nam of an instant, whatever the browser's time zone. */
function vnWallClock(instant: Date): Date {
  return new Date(instant.getTime() + VN_OFFSET_MS);
}

/** An instant shown as "16:00 25/02/2026" in Viet Nam time. */
export function formatVnDateTime(instant: string | Date): string {
  const w = vnWallClock(new Date(instant));
  return `${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())} ${pad2(w.getUTCDate())}/${pad2(w.getUTCMonth() + 1)}/${w.getUTCFullYear()}`;
}

/** Today's date in Viet Nam. */
export function vnToday(now = new Date()): { year: number; month: number; day: number; iso: string } {
  const w = vnWallClock(now);
  const year = w.getUTCFullYear();
  const month = w.getUTCMonth() + 1;
  const day = w.getUTCDate();
  return { year, month, day, iso: isoDate(year, month, day) };
}

/** The current Viet Nam time as a datetime-local value (YYYY-MM-DDTHH:MM). */
export function vnNowForInput(now = new Date()): string {
  return vnWallClock(now).toISOString().slice(0, 16);
}

/** A datetime-local value read as Viet Nam time: 2026-02-13T16:00 → 2026-02-13T16:00:00+07:00. */
export function vnInputToIso(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(value);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}+07:00` : null;
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** The sexagenary name of a lunar year (2026 → Bính Ngọ). Year 4 CE was Giáp Tý. */
export function lunarYearName(year: number): string {
  const n = (((year - 4) % 60) + 60) % 60;
  return `${STEMS[n % 10]} ${BRANCHES[n % 12]}`;
}

/** The Monday-first weeks of a month: each week seven days or `null` for the other months' days. */
export function monthWeeks<T extends { date: string }>(days: readonly T[]): (T | null)[][] {
  if (days.length === 0) return [];
  const lead = (weekdayOf(days[0]!.date) + 6) % 7;
  const cells: (T | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (T | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
