/**
 * Deadline computations per second: the calendar module's indexed arithmetic next to a naive
 * day-by-day loop, on the same random receipts (2024–2026) and durations (1–60 working days).
 *
 *   npx tsx bench/calendar.bench.ts
 *
 * `run()` returns the figures for a bench runner.
 */
import { pathToFileURL } from 'node:url';
import {
  addWorkingTime,
  buildCalendar,
  OFFICIAL_SCHEDULES_2024_2026,
  vnTime,
  type WorkingCalendar,
} from '../src/modules/calendar/index.js';

export interface CalendarBenchResult {
  readonly name: 'calendar.deadlines';
  readonly indexedOpsPerSec: number;
  readonly naiveOpsPerSec: number;
  /** Same receipts, durations of 1–480 working hours (binary search on the working timeline). */
  readonly indexedHoursOpsPerSec: number;
  /** indexed / naive */
  readonly ratio: number;
  readonly targetOpsPerSec: number;
  readonly targetMet: boolean;
  readonly indexedOps: number;
  readonly naiveOps: number;
  /** Receipts checked for equal results between the two implementations. */
  readonly compared: number;
  readonly mismatches: number;
  readonly buildCalendarMs: number;
}

export interface CalendarBenchOptions {
  readonly indexedOps?: number;
  readonly naiveOps?: number;
  readonly seed?: number;
}

const TARGET = 1_000_000;
const OFFSET = 7 * 3_600_000;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** Small deterministic PRNG (xorshift32) so runs are comparable. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4_294_967_296;
  };
}

/**
 * The way deadlines are often computed: a list of days off and make-up days (as loaded from a table),
 * then a loop over calendar days. Same semantics as the module for working days on a calendar whose
 * working days all have the same hours (07:00–11:30, 13:30–17:00).
 */
export function makeNaiveDeadline(calendar: WorkingCalendar): (start: Date, workingDays: number) => Date {
  // Days off on weekdays and make-up weekend days, keyed by local day number (days since 1970-01-01).
  const daysOff = new Set<number>();
  const makeUpDays = new Set<number>();
  for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2028, 0, 1); d += DAY) {
    const iso = new Date(d).toISOString().slice(0, 10);
    const weekday = new Date(d).getUTCDay();
    const working = calendar.isWorkingDay(iso);
    if (!working && weekday !== 0 && weekday !== 6) daysOff.add(d / DAY);
    if (working && (weekday === 0 || weekday === 6)) makeUpDays.add(d / DAY);
  }
  const isWorking = (localMidnight: number): boolean => {
    const dayNumber = localMidnight / DAY;
    if (makeUpDays.has(dayNumber)) return true;
    const weekday = (dayNumber + 4) % 7; // 1970-01-01 was a Thursday
    return weekday !== 0 && weekday !== 6 && !daysOff.has(dayNumber);
  };
  const OPEN_AM = 7 * 60;
  const CLOSE_AM = 11 * 60 + 30;
  const OPEN_PM = 13 * 60 + 30;
  const CLOSE_PM = 17 * 60;
  return (start, workingDays) => {
    // Work on "local wall-clock as UTC" milliseconds.
    let local = start.getTime() + OFFSET;
    let day = Math.floor(local / DAY) * DAY;
    let minutes = (local - day) / MINUTE;
    // Start of the clock.
    if (!isWorking(day) || minutes >= CLOSE_PM) {
      do day += DAY;
      while (!isWorking(day));
      minutes = OPEN_AM;
    } else if (minutes < OPEN_AM) minutes = OPEN_AM;
    else if (minutes >= CLOSE_AM && minutes < OPEN_PM) minutes = OPEN_PM;
    // Count working days one calendar day at a time.
    let counted = 0;
    while (counted < workingDays) {
      day += DAY;
      if (isWorking(day)) counted += 1;
    }
    local = day + minutes * MINUTE;
    return new Date(local - OFFSET);
  };
}

