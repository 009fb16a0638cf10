/**
 * Fees and charges (phí, lệ phí) as published on the national portal.
 *
 * Number formats differ by source: the portal's fee column groups thousands with commas
 * ("50,000 Việt Nam Đồng"), legal text uses dots ("50.000 đồng", "2.000 đồng/trang") and a comma
 * as the decimal mark ("2,5 triệu đồng"). Amounts in a foreign currency are kept as rules with a
 * currency field, since they are charged at missions abroad and never converted here.
 */
import { fail, ok, type ParseResult } from './result-types.js';
import { cleanInline } from './text.js';

export type Fee =
  | { kind: 'free'; text?: string }
  | { kind: 'amount'; amountVnd: number; label: string; per?: string }
  | { kind: 'rule'; text: string; currency?: string; amount?: number; per?: string };

export type FeeErrorReason =
  | 'empty'
  /** The portal placeholder "Không có thông tin". */
  | 'not_provided'
  | 'negative_amount'
  /** Digits and separators that do not form a number ("5,00,0"). */
  | 'malformed_number'
  /** A fraction of a đồng, or more than a thousand billion đồng. */
  | 'implausible_amount'
  /** No amount, no "free" marker and no words to keep as a rule. */
  | 'unrecognised';

export type FeesResult = ParseResult<Fee[], FeeErrorReason>;

/** Largest fee we accept as real (1,000 billion VND); larger values are scraping accidents. */
export const MAX_FEE_VND = 1_000_000_000_000;

/**
 * Parse a number written with Vietnamese or English grouping. Returns null when ambiguous or malformed.
 *
 * @example parseVndNumber('50.000') // 50000
 * @example parseVndNumber('4,000,000') // 4000000
 * @example parseVndNumber('2,5') // 2.5
 */
export function parseVndNumber(token: string): number | null {
  const t = token.replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}(?:\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  if (/^\d{1,3}(?:,\d{3})+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d+[.,]\d{1,2}$/.test(t)) return Number(t.replace(',', '.'));
  return null;
}

/**
 * Format a non-negative integer the Vietnamese way: dot-grouped thousands.
 *
 * @example formatVndNumber(2000000) // '2.000.000'
 */
