/**
 * Internal dossier statuses, their labels and their national status code (TrangThaiHoSo 1–10, the code
 * synchronised to the National Public Service Portal; domain.md §3.1).
 *
 * The internal set is richer than the national one: several internal statuses share a national code
 * (e.g. everything that is "being processed" is 4). The mapping is written once, in `nationalStatusCode`.
 */
import type { LocalizedText } from '../../../platform/errors.js';
import { assertNever } from './assert-never.js';

export const Status = {
  /** Being filled in (online by the applicant, or a paper dossier being entered at the desk). */
  DRAFT: 'DRAFT',
  /** Submitted online, not yet accepted by the desk (national 1). */
  SUBMITTED: 'SUBMITTED',
  /** The desk asked for completion before accepting (Form 02 at reception); the clock has not started. */
  AWAITING_COMPLETION: 'AWAITING_COMPLETION',
  /** Accepted at the desk (Form 01 issued, clock started), not yet forwarded to the competent body. */
  RECEIVED: 'RECEIVED',
  /** Not accepted (Form 03). */
  REFUSED_AT_RECEPTION: 'REFUSED_AT_RECEPTION',
  /** Held by the competent (lead) agency. */
  IN_PROCESS: 'IN_PROCESS',
  /** Held by a co-operating agency (inter-agency one-stop, liên thông). */
  TRANSFERRED: 'TRANSFERRED',
  /** Supplement requested after receipt; the clock is stopped. */
  AWAITING_SUPPLEMENT: 'AWAITING_SUPPLEMENT',
  /** Financial obligation (tax, fee) requested; the clock is stopped. */
  AWAITING_PAYMENT: 'AWAITING_PAYMENT',
  /** Another lawful suspension (verification, expert assessment…); the clock is stopped. */
  PAUSED: 'PAUSED',
  /** Submitted to the leader for signature. */
  AWAITING_APPROVAL: 'AWAITING_APPROVAL',
  /** Signed; the result is being numbered and issued. */
  APPROVED: 'APPROVED',
  /** Result issued and at the desk, not yet handed over. */
  RESULT_READY: 'RESULT_READY',
  /** Result returned to the applicant. */
  RETURNED: 'RETURNED',
  /** Withdrawn / stopped at the applicant's request (Decree 118 art. 21). */
  WITHDRAWN: 'WITHDRAWN',
  /** Processing stopped by the competent body on a legal ground. */
  STOPPED: 'STOPPED',
  /** The competent body refused to settle, with written reasons. */
  REFUSED_TO_SETTLE: 'REFUSED_TO_SETTLE',
} as const;
export type Status = (typeof Status)[keyof typeof Status];
export const STATUSES = Object.values(Status) as [Status, ...Status[]];

/** National dossier status (TrangThaiHoSo) synchronised to DVCQG. */
export const NationalStatus = {
  NEWLY_SUBMITTED: 1,
  RECEIVED: 2,
  NOT_RECEIVED: 3,
  IN_PROCESS: 4,
  SUPPLEMENT_REQUESTED: 5,
  FINANCIAL_OBLIGATION: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  FINISHED: 9,
  RETURNED: 10,
} as const;
export type NationalStatusCode = (typeof NationalStatus)[keyof typeof NationalStatus];

