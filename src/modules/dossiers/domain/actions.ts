/**
 * Dossier actions and the workflow table.
 *
 * TRANSITIONS is the single source of truth for "who may do what, in which status, with which effect":
 * the API refuses what it does not list, the UI shows the buttons it lists (availableActions), and the
 * history records its clock effect and slip. It is declared `as const satisfies Record<Status, …>`, so a
 * new status without decided actions does not compile (see transitions.test.ts).
 */
import { Role } from '../../../platform/auth/actor.js';
import type { LocalizedText } from '../../../platform/errors.js';
import { FormType } from './forms.js';
import { Status } from './status.js';

export const Action = {
  /** Birth of the dossier (a draft). Not in TRANSITIONS: it has no "from" status. */
  CREATE: 'CREATE',
  SUBMIT_ONLINE: 'SUBMIT_ONLINE',
  /** Accept the dossier at the one-stop desk (online dossier, or paper at the desk or by post). */
  RECEIVE: 'RECEIVE',
  REFUSE_RECEPTION: 'REFUSE_RECEPTION',
  /** Item by item: component code + reason. Before receipt it is the desk's completion request. */
  REQUEST_SUPPLEMENT: 'REQUEST_SUPPLEMENT',
  RECEIVE_SUPPLEMENT: 'RECEIVE_SUPPLEMENT',
  ASSIGN: 'ASSIGN',
  /** Record work on the current step (appraisal note, opinion) without a hand-over. */
  PROCESS_STEP: 'PROCESS_STEP',
  /** Hand over inside the agency (or from the desk to the competent body); a control-slip row. */
  FORWARD: 'FORWARD',
  SUBMIT_FOR_APPROVAL: 'SUBMIT_FOR_APPROVAL',
  /** Send to another agency or level (inter-agency one-stop). */
  TRANSFER: 'TRANSFER',
  /** The co-operating agency's part is over: the dossier is back with the lead agency. */
  RECEIVE_BACK: 'RECEIVE_BACK',
  PAUSE: 'PAUSE',
  RESUME: 'RESUME',
  REQUEST_PAYMENT: 'REQUEST_PAYMENT',
  RECORD_PAYMENT: 'RECORD_PAYMENT',
  APPROVE: 'APPROVE',
  REFUSE_TO_SETTLE: 'REFUSE_TO_SETTLE',
  /** The signed result is numbered, issued and sent to the desk: processing ends. */
  RECORD_RESULT: 'RECORD_RESULT',
  RETURN_RESULT: 'RETURN_RESULT',
  /** The applicant asks to withdraw / stop (Decree 118 art. 21). */
  WITHDRAW: 'WITHDRAW',
  STOP_PROCESSING: 'STOP_PROCESSING',
  /** Apology and new appointment: at most once, at least one working day before the due date. */
  ISSUE_APOLOGY: 'ISSUE_APOLOGY',
  /**
   * A change of the official working calendar moved the dossier's due dates. Recorded by the system on
   * the administrator's schedule change; like CREATE it is not in TRANSITIONS (nobody chooses it).
   */
  REDATE: 'REDATE',
} as const;
export type Action = (typeof Action)[keyof typeof Action];
export const ACTIONS = Object.values(Action) as [Action, ...Action[]];

/** Events the system records without anyone choosing them: the birth of the dossier and a re-dating. */
export type SystemAction = typeof Action.CREATE | typeof Action.REDATE;
const SYSTEM_ACTIONS: ReadonlySet<Action> = new Set<SystemAction>([Action.CREATE, Action.REDATE]);

/** Actions that move an existing dossier (every action but the system events). */
export type TransitionAction = Exclude<Action, SystemAction>;
export const TRANSITION_ACTIONS = ACTIONS.filter((a): a is TransitionAction => !SYSTEM_ACTIONS.has(a));

