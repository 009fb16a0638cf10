import { AppError, type ErrorKind, type LocalizedText } from '../../../platform/errors.js';

/** Stable error codes of the dossier domain. Never rename one; add a new code instead. */
export const DossierErrorCode = {
  /** The dossier's status does not allow the action (details: status, action, available). */
  ACTION_NOT_ALLOWED: 'DOSSIER_ACTION_NOT_ALLOWED',
  /** The status allows the action, but not for this actor's roles or agency (details: available). */
  ACTOR_NOT_PERMITTED: 'DOSSIER_ACTOR_NOT_PERMITTED',
  /** Stop or withdrawal after a decision or result exists (Decree 118 art. 21, Circular 03 art. 7). */
  RESULT_ALREADY_ISSUED: 'DOSSIER_RESULT_ALREADY_ISSUED',
  INVALID_PAYLOAD: 'DOSSIER_INVALID_PAYLOAD',
  SUPPLEMENT_ITEMS_REQUIRED: 'DOSSIER_SUPPLEMENT_ITEMS_REQUIRED',
  SUPPLEMENT_ITEM_NOT_REQUESTED: 'DOSSIER_SUPPLEMENT_ITEM_NOT_REQUESTED',
  SUPPLEMENT_INCOMPLETE: 'DOSSIER_SUPPLEMENT_INCOMPLETE',
  APOLOGY_ALREADY_ISSUED: 'DOSSIER_APOLOGY_ALREADY_ISSUED',
  APOLOGY_TOO_LATE: 'DOSSIER_APOLOGY_TOO_LATE',
  APOLOGY_DATE_NOT_LATER: 'DOSSIER_APOLOGY_DATE_NOT_LATER',
  TRANSFER_TARGET_INVALID: 'DOSSIER_TRANSFER_TARGET_INVALID',
  PAYMENT_AMOUNT_MISMATCH: 'DOSSIER_PAYMENT_AMOUNT_MISMATCH',
  DOSSIER_CODE_MISMATCH: 'DOSSIER_CODE_MISMATCH',
  TIME_BEFORE_LAST_EVENT: 'DOSSIER_TIME_BEFORE_LAST_EVENT',
  CODE_INVALID: 'DOSSIER_CODE_INVALID',
  HISTORY_INVALID: 'DOSSIER_HISTORY_INVALID',
} as const;
export type DossierErrorCode = (typeof DossierErrorCode)[keyof typeof DossierErrorCode];

const ERRORS: Record<DossierErrorCode, { kind: ErrorKind; message: LocalizedText }> = {
  DOSSIER_ACTION_NOT_ALLOWED: {
    kind: 'conflict',
    message: { vi: 'Trạng thái hiện tại của hồ sơ không cho phép thao tác này', en: 'The dossier’s status does not allow this action' },
  },
  DOSSIER_ACTOR_NOT_PERMITTED: {
    kind: 'forbidden',
    message: { vi: 'Bạn không có quyền thực hiện thao tác này trên hồ sơ', en: 'You are not allowed to do this on the dossier' },
  },
  DOSSIER_RESULT_ALREADY_ISSUED: {
    kind: 'conflict',
    message: {
      vi: 'Hồ sơ đã có quyết định hoặc kết quả giải quyết, không thể rút hoặc dừng',
      en: 'A decision or result has been issued; the dossier can no longer be withdrawn or stopped',
    },
  },
  DOSSIER_INVALID_PAYLOAD: { kind: 'validation', message: { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'Invalid input' } },
  DOSSIER_SUPPLEMENT_ITEMS_REQUIRED: {
    kind: 'validation',
    message: {
      vi: 'Phải nêu rõ từng thành phần hồ sơ cần bổ sung và lý do',
      en: 'Each dossier component to supplement must be named with a reason',
    },
  },
  DOSSIER_SUPPLEMENT_ITEM_NOT_REQUESTED: {
    kind: 'validation',
    message: { vi: 'Có thành phần bổ sung không nằm trong yêu cầu', en: 'The supplement answers a component that was not requested' },
  },
  DOSSIER_SUPPLEMENT_INCOMPLETE: {
    kind: 'validation',
    message: { vi: 'Chưa bổ sung đủ các thành phần được yêu cầu', en: 'Not every requested component was supplied' },
  },
  DOSSIER_APOLOGY_ALREADY_ISSUED: {
    kind: 'conflict',
    message: { vi: 'Việc hẹn lại ngày trả kết quả chỉ được thực hiện một lần', en: 'A new appointment may be given only once' },
  },
  DOSSIER_APOLOGY_TOO_LATE: {
    kind: 'conflict',
    message: {
      vi: 'Văn bản xin lỗi phải được gửi chậm nhất 01 ngày làm việc trước ngày hết hạn',
      en: 'The apology must be issued at least one working day before the due date',
    },
  },
  DOSSIER_APOLOGY_DATE_NOT_LATER: {
    kind: 'validation',
    message: { vi: 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại', en: 'The new appointment must be later than the current due date' },
  },
  DOSSIER_TRANSFER_TARGET_INVALID: {
    kind: 'validation',
    message: {
      vi: 'Cơ quan nhận liên thông phải được chỉ định và khác cơ quan đang giữ hồ sơ',
      en: 'The receiving agency must be given and differ from the agency holding the dossier',
    },
  },
  DOSSIER_PAYMENT_AMOUNT_MISMATCH: {
    kind: 'validation',
    message: { vi: 'Số tiền đã nộp không khớp với số tiền phải nộp', en: 'The amount paid does not match the amount due' },
  },
  DOSSIER_CODE_MISMATCH: {
    kind: 'validation',
    message: { vi: 'Mã hồ sơ không khớp với ngày tiếp nhận', en: 'The dossier code does not match the receipt date' },
  },
  DOSSIER_TIME_BEFORE_LAST_EVENT: {
    kind: 'conflict',
    message: { vi: 'Thời điểm thao tác sớm hơn thao tác trước đó', en: 'The action is dated before the previous one' },
  },
  DOSSIER_CODE_INVALID: { kind: 'validation', message: { vi: 'Mã hồ sơ không hợp lệ', en: 'Invalid dossier code' } },
  DOSSIER_HISTORY_INVALID: {
    kind: 'conflict',
    message: { vi: 'Lịch sử xử lý hồ sơ không nhất quán', en: 'The dossier history is inconsistent' },
  },
};

export class DossierError extends AppError {
  override readonly code: DossierErrorCode;

  constructor(code: DossierErrorCode, details?: unknown) {
    super(ERRORS[code].kind, code, ERRORS[code].message, details);
    this.name = 'DossierError';
    this.code = code;
  }
}

export const dossierError = (code: DossierErrorCode, details?: unknown): DossierError => new DossierError(code, details);