export const NATIONAL_STATUS_LABELS: Record<NationalStatusCode, LocalizedText> = {
  1: { vi: 'Mới đăng ký', en: 'Newly submitted' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'In process' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn at the applicant’s request' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processing finished' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/**
 * initial: before the dossier is accepted; active: someone must act and (except RESULT_READY) the clock
 * runs; paused: waiting on the applicant or on a lawful suspension; terminal: no further action.
 */
export type StatusKind = 'initial' | 'active' | 'paused' | 'terminal';

export interface StatusInfo {
  readonly label: LocalizedText;
  readonly kind: StatusKind;
  /** Whether the legal processing clock runs in this status. */
  readonly clockRuns: boolean;
}

/** Label, kind and clock of each status. The national code is decided in `nationalStatusCode` only. */
export const STATUS_INFO = {
  DRAFT: { label: { vi: 'Bản nháp', en: 'Draft' }, kind: 'initial', clockRuns: false },
  SUBMITTED: {
    label: { vi: 'Mới đăng ký', en: 'Submitted, awaiting reception' },
    kind: 'initial',
    clockRuns: false,
  },
  AWAITING_COMPLETION: {
    label: { vi: 'Chờ bổ sung, hoàn thiện hồ sơ (trước tiếp nhận)', en: 'Awaiting completion (before reception)' },
    kind: 'paused',
    clockRuns: false,
  },
  RECEIVED: { label: { vi: 'Đã tiếp nhận', en: 'Received' }, kind: 'active', clockRuns: true },
  REFUSED_AT_RECEPTION: {
    label: { vi: 'Không được tiếp nhận', en: 'Refused at reception' },
    kind: 'terminal',
    clockRuns: false,
  },
  IN_PROCESS: { label: { vi: 'Đang xử lý', en: 'In process' }, kind: 'active', clockRuns: true },
  TRANSFERRED: {
    label: { vi: 'Đang xử lý tại cơ quan phối hợp (liên thông)', en: 'At a co-operating agency' },
    kind: 'active',
    clockRuns: true,
  },
  AWAITING_SUPPLEMENT: {
    label: { vi: 'Chờ bổ sung giấy tờ', en: 'Awaiting supplement' },
    kind: 'paused',
    clockRuns: false,
  },
  AWAITING_PAYMENT: {
    label: { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Awaiting payment of financial obligations' },
    kind: 'paused',
    clockRuns: false,
  },
  PAUSED: {
    label: { vi: 'Tạm dừng theo quy định', en: 'Lawfully suspended' },
    kind: 'paused',
    clockRuns: false,
  },
  AWAITING_APPROVAL: {
    label: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
    kind: 'active',
    clockRuns: true,
  },
  APPROVED: {
    label: { vi: 'Đã phê duyệt, đang ban hành kết quả', en: 'Approved, result being issued' },
    kind: 'active',
    clockRuns: true,
  },
  RESULT_READY: {
    label: { vi: 'Đã xử lý xong, chờ trả kết quả', en: 'Result ready for return' },
    kind: 'active',
    clockRuns: false,
  },
  RETURNED: { label: { vi: 'Đã trả kết quả', en: 'Result returned' }, kind: 'terminal', clockRuns: false },
  WITHDRAWN: {
    label: { vi: 'Rút hồ sơ, dừng thực hiện theo yêu cầu', en: 'Withdrawn at the applicant’s request' },
    kind: 'terminal',
    clockRuns: false,
  },
  STOPPED: { label: { vi: 'Dừng xử lý', en: 'Processing stopped' }, kind: 'terminal', clockRuns: false },
  REFUSED_TO_SETTLE: {
    label: { vi: 'Từ chối giải quyết', en: 'Refused to settle' },
    kind: 'terminal',
    clockRuns: false,
  },
} as const satisfies Record<Status, StatusInfo>;

export const statusLabel = (status: Status): LocalizedText => STATUS_INFO[status].label;
export const statusKind = (status: Status): StatusKind => STATUS_INFO[status].kind;
export const clockRuns = (status: Status): boolean => STATUS_INFO[status].clockRuns;
export const isTerminal = (status: Status): boolean => STATUS_INFO[status].kind === 'terminal';

/**
 * National status code (1–10) of an internal status; null for a draft, which is never synchronised.
 * Written as an exhaustive switch (no `default:`) so that a new status must be mapped here on purpose.
 */
export function nationalStatusCode(status: Status): NationalStatusCode | null {
  switch (status) {
    case Status.DRAFT:
      return null;
    case Status.SUBMITTED:
      return NationalStatus.NEWLY_SUBMITTED;
    case Status.RECEIVED:
      return NationalStatus.RECEIVED;
    case Status.REFUSED_AT_RECEPTION:
      return NationalStatus.NOT_RECEIVED;
    case Status.IN_PROCESS:
    case Status.TRANSFERRED:
    case Status.AWAITING_APPROVAL:
    case Status.APPROVED:
    // A lawful suspension is not a stop: code 8 is an end-of-processing state in the 766 formula, so a
    // resumable pause reported as 8 would count the dossier as finished.
    case Status.PAUSED:
      return NationalStatus.IN_PROCESS;
    case Status.AWAITING_COMPLETION:
    case Status.AWAITING_SUPPLEMENT:
      return NationalStatus.SUPPLEMENT_REQUESTED;
    case Status.AWAITING_PAYMENT:
      return NationalStatus.FINANCIAL_OBLIGATION;
    case Status.WITHDRAWN:
      return NationalStatus.WITHDRAWN;
    case Status.STOPPED:
    // No national code means "refused after receipt"; 8 (stopped, with written reasons) is the closest
    // and, like refusal, is an end-of-processing state in the 766 formula.
    case Status.REFUSED_TO_SETTLE:
      return NationalStatus.STOPPED;
    case Status.RESULT_READY:
      return NationalStatus.FINISHED;
    case Status.RETURNED:
      return NationalStatus.RETURNED;
  }
  return assertNever(status, 'status');
}

/** Everything known about a status, for the API and the UI. */
export const statusInfo = (status: Status): StatusInfo & { readonly status: Status; readonly national: NationalStatusCode | null } => ({
  status,
  ...STATUS_INFO[status],
  national: nationalStatusCode(status),
});