export const ACTION_LABELS: Record<Action, LocalizedText> = {
  CREATE: { vi: 'Tạo hồ sơ', en: 'Create dossier' },
  SUBMIT_ONLINE: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submit online' },
  RECEIVE: { vi: 'Tiếp nhận hồ sơ', en: 'Receive dossier' },
  REFUSE_RECEPTION: { vi: 'Từ chối tiếp nhận', en: 'Refuse reception' },
  REQUEST_SUPPLEMENT: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Request supplement' },
  RECEIVE_SUPPLEMENT: { vi: 'Tiếp nhận hồ sơ bổ sung', en: 'Receive supplement' },
  ASSIGN: { vi: 'Phân công xử lý', en: 'Assign' },
  PROCESS_STEP: { vi: 'Cập nhật kết quả xử lý bước', en: 'Record processing step' },
  FORWARD: { vi: 'Chuyển xử lý', en: 'Forward' },
  SUBMIT_FOR_APPROVAL: { vi: 'Trình phê duyệt', en: 'Submit for approval' },
  TRANSFER: { vi: 'Chuyển liên thông', en: 'Transfer to another agency' },
  RECEIVE_BACK: { vi: 'Nhận lại hồ sơ liên thông', en: 'Receive back from the co-operating agency' },
  PAUSE: { vi: 'Tạm dừng xử lý', en: 'Pause' },
  RESUME: { vi: 'Tiếp tục xử lý', en: 'Resume' },
  REQUEST_PAYMENT: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request payment of financial obligations' },
  RECORD_PAYMENT: { vi: 'Xác nhận đã thực hiện nghĩa vụ tài chính', en: 'Record payment' },
  APPROVE: { vi: 'Phê duyệt', en: 'Approve' },
  REFUSE_TO_SETTLE: { vi: 'Từ chối giải quyết', en: 'Refuse to settle' },
  RECORD_RESULT: { vi: 'Ban hành và chuyển kết quả', en: 'Record result' },
  RETURN_RESULT: { vi: 'Trả kết quả', en: 'Return result' },
  WITHDRAW: { vi: 'Rút hồ sơ, dừng thực hiện theo yêu cầu', en: 'Withdraw at the applicant’s request' },
  STOP_PROCESSING: { vi: 'Dừng xử lý', en: 'Stop processing' },
  ISSUE_APOLOGY: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apologise and set a new appointment' },
  REDATE: { vi: 'Điều chỉnh ngày hẹn do thay đổi lịch làm việc', en: 'Re-dated after a change of the working calendar' },
};

/** What an action does to the legal processing clock. */
export const ClockEffect = {
  START: 'start',
  PAUSE: 'pause',
  RESUME: 'resume',
  STOP: 'stop',
  NONE: 'none',
  /** Only the appointment given to the applicant moves (apology); the legal due date does not. */
  EXTEND: 'extend',
} as const;
export type ClockEffect = (typeof ClockEffect)[keyof typeof ClockEffect];

/** The applicant (dossier owner or their authorised representative) as a performer. */
export const APPLICANT = 'applicant';
export type Performer = Role | typeof APPLICANT;

/**
 * Which agency an officer must belong to:
 * desk = the receiving one-stop desk; holder = the agency holding the dossier now; lead = the competent
 * agency that settles it; holder_or_lead = either (a co-operating agency handing back electronically, or
 * the lead agency recording the paper file it got back).
 */
export type AgencyScope = 'desk' | 'holder' | 'lead' | 'holder_or_lead';

/** Who may perform an action. The applicant's ownership of the dossier is checked by the service. */
export type Allow = { readonly applicant?: 'owner' } & { readonly [R in Role]?: AgencyScope };

export interface TransitionSpec {
  readonly allow: Allow;
  readonly to: Status;
  readonly clock: ClockEffect;
  /** The slip the law pairs with the action, or null. */
  readonly form: FormType | null;
}

export type StatusTransitions = { readonly [A in TransitionAction]?: TransitionSpec };

