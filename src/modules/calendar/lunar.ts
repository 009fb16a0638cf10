/**
 * Vietnamese lunisolar calendar (âm lịch), after the astronomical method published by Hồ Ngọc Đức
 * ("Âm lịch Việt Nam", "Thuật toán tính âm lịch"), itself built on the low-precision new-moon and
 * solar-longitude series of Jean Meeus ("Astronomical Algorithms").
 *
 * Rules of the calendar, as stated in that description:
 *  1. A lunar month starts on the local civil day (UTC+7 in Viet Nam since 1968) that contains a new moon.
 *  2. Month 11 is the month that contains the December (winter) solstice.
 *  3. If there are 13 new moons from one month 11 to the next (exclusive), the year between them has a
 *     leap month: the first month after month 11 that contains no major solar term (trung khí, the sun
 *     crossing a multiple of 30° of longitude). It repeats the number of the month before it.
 *
 * Everything here is pure arithmetic on Julian Day Numbers; no Date object and no time zone of the host
 * is involved. Accuracy is that of the published method (valid roughly 1800–2199; the public API
 * accepts 1800–2199 only).
 */
import { calendarError, CalendarErrorCode } from './errors.js';
import { isValidCivilDate, type CivilDate } from './civil-date.js';

export interface LunarDate {
  /** Day of the lunar month, 1–30. */
  readonly day: number;
  /** Lunar month number, 1–12 (a leap month carries the number of the month it repeats). */
  readonly month: number;
  /** Lunar year, named by the Gregorian year in which its month 1 starts. */
  readonly year: number;
  /** True when the date lies in the leap month (tháng nhuận). */
  readonly leapMonth: boolean;
}

/** Hours east of Greenwich used for the civil day boundary. Viet Nam: UTC+7. */
const TIME_ZONE_HOURS = 7;
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

const DEG = Math.PI / 180;
/** Mean length of a synodic month, in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian day (UT) of the mean new moon taken as lunation 0 (early January 1900). */
const LUNATION_ZERO_JD = 2415021.076998695;

// ---------------------------------------------------------------------------------------------
// Julian Day Numbers

/**
 * Julian Day Number of a civil date: Gregorian from 15 October 1582, Julian calendar before
 * (the conventional switch, as in the published method).
 */
export function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const base = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4);
  const gregorian = base - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  return gregorian >= 2299161 ? gregorian : base - 32083;
}

