/**
 * Deadline arithmetic on a WorkingCalendar, in Viet Nam time (UTC+7, fixed offset: the host TZ is
 * never used).
 *
 * Model: the "working timeline". Every instant t has a position T(t) = working time elapsed from the
 * start of the calendar up to t. T is flat outside working hours. Working day w (numbered over working
 * days only) occupies positions [workCum[w], workCum[w+1]).
 *
 * Semantics (see README.md for the reasoning):
 * - Start of the clock: a working instant stays; before an opening or during a break → that opening;
 *   after the last close, or on a non-working day → the next working day's opening.
 * - working_hours / working_minutes: due = the EARLIEST instant whose position is T(start) + d, so a due
 *   is a working instant or a closing time (11:30, 17:00), never an opening time: 8 h from Mon 07:00 is
 *   Mon 17:00.
 * - working_days: from a clock start inside working day w at offset o (working ms since that day's
 *   opening), the due is working day w+N at the same offset, i.e. the same time of day when both days
 *   have the same hours. A shorter target day (a Saturday half-day) clamps the offset to its close.
 * - calendar_days: day-granular. The clock-start day is day 0; the limit ends at the close of day N, or
 *   at the close of the next working day when day N is not a working day (so a later receipt never gets
 *   an earlier due date).
 * - countFrom 'next_working_day' (working units): counting starts at the opening of the working day after
 *   the receipt's working day; N working days end at the close of the N-th working day after the receipt
 *   day. For calendar_days it names the same day N and changes nothing.
 * - same_day: close of the receipt's working day; received after the cut-off (default 15:00) → close of
 *   the next working day.
 */
import {
  instantMs,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseClock,
  VN_OFFSET_MS,
  type IsoDate,
} from './civil-date.js';
import { calendarError, CalendarErrorCode } from './errors.js';
import type { CalendarIndex, WorkingCalendar } from './calendar.js';

export type CountFrom = 'receipt' | 'next_working_day';

export type Duration =
  | { readonly unit: 'working_days'; readonly value: number; readonly countFrom?: CountFrom }
  | { readonly unit: 'working_hours'; readonly value: number; readonly countFrom?: CountFrom }
  | { readonly unit: 'working_minutes'; readonly value: number; readonly countFrom?: CountFrom }
  | { readonly unit: 'calendar_days'; readonly value: number; readonly countFrom?: CountFrom }
  /** "Trả kết quả trong ngày": due at the close of the receipt day; received after `cutoff` → next working day. */
  | { readonly unit: 'same_day'; readonly cutoff?: string };

export const DEFAULT_SAME_DAY_CUTOFF = '15:00';

// ---------------------------------------------------------------------------------------------
// Low-level index operations. Results of `locate` go to module-level scratch variables so the hot
// path allocates nothing (JS is single-threaded; nothing re-enters between set and read).

let locMs = 0; // clock start, epoch ms
let locW = 0; // working-day ordinal of the clock start
let locOffset = 0; // working ms since that day's opening

function outOfRange(ms: number, cal: WorkingCalendar): never {
  throw calendarError(CalendarErrorCode.OUT_OF_RANGE, {
    value: Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms),
    range: `${cal.fromYear}-${cal.toYear}`,
  });
}

function dayIndexOfMs(ix: CalendarIndex, ms: number, cal: WorkingCalendar): number {
  const i = Math.floor((ms + VN_OFFSET_MS) / MS_PER_DAY) - ix.firstDay;
  if (i < 0 || i >= ix.dayCount) outOfRange(ms, cal);
  return i;
}

const dayStart = (ix: CalendarIndex, i: number): number => (ix.firstDay + i) * MS_PER_DAY - VN_OFFSET_MS;

/** Opening (epoch ms) of working day w. */
function openingOf(ix: CalendarIndex, w: number): number {
  const d = ix.workDay[w]!;
  return dayStart(ix, d) + ix.pStart[ix.profileOfDay[d]! * ix.stride]!;
}

