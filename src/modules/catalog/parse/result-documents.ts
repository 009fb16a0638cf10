/**
 * Processing result (kết quả thực hiện). Scraped, the cell reads
 *
 *   "<document₁>Mã: <code₁><document₂>Mã: <code₂>…Từ khóa<keywords>Mô tả<description>"
 *
 * followed by leftover portal UI ("Chọn cơ quan thực hiệnTỉnh/ Thành phố…Nộp hồ sơ"), which is dropped.
 * Result codes look like "KQ.G10.001221", "KQ.H40.000123", "000.00.00.G04-KQ0257", "G19-KQ006099".
 */
import { cleanText, isNoInfo } from './text.js';

export interface ResultDocument {
  name: string;
  /** National result-document code, when published. */
  code: string | null;
}

export interface ProcessingResult {
  /** The cell without portal UI text and without the "Từ khóa"/"Mô tả" blocks. */
  text: string;
  documents: ResultDocument[];
  keywords: string | null;
  description: string | null;
  /** True when trailing portal UI text was found and removed. */
  uiTextRemoved: boolean;
}

/** Where the portal's agency picker and submit button begin. */
const UI_MARKERS = ['Chọn cơ quan thực hiện', 'Hệ thống chỉ hiển thị những cơ quan', '-- Chọn Tỉnh/ Thành phố --'];

const KNOWN_CODE_RE =
  /^(?:KQ[.-][A-Z]\d{2}\.\d{4,7}|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-KQ\d{3,7}|[A-Z]\d{2}-KQ\d{4,7}|TP-[A-Z]\d{2}\.\d{5,8}|[A-Z]\d{2}-TP\d{2}\.\d{4,6})/u;

/** Remove the portal's trailing UI text from a `ket_qua_xu_ly` cell. */
export function stripPortalUi(input: string): { text: string; removed: boolean } {
  let text = typeof input === 'string' ? input : '';
  let removed = false;
  for (const marker of UI_MARKERS) {
    const at = text.indexOf(marker);
    if (at !== -1) {
      text = text.slice(0, at);
      removed = true;
    }
  }
  const trailingButton = /\s*Nộp hồ sơ\s*$/u;
  if (removed || trailingButton.test(text)) {
    const stripped = text.replace(trailingButton, '');
    removed = removed || stripped !== text;
    text = stripped;
  }
  return { text: text.trim(), removed };
}

function splitCode(afterLabel: string): { code: string | null; rest: string } {
  const known = KNOWN_CODE_RE.exec(afterLabel);
  if (known) return { code: known[0], rest: afterLabel.slice(known[0].length) };
  // Unknown shape: take characters up to the next capitalised word or the end.
  const loose = /^(\S*?)(?=\p{Lu}\p{Ll}|\s|$)/u.exec(afterLabel);
  const code = loose?.[1] ?? '';
  return { code: code === '' ? null : code, rest: afterLabel.slice(code.length) };
}

/**
 * Parse a `ket_qua_xu_ly` cell. Never throws.
 *
 * @example
 * parseProcessingResult('Bảng kê lâm sản được xác nhậnMã: KQ.G10.001221Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiện…Nộp hồ sơ')
 * // { text: 'Bảng kê lâm sản được xác nhận', documents: [{ name: 'Bảng kê lâm sản được xác nhận', code: 'KQ.G10.001221' }], keywords: null, description: null, uiTextRemoved: true }
 */
export function parseProcessingResult(input: string): ProcessingResult {
  const { text: withoutUi, removed } = stripPortalUi(cleanText(typeof input === 'string' ? input : ''));
  let body = withoutUi;
  let keywords: string | null = null;
  let description: string | null = null;

  const descAt = body.lastIndexOf('Mô tả');
  const kwAt = body.lastIndexOf('Từ khóa', descAt === -1 ? undefined : descAt);
  if (kwAt !== -1 && descAt > kwAt) {
    keywords = isNoInfo(body.slice(kwAt + 'Từ khóa'.length, descAt)) ? null : cleanText(body.slice(kwAt + 'Từ khóa'.length, descAt));
    const d = body.slice(descAt + 'Mô tả'.length);
    description = isNoInfo(d) ? null : cleanText(d);
    body = body.slice(0, kwAt);
  } else if (kwAt !== -1) {
    const k = body.slice(kwAt + 'Từ khóa'.length);
    keywords = isNoInfo(k) ? null : cleanText(k);
    body = body.slice(0, kwAt);
  }

  const documents: ResultDocument[] = [];
  const parts = body.split('Mã: ');
  let pendingName = (parts[0] ?? '').trim();
  for (const part of parts.slice(1)) {
    const { code, rest } = splitCode(part);
    if (pendingName !== '' || code !== null) documents.push({ name: pendingName, code });
    pendingName = rest.trim();
  }
  if (pendingName !== '') documents.push({ name: pendingName, code: null });

  const names = documents.map((d) => d.name).filter((n) => n !== '');
  return {
    text: names.length > 0 ? names.join('\n') : cleanText(body),
    documents,
    keywords,
    description,
    uiTextRemoved: removed,
  };
}
