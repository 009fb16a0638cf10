/**
 * Vietnamese text normalisation for building a search key. The key complements PostgreSQL `unaccent`:
 * it is computed in the application, so it also folds đ → d and the common i/y spelling variants,
 * which `unaccent` alone does not reconcile ("đăng kí" vs "đăng ký").
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Remove Vietnamese diacritics (tone and vowel marks) and map đ/Đ to d/D. Case is preserved.
 *
 * @example stripDiacritics('Đăng ký khai sinh') // 'Dang ky khai sinh'
 */
export function stripDiacritics(input: string): string {
  return input
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Search normal form: NFC, lowercase, no diacritics (đ → d), whitespace collapsed and trimmed.
 * Punctuation is kept, as `unaccent` keeps it.
 *
 * @example normalizeSearchText('  Thủ tục  ĐĂNG KÝ\tkhai sinh ') // 'thu tuc dang ky khai sinh'
 */
export function normalizeSearchText(input: string): string {
  return stripDiacritics(input.normalize('NFC').toLowerCase()).replace(/\s+/g, ' ').trim();
}

/** i-with-tone → y-with-same-tone, both cases. */
const I_TO_Y: Readonly<Record<string, string>> = {
  i: 'y', ì: 'ỳ', í: 'ý', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ',
  I: 'Y', Ì: 'Ỳ', Í: 'Ý', Ỉ: 'Ỷ', Ĩ: 'Ỹ', Ị: 'Ỵ',
};

/**
 * Syllables where the final i/y is a spelling variant (kí/ký, lí/lý, mĩ/mỹ, sĩ/sỹ, tỉ/tỷ, hi/hy, quí/quý):
 * an initial h, k, l, m, s, t or qu followed only by i or y. Whole syllables only, so "tin", "kinh",
 * "thi", "chi" and "đi" are left alone.
 */
const VARIANT_SYLLABLE = /(?<![\p{L}\p{N}])(qu|[hklmst])([iìíỉĩị])(?![\p{L}\p{N}])/giu;

/**
 * Map syllable-final i/y spelling variants to the "y" form used in legal texts, keeping the tone mark
 * and the letter case. Works on accented or unaccented text.
 *
 * @example canonicalizeVariantSpelling('đăng kí, lí lịch, Mĩ') // 'đăng ký, lý lịch, Mỹ'
 */
export function canonicalizeVariantSpelling(input: string): string {
  return input
    .normalize('NFC')
    .replace(VARIANT_SYLLABLE, (_m, initial: string, vowel: string) => initial + (I_TO_Y[vowel] ?? vowel));
}

/**
 * The key to store next to a name and to compute from a query: variants folded, then normalised.
 *
 * @example toSearchKey('Đăng kí kết hôn') === toSearchKey('đăng ký  kết hôn') // true
 */
export function toSearchKey(input: string): string {
  return canonicalizeVariantSpelling(normalizeSearchText(input));
}