/** Close (epoch ms) of working day w: end of its last interval. */
function closeOf(ix: CalendarIndex, w: number): number {
  const d = ix.workDay[w]!;
  const p = ix.profileOfDay[d]!;
  return dayStart(ix, d) + ix.pEnd[p * ix.stride + ix.pCount[p]! - 1]!;
}

/** Sets locMs/locW/locOffset to the clock start for an instant. */
function locate(ix: CalendarIndex, ms: number, cal: WorkingCalendar): void {
  const i = dayIndexOfMs(ix, ms, cal);
  const p = ix.profileOfDay[i]!;
  if (p !== 0) {
    const tod = ms - dayStart(ix, i);
    const base = p * ix.stride;
    const n = ix.pCount[p]!;
    for (let j = 0; j < n; j += 1) {
      const end = ix.pEnd[base + j]!;
      if (tod < end) {
        const start = ix.pStart[base + j]!;
        if (tod < start) {
          locMs = ms - tod + start;
          locOffset = ix.pCum[base + j]!;
        } else {
          locMs = ms;
          locOffset = ix.pCum[base + j]! + (tod - start);
        }
        locW = ix.ordBefore[i]!;
        return;
      }
    }
  }
  const w = ix.ordBefore[i + 1]!; // first working day after day i
  if (w >= ix.workingDayCount) outOfRange(ms, cal);
  locW = w;
  locOffset = 0;
  locMs = openingOf(ix, w);
}

/** Working-timeline position of any instant. */
function positionOf(ix: CalendarIndex, ms: number, cal: WorkingCalendar): number {
  const i = dayIndexOfMs(ix, ms, cal);
  let pos = ix.workCum[ix.ordBefore[i]!]!;
  const p = ix.profileOfDay[i]!;
  if (p !== 0) {
    const tod = ms - dayStart(ix, i);
    const base = p * ix.stride;
    const n = ix.pCount[p]!;
    for (let j = 0; j < n; j += 1) {
      const start = ix.pStart[base + j]!;
      if (tod <= start) break;
      const end = ix.pEnd[base + j]!;
      pos += (tod < end ? tod : end) - start;
    }
  }
  return pos;
}

/** Instant inside working day w at working offset o (half-open intervals); o >= day length → its close. */
function instantInDay(ix: CalendarIndex, w: number, o: number): number {
  const d = ix.workDay[w]!;
  const p = ix.profileOfDay[d]!;
  const base = p * ix.stride;
  const n = ix.pCount[p]!;
  const start0 = dayStart(ix, d);
  for (let j = 0; j < n; j += 1) {
    const start = ix.pStart[base + j]!;
    const cum = ix.pCum[base + j]!;
    if (o < cum + (ix.pEnd[base + j]! - start)) return start0 + start + (o - cum);
  }
  return start0 + ix.pEnd[base + n - 1]!;
}

