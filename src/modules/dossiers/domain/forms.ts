/**
 * The slips (forms) the one-stop rules pair with dossier actions. A form is stored as a TYPE; its number
 * and title come from the circular in force on the day it is issued (domain-2025.md §2.1: "store a form
 * type plus the legal basis and number in force on the issue date, never only the number").
 */
import { vnTime } from '../../calendar/index.js';
import type { LocalizedText } from '../../../platform/errors.js';

export const FormType = {
  /** Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
  RECEIPT: 'receipt',
  /** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
  SUPPLEMENT_REQUEST: 'supplement_request',
  /** Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
  REFUSAL: 'refusal',
  /** 2018: Phiếu xin lỗi và hẹn lại ngày trả kết quả; 2025: Văn bản xin lỗi và đề nghị gia hạn. */
  APOLOGY_EXTENSION: 'apology_extension',
  /** Thông báo dừng giải quyết hồ sơ (new in 2025). */
  STOP_NOTICE: 'stop_notice',
  /** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over. */
  CONTROL_SLIP: 'control_slip',
  /** Sổ theo dõi hồ sơ: the register; not issued by an action. */
  TRACKING_BOOK: 'tracking_book',
  /** Notice of the financial obligation (tax, fee): a sector document, not an appendix form. */
  PAYMENT_REQUEST: 'payment_request',
  /** Written refusal to settle, with reasons: a letter of the competent body, not an appendix form. */
  SETTLEMENT_REFUSAL: 'settlement_refusal',
} as const;
export type FormType = (typeof FormType)[keyof typeof FormType];
export const FORM_TYPES = Object.values(FormType) as [FormType, ...FormType[]];

export interface FormDefinition {
  /** Number in the circular's appendix ('01'…), or null when the circular has no such form. */
  readonly number: string | null;
  readonly title: LocalizedText;
}

export type FormSetId = 'circular-01-2018' | 'circular-03-2025';

export interface FormSet {
  readonly id: FormSetId;
  readonly circular: LocalizedText;
  /** First day the set is used (Viet Nam time); null = the earliest set the system knows. */
  readonly from: Date | null;
  readonly forms: Readonly<Record<FormType, FormDefinition>>;
}

const RECEIPT_TITLE = { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Receipt and appointment slip' };
const SUPPLEMENT_TITLE = { vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Request to supplement or complete the dossier' };
const REFUSAL_TITLE = { vi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', en: 'Refusal slip' };
const CONTROL_TITLE = { vi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', en: 'Processing control slip' };
const BOOK_TITLE = { vi: 'Sổ theo dõi hồ sơ', en: 'Dossier tracking book' };
const PAYMENT_TITLE = { vi: 'Thông báo thực hiện nghĩa vụ tài chính', en: 'Notice of financial obligation' };
const SETTLEMENT_REFUSAL_TITLE = {
  vi: 'Văn bản trả lời từ chối giải quyết, nêu rõ lý do',
  en: 'Written refusal to settle, with reasons',
};

/** Circular 01/2018/TT-VPCP, forms 01–06 (domain.md §3.2). */
export const CIRCULAR_01_2018: FormSet = {
  id: 'circular-01-2018',
  circular: { vi: 'Thông tư số 01/2018/TT-VPCP', en: 'Circular 01/2018/TT-VPCP' },
  from: null,
  forms: {
    receipt: { number: '01', title: RECEIPT_TITLE },
    supplement_request: { number: '02', title: SUPPLEMENT_TITLE },
    refusal: { number: '03', title: REFUSAL_TITLE },
    apology_extension: {
      number: '04',
      title: { vi: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new appointment slip' },
    },
    // No stop notice in the 2018 set: a stop was a written reply of the competent body.
    stop_notice: { number: null, title: { vi: 'Thông báo dừng giải quyết hồ sơ', en: 'Notice of stopping processing' } },
    control_slip: { number: '05', title: CONTROL_TITLE },
    tracking_book: { number: '06', title: BOOK_TITLE },
    payment_request: { number: null, title: PAYMENT_TITLE },
    settlement_refusal: { number: null, title: SETTLEMENT_REFUSAL_TITLE },
  },
};

/** Circular 03/2025/TT-VPCP Appendix I, forms 01–07, used from 15/9/2025 (domain-2025.md §2.1). */
export const CIRCULAR_03_2025: FormSet = {
  id: 'circular-03-2025',
  circular: { vi: 'Thông tư số 03/2025/TT-VPCP', en: 'Circular 03/2025/TT-VPCP' },
  from: vnTime(2025, 9, 15),
  forms: {
    receipt: { number: '01', title: RECEIPT_TITLE },
    supplement_request: { number: '02', title: SUPPLEMENT_TITLE },
    refusal: { number: '03', title: REFUSAL_TITLE },
    apology_extension: {
      number: '04',
      title: {
        vi: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
        en: 'Apology letter and request to extend the processing time',
      },
    },
    stop_notice: { number: '05', title: { vi: 'Thông báo dừng giải quyết hồ sơ', en: 'Notice of stopping processing' } },
    control_slip: { number: '06', title: CONTROL_TITLE },
    tracking_book: { number: '07', title: BOOK_TITLE },
    payment_request: { number: null, title: PAYMENT_TITLE },
    settlement_refusal: { number: null, title: SETTLEMENT_REFUSAL_TITLE },
  },
};

/** Newest last. */
export const FORM_SETS: readonly FormSet[] = [CIRCULAR_01_2018, CIRCULAR_03_2025];
export const FORM_SET_BY_ID: Readonly<Record<FormSetId, FormSet>> = {
  'circular-01-2018': CIRCULAR_01_2018,
  'circular-03-2025': CIRCULAR_03_2025,
};

/**
 * The form set in force on an issue date. Decree 118/2025 took effect on 1/7/2025 but the Circular 03
 * forms only from 15/9/2025; slips issued in between keep the 2018 numbering.
 */
export function formSetInForceAt(issuedAt: Date): FormSet {
  let found = FORM_SETS[0]!;
  for (const set of FORM_SETS) if (set.from === null || set.from.getTime() <= issuedAt.getTime()) found = set;
  return found;
}

/** What an event records about the slip it produced. */
export interface FormRef {
  readonly type: FormType;
  readonly number: string | null;
  readonly formSet: FormSetId;
}

export function formRef(type: FormType, issuedAt: Date): FormRef {
  const set = formSetInForceAt(issuedAt);
  return { type, number: set.forms[type].number, formSet: set.id };
}
