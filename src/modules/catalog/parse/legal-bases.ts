/**
 * Legal bases (căn cứ pháp lý). The portal table "Tên văn bản pháp lý | Mã văn bản" was flattened into
 *
 *   "Tên văn bản pháp lýMã văn bản<title₁><number₁><title₂><number₂>…"
 *
 * where each title is free text (often quoting its own number) and each number cell is a document
 * number such as "08/2021/NĐ-CP", "54/2019/QH14", "48/VBHN-VPQH" or "09/2023/QĐ-TTg". The split is a
 * best effort: a number ends a row when it is glued to the next title or ends the text.
 */
import { cleanInline, isNoInfo } from './text.js';

export interface LegalBasis {
  /** Title as published (may include its own number); the number cell when there is no title. */
  title: string;
  /** The document number from the "Mã văn bản" cell, or null when none was found. */
  code: string | null;
  raw: string;
}

const HEADER = 'Tên văn bản pháp lýMã văn bản';

/**
 * A Vietnamese legal document number: "number/year/issuer-suffix" or "number/issuer-suffix".
 * Issuer segments are upper-case (Đ included); legislatures are "QH" + 2 digits; "TTg" is the one
 * mixed-case segment. Digits after letters are only taken when they do not start the next number
 * ("TT-BTC10/2021/…"). The match is greedy; `trimGluedTitle` gives back letters that belong to a
 * title glued to the number.
 */
const DOC_NUMBER_RE =
  /(\d{1,4}(?:\.\d{1,2})?)\/(?:(?:19|20)\d{2}\/)?(?:QH\d{2}|[A-ZĐ]{1,10}(?:[-/](?:QH\d{2}|TTg|[A-ZĐ]{1,12}(?:\d{1,2}(?![\d/]))?))*)(?:\([A-Z]\d{1,3}\))?/gu;

/** Issuer abbreviations, to tell "NĐ-CP" + "Nghị quyết…" apart from an unknown issuer. */
const KNOWN_SEGMENTS = new Set([
  'CP', 'TTg', 'QH', 'NĐ', 'QĐ', 'NQ', 'TT', 'TTLT', 'VBHN', 'CT', 'BTC', 'BCA', 'BTP', 'BXD', 'BYT', 'BGTVT',
  'BNNMT', 'BNNPTNT', 'BNN', 'NHNN', 'BLĐTBXH', 'BQP', 'BCT', 'BKHĐT', 'BTTTT', 'BVHTTDL', 'BGDĐT', 'BNV', 'BTNMT',
  'VPQH', 'UBND', 'HĐND', 'BHXH', 'TANDTC', 'VKSNDTC', 'BKHCN', 'BNG', 'TTCP', 'KTNN', 'UBTVQH', 'QLXNC', 'UBCKNN',
]);

/**
 * Give back the start of a title glued to a number: "NĐ-CPNghị…" (capital then lower case),
 * "NĐ-CPQUY ĐỊNH…" (an all-caps title after a known issuer).
 */
function trimGluedTitle(code: string, after: string): string {
  const lastSep = Math.max(code.lastIndexOf('-'), code.lastIndexOf('/'));
  const last = code.slice(lastSep + 1);
  if (KNOWN_SEGMENTS.has(last) || !/^[A-ZĐ]+$/u.test(last)) return code;
  if (/^\p{Ll}/u.test(after)) {
    // The last capital starts the title; a one-letter segment goes with its separator ("NĐ-CP-Quy…").
    const cut = last.length === 1 ? 2 : 1;
    return trimGluedTitle(code.slice(0, -cut), code.slice(-cut) + after);
  }
  let best = '';
  for (const known of KNOWN_SEGMENTS) {
    if (known.length > best.length && known.length < last.length && last.startsWith(known)) best = known;
  }
  return best === '' ? code : code.slice(0, lastSep + 1 + best.length);
}

/** A document-type word glued to the end of a title ("…tư phápNghị định số "): it belongs to the number cell. */
const DOC_TYPE_TAIL = /(?:Nghị định|Thông tư liên tịch|Thông tư|Luật|Nghị quyết|Quyết định|Pháp lệnh|Chỉ thị|Số|số)(?:\s+số)?\s*$/u;

interface NumberHit {
  index: number;
  end: number;
  code: string;
}