export function formatVndNumber(amount: number): string {
  const digits = String(Math.trunc(Math.abs(amount)));
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** @example formatVnd(50000) // '50.000 đồng' */
export function formatVnd(amount: number): string {
  return `${formatVndNumber(amount)} đồng`;
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  nghìn: 1_000,
  ngàn: 1_000,
  triệu: 1_000_000,
  tỷ: 1_000_000_000,
  tỉ: 1_000_000_000,
};

const CURRENCIES: ReadonlyArray<[RegExp, string]> = [
  [/^(?:việt nam đồng|vnđ|vnd|đồng|đ)$/iu, 'VND'],
  [/^(?:usd|đô la mỹ|đô-la mỹ|us\$)$/iu, 'USD'],
  [/^(?:eur|euro)$/iu, 'EUR'],
];

/**
 * An amount with a currency: optional minus sign glued to the digits (a spaced "- " is a list bullet), digits with separators, an optional
 * multiplier word, the currency, and an optional "/unit" ("2.000 đồng/trang", "50.000đ/giấy thông hành").
 */
const AMOUNT_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])([-−])?(\d[\d.,]*\d|\d)\s*(nghìn|ngàn|triệu|tỷ|tỉ)?\s*(việt nam đồng|vnđ|vnd|đồng|đô la mỹ|đô-la mỹ|usd|us\$|eur|euro|đ)(?![\p{L}])(?:\s*\/\s*((?:[\p{L}\p{N}]+)(?:[ \/][\p{L}\p{N}]+){0,3}))?`,
  'giu',
);

/**
 * A "no charge" statement: the whole text, or its first sentence ("Miễn lệ phí. Phí cấp bản sao …").
 * "Miễn phí đối với: …" (exempt for some applicants) and "Không được quy định …" are rules, not free.
 */
const FREE_RE =
  /^(?:miễn phí|miễn thu|miễn lệ phí|miễn phí, lệ phí|không thu(?: phí| lệ phí)?|không(?: có| quy định)?|chưa quy định|không phải nộp(?: phí| lệ phí)?)\s*(?:$|[.;]\s*)/iu;

/** "hồ sơ kể từ ngày" → "hồ sơ": the unit ends where a connecting word starts. */
function trimPer(per: string | undefined): string | undefined {
  if (per === undefined) return undefined;
  const words = per.trim().split(/\s+/);
  const stop = words.findIndex((w, i) => i > 0 && PER_STOP_WORDS.has(w.toLowerCase()));
  const kept = (stop === -1 ? words : words.slice(0, stop)).join(' ').trim();
  return kept === '' ? undefined : kept;
}

const PER_STOP_WORDS = new Set(['kể', 'từ', 'theo', 'đối', 'áp', 'trong', 'khi', 'và', 'hoặc', 'cho', 'tại', 'do', 'được', 'nếu', 'trừ']);

function currencyOf(word: string): string | null {
  for (const [re, code] of CURRENCIES) if (re.test(word.trim())) return code;
  return null;
}

/**
 * The clause an amount sits in, as its label: from the previous ";", "(", newline or sentence end to
 * the next one ("Lệ phí : 50.000 Đồng", "phí đổi thẻ bảo hiểm y tế: 2.000 đồng/thẻ").
 */
function clauseAround(text: string, index: number, end: number): string {
  const before = text.slice(0, index);
  const sentenceEnd = /[.!?]\s(?=[^.!?]*$)/u.exec(before);
  const start = Math.max(
    before.lastIndexOf(';'),
    before.lastIndexOf('('),
    before.lastIndexOf('\n'),
    sentenceEnd === null ? -1 : sentenceEnd.index + 1,
  );
  const after = text.slice(end);
  const stop = after.search(/[;()\n]|[.!?](?:\s|$)/u);
  const clause = text.slice(start + 1, stop === -1 ? text.length : end + stop);
  return clause
    .replace(/^[\s\-+*•:,]+/u, '')
    .replace(/[\s:=,]+$/u, '')
    .trim()
    .slice(0, 200);
}

/**
 * Parse a fee text into a list of fees. Never throws.
 *
 * - "Miễn phí", "Không", "0 VNĐ" → `[{ kind: 'free' }]`
 * - "50,000 Việt Nam Đồng" → `[{ kind: 'amount', amountVnd: 50000, label: '50,000 Việt Nam Đồng' }]`
 * - "Lệ phí : 50.000 Đồng" → `[{ kind: 'amount', amountVnd: 50000, label: 'Lệ phí' }]`
 * - "10 USD" → `[{ kind: 'rule', text: '10 USD', currency: 'USD', amount: 10 }]`
 * - "Mức thu do HĐND tỉnh quy định" → `[{ kind: 'rule', text: '…' }]`
 * - "-50.000 đồng" → `{ ok: false, reason: 'negative_amount' }`
 */
export function parseFees(input: string): FeesResult {
  const raw = typeof input === 'string' ? input : '';
  const text = cleanInline(raw);
  if (text === '') return fail(raw, 'empty');
  const bare = text.replace(/^\(+|\)+$/g, '').replace(/[.\s]+$/, '').trim();
  if (bare.toLowerCase() === 'không có thông tin') return fail(raw, 'not_provided');

  const fees: Fee[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const [whole, sign, digits, multiplierWord, currencyWord, perRaw] = m;
    if (digits === undefined || currencyWord === undefined) continue;
    if (sign !== undefined) return fail(raw, 'negative_amount', whole);
    const base = parseVndNumber(digits);
    if (base === null) return fail(raw, 'malformed_number', whole);
    const amount = base * (multiplierWord === undefined ? 1 : (MULTIPLIERS[multiplierWord.toLowerCase()] ?? 1));
    const currency = currencyOf(currencyWord) ?? 'VND';
    const per = trimPer(perRaw);
    if (currency !== 'VND') {
      const rule: Fee = { kind: 'rule', text, currency, amount };
      if (per !== undefined) rule.per = per;
      fees.push(rule);
      continue;
    }
    const rounded = Math.round(amount);
    if (Math.abs(amount - rounded) > 1e-6 || rounded > MAX_FEE_VND) return fail(raw, 'implausible_amount', whole);
    if (rounded === 0) {
      fees.push({ kind: 'free', text: whole.trim() });
      continue;
    }
    const label = clauseAround(text, m.index, m.index + whole.length) || whole.trim();
    const fee: Fee = { kind: 'amount', amountVnd: rounded, label };
    if (per !== undefined) fee.per = per;
    fees.push(fee);
  }
  if (fees.length > 0) return ok(fees);

  if (/^[-−]\d/.test(text)) return fail(raw, 'negative_amount', text);
  if (FREE_RE.test(bare)) {
    const rest = bare.replace(FREE_RE, '').trim();
    return ok(rest === '' ? [{ kind: 'free' }] : [{ kind: 'free' }, { kind: 'rule', text }]);
  }
  if (!/\p{L}/u.test(text)) return fail(raw, 'unrecognised', text);
  return ok([{ kind: 'rule', text }]);
}