/** Civil date of a Julian Day Number (inverse of `julianDayNumber`). */
export function civilOfJulianDayNumber(jdn: number): CivilDate {
  let b: number;
  let c: number;
  if (jdn > 2299160) {
    const a = jdn + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((146097 * b) / 4);
  } else {
    b = 0;
    c = jdn + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

// ---------------------------------------------------------------------------------------------
// Astronomy

/**
 * Julian day (with fraction, UT) of the k-th new moon after LUNATION_ZERO_JD.
 * Mean phase plus the main periodic corrections (sun anomaly M, moon anomaly M', argument of
 * latitude F) and a ΔT correction.
 */
function newMoonJulianDay(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900.0
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  const m = sunAnomaly;
  const mp = moonAnomaly;
  const f = latitude;
  // [coefficient, argument] pairs of the periodic terms.
  const terms: ReadonlyArray<readonly [number, number]> = [
    [0.1734 - 0.000393 * t, m],
    [0.0021, 2 * m],
    [-0.4068, mp],
    [0.0161, 2 * mp],
    [-0.0004, 3 * mp],
    [0.0104, 2 * f],
    [-0.0051, m + mp],
    [-0.0074, m - mp],
    [0.0004, 2 * f + m],
    [-0.0004, 2 * f - m],
    [-0.0006, 2 * f + mp],
    [0.001, 2 * f - mp],
    [0.0005, 2 * mp + m],
  ];
  let correction = 0;
  for (const [coefficient, argument] of terms) correction += coefficient * Math.sin(argument);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** Apparent longitude of the sun, radians in [0, 2π), at Julian day `jd` (UT, with fraction). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + centre) * DEG;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Local civil day (JDN) on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJulianDay(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Which 30° sector (0–11) the sun is in at local midnight starting civil day `jdn`. */
function sunSector(jdn: number): number {
  return Math.floor(sunLongitude(jdn - 0.5 - TIME_ZONE_HOURS / 24) / (Math.PI / 6));
}

/** Index k of the lunation whose new-moon day is `jdn` (or nearest to it). */
function lunationIndex(jdn: number): number {
  return Math.round((jdn - LUNATION_ZERO_JD) / SYNODIC_MONTH);
}

/** JDN of the first day of month 11: the lunar month containing the winter solstice of Gregorian `year`. */
function month11Start(year: number): number {
  const k = Math.floor((julianDayNumber(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const candidate = newMoonDay(k);
  // Sector 9 starts at 270°, the solstice: a month already past it is month 12, so take the previous one.
  return sunSector(candidate) >= 9 ? newMoonDay(k - 1) : candidate;
}

/**
 * In a 13-month span starting at month 11 (`start`), the offset (1–12) of the leap month: the first month
 * whose start and end lie in the same solar-longitude sector, i.e. that contains no major solar term.
 */
function leapMonthOffset(start: number): number {
  const k = lunationIndex(start);
  let sector = sunSector(newMoonDay(k + 1));
  for (let offset = 1; offset <= 12; offset += 1) {
    const next = sunSector(newMoonDay(k + offset + 1));
    if (next === sector) return offset;
    sector = next;
  }
  return 13; // not reached for real spans; keeps the function total
}

/** Month number (1–12) of the month at `index` months after month 11, counting without leap months. */
const monthNumberAt = (index: number): number => ((10 + index) % 12) + 1;

interface YearSpan {
  /** First day of month 11 (the span's start). */
  readonly start: number;
  /** First day of the next month 11. */
  readonly end: number;
  /** Offset of the leap month from `start`, or 0 when the span has 12 months. */
  readonly leapOffset: number;
  /** Gregorian year of `start` (the year of the winter solstice). */
  readonly solsticeYear: number;
}

/** Memo of year spans: pure and deterministic, at most one entry per supported year (~400). */
const spans = new Map<number, YearSpan>();

function yearSpan(solsticeYear: number): YearSpan {
  let span = spans.get(solsticeYear);
  if (span === undefined) {
    const start = month11Start(solsticeYear);
    const end = month11Start(solsticeYear + 1);
    span = { start, end, leapOffset: end - start > 365 ? leapMonthOffset(start) : 0, solsticeYear };
    spans.set(solsticeYear, span);
  }
  return span;
}

function checkYear(year: number, value: unknown, min = MIN_YEAR): void {
  if (!Number.isInteger(year) || year < min || year > MAX_YEAR) {
    throw calendarError(CalendarErrorCode.OUT_OF_RANGE, { value, supported: `${MIN_YEAR}-${MAX_YEAR}` });
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Lunar date of a Gregorian civil date (as observed in Viet Nam, UTC+7).
 * @example solarToLunar(2026, 2, 17) // { day: 1, month: 1, year: 2026, leapMonth: false } — Tết Bính Ngọ
 */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  if (!isValidCivilDate(year, month, day)) throw calendarError(CalendarErrorCode.INVALID_DATE, { year, month, day });
  checkYear(year, { year, month, day });
  const jdn = julianDayNumber(year, month, day);

  // First day of the lunar month containing jdn: the last new-moon day <= jdn. The estimate from the
  // mean lunation can be one lunation late when the true new moon falls after the mean one, so step
  // back until the new-moon day is not after jdn.
  let k = Math.floor((jdn - LUNATION_ZERO_JD) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k);
  while (monthStart > jdn) {
    k -= 1;
    monthStart = newMoonDay(k);
  }

  // The month-11-to-month-11 span that contains that month.
  const span = yearSpan(year).start <= monthStart ? yearSpan(year) : yearSpan(year - 1);

  const offset = Math.round((monthStart - span.start) / SYNODIC_MONTH);
  let index = offset;
  let leapMonth = false;
  if (span.leapOffset > 0 && offset >= span.leapOffset) {
    index = offset - 1;
    leapMonth = offset === span.leapOffset;
  }
  // Months 11 and 12 (index 0, 1) belong to the lunar year named after the solstice year;
  // months 1–10 to the next one.
  const lunarYear = index <= 1 ? span.solsticeYear : span.solsticeYear + 1;
  return { day: jdn - monthStart + 1, month: monthNumberAt(index), year: lunarYear, leapMonth };
}

/**
 * Gregorian civil date of a lunar date. Throws CALENDAR_INVALID_LUNAR_DATE when the date does not exist
 * (a leap month that the year does not have, or day 30 of a 29-day month).
 * @example lunarToSolar(10, 3, 2026, false) // { year: 2026, month: 4, day: 26 } — Giỗ Tổ Hùng Vương
 */
export function lunarToSolar(day: number, month: number, year: number, leapMonth = false): CivilDate {
  const value = { day, month, year, leapMonth };
  if (!Number.isInteger(day) || !Number.isInteger(month) || day < 1 || day > 30 || month < 1 || month > 12) {
    throw calendarError(CalendarErrorCode.INVALID_LUNAR_DATE, value);
  }
  if (typeof leapMonth !== 'boolean') throw calendarError(CalendarErrorCode.INVALID_LUNAR_DATE, value);
  // Lunar year 1799 is accepted: its last months fall in January 1800.
  checkYear(year, value, MIN_YEAR - 1);

  const span = month >= 11 ? yearSpan(year) : yearSpan(year - 1);
  const index = (month + 1) % 12; // months after month 11, without leap months: 11→0, 12→1, 1→2 … 10→11
  let offset = index;
  if (span.leapOffset > 0) {
    const leapNumber = monthNumberAt(span.leapOffset - 1);
    if (leapMonth && month !== leapNumber) throw calendarError(CalendarErrorCode.INVALID_LUNAR_DATE, value);
    if (leapMonth || index >= span.leapOffset) offset = index + 1;
  } else if (leapMonth) {
    throw calendarError(CalendarErrorCode.INVALID_LUNAR_DATE, value);
  }
  const k = lunationIndex(span.start) + offset;
  const monthStart = newMoonDay(k);
  const length = newMoonDay(k + 1) - monthStart;
  if (day > length) throw calendarError(CalendarErrorCode.INVALID_LUNAR_DATE, { ...value, monthLength: length });
  return civilOfJulianDayNumber(monthStart + day - 1);
}

/**
 * The leap month of lunar `year` (1–12), or null when the year has none.
 * @example lunarLeapMonth(2025) // 6
 */
export function lunarLeapMonth(year: number): number | null {
  checkYear(year, { year });
  // Leap months 1–10 of `year` lie in the span that starts at month 11 of year-1; a leap 11 or 12
  // (offsets 1, 2) in the span starting at month 11 of `year`.
  const before = yearSpan(year - 1);
  if (before.leapOffset >= 3) return monthNumberAt(before.leapOffset - 1);
  const after = yearSpan(year);
  if (after.leapOffset === 1 || after.leapOffset === 2) return monthNumberAt(after.leapOffset - 1);
  return null;
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(month: number, year: number, leapMonth = false): number {
  const first = lunarToSolar(1, month, year, leapMonth);
  const start = julianDayNumber(first.year, first.month, first.day);
  const k = lunationIndex(start);
  return newMoonDay(k + 1) - start;
}

const CAN = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const CHI = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/**
 * Sexagenary (can chi) name of a lunar year, e.g. 2026 → 'Bính Ngọ'.
 */
export function lunarYearName(year: number): string {
  const can = CAN[(((year + 6) % 10) + 10) % 10];
  const chi = CHI[(((year + 8) % 12) + 12) % 12];
  return `${can} ${chi}`;
}
