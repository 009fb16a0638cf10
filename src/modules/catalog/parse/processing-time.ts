/**
 * Processing time limits (thời hạn giải quyết) as published on the national portal.
 *
 * Two kinds of input are accepted:
 *  - the portal's time column, e.g. "5 Ngày làm việc", "30 Ngày", "3 Giờ", "12 Tháng", a bare "5"
 *    (the unit is sometimes missing) or "Không có thông tin";
 *  - free text from descriptions and steps, e.g. "trong thời hạn 02 ngày làm việc, kể từ ngày nhận đủ
 *    hồ sơ" or "ngay trong ngày; trường hợp nhận hồ sơ sau 15 giờ … trả kết quả trong ngày làm việc tiếp theo".
 */
import { fail, ok, type ParseResult } from './result-types.js';
import { cleanInline } from './text.js';

export const TimeUnit = {
  WORKING_DAYS: 'working_days',
  WORKING_HOURS: 'working_hours',
  CALENDAR_DAYS: 'calendar_days',
  SAME_DAY: 'same_day',
  MONTHS: 'months',
} as const;
export type TimeUnit = (typeof TimeUnit)[keyof typeof TimeUnit];

export interface ProcessingTime {
  unit: TimeUnit;
  /** Amount of `unit`; absent for same_day. */
  value?: number;
  /** Same-day procedures: dossiers received after this local time ("HH:MM") roll over. */
  cutoff?: string;
  /** What happens to a same-day dossier received after the cutoff (domain.md §4.1 rule 4). */
  afterCutoff?: 'next_working_day';
  /** When the clock starts, when the text says so ("kể từ ngày nhận đủ hồ sơ"). */
  countFrom?: 'receipt' | 'next_working_day';
  /** The unit was not published and working days were assumed (bare "5" in the time column). */
  unitAssumed?: boolean;
  /** Other, different durations mentioned in the same text (special cases, extensions). */
  alternatives?: ProcessingTime[];
  raw: string;
}

export type TimeErrorReason =
  /** Empty input. */
  | 'empty'
  /** The portal placeholder "Không có thông tin". */
  | 'not_provided'
  /** "Không", "Không quy định": the time limit is explicitly not set. */
  | 'not_specified'
  /** Text without any recognisable duration. */
  | 'no_duration_found'
  /** A duration that cannot be a time limit (zero, negative, absurdly long). */
  | 'invalid_value';

export type ProcessingTimeResult = ParseResult<ProcessingTime, TimeErrorReason>;

/** Upper bounds per unit, to reject years, article numbers and other numbers misread as durations. */
const MAX_VALUE: Readonly<Record<Exclude<TimeUnit, 'same_day'>, number>> = {
  working_days: 730,
  calendar_days: 1095,
  working_hours: 240,
  months: 120,
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  một: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9, mười: 10, mốt: 1,
};

/**
 * Parse a small Vietnamese number written in words ("ba", "mười lăm", "hai mươi", "bốn mươi lăm").
 * Returns null when the phrase is not a number.
 */
export function parseNumberWords(phrase: string): number | null {
  const words = phrase.trim().toLowerCase().split(/\s+/);
  if (words.length === 0 || words.length > 3) return null;
  const [a, b, c] = words;
  const unit = (w: string | undefined) => (w === undefined ? undefined : NUMBER_WORDS[w]);
  if (words.length === 1) {
    const v = unit(a);
    return v === undefined || a === 'lăm' || a === 'mốt' || a === 'tư' ? null : v;
  }
  if (a === 'mười') {
    const v = unit(b);
    return words.length === 2 && v !== undefined && v < 10 && b !== 'mốt' ? 10 + v : null;
  }
  const tens = unit(a);
  if (tens === undefined || tens < 2 || tens > 9 || (b !== 'mươi' && b !== 'chục')) return null;
  if (c === undefined) return tens * 10;
  const ones = unit(c);
  return ones === undefined || ones >= 10 ? null : tens * 10 + ones;
}

interface UnitSpec {
  unit: Exclude<TimeUnit, 'same_day'>;
  factor: number;
}

function unitFromWord(word: string): UnitSpec | null {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === 'ngày làm việc') return { unit: 'working_days', factor: 1 };
  if (w === 'ngày') return { unit: 'calendar_days', factor: 1 };
  if (w === 'giờ làm việc' || w === 'giờ') return { unit: 'working_hours', factor: 1 };
  if (w === 'tháng') return { unit: 'months', factor: 1 };
  if (w === 'năm') return { unit: 'months', factor: 12 };
  if (w === 'tuần') return { unit: 'calendar_days', factor: 7 };
  return null;
}

const UNIT_WORDS = '(ngày\\s+làm\\s+việc|giờ\\s+làm\\s+việc|ngày|giờ|tháng|tuần|năm)';
const NUMBER_WORD_RE = '(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)(?:\\s+(?:mươi|chục))?(?:\\s+(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín))?';