function findNumbers(text: string): NumberHit[] {
  const hits: NumberHit[] = [];
  for (const m of text.matchAll(DOC_NUMBER_RE)) {
    let index = m.index;
    const number = m[1] ?? '';
    let code = trimGluedTitle(m[0], text.slice(index + m[0].length));
    const end = index + code.length;
    // "…ngày 15/5/2026.55/2026/TT-BTC": a year and a dot glued to the number.
    const dotted = /^(\d{3,})\.\d+$/.exec(number);
    // "…năm 201213/2012/QH13": a year glued to the number.
    const gluedDigits = /\d+$/.exec(text.slice(0, index))?.[0] ?? '';
    const withoutYear = /^(?:19|20)\d{2}(\d{1,4})$/.exec(gluedDigits + number)?.[1];
    if (dotted?.[1] !== undefined) index += dotted[1].length + 1;
    else if (gluedDigits !== '' && withoutYear !== undefined) index += number.length - withoutYear.length;
    code = text.slice(index, end);
    hits.push({ index, end, code });
  }
  return hits;
}

/** All document numbers mentioned in a text, in order, without duplicates. */
export function extractDocumentNumbers(input: string): string[] {
  const text = cleanInline(typeof input === 'string' ? input : '');
  return [...new Set(findNumbers(text).map((h) => h.code))];
}

/**
 * Words that continue a title after a quoted number ("… 53/2025/TT-BCA ngày 01/7/2025 của …"). Glued to
 * the number only a date does ("TT-BCAngày 01/7/2025"); "…NĐ-CPquy định…" starts a new title.
 */
const CONTINUATION = /^(?:\s+(?:ngày|của|về|năm|do|được|sửa đổi|quy định|hướng dẫn|ban hành)|ngày)(?!\p{L})/u;

function endsRow(text: string, hit: NumberHit, nextHit: NumberHit | undefined): boolean {
  const after = text.slice(hit.end);
  if (/^[\s.;,]*$/u.test(after)) return true;
  if (CONTINUATION.test(after)) return false;
  const next = after[0] ?? '';
  // Two numbers glued together: "Luật 54/2019/QH14" + "54/2019/QH14" (title, then its cell) when they
  // are equal; otherwise a cell followed by a title that starts with a number.
  if (/\d/u.test(next)) return nextHit !== undefined && nextHit.index === hit.end && nextHit.code !== hit.code;
  // Glued to the next title: "…NĐ-CPNghị quyết…", "…QH14nghị quyết…".
  if (/\p{L}/u.test(next)) return true;
  // Glued on the left, spaced on the right: "…ngân hàng.24/2026/NQ-CP Quy định…".
  if (/\s/u.test(next)) return !/[\s(]/u.test(text[hit.index - 1] ?? ' ');
  return false;
}

function titleOf(text: string): string {
  return text
    .replace(DOC_TYPE_TAIL, (m, offset: number) => (offset > 0 && !/\s/u.test(text[offset - 1] ?? ' ') ? '' : m))
    .replace(/[\s;,.:]+$/u, '')
    .trim();
}

function onlyReference(title: string, code: string): boolean {
  const rest = title.replace(code, '').replace(/(?:Nghị định|Thông tư|Luật|Nghị quyết|Quyết định|Số|số)(?:\s+số)?/gu, '');
  return rest.replace(/[\s;,.:]/gu, '') === '';
}

/**
 * Split a `can_cu_phap_ly` cell into documents. Never throws; returns [] for placeholders.
 *
 * @example
 * parseLegalBases('Tên văn bản pháp lýMã văn bảnLuật Đất đai31/2024/QH15Nghị định 101/2024/NĐ-CP101/2024/NĐ-CP')
 * // [{ title: 'Luật Đất đai', code: '31/2024/QH15', … }, { title: 'Nghị định 101/2024/NĐ-CP', code: '101/2024/NĐ-CP', … }]
 */
export function parseLegalBases(input: string): LegalBasis[] {
  if (typeof input !== 'string' || isNoInfo(input)) return [];
  let text = cleanInline(input);
  if (text.startsWith(HEADER)) text = text.slice(HEADER.length);
  if (isNoInfo(text)) return [];

  const rows: LegalBasis[] = [];
  let start = 0;
  const hits = findNumbers(text);
  hits.forEach((hit, i) => {
    if (hit.index < start || !endsRow(text, hit, hits[i + 1])) return;
    const rowRaw = text.slice(start, hit.end).trim();
    const before = text.slice(start, hit.index);
    // A title that is only "Nghị định" before the number: keep the number in the title.
    const title = onlyReference(before, '') ? titleOf(text.slice(start, hit.end)) : titleOf(before);
    const row: LegalBasis = { title, code: hit.code, raw: rowRaw };
    const previous = rows[rows.length - 1];
    // "Nghị định 101/2024/NĐ-CP" + "Nghị định 101/2024/NĐ-CP": a title that is only the number, then the cell.
    if (previous !== undefined && previous.code === row.code && onlyReference(row.title, row.code ?? '')) {
      previous.raw = `${previous.raw}${rowRaw}`;
    } else {
      rows.push(row);
    }
    start = hit.end;
  });
  const tail = text.slice(start).trim();
  if (tail !== '') rows.push({ title: titleOf(tail) || tail, code: null, raw: tail });
  return rows;
}