function makeInputs(count: number, seed: number): { starts: Date[]; days: Int32Array } {
  const random = prng(seed);
  const from = vnTime(2024, 1, 1).getTime() / MINUTE;
  const to = vnTime(2026, 12, 31, 23, 59).getTime() / MINUTE;
  const starts: Date[] = new Array<Date>(count);
  const days = new Int32Array(count);
  for (let i = 0; i < count; i += 1) {
    starts[i] = new Date((from + Math.floor(random() * (to - from))) * MINUTE);
    days[i] = 1 + Math.floor(random() * 60);
  }
  return { starts, days };
}

function measure(ops: number, body: (i: number) => number): number {
  let sink = 0;
  const warm = Math.min(ops, 50_000);
  for (let i = 0; i < warm; i += 1) sink += body(i);
  const t0 = performance.now();
  for (let i = 0; i < ops; i += 1) sink += body(i);
  const elapsed = performance.now() - t0;
  if (sink === 42) console.log(''); // keep the results alive
  return (ops / elapsed) * 1000;
}

export function run(options: CalendarBenchOptions = {}): CalendarBenchResult {
  const indexedOps = options.indexedOps ?? 2_000_000;
  const naiveOps = options.naiveOps ?? 200_000;
  const seed = options.seed ?? 20_260_213;

  const t0 = performance.now();
  const calendar = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });
  const buildCalendarMs = performance.now() - t0;
  const naive = makeNaiveDeadline(calendar);

  const size = 1 << 16;
  const mask = size - 1;
  const { starts, days } = makeInputs(size, seed);
  const durations = Array.from({ length: 61 }, (_, n) => ({ unit: 'working_days' as const, value: n }));

  let mismatches = 0;
  const compared = 20_000;
  for (let i = 0; i < compared; i += 1) {
    const a = addWorkingTime(starts[i]!, durations[days[i]!]!, calendar).due.getTime();
    const b = naive(starts[i]!, days[i]!).getTime();
    if (a !== b) mismatches += 1;
  }

  const indexedOpsPerSec = measure(indexedOps, (i) => addWorkingTime(starts[i & mask]!, durations[days[i & mask]!]!, calendar).due.getTime());
  const naiveOpsPerSec = measure(naiveOps, (i) => naive(starts[i & mask]!, days[i & mask]!).getTime());
  const hours = Array.from({ length: 481 }, (_, n) => ({ unit: 'working_hours' as const, value: n }));
  const indexedHoursOpsPerSec = measure(indexedOps, (i) =>
    addWorkingTime(starts[i & mask]!, hours[(days[i & mask]! * 8) % 481]!, calendar).due.getTime(),
  );

  return {
    name: 'calendar.deadlines',
    indexedOpsPerSec: Math.round(indexedOpsPerSec),
    naiveOpsPerSec: Math.round(naiveOpsPerSec),
    indexedHoursOpsPerSec: Math.round(indexedHoursOpsPerSec),
    ratio: Math.round((indexedOpsPerSec / naiveOpsPerSec) * 10) / 10,
    targetOpsPerSec: TARGET,
    targetMet: indexedOpsPerSec >= TARGET,
    indexedOps,
    naiveOps,
    compared,
    mismatches,
    buildCalendarMs: Math.round(buildCalendarMs * 10) / 10,
  };
}

function main(): void {
  const r = run();
  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log('calendar: deadline computations (random receipts 2024–2026, 1–60 working days)');
  console.log(`  indexed (module)     ${fmt(r.indexedOpsPerSec).padStart(12)} ops/s  (${fmt(r.indexedOps)} ops)`);
  console.log(`  naive day-by-day     ${fmt(r.naiveOpsPerSec).padStart(12)} ops/s  (${fmt(r.naiveOps)} ops)`);
  console.log(`  ratio                ${String(r.ratio).padStart(12)} ×`);
  console.log(`  indexed, 8–480 working hours ${fmt(r.indexedHoursOpsPerSec).padStart(10)} ops/s`);
  console.log(`  target ${fmt(r.targetOpsPerSec)}/s   ${r.targetMet ? 'MET' : 'NOT MET'}`);
  console.log(`  results compared     ${fmt(r.compared)}, mismatches ${r.mismatches}`);
  console.log(`  buildCalendar        ${r.buildCalendarMs} ms (2021–2100)`);
  if (r.mismatches > 0 || !r.targetMet) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
