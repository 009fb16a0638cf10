/**
 * Dossier components (thành phần hồ sơ). The portal shows one table per case
 * ("Trường hợp …"), headed "Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng"; scraped, a case reads
 *
 *   "<case title or -->Tên giấy tờMẫu đơn, tờ khaiSố lượng<name><template file?>1 bản chính,1 bản sao<name>…"
 *
 * Each row ends with its quantity cell, "N bản chính" optionally followed by ",M bản sao"
 * (another export format writes "Bản chính: 1 Bản sao: 0"). Names themselves often quote quantities
 * ("…: 01 bản chính.1 bản chính"); those are zero-padded or followed by prose, which is how the real
 * cell is told apart.
 */
import { fail, ok, type ParseResult } from './result-types.js';
import { cleanText, stripBullets } from './text.js';

export interface DossierComponent {
  name: string;
  /** Number of originals (bản chính); null when the row has no quantity cell. */
  originals: number | null;
  /** Number of copies (bản sao); 0 when only originals are listed, null when there is no quantity cell. */
  copies: number | null;
  /** false for "(nếu có)" (if any), true for "bắt buộc", otherwise null: the portal does not say. */
  required: boolean | null;
  /** File name of the first attached form (mẫu đơn, tờ khai), e.g. "Mẫu số 03.docx". */
  templateName?: string;
  /** All attached form file names, in order. */
  templates: string[];
  /** Title of the case this row belongs to, when the record lists several. */
  caseName: string | null;
  raw: string;
}

export interface DossierCase {
  name: string | null;
  components: DossierComponent[];
}

export interface ComponentsParse {
  cases: DossierCase[];
  components: DossierComponent[];
  problems: string[];
}

export type ComponentsErrorReason = 'empty' | 'no_table_header' | 'no_components';
export type ComponentsResult = ParseResult<ComponentsParse, ComponentsErrorReason>;

const HEADER_RE = /Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng/gu;

/** The portal quantity cell; the digit run is examined afterwards (see `isRealQuantity`). */
const QUANTITY_RE = /(?<!\d)(\d+) bản chính(?:\s*,\s*(\d+) bản sao)?|Bản chính:\s*(\d+)\s*[,;]?\s*Bản sao:\s*(\d+)/gu;

const FILE_EXT_RE = /\.(?:docx|doc|pdf|xlsx|xls|odt|rtf|zip|rar)$/iu;

interface Quantity {
  index: number;
  end: number;
  originals: number;
  copies: number;
}

function isRealQuantity(text: string, m: RegExpMatchArray): Quantity | null {
  const index = m.index ?? 0;
  const end = index + m[0].length;
  if (m[3] !== undefined && m[4] !== undefined) {
    return { index, end, originals: Number(m[3]), copies: Number(m[4]) };
  }
  const run = m[1] ?? '';
  const before = text[index - 1] ?? '';
  const after = text.slice(end);
  // Quoted quantities inside names: "(01 bản chính", ": 01 bản chính hoặc", "02 bản chính tờ khai".
  if (before === '(') return null;
  if (/^0\d$/.test(run) && !/\d/.test(before)) return null;
  if (/^\s+\p{Ll}/u.test(after) || /^\s+\(/u.test(after)) return null;
  // The cell is one digit glued to the name; longer runs carry the tail of the name ("Mẫu số 181 bản chính").
  const digitStart = run.length === 1 ? index : index + run.length - 1;
  const originals = Number(run.slice(-1));
  const copies = m[2] === undefined ? 0 : Number(m[2]);
  return { index: digitStart, end, originals, copies };
}

const TEMPLATE_ANCHOR =
  /(?:Mẫu|MẪU|Mau|mau|mẫu|Mus|Phụ lục|PHỤ LỤC|Phu luc|Phuluc|PL[\s_\d]|Don[\s_]|Đơn|TK[\s_\d]|KQ[\s_\d]|DC[\s_\d]|TPHS|Danhmuc|(?<!\d)\d+[.-]|(?<=\p{Ll})(?:văn bản|đơn|tờ khai))/gu;

/**
 * Find where an attached file name starts inside `pre` (the text before its extension). The name and
 * the file were glued together by the scraper, so look for a file-like word glued to the previous
 * character, then for glued punctuation, then for a lower-to-upper case change.
 */
function templateStart(pre: string): { start: number; certain: boolean } {
  // Never reach back into an earlier file name ("…2025.docxMau 07 - …docx").
  const previousFile = [...pre.matchAll(/\.(?:docx|doc|pdf|xlsx|xls|odt|rtf|zip|rar)/giu)].pop();
  const afterPrevious = previousFile === undefined ? 0 : previousFile.index + previousFile[0].length;
  const windowStart = Math.max(afterPrevious, pre.length - 110);
  const glued = (i: number) => i > 0 && !/[\s(]/u.test(pre[i - 1] ?? ' ');
  for (const m of pre.matchAll(TEMPLATE_ANCHOR)) {
    if (m.index < windowStart || !glued(m.index)) continue;
    // Two-letter abbreviations only start a file name after lower-case text or punctuation, not
    // inside a code such as "BK-STK ".
    if (/^(?:TK|PL|KQ|DC)/u.test(m[0]) && /[\p{Lu}\p{N}\-/]/u.test(pre[m.index - 1] ?? '')) continue;
    return { start: m.index, certain: true };
  }
  let best = -1;
  for (const m of pre.matchAll(/[;)][^\s;)]|\.[^\s\d.;)]/gu)) {
    if (m.index >= windowStart) best = m.index + 1;
  }
  if (best > 0) return { start: best, certain: true };
  for (const m of pre.matchAll(/\p{Ll}(\p{Lu})/gu)) {
    if (m.index >= windowStart) best = m.index + 1;
  }
  if (best > 0) return { start: best, certain: true };
  return { start: Math.max(pre.lastIndexOf(' ') + 1, afterPrevious), certain: false };
}

