/**
 * Submission channels (cách thức thực hiện). The portal renders a table
 * "Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả" that the crawler flattened into one string:
 *
 *   "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcLệ phí…(note)description
 *    Trực tuyến5 Ngày làm việcMiễn phíDịch vụ bưu chính…"
 *
 * A row starts with a channel label glued to a time cell ("5 Ngày làm việc", a bare "5",
 * "Không có thông tin", "Không quy định", "Không") glued to a fee cell ("Miễn phí",
 * "Không có thông tin", "50,000 Việt Nam Đồng", "Lệ phí : 50.000 Đồng"). The fee cell may be followed by a note in
 * parentheses, then by free description text. Labels inside descriptions are followed by a space
 * ("Trực tiếp tại …"), which is how rows are told apart from prose.
 */
import { parseFees, type Fee, type FeeErrorReason } from './fees.js';
import { parseProcessingTime, type ProcessingTime, type ProcessingTimeResult } from './processing-time.js';
import { fail, ok, type ParseResult } from './result-types.js';
import { cleanText, matchParen } from './text.js';

export const Channel = {
  IN_PERSON: 'in_person',
  ONLINE: 'online',
  POSTAL: 'postal',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

const LABELS: ReadonlyArray<[string, Channel]> = [
  ['Trực tiếp', Channel.IN_PERSON],
  ['Trực tuyến', Channel.ONLINE],
  ['Dịch vụ bưu chính', Channel.POSTAL],
];

export interface ChannelEntry {
  channel: Channel;
  /** Parsed time limit, or the reason it could not be read. */
  time: ProcessingTimeResult;
  /**
   * Where `time` came from: the time cell, or the description when the cell was empty or unitless.
   * A cell time also takes `countFrom` from the description when the description restates it.
   */
  timeSource: 'column' | 'description';
  /** Fees from the fee cell, then any extra information from its note. */
  fees: Fee[];
  /** Set when the fee cell itself could not be read (placeholder or malformed). */
  feeError?: FeeErrorReason;
  /** The parenthesised note after the fee cell, without the outer parentheses. */
  feeNote?: string;
  description: string;
  /** The whole row as scraped. */
  raw: string;
  /** Non-fatal issues: ambiguous digits, implausible amounts, unbalanced notes. */
  problems: string[];
}

export interface ChannelsParse {
  entries: ChannelEntry[];
  /** Issues outside any row: missing header, text before the first row. */
  problems: string[];
}

export type ChannelsErrorReason = 'empty' | 'no_channel_found';
export type ChannelsResult = ParseResult<ChannelsParse, ChannelsErrorReason>;

const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

// Sticky patterns, matched at a given offset (see `at`) without slicing the text.
const TIME_WITH_UNIT = /(\d+(?:[.,]\d+)?)\s?(Ngày làm việc|Giờ làm việc|Ngày|Giờ|Tháng|Năm|Tuần)/uy;
const TIME_PLACEHOLDER = /Không có thông tin|Không quy định|Không ?/uy;
const FEE_WORD = /Miễn phí|Không có thông tin/uy;
/** A labelled amount written in the fee cell: "Lệ phí : 50.000 Đồng", "Phí: 2.000 đồng/trang". */
const FEE_PHRASE =
  /(?:Phí, lệ phí|Lệ phí|Phí|Mức phí|Mức thu)\s*:?\s*\d[\d.,]*\s?(?:Việt Nam Đồng|VNĐ|VND|USD|Đồng|đồng|đ)(?:\s?\/\s?[\p{Ll}\d]+(?: [\p{Ll}\d]+){0,2})?/uy;
// No look-ahead after the currency: the next row's label is glued to it ("…Việt Nam ĐồngDịch vụ…").
const FEE_AMOUNT = /(\d[\d.,]*)\s?(?:Việt Nam Đồng|VNĐ|VND|USD|Đồng|đồng)/uy;
const DIGITS = /\d[\d.,]*/uy;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

interface Head {
  start: number;
  end: number;
  channel: Channel;
  timeCell: string;
  feeCell: string;
  problems: string[];
}

/** A fee amount as the portal writes it: no leading zero, optional comma/dot grouping of three. */
function isWellFormedAmount(digits: string): boolean {
  return /^(?:0|[1-9]\d*|[1-9]\d{0,2}(?:[.,]\d{3})+)$/.test(digits);
}

function feeAt(text: string, pos: number): string | null {
  const word = at(FEE_WORD, text, pos) ?? at(FEE_PHRASE, text, pos);
  if (word) return word[0];
  const amount = at(FEE_AMOUNT, text, pos);
  if (amount?.[1] !== undefined && isWellFormedAmount(amount[1])) return amount[0];
  return null;
}

/** Try to read "time cell + fee cell" right after a channel label. */
function headAt(text: string, labelStart: number, labelEnd: number, channel: Channel): Head | null {
  const problems: string[] = [];
  const make = (timeCell: string, feeCell: string): Head => ({
    start: labelStart,
    end: labelEnd + timeCell.length + feeCell.length,
    channel,
    timeCell: timeCell.trim(),
    feeCell,
    problems,
  });

  const withUnit = at(TIME_WITH_UNIT, text, labelEnd);
  if (withUnit) {
    const fee = feeAt(text, labelEnd + withUnit[0].length);
    if (fee !== null) return make(withUnit[0], fee);
  }
  const placeholder = at(TIME_PLACEHOLDER, text, labelEnd);
  if (placeholder) {
    // "Không có thông tin" may be the time cell or, after a bare "Không", the fee cell.
    for (const cell of [placeholder[0], 'Không ', 'Không']) {
      if (!text.startsWith(cell, labelEnd)) continue;
      const fee = feeAt(text, labelEnd + cell.length);
      if (fee !== null) return make(cell, fee);
    }
  }
  // A bare number: either "5Miễn phí" or digits run together with an amount ("1100 VNĐ" = 1 + 100 VNĐ).
  const digits = at(DIGITS, text, labelEnd)?.[0] ?? '';
  const valid: Array<{ time: string; fee: string }> = [];
  // A time cell has at most four digits; longer runs are not split (and keep this loop short).
  for (let k = 1; k <= Math.min(digits.length, 4); k++) {
    const time = digits.slice(0, k);
    if (!/^[1-9]\d*$/.test(time)) continue;
    const fee = feeAt(text, labelEnd + k);
    if (fee !== null) valid.push({ time, fee });
  }
  const first = valid[0];
  if (first === undefined) return null;
  if (valid.length > 1) {
    problems.push(`time and fee digits run together ("${digits}"): read as time ${first.time} and fee "${first.fee}"`);
  }
  return make(first.time, first.fee);
}

/** "(Miễn lệ phí …)" inside the note's own parentheses: drop redundant wrapping. */
function unwrapParens(note: string): string {
  let t = note;
  while (t.startsWith('(') && matchParen(t, 0) === t.length) t = t.slice(1, -1).trim();
  return t;
}

function findHeads(text: string): Head[] {
  const heads: Head[] = [];
  const label = /Trực tiếp|Trực tuyến|Dịch vụ bưu chính/gu;
  for (const m of text.matchAll(label)) {
    const channel = LABELS.find(([l]) => l === m[0])?.[1];
    if (channel === undefined) continue;
    const head = headAt(text, m.index, m.index + m[0].length, channel);
    if (head !== null && (heads.length === 0 || head.start >= (heads[heads.length - 1] as Head).end)) heads.push(head);
  }
  return heads;
}

/** When the description restates the cell's duration, take the start of the clock from it. */
function withCountFrom(column: ProcessingTime, fromText: ProcessingTimeResult | null): ProcessingTime {
  if (fromText === null || !fromText.ok) return column;
  const same = [fromText.value, ...(fromText.value.alternatives ?? [])].find(
    (t) => t.unit === column.unit && t.value === column.value && t.countFrom !== undefined,
  );
  return same?.countFrom === undefined ? column : { ...column, countFrom: same.countFrom };
}

function resolveTime(timeCell: string, description: string) {
  const column = parseProcessingTime(timeCell);
  const fromText = description === '' ? null : parseProcessingTime(description);
  if (column.ok && !column.value.unitAssumed) {
    return { time: { ok: true as const, value: withCountFrom(column.value, fromText) }, source: 'column' as const };
  }
  if (column.ok) {
    // A unitless number: borrow the unit when the description states the same number with one.
    const stated = fromText?.ok
      ? [fromText.value, ...(fromText.value.alternatives ?? [])].find(
          (t) => t.value === column.value.value && !t.unitAssumed,
        )
      : undefined;
    if (stated !== undefined) {
      const value: ProcessingTime = { unit: stated.unit, value: column.value.value, raw: timeCell };
      if (stated.countFrom !== undefined) value.countFrom = stated.countFrom;
      return { time: { ok: true as const, value }, source: 'description' as const };
    }
    return { time: column, source: 'column' as const };
  }
  if (fromText?.ok) return { time: fromText, source: 'description' as const };
  return { time: column, source: 'column' as const };
}

function feesFor(head: Head, note: string | undefined, problems: string[]) {
  const column = parseFees(head.feeCell);
  const fees: Fee[] = [];
  let feeError: FeeErrorReason | undefined;
  if (column.ok) {
    for (const fee of column.value) fees.push(fee);
  } else {
    feeError = column.reason;
  }
  for (const fee of fees) {
    if (fee.kind === 'amount' && fee.amountVnd < 1000) {
      problems.push(`implausibly small fee ${fee.amountVnd} VND in the fee cell`);
    }
  }
  if (note === undefined || note.trim() === '') return { fees, feeError };

  const trimmed = note.trim();
  // "(/văn bản)": the unit the cell amount is charged per.
  const perOnly = /^\/\s*([^()]+)$/u.exec(trimmed);
  const cellAmount = fees.find((f) => f.kind === 'amount');
  if (perOnly?.[1] !== undefined) {
    if (cellAmount?.kind === 'amount' && cellAmount.per === undefined) cellAmount.per = perOnly[1].trim();
    return { fees, feeError };
  }
  const fromNote = parseFees(trimmed);
  if (!fromNote.ok) {
    if (fromNote.reason !== 'not_provided') problems.push(`fee note not understood: ${fromNote.reason}`);
    return { fees, feeError };
  }
  for (const fee of fromNote.value) {
    if (fee.kind === 'free' && fees.some((f) => f.kind === 'free')) continue;
    if (fee.kind === 'amount') {
      const same = fees.find((f) => f.kind === 'amount' && f.amountVnd === fee.amountVnd);
      if (same?.kind === 'amount') {
        if (same.per === undefined && fee.per !== undefined) same.per = fee.per;
        if (/^[\d.,\s]+(?:việt nam đồng|vnđ|vnd|đồng)$/iu.test(same.label)) same.label = fee.label;
        continue;
      }
    }
    fees.push(fee);
  }
  return { fees, feeError };
}

/**
 * Split a `cach_thuc_thuc_hien` cell into per-channel rows. Never throws.
 *
 * @example
 * parseChannels('Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí')
 * // { ok: true, value: { entries: [{ channel: 'in_person', time: { ok: true, value: { unit: 'working_days', value: 5, … } }, fees: [{ kind: 'free' }], … }], problems: [] } }
 */
export function parseChannels(input: string): ChannelsResult {
  const raw = typeof input === 'string' ? input : '';
  const text = cleanText(raw);
  if (text === '') return fail(raw, 'empty');

  const problems: string[] = [];
  let body = text;
  if (body.startsWith(HEADER)) body = body.slice(HEADER.length);
  else problems.push('table header "Hình thức nộp…Mô tả" not found');

  const heads = findHeads(body);
  if (heads.length === 0) return fail(raw, 'no_channel_found');
  const prefix = body.slice(0, (heads[0] as Head).start).trim();
  if (prefix !== '') problems.push(`text before the first channel row: "${prefix.slice(0, 80)}"`);

  const entries = heads.map((head, i): ChannelEntry => {
    const rowEnd = heads[i + 1]?.start ?? body.length;
    const rowProblems = [...head.problems];
    let cursor = head.end;
    let note: string | undefined;
    // An enumerator such as "(1)" or "(a)" starts the description, not a fee note.
    if (body[cursor] === '(' && !/^\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)/iu.test(body.slice(cursor, cursor + 6))) {
      const close = matchParen(body, cursor);
      const end = close === -1 || close > rowEnd ? rowEnd : close;
      if (close === -1 || close > rowEnd) rowProblems.push('fee note has no closing parenthesis');
      note = unwrapParens(body.slice(cursor + 1, close === end ? end - 1 : end).trim());
      cursor = end;
    }
    const description = body
      .slice(cursor, rowEnd)
      .trim()
      .replace(/^[-–+*]\s*/u, '')
      .trim();
    const { time, source } = resolveTime(head.timeCell, description);
    const { fees, feeError } = feesFor(head, note, rowProblems);
    const entry: ChannelEntry = {
      channel: head.channel,
      time,
      timeSource: source,
      fees,
      description,
      raw: body.slice(head.start, rowEnd).trim(),
      problems: rowProblems,
    };
    if (feeError !== undefined) entry.feeError = feeError;
    if (note !== undefined) entry.feeNote = note;
    return entry;
  });
  return ok({ entries, problems });
}