const DESK = { [Role.RECEPTION]: 'desk' } as const;
const APPLICANT_OR_DESK = { applicant: 'owner', [Role.RECEPTION]: 'desk' } as const;
const PROCESSORS = { [Role.SPECIALIST]: 'holder', [Role.APPROVER]: 'holder' } as const;
const SPECIALIST = { [Role.SPECIALIST]: 'holder' } as const;
const LEADER = { [Role.APPROVER]: 'holder' } as const;
const LEAD_LEADER = { [Role.APPROVER]: 'lead' } as const;

const WITHDRAW_BEFORE_RECEIPT = { allow: APPLICANT_OR_DESK, to: Status.WITHDRAWN, clock: 'none', form: FormType.STOP_NOTICE } as const;
const WITHDRAW_AFTER_RECEIPT = { allow: APPLICANT_OR_DESK, to: Status.WITHDRAWN, clock: 'stop', form: FormType.STOP_NOTICE } as const;
const STOP = { allow: LEAD_LEADER, to: Status.STOPPED, clock: 'stop', form: FormType.STOP_NOTICE } as const;
const RECEIVE = { allow: DESK, to: Status.RECEIVED, clock: 'start', form: FormType.RECEIPT } as const;
const REFUSE_RECEPTION = { allow: DESK, to: Status.REFUSED_AT_RECEPTION, clock: 'none', form: FormType.REFUSAL } as const;
const REQUEST_COMPLETION = {
  allow: DESK,
  to: Status.AWAITING_COMPLETION,
  clock: 'none',
  form: FormType.SUPPLEMENT_REQUEST,
} as const;

