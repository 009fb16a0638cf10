/**
 * Dossier code (mã số hồ sơ): `<agencyCode>-<YYMMDD>-<NNNN>` (domain.md §9.4, Circular 03/2025 art. 13):
 * the agency's electronic identifier, the receipt date in Viet Nam time, and a daily sequence of at
 * least 4 digits (ministerial systems use 6–7 digits with a 2-digit prefix, so longer sequences keep
 * their leading zeros). Agency identifiers contain no hyphen, but the code is parsed by splitting on the
 * LAST two hyphens so that a malformed agency part is reported as such rather than mis-split.
 */
import { isoOfDayNumber, parseIsoDate, VN_OFFSET_MS, type IsoDate } from '../../calendar/index.js';
import { dossierError, DossierErrorCode } from './errors.js';

/** Electronic identifier of an agency (Decision 20/2020/QĐ-TTg): dot-separated groups of 0-9 A-Z, ≤ 35. */
const AGENCY_CODE = /^[0-9A-Z]+(\.[0-9A-Z]+)*$/;
const MAX_AGENCY_CODE = 35;
const SEQUENCE = /^\d{4,10}$/;
const YYMMDD = /^\d{6}$/;
const MS_PER_DAY = 86_400_000;

export const isAgencyCode = (value: string): boolean => value.length <= MAX_AGENCY_CODE && AGENCY_CODE.test(value);

export interface DossierCodeParts {
  readonly agencyCode: string;
  /** Receipt date (Viet Nam), 'YYYY-MM-DD', year 2000–2099. */
  readonly receiptDate: IsoDate;
  /** Daily sequence as printed: at least 4 digits. */
  readonly sequence: string;
}

/** The Viet Nam calendar date of an instant, 'YYYY-MM-DD'. */
export function vnDateOf(at: Date): IsoDate {
  return isoOfDayNumber(Math.floor((at.getTime() + VN_OFFSET_MS) / MS_PER_DAY));
}

const invalid = (code: unknown, problem: string) => dossierError(DossierErrorCode.CODE_INVALID, { code, problem });

function sequenceText(sequence: number | string): string {
  if (typeof sequence === 'number') {
    if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 9_999_999_999) {
      throw invalid(sequence, 'sequence must be a whole number from 1');
    }
    return String(sequence).padStart(4, '0');
  }
  if (!SEQUENCE.test(sequence) || /^0+$/.test(sequence)) throw invalid(sequence, 'sequence must be 4–10 digits, not all zero');
  return sequence;
}

/**
 * Formats a dossier code.
 *
 * @example
 * formatDossierCode({ agencyCode: 'H15.50.05.13', receivedAt: vnTime(2026, 10, 8, 9, 0), sequence: 975 })
 * // 'H15.50.05.13-261008-0975'
 */
export function formatDossierCode(
  input: { readonly agencyCode: string; readonly sequence: number | string } & (
    | { readonly receivedAt: Date }
    | { readonly receiptDate: IsoDate }
  ),
): string {
  if (!isAgencyCode(input.agencyCode)) throw invalid(input.agencyCode, 'agency code');
  let date: IsoDate;
  if ('receivedAt' in input) {
    if (!(input.receivedAt instanceof Date) || Number.isNaN(input.receivedAt.getTime())) throw invalid(input.receivedAt, 'receipt time');
    date = vnDateOf(input.receivedAt);
  } else {
    date = input.receiptDate;
    if (!isValidIsoDate(date)) throw invalid(date, 'receipt date');
  }
  if (!date.startsWith('20') || date.length !== 10) throw invalid(date, 'receipt year must be 2000–2099');
  const yymmdd = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
  return `${input.agencyCode}-${yymmdd}-${sequenceText(input.sequence)}`;
}

function isValidIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Splits and validates a dossier code; throws DOSSIER_CODE_INVALID (details: code, problem). */
export function parseDossierCode(code: string): DossierCodeParts {
  if (typeof code !== 'string') throw invalid(code, 'not text');
  const last = code.lastIndexOf('-');
  const middle = last > 0 ? code.lastIndexOf('-', last - 1) : -1;
  if (middle <= 0) throw invalid(code, 'expected <agency>-<YYMMDD>-<sequence>');
  const agencyCode = code.slice(0, middle);
  const yymmdd = code.slice(middle + 1, last);
  const sequence = code.slice(last + 1);
  if (!isAgencyCode(agencyCode)) throw invalid(code, 'agency code');
  if (!YYMMDD.test(yymmdd)) throw invalid(code, 'date must be YYMMDD');
  const receiptDate = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  if (!isValidIsoDate(receiptDate)) throw invalid(code, 'no such date');
  if (!SEQUENCE.test(sequence) || /^0+$/.test(sequence)) throw invalid(code, 'sequence must be 4–10 digits, not all zero');
  return { agencyCode, receiptDate, sequence };
}

export function isDossierCode(code: string): boolean {
  try {
    parseDossierCode(code);
    return true;
  } catch {
    return false;
  }
}