function splitTemplates(text: string, problems: string[]): { name: string; templates: string[] } {
  const templates: string[] = [];
  let rest = text.trim();
  for (let guard = 0; guard < 5 && FILE_EXT_RE.test(rest); guard++) {
    const ext = FILE_EXT_RE.exec(rest) as RegExpExecArray;
    const pre = rest.slice(0, ext.index);
    const { start, certain } = templateStart(pre);
    if (!certain) problems.push(`form file name boundary is a guess in "${rest.slice(-60)}"`);
    templates.unshift(rest.slice(start).trim());
    rest = pre.slice(0, start).trim();
  }
  return { name: rest, templates };
}

function requiredOf(name: string): boolean | null {
  if (/\(?\s*nếu có\s*\)?/iu.test(name) || /không bắt buộc/iu.test(name)) return false;
  if (/bắt buộc/iu.test(name)) return true;
  return null;
}

function cleanCaseName(title: string): string | null {
  const t = stripBullets(title).replace(/[:\s]+$/u, '').trim();
  return t === '' || /^-*$/.test(t) ? null : t;
}

function makeComponent(
  rawRow: string,
  quantity: Quantity | null,
  caseName: string | null,
  problems: string[],
): DossierComponent | null {
  const body = quantity === null ? rawRow : rawRow.slice(0, rawRow.length - (quantity.end - quantity.index));
  const { name: withBullets, templates } = splitTemplates(body, problems);
  const name = stripBullets(withBullets).replace(/[.]+$/u, '').trim();
  if (name === '' && templates.length === 0) return null;
  const component: DossierComponent = {
    name: name === '' ? (templates[0] ?? '') : name,
    originals: quantity?.originals ?? null,
    copies: quantity?.copies ?? null,
    required: requiredOf(name),
    templates,
    caseName,
    raw: rawRow.trim(),
  };
  if (templates[0] !== undefined) component.templateName = templates[0];
  return component;
}

/**
 * Split a `thanh_phan_ho_so` cell into cases and components. Never throws.
 *
 * @example
 * parseDossierComponents('--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai hải quan1 bản chính')
 * // { ok: true, value: { cases: [{ name: null, components: [{ name: 'Tờ khai hải quan', originals: 1, copies: 0, … }] }], … } }
 */
export function parseDossierComponents(input: string): ComponentsResult {
  const raw = typeof input === 'string' ? input : '';
  const text = cleanText(raw);
  if (text === '' || /^-+$/.test(text)) return fail(raw, 'empty');

  const headers = [...text.matchAll(HEADER_RE)];
  const problems: string[] = [];
  const hasHeader = headers.length > 0;
  if (!hasHeader && !QUANTITY_RE.test(text)) return fail(raw, 'no_table_header');
  QUANTITY_RE.lastIndex = 0;
  if (!hasHeader) problems.push('table header "Tên giấy tờ…Số lượng" not found');

  // Segments: [title₀] H [rows₁ + title₁] H [rows₂ + title₂] … H [rowsₙ + trailing text]
  const segments: Array<{ title: string; body: string }> = [];
  if (hasHeader) {
    let title = text.slice(0, headers[0]?.index ?? 0);
    headers.forEach((h, i) => {
      const bodyStart = (h.index ?? 0) + h[0].length;
      const bodyEnd = headers[i + 1]?.index ?? text.length;
      segments.push({ title, body: text.slice(bodyStart, bodyEnd) });
      title = '';
    });
  } else {
    segments.push({ title: '', body: text });
  }

  const cases: DossierCase[] = [];
  let pendingTitle: string | null = cleanCaseName(segments[0]?.title ?? '');
  segments.forEach((segment, si) => {
    const isLast = si === segments.length - 1;
    const quantities: Quantity[] = [];
    for (const m of segment.body.matchAll(QUANTITY_RE)) {
      const q = isRealQuantity(segment.body, m);
      if (q !== null) quantities.push(q);
    }
    const caseName = pendingTitle;
    const components: DossierComponent[] = [];
    let cursor = 0;
    for (const q of quantities) {
      const row = segment.body.slice(cursor, q.end);
      const c = makeComponent(row, q, caseName, problems);
      if (c !== null) components.push(c);
      else problems.push(`quantity without a document name at offset ${q.index}`);
      cursor = q.end;
    }
    const tail = segment.body.slice(cursor).trim();
    if (isLast) {
      pendingTitle = null;
      if (tail !== '') {
        const c = makeComponent(tail, null, caseName, problems);
        if (c !== null) {
          components.push(c);
          problems.push(`row without a quantity cell: "${tail.slice(0, 60)}"`);
        }
      }
    } else {
      // Text after the last quantity of a table is the title of the next case.
      pendingTitle = cleanCaseName(tail);
    }
    cases.push({ name: caseName, components });
  });

  const components = cases.flatMap((c) => c.components);
  if (components.length === 0) return fail(raw, 'no_components');
  return ok({ cases, components, problems });
}