export const TRANSITIONS = {
  [Status.DRAFT]: {
    [Action.SUBMIT_ONLINE]: { allow: { applicant: 'owner' }, to: Status.SUBMITTED, clock: 'none', form: null },
    // A paper dossier being entered at the desk: the officer accepts, asks for completion, or refuses.
    [Action.RECEIVE]: RECEIVE,
    [Action.REFUSE_RECEPTION]: REFUSE_RECEPTION,
    [Action.REQUEST_SUPPLEMENT]: REQUEST_COMPLETION,
  },
  [Status.SUBMITTED]: {
    [Action.RECEIVE]: RECEIVE,
    [Action.REFUSE_RECEPTION]: REFUSE_RECEPTION,
    [Action.REQUEST_SUPPLEMENT]: REQUEST_COMPLETION,
    [Action.WITHDRAW]: WITHDRAW_BEFORE_RECEIPT,
  },
  [Status.AWAITING_COMPLETION]: {
    [Action.RECEIVE_SUPPLEMENT]: { allow: APPLICANT_OR_DESK, to: Status.SUBMITTED, clock: 'none', form: null },
    [Action.REFUSE_RECEPTION]: REFUSE_RECEPTION,
    [Action.WITHDRAW]: WITHDRAW_BEFORE_RECEIPT,
  },
  [Status.RECEIVED]: {
    [Action.FORWARD]: { allow: DESK, to: Status.IN_PROCESS, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  [Status.REFUSED_AT_RECEPTION]: {},
  [Status.IN_PROCESS]: {
    [Action.ASSIGN]: { allow: LEADER, to: Status.IN_PROCESS, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.PROCESS_STEP]: { allow: PROCESSORS, to: Status.IN_PROCESS, clock: 'none', form: null },
    [Action.FORWARD]: { allow: PROCESSORS, to: Status.IN_PROCESS, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.SUBMIT_FOR_APPROVAL]: {
      allow: SPECIALIST,
      to: Status.AWAITING_APPROVAL,
      clock: 'none',
      form: FormType.CONTROL_SLIP,
    },
    [Action.TRANSFER]: { allow: PROCESSORS, to: Status.TRANSFERRED, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.REQUEST_SUPPLEMENT]: {
      allow: PROCESSORS,
      to: Status.AWAITING_SUPPLEMENT,
      clock: 'pause',
      form: FormType.SUPPLEMENT_REQUEST,
    },
    [Action.REQUEST_PAYMENT]: {
      allow: PROCESSORS,
      to: Status.AWAITING_PAYMENT,
      clock: 'pause',
      form: FormType.PAYMENT_REQUEST,
    },
    [Action.PAUSE]: { allow: PROCESSORS, to: Status.PAUSED, clock: 'pause', form: null },
    [Action.ISSUE_APOLOGY]: {
      allow: LEADER,
      to: Status.IN_PROCESS,
      clock: 'extend',
      form: FormType.APOLOGY_EXTENSION,
    },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  [Status.TRANSFERRED]: {
    [Action.ASSIGN]: { allow: LEADER, to: Status.TRANSFERRED, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.PROCESS_STEP]: { allow: PROCESSORS, to: Status.TRANSFERRED, clock: 'none', form: null },
    [Action.FORWARD]: { allow: PROCESSORS, to: Status.TRANSFERRED, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.TRANSFER]: { allow: PROCESSORS, to: Status.TRANSFERRED, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.RECEIVE_BACK]: {
      allow: { [Role.SPECIALIST]: 'holder_or_lead', [Role.APPROVER]: 'holder_or_lead' },
      to: Status.IN_PROCESS,
      clock: 'none',
      form: FormType.CONTROL_SLIP,
    },
    // The agency holding the dossier is the one causing the delay, so it apologises.
    [Action.ISSUE_APOLOGY]: {
      allow: LEADER,
      to: Status.TRANSFERRED,
      clock: 'extend',
      form: FormType.APOLOGY_EXTENSION,
    },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  [Status.AWAITING_SUPPLEMENT]: {
    [Action.RECEIVE_SUPPLEMENT]: { allow: APPLICANT_OR_DESK, to: Status.IN_PROCESS, clock: 'resume', form: null },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  [Status.AWAITING_PAYMENT]: {
    [Action.RECORD_PAYMENT]: {
      allow: { [Role.RECEPTION]: 'desk', [Role.SPECIALIST]: 'holder' },
      to: Status.IN_PROCESS,
      clock: 'resume',
      form: null,
    },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  [Status.PAUSED]: {
    [Action.RESUME]: { allow: PROCESSORS, to: Status.IN_PROCESS, clock: 'resume', form: null },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  [Status.AWAITING_APPROVAL]: {
    [Action.APPROVE]: { allow: LEADER, to: Status.APPROVED, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.REFUSE_TO_SETTLE]: {
      allow: LEADER,
      to: Status.REFUSED_TO_SETTLE,
      clock: 'stop',
      form: FormType.SETTLEMENT_REFUSAL,
    },
    // Sent back to the specialist for rework.
    [Action.FORWARD]: { allow: LEADER, to: Status.IN_PROCESS, clock: 'none', form: FormType.CONTROL_SLIP },
    [Action.ISSUE_APOLOGY]: {
      allow: LEADER,
      to: Status.AWAITING_APPROVAL,
      clock: 'extend',
      form: FormType.APOLOGY_EXTENSION,
    },
    [Action.WITHDRAW]: WITHDRAW_AFTER_RECEIPT,
    [Action.STOP_PROCESSING]: STOP,
  },
  // A signed decision exists: no withdrawal or stop any more (Decree 118 art. 21, Circular 03 art. 7).
  [Status.APPROVED]: {
    [Action.RECORD_RESULT]: { allow: PROCESSORS, to: Status.RESULT_READY, clock: 'stop', form: FormType.CONTROL_SLIP },
    [Action.ISSUE_APOLOGY]: {
      allow: LEADER,
      to: Status.APPROVED,
      clock: 'extend',
      form: FormType.APOLOGY_EXTENSION,
    },
  },
  [Status.RESULT_READY]: {
    [Action.RETURN_RESULT]: { allow: DESK, to: Status.RETURNED, clock: 'none', form: null },
  },
  [Status.RETURNED]: {},
  [Status.WITHDRAWN]: {},
  [Status.STOPPED]: {},
  [Status.REFUSED_TO_SETTLE]: {},
} as const satisfies Record<Status, StatusTransitions>;

/** The table entry for an action in a status, or undefined when the status does not allow it. */
export function transitionOf(status: Status, action: TransitionAction): TransitionSpec | undefined {
  const row: StatusTransitions = TRANSITIONS[status];
  return row[action];
}

/** Actions a status allows to someone, in table order. */
export function actionsOfStatus(status: Status): TransitionAction[] {
  return Object.keys(TRANSITIONS[status]) as TransitionAction[];
}

/** Performers named in an entry. */
export function performersOf(spec: TransitionSpec): Performer[] {
  return Object.keys(spec.allow) as Performer[];
}

// ---------------------------------------------------------------------------------------------
// Enumerations used in payloads

/** How the dossier reached the one-stop unit (KenhThucHien 1 direct, 2 online, 3 postal). */
export const Channel = { DESK: 'desk', ONLINE: 'online', POST: 'post' } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/**
 * Lawful suspensions other than supplement (5) and payment (6). Each must rest on a sector law, whose
 * reference the PAUSE payload carries (`legalBasis`).
 */
export const PauseReason = {
  VERIFICATION: 'verification',
  EXPERT_ASSESSMENT: 'expert_assessment',
  VIOLATION_HANDLING: 'violation_handling',
  DISPUTE: 'dispute',
  FORCE_MAJEURE: 'force_majeure',
} as const;
export type PauseReason = (typeof PauseReason)[keyof typeof PauseReason];
export const PAUSE_REASON_LABELS: Record<PauseReason, LocalizedText> = {
  verification: { vi: 'Xác minh theo quy định của pháp luật chuyên ngành', en: 'Verification required by sector law' },
  expert_assessment: { vi: 'Trưng cầu giám định', en: 'Expert assessment' },
  violation_handling: { vi: 'Xem xét, xử lý vi phạm pháp luật liên quan', en: 'Handling a related violation' },
  dispute: { vi: 'Có tranh chấp, khiếu nại đang được giải quyết', en: 'A related dispute or complaint is pending' },
  force_majeure: { vi: 'Sự kiện bất khả kháng', en: 'Force majeure' },
};

/** Grounds on which the competent body stops processing (the applicant's own request is WITHDRAW). */
export const StopReason = {
  SUPPLEMENT_OVERDUE: 'supplement_overdue',
  PAYMENT_OVERDUE: 'payment_overdue',
  APPLICANT_CEASED: 'applicant_ceased',
  LEGAL_GROUND: 'legal_ground',
} as const;
export type StopReason = (typeof StopReason)[keyof typeof StopReason];
export const STOP_REASON_LABELS: Record<StopReason, LocalizedText> = {
  supplement_overdue: { vi: 'Quá thời hạn mà không bổ sung hồ sơ', en: 'Supplement not provided in time' },
  payment_overdue: { vi: 'Không thực hiện nghĩa vụ tài chính', en: 'Financial obligation not fulfilled' },
  applicant_ceased: {
    vi: 'Người yêu cầu chết, tổ chức giải thể hoặc chấm dứt hoạt động',
    en: 'Applicant deceased or organisation dissolved',
  },
  legal_ground: { vi: 'Căn cứ khác theo quy định của pháp luật chuyên ngành', en: 'Another ground under sector law' },
};

/** How the result was handed over (HinhThuc 0 desk, 1 postal; plus electronic results). */
export const ReturnMethod = { DESK: 'desk', POST: 'post', ONLINE: 'online' } as const;
export type ReturnMethod = (typeof ReturnMethod)[keyof typeof ReturnMethod];