/** Earliest instant whose working-timeline position is `pos` (pos > 0). */
function earliestAt(ix: CalendarIndex, pos: number, cal: WorkingCalendar): number {
  const cum = ix.workCum;
  const count = ix.workingDayCount;
  if (pos > cum[count]!) outOfRange(Number.NaN, cal);
  // Largest w with cum[w] < pos.
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cum[mid]! < pos) lo = mid;
    else hi = mid - 1;
  }
  const o = pos - cum[lo]!;
  const d = ix.workDay[lo]!;
  const p = ix.profileOfDay[d]!;
  const base = p * ix.stride;
  const n = ix.pCount[p]!;
  const start0 = dayStart(ix, d);
  for (let j = 0; j < n; j += 1) {
    const start = ix.pStart[base + j]!;
    const c = ix.pCum[base + j]!;
    if (o <= c + (ix.pEnd[base + j]! - start)) return start0 + start + (o - c);
  }
  return start0 + ix.pEnd[base + n - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Result

/**
 * Result of a deadline computation. `due` is computed eagerly; `skippedDays` and `clockStart` are
 * derived on first access (keeps the hot path at one Date allocation).
 */
export class DeadlineResult {
  readonly due: Date;
  readonly #calendar: WorkingCalendar;
  readonly #receivedMs: number;
  readonly #clockStartMs: number;
  #skipped: IsoDate[] | undefined;

  constructor(due: Date, calendar: WorkingCalendar, receivedMs: number, clockStartMs: number) {
    this.due = due;
    this.#calendar = calendar;
    this.#receivedMs = receivedMs;
    this.#clockStartMs = clockStartMs;
  }

  /** When the clock started (after start-of-clock normalisation and `countFrom`). */
  get clockStart(): Date {
    return new Date(this.#clockStartMs);
  }

  /** Non-working days (ISO dates, ascending) from the receipt day to the due day, both included. */
  get skippedDays(): IsoDate[] {
    if (this.#skipped === undefined) {
      const cal = this.#calendar;
      const ix = cal.index;
      const from = dayIndexOfMs(ix, this.#receivedMs, cal);
      const to = dayIndexOfMs(ix, this.due.getTime(), cal);
      const out: IsoDate[] = [];
      for (let i = from; i <= to; i += 1) if (ix.profileOfDay[i] === 0) out.push(cal.isoOfIndex(i));
      this.#skipped = out;
    }
    return [...this.#skipped];
  }

  toJSON(): { due: string; clockStart: string; skippedDays: IsoDate[] } {
    return { due: this.due.toISOString(), clockStart: this.clockStart.toISOString(), skippedDays: this.skippedDays };
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

function checkCountFrom(value: unknown, duration: unknown): CountFrom {
  if (value === undefined || value === 'receipt') return 'receipt';
  if (value === 'next_working_day') return 'next_working_day';
  throw calendarError(CalendarErrorCode.INVALID_DURATION, { duration, problem: 'countFrom' });
}

function checkAmount(value: unknown, duration: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw calendarError(CalendarErrorCode.INVALID_DURATION, { duration, problem: 'value must be a finite number' });
  }
  if (value < 0) throw calendarError(CalendarErrorCode.NEGATIVE_DURATION, { duration });
  if (!Number.isInteger(value)) {
    throw calendarError(CalendarErrorCode.INVALID_DURATION, { duration, problem: 'value must be a whole number' });
  }
  return value;
}

const cutoffCache = new Map<string, number>();
function cutoffMs(cutoff: string | undefined, duration: unknown): number {
  const text = cutoff ?? DEFAULT_SAME_DAY_CUTOFF;
  let ms = cutoffCache.get(text);
  if (ms === undefined) {
    try {
      ms = parseClock(text);
    } catch {
      throw calendarError(CalendarErrorCode.INVALID_DURATION, { duration, problem: "cutoff must be 'HH:MM'" });
    }
    cutoffCache.set(text, ms);
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Due date of a time limit that starts at `start` (the receipt instant).
 *
 * @example
 * addWorkingTime(vnTime(2026, 2, 13, 16, 0), { unit: 'working_days', value: 3 }, calendar).due
 * // Wed 25/02/2026 16:00 (Tết 2026 skipped)
 */
export function addWorkingTime(start: Date, duration: Duration, calendar: WorkingCalendar): DeadlineResult {
  const receivedMs = instantMs(start);
  const ix = calendar.index;
  if (duration === null || typeof duration !== 'object') {
    throw calendarError(CalendarErrorCode.INVALID_DURATION, { duration });
  }
  locate(ix, receivedMs, calendar);
  const w = locW;
  const offset = locOffset;
  const clockMs = locMs;
  let dueMs: number;
  let clockStartMs = clockMs;

  switch (duration.unit) {
    case 'working_days': {
      const n = checkAmount(duration.value, duration);
      const target = w + n;
      if (target >= ix.workingDayCount) outOfRange(receivedMs, calendar);
      if (checkCountFrom(duration.countFrom, duration) === 'next_working_day') {
        if (w + 1 < ix.workingDayCount) clockStartMs = openingOf(ix, w + 1);
        dueMs = closeOf(ix, target);
      } else if (n === 0) {
        dueMs = clockMs;
      } else {
        dueMs = instantInDay(ix, target, offset);
      }
      break;
    }
    case 'working_hours':
    case 'working_minutes': {
      const amount = checkAmount(duration.value, duration);
      const ms = amount * (duration.unit === 'working_hours' ? MS_PER_HOUR : MS_PER_MINUTE);
      let base: number;
      if (checkCountFrom(duration.countFrom, duration) === 'next_working_day') {
        if (w + 1 >= ix.workingDayCount) outOfRange(receivedMs, calendar);
        clockStartMs = openingOf(ix, w + 1);
        base = ix.workCum[w + 1]!;
      } else {
        base = ix.workCum[w]! + offset;
      }
      dueMs = ms === 0 ? clockStartMs : earliestAt(ix, base + ms, calendar);
      break;
    }
    case 'calendar_days': {
      // Day-granular, like a civil-law time limit: the clock-start day is day 0 and the limit ends at
      // the close of day N, or at the close of the next working day when day N is not a working day.
      // Counting "from the day after receipt" names the same day N, so countFrom is only validated.
      const n = checkAmount(duration.value, duration);
      checkCountFrom(duration.countFrom, duration);
      dueMs = closeOfDayOrNextWorking(ix, ix.workDay[w]! + n, receivedMs, calendar);
      break;
    }
    case 'same_day': {
      const cutoff = cutoffMs(duration.cutoff, duration);
      const receivedDay = dayIndexOfMs(ix, receivedMs, calendar);
      const clockDay = ix.workDay[w]!;
      const afterCutoff = clockDay === receivedDay && receivedMs - dayStart(ix, receivedDay) > cutoff;
      const target = afterCutoff ? w + 1 : w;
      if (target >= ix.workingDayCount) outOfRange(receivedMs, calendar);
      dueMs = closeOf(ix, target);
      if (afterCutoff) clockStartMs = openingOf(ix, target);
      break;
    }
    default:
      throw calendarError(CalendarErrorCode.INVALID_DURATION, {
        duration,
        problem: "unit must be 'working_days', 'working_hours', 'working_minutes', 'calendar_days' or 'same_day'",
      });
  }
  return new DeadlineResult(new Date(dueMs), calendar, receivedMs, clockStartMs);
}

/** Close of day index i if it is a working day, else the close of the next working day. */
function closeOfDayOrNextWorking(ix: CalendarIndex, i: number, ms: number, cal: WorkingCalendar): number {
  if (i >= ix.dayCount) outOfRange(ms, cal);
  const w = ix.profileOfDay[i] !== 0 ? ix.ordBefore[i]! : ix.ordBefore[i + 1]!;
  if (w >= ix.workingDayCount) outOfRange(ms, cal);
  return closeOf(ix, w);
}

/** The instant at which the processing clock starts for a receipt at `instant` (see module comment). */
export function startOfClock(instant: Date, calendar: WorkingCalendar): Date {
  locate(calendar.index, instantMs(instant), calendar);
  return new Date(locMs);
}

/** True when the agency works on that day (Viet Nam civil day of a Date, or an ISO date). */
export function isWorkingDay(date: Date | IsoDate, calendar: WorkingCalendar): boolean {
  return calendar.isWorkingDay(date);
}

/** True when `instant` lies inside working hours (opening inclusive, closing exclusive). */
export function isWorkingInstant(instant: Date, calendar: WorkingCalendar): boolean {
  const ms = instantMs(instant);
  locate(calendar.index, ms, calendar);
  return locMs === ms;
}

/** True when `instant` is exactly the end of a working interval (11:30, 17:00 by default). */
export function isClosingTime(instant: Date, calendar: WorkingCalendar): boolean {
  const ms = instantMs(instant);
  const ix = calendar.index;
  const i = dayIndexOfMs(ix, ms, calendar);
  const p = ix.profileOfDay[i]!;
  const tod = ms - dayStart(ix, i);
  for (let j = 0; j < ix.pCount[p]!; j += 1) if (ix.pEnd[p * ix.stride + j] === tod) return true;
  return false;
}

/** Opening of the first working day strictly after the Viet Nam civil day of `date`. */
export function nextWorkingDay(date: Date | IsoDate, calendar: WorkingCalendar): Date {
  const ix = calendar.index;
  const i = calendar.dayIndexOf(date);
  const w = ix.ordBefore[i + 1]!;
  if (w >= ix.workingDayCount) outOfRange(Number.NaN, calendar);
  return new Date(openingOf(ix, w));
}

/**
 * Working minutes between two instants: T(b) − T(a) on the working timeline (negative when b < a).
 * Fractional when an input is not on a whole minute.
 */
export function workingTimeBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  const ix = calendar.index;
  return (positionOf(ix, instantMs(b), calendar) - positionOf(ix, instantMs(a), calendar)) / MS_PER_MINUTE;
}

/** Working minutes → working hours. */
export const workingMinutesToHours = (minutes: number): number => minutes / 60;

/** Working minutes → working days of the calendar's standard day (480 min by default). */
export const workingMinutesToDays = (minutes: number, calendar: WorkingCalendar): number =>
  minutes / calendar.standardDayMinutes;

// ---------------------------------------------------------------------------------------------
// Stopped clocks (supplement request, fee payment, stop): status 5, 6, 8 [domain.md §4.1(7)]

export interface ClockState {
  readonly due: Date;
  /** Set while the clock is stopped. */
  readonly pausedAt: Date | null;
  /** Working minutes spent paused so far (the 766 index subtracts this "supplement time"). */
  readonly pausedWorkingMinutes: number;
}

/** A running clock for a receipt and a time limit. */
export function startClock(start: Date, duration: Duration, calendar: WorkingCalendar): ClockState {
  return { due: addWorkingTime(start, duration, calendar).due, pausedAt: null, pausedWorkingMinutes: 0 };
}

/** Stops the clock at `at`. Throws CALENDAR_CLOCK_ALREADY_PAUSED when it is already stopped. */
export function pauseClock(state: ClockState, at: Date): ClockState {
  instantMs(at);
  instantMs(state.due);
  if (state.pausedAt !== null) throw calendarError(CalendarErrorCode.CLOCK_ALREADY_PAUSED, { pausedAt: state.pausedAt });
  return { due: state.due, pausedAt: new Date(at.getTime()), pausedWorkingMinutes: state.pausedWorkingMinutes };
}

/**
 * Restarts the clock at `at`: the due date moves forward by the working time that elapsed while paused
 * (due' = earliest instant at T(due) + (T(at) − T(pausedAt))). It never moves backwards.
 * Throws CALENDAR_CLOCK_NOT_PAUSED, or CALENDAR_INVALID_RANGE when `at` is before the pause.
 */
export function resumeClock(state: ClockState, at: Date, calendar: WorkingCalendar): ClockState {
  const atMs = instantMs(at);
  if (state.pausedAt === null) throw calendarError(CalendarErrorCode.CLOCK_NOT_PAUSED, {});
  const pausedMs = instantMs(state.pausedAt);
  if (atMs < pausedMs) {
    throw calendarError(CalendarErrorCode.INVALID_RANGE, { pausedAt: state.pausedAt.toISOString(), resumedAt: at.toISOString() });
  }
  const ix = calendar.index;
  const elapsed = positionOf(ix, atMs, calendar) - positionOf(ix, pausedMs, calendar);
  const dueMs = instantMs(state.due);
  const newDue = elapsed === 0 ? dueMs : earliestAt(ix, positionOf(ix, dueMs, calendar) + elapsed, calendar);
  return {
    due: new Date(newDue),
    pausedAt: null,
    pausedWorkingMinutes: state.pausedWorkingMinutes + elapsed / MS_PER_MINUTE,
  };
}