/** "05 ngày làm việc", "3,5 ngày", "mười lăm ngày", "10 - 15 ngày" (upper bound of a range). */
const DURATION_RE = new RegExp(
  `(?<![\\p{L}\\p{N}/.,])(?:(\\d+(?:[.,]\\d+)?)\\s*(?:-|–|đến|tới)\\s*)?(\\d+(?:[.,]\\d+)?|${NUMBER_WORD_RE})\\s*${UNIT_WORDS}(?![\\p{L}\\p{N}])`,
  'giu',
);

/** "trong ngày", "ngay trong ngày", "trong ngày làm việc" — but not "trong ngày làm việc tiếp theo". */
const SAME_DAY_RE =
  /(?<![\p{L}])(?:ngay\s+)?trong\s+(?:cùng\s+|một\s+)?ngày(?!\s+làm\s+việc\s+(?:tiếp\s+theo|kế\s+tiếp|liền\s+kề))(?!\s*\d)(?:\s+làm\s+việc)?(?![\p{L}])/iu;

/** "ngay" (immediately, not "ngày"): "đổi ngay", "giải quyết ngay", "trả kết quả ngay". */
const IMMEDIATE_RE = /(?<![\p{L}])(?:ngay|tức\s+thì|ngay\s+lập\s+tức)(?![\p{L}])/iu;

/**
 * Cut-off for same-day handling: "sau 15 giờ", "sau 15h00", "sau 15 giờ 30 phút", "trước 15:00".
 * "sau 8 giờ làm việc" is a duration, not a clock time.
 */
const CUTOFF_RE = /(?:sau|trước|từ\s+sau)\s+(\d{1,2})\s*(?:giờ|h(?!\p{L})|:)(?!\s*làm\s+việc)\s*(\d{1,2})?/iu;

const NEXT_DAY_RE = /(ngày\s+làm\s+việc\s+(?:tiếp\s+theo|kế\s+tiếp|liền\s+kề)|ngày\s+hôm\s+sau)/iu;

/** "kể từ ngày làm việc tiếp theo": the clock starts on the next working day. */
const COUNT_FROM_NEXT_DAY_RE =
  /(?:kể|tính)\s+từ\s+(?:ngày\s+làm\s+việc\s+(?:tiếp\s+theo|kế\s+tiếp|liền\s+kề)|ngày\s+hôm\s+sau)/iu;

/** "kể từ ngày nhận đủ hồ sơ", "kể từ khi tiếp nhận", "tính từ thời điểm nhận được hồ sơ hợp lệ". */
const COUNT_FROM_RECEIPT_RE =
  /(?:(?:kể|tính)\s+)?từ\s+(?:ngày|khi|thời\s+điểm|lúc)\s+(?:\S+\s+){0,6}?(?:nhận|tiếp\s+nhận)(?![\p{L}])/iu;

/** Dates and time-of-day expressions, blanked out before looking for durations. */
const DATE_RES: RegExp[] = [
  /ngày\s+\d{1,2}\s*(?:\/|-|tháng)\s*\d{1,2}(?:\s*(?:\/|-|năm)\s*\d{2,4})?/giu,
  /\d{1,2}\/\d{1,2}\/\d{2,4}/gu,
  /tháng\s+\d{1,2}\s*(?:\/|năm)\s*\d{4}/giu,
  /(?:sau|trước|lúc|vào|từ\s+sau)\s+\d{1,2}\s*(?:giờ|h(?!\p{L})|:)(?!\s*làm\s+việc)\s*(?:\d{1,2}\s*(?:phút)?)?/giu,
  /(?:năm|giai\s+đoạn)\s+\d{4}/giu,
];

function blank(text: string, re: RegExp): string {
  return text.replace(re, (m) => ' '.repeat(m.length));
}

