/**
 * Test support: a working calendar, a cast of actors, valid sample payloads and a driver that walks a
 * dossier through `decide` (so every fixture state is one the rules can actually produce).
 */
import { buildCalendar, OFFICIAL_SCHEDULES_2024_2026, vnTime } from '../../calendar/index.js';
import { Role, ROLES } from '../../../platform/auth/actor.js';
import { Action, Channel, type TransitionAction } from './actions.js';
import { availableActions, createDossier, decide, type DossierActor } from './available-actions.js';
import { formatDossierCode } from './dossier-code.js';
import type { DossierEvent, DossierState } from './history.js';
import type { PayloadOf } from './payloads.js';

export const calendar = buildCalendar({ schedules: OFFICIAL_SCHEDULES_2024_2026 });

/** The receiving desk (provincial PAS centre), the competent body, two co-operating bodies, a stranger. */
export const Agency = {
  desk: 'H15.01',
  lead: 'H15.50.05.13',
  coop: 'H15.50.07',
  coop2: 'G14.02',
  other: 'H22.99',
} as const;
export type AgencyName = keyof typeof Agency;

export const applicant: DossierActor = { id: 'citizen-an', applicant: true };
export const officer = (role: Role, agency: AgencyName): DossierActor => ({
  id: `${role}@${agency}`,
  roles: [role],
  agencyCode: Agency[agency],
});
export const reception = officer(Role.RECEPTION, 'desk');
export const specialist = officer(Role.SPECIALIST, 'lead');
export const approver = officer(Role.APPROVER, 'lead');
export const coopSpecialist = officer(Role.SPECIALIST, 'coop');
export const coopApprover = officer(Role.APPROVER, 'coop');

/** Everyone who might try: the applicant and every role at every agency. Keyed 'role@agency'. */
export const EVERYONE: ReadonlyArray<readonly [string, DossierActor]> = [
  ['applicant', applicant],
  ...ROLES.flatMap((role) =>
    (Object.keys(Agency) as AgencyName[]).map((a) => [`${role}@${a}`, officer(role, a)] as const),
  ),
];

/** The usual cast, in the order the driver tries them. */
export const CAST: readonly DossierActor[] = [applicant, reception, specialist, approver, coopSpecialist, coopApprover];

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Mon 02/03/2026 08:00, an ordinary working morning. */
export const T0 = vnTime(2026, 3, 2, 8, 0);

/** A valid payload for an action on a dossier (deterministic). */
export function samplePayload(action: TransitionAction, state: DossierState, now: Date): PayloadOf<TransitionAction> {
  switch (action) {
    case Action.SUBMIT_ONLINE:
      return {};
    case Action.RECEIVE:
      return {
        dossierCode: formatDossierCode({ agencyCode: state.competentAgencyCode, receivedAt: now, sequence: 12 }),
        timeLimit: { unit: 'working_days', value: 5 },
        stepBudget: { unit: 'working_hours', value: 4 },
      };
    case Action.REFUSE_RECEPTION:
      return { reasons: ['Không thuộc thẩm quyền giải quyết'] };
    case Action.REQUEST_SUPPLEMENT:
      return { items: [{ componentCode: 'TP01', reason: 'Bản sao chưa được chứng thực' }] };
    case Action.RECEIVE_SUPPLEMENT:
      return { items: (state.openSupplement?.items ?? []).map((i) => ({ componentCode: i.componentCode })) };
    case Action.ASSIGN:
      return { assigneeId: 'specialist@lead', stepBudget: { unit: 'working_days', value: 2 } };
    case Action.PROCESS_STEP:
      return { note: 'Đã thẩm định hồ sơ' };
    case Action.FORWARD:
      return { assigneeId: 'specialist@lead', stepName: 'Thẩm định', stepBudget: { unit: 'working_days', value: 1 } };
    case Action.SUBMIT_FOR_APPROVAL:
      return { approverId: 'approver@lead' };
    case Action.TRANSFER:
      return {
        toAgencyCode: state.holderAgencyCode === Agency.coop ? Agency.coop2 : Agency.coop,
        reason: 'Xác định nghĩa vụ tài chính',
        stepBudget: { unit: 'working_days', value: 1 },
      };
    case Action.RECEIVE_BACK:
      return {};
    case Action.PAUSE:
      return { reason: 'verification', legalBasis: 'Điều 12 Nghị định 123/2015/NĐ-CP' };
    case Action.RESUME:
      return {};
    case Action.REQUEST_PAYMENT:
      return { amount: 50_000, description: 'Lệ phí cấp giấy chứng nhận' };
    case Action.RECORD_PAYMENT:
      return { amount: state.payment?.amount ?? 0, receiptNumber: 'BL-0001' };
    case Action.APPROVE:
      return {};
    case Action.REFUSE_TO_SETTLE:
      return { reasons: ['Không đủ điều kiện theo quy định'] };
    case Action.RECORD_RESULT:
      return { documentNumber: '123/QĐ-UBND', summary: 'Cấp giấy phép' };
    case Action.RETURN_RESULT:
      return { method: 'desk', receiverName: 'Nguyễn Văn An' };
    case Action.WITHDRAW:
      return { reason: 'Không còn nhu cầu' };
    case Action.STOP_PROCESSING:
      return { reason: 'legal_ground', note: 'Theo quy định của luật chuyên ngành' };
    case Action.ISSUE_APOLOGY:
      return { reason: 'Cần xác minh thêm', newDue: new Date((state.due ?? now).getTime() + 3 * DAY) };
  }
}

export interface Walk {
  readonly state: DossierState;
  readonly events: DossierEvent[];
  readonly now: Date;
}

export function start(channel: Channel = Channel.ONLINE, at: Date = T0): Walk {
  const actor = channel === Channel.ONLINE ? applicant : reception;
  const res = createDossier(
    { procedureCode: '2.001035', channel, receivingAgencyCode: Agency.desk, competentAgencyCode: Agency.lead },
    actor,
    at,
  );
  if (!res.ok) throw res.error;
  return { state: res.next, events: res.events, now: at };
}

/** Applies one action with the first actor of the cast allowed to do it, `stepMs` after the last event. */
export function step(walk: Walk, action: TransitionAction, opts: { stepMs?: number; payload?: unknown; actor?: DossierActor } = {}): Walk {
  const now = new Date(walk.now.getTime() + (opts.stepMs ?? 30 * MINUTE));
  const actor = opts.actor ?? CAST.find((a) => availableActions(walk.state, a).includes(action));
  if (!actor) throw new Error(`nobody in the cast may ${action} in ${walk.state.status}`);
  const payload = opts.payload ?? samplePayload(action, walk.state, now);
  const res = decide(walk.state, action, actor, payload as never, now, calendar);
  if (!res.ok) throw new Error(`${action} in ${walk.state.status}: ${res.error.code} ${JSON.stringify(res.error.details)}`);
  return { state: res.next, events: [...walk.events, ...res.events], now };
}

export function walk(actions: readonly TransitionAction[], channel: Channel = Channel.ONLINE, at: Date = T0): Walk {
  let w = start(channel, at);
  for (const action of actions) w = step(w, action);
  return w;
}
