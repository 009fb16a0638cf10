/**
 * Small text helpers for the scraped catalog cells (NFC, odd spaces, placeholders).
 */

/** Portal placeholder meaning "no information was published". */
export const NO_INFO = 'Không có thông tin';

/**
 * NFC-normalise, turn non-breaking and other odd spaces into plain spaces, collapse runs of spaces
 * and tabs (newlines are kept, trimmed per line) and trim.
 */
export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\t]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Like cleanText, but also folds newlines into single spaces. */
export function cleanInline(input: string): string {
  return cleanText(input).replace(/\s+/g, ' ').trim();
}

/** True for the portal's "nothing published" fillers: empty, "--", "Không có thông tin". */
export function isNoInfo(input: string | null | undefined): boolean {
  if (input == null) return true;
  const t = cleanInline(input).replace(/[.\s]+$/, '');
  return t === '' || /^-+$/.test(t) || t.toLowerCase() === NO_INFO.toLowerCase();
}

/** Cleaned text, or null when the cell is a placeholder. */
export function textOrNull(input: string | null | undefined): string | null {
  if (isNoInfo(input)) return null;
  return cleanText(input as string);
}

/**
 * Given `text` and the index of an opening parenthesis, return the index just after its matching
 * closing parenthesis, or -1 when the text ends before the group is closed.
 */
export function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Remove leading list bullets ("-", "+", "++", "*", "•", private-use glyphs) and trailing separators. */
export function stripBullets(input: string): string {
  return input
    .replace(/^[\s\-+*•\u2022\u2013\u2014\uf000-\uf8ff.;,]+/u, '')
    .replace(/[\s;,:]+$/u, '')
    .trim();
}