function toNumber(token: string): number | null {
  if (/^\d/.test(token)) {
    const n = Number(token.replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return parseNumberWords(token);
}

interface Found {
  index: number;
  end: number;
  time: Omit<ProcessingTime, 'raw'>;
}

function findDurations(text: string): { found: Found[]; invalid: boolean } {
  const found: Found[] = [];
  let invalid = false;
  for (const m of text.matchAll(DURATION_RE)) {
    const [whole, , numberToken, unitWord] = m;
    if (numberToken === undefined || unitWord === undefined) continue;
    const spec = unitFromWord(unitWord);
    const n = toNumber(numberToken);
    if (spec === null || n === null) continue;
    const value = n * spec.factor;
    if (!(value > 0) || value > MAX_VALUE[spec.unit]) {
      invalid = true;
      continue;
    }
    found.push({ index: m.index, end: m.index + whole.length, time: { unit: spec.unit, value } });
  }
  return { found, invalid };
}

/** The clause right after a duration, up to the next sentence break or the next duration. */
function clauseAfter(text: string, from: number, nextStart: number): string {
  const rest = text.slice(from, nextStart);
  const stop = rest.search(/[.;\n]|\s-\s|\s\+\s/);
  return stop === -1 ? rest : rest.slice(0, stop);
}

function countFromIn(clause: string): ProcessingTime['countFrom'] {
  if (COUNT_FROM_NEXT_DAY_RE.test(clause)) return 'next_working_day';
  if (COUNT_FROM_RECEIPT_RE.test(clause)) return 'receipt';
  return undefined;
}

function sameKey(t: Omit<ProcessingTime, 'raw'>): string {
  return `${t.unit}:${t.value ?? ''}`;
}

function cutoffOf(text: string): string | undefined {
  const m = CUTOFF_RE.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * Parse a processing time. Never throws.
 *
 * @example parseProcessingTime('5 Ngày làm việc') // { ok: true, value: { unit: 'working_days', value: 5, raw: '5 Ngày làm việc' } }
 * @example parseProcessingTime('Ngay trong ngày; nhận hồ sơ sau 15 giờ thì trả trong ngày làm việc tiếp theo')
 *          // { ok: true, value: { unit: 'same_day', cutoff: '15:00', afterCutoff: 'next_working_day', … } }
 */
export function parseProcessingTime(input: string): ProcessingTimeResult {
  const raw = typeof input === 'string' ? input.trim() : '';
  const text = cleanInline(raw);
  if (text === '') return fail(raw, 'empty');
  const lower = text.toLowerCase().replace(/[.\s]+$/, '');

  if (lower === 'không có thông tin') return fail(raw, 'not_provided');
  if (/^(?:không|không quy định|không có|chưa quy định)$/.test(lower)) return fail(raw, 'not_specified');

  // The portal's time column without a unit ("Trực tuyến5Miễn phí"): working days are the usual unit.
  const bare = /^(-?\d+(?:[.,]\d+)?)$/.exec(lower);
  if (bare?.[1] !== undefined) {
    const n = Number(bare[1].replace(',', '.'));
    if (!(n > 0) || n > MAX_VALUE.working_days) return fail(raw, 'invalid_value', `bare number ${bare[1]}`);
    return ok({ unit: 'working_days', value: n, unitAssumed: true, raw });
  }
  // A minus glued to the number; "- 03 ngày" is a list bullet.
  if (/^[-−]\d/.test(lower)) return fail(raw, 'invalid_value', 'negative duration');

  // Drop spelled-out repeats ("05 (năm) ngày") and blank dates and clock times, keeping offsets stable.
  let scan = lower.replace(/(\d)\s*\((?:[\p{L}\s]+)\)/gu, (m, d: string) => d + ' '.repeat(m.length - 1));
  for (const re of DATE_RES) scan = blank(scan, re);

  const { found, invalid } = findDurations(scan);
  const sameDay = SAME_DAY_RE.exec(scan);

  const candidates: Found[] = [...found];
  if (sameDay) {
    const time: Omit<ProcessingTime, 'raw'> = { unit: 'same_day' };
    const cutoff = cutoffOf(lower);
    if (cutoff !== undefined) {
      time.cutoff = cutoff;
      if (NEXT_DAY_RE.test(lower)) time.afterCutoff = 'next_working_day';
    }
    candidates.push({ index: sameDay.index, end: sameDay.index + sameDay[0].length, time });
  }
  if (candidates.length === 0) {
    const immediate = IMMEDIATE_RE.exec(scan);
    if (immediate) candidates.push({ index: immediate.index, end: immediate.index + immediate[0].length, time: { unit: 'same_day' } });
  }
  if (candidates.length === 0) {
    return fail(raw, invalid ? 'invalid_value' : 'no_duration_found');
  }

  candidates.sort((a, b) => a.index - b.index);
  const withClock = candidates.map((c, i) => {
    const next = candidates[i + 1]?.index ?? scan.length;
    const countFrom = c.time.unit === 'same_day' ? undefined : countFromIn(clauseAfter(scan, c.end, next));
    return countFrom === undefined ? c.time : { ...c.time, countFrom };
  });
  const [primary, ...others] = withClock as [Omit<ProcessingTime, 'raw'>, ...Omit<ProcessingTime, 'raw'>[]];
  const seen = new Set([sameKey(primary)]);
  const alternatives: ProcessingTime[] = [];
  for (const o of others) {
    if (seen.has(sameKey(o))) continue;
    seen.add(sameKey(o));
    alternatives.push({ ...o, raw });
  }
  const value: ProcessingTime = { ...primary, raw };
  if (alternatives.length > 0) value.alternatives = alternatives;
  return ok(value);
}

/** Render a parsed time back to short Vietnamese, for display and for round-trip tests. */
export function formatProcessingTime(t: Pick<ProcessingTime, 'unit' | 'value' | 'cutoff'>): string {
  switch (t.unit) {
    case 'same_day':
      return t.cutoff === undefined
        ? 'Trong ngày'
        : `Trong ngày; sau ${t.cutoff.replace(':', ' giờ ')} phút trả trong ngày làm việc tiếp theo`;
    case 'working_days':
      return `${t.value ?? '?'} Ngày làm việc`;
    case 'calendar_days':
      return `${t.value ?? '?'} Ngày`;
    case 'working_hours':
      return `${t.value ?? '?'} Giờ`;
    case 'months':
      return `${t.value ?? '?'} Tháng`;
  }
}
