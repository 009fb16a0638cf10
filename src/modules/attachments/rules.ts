/**
 * Who may add papers to a dossier, and when; who may read which. Pure rules, no HTTP or SQL.
 *
 * Components are named by position in the procedure version the dossier was filed under: the version's
 * `components` list is frozen once published, so `TP01` is its first paper for the dossier's lifetime.
 * Result documents of the competent body are the component `result`.
 */
import { isTerminal, Status, statusLabel } from '../dossiers/domain/index.js';
import { AppError, forbidden, invalid, type LocalizedText } from '../../platform/errors.js';

export const RESULT_COMPONENT = 'result';
export const RESULT_LABEL: LocalizedText = { vi: 'Kết quả giải quyết thủ tục hành chính', en: 'Result of the procedure' };

export const componentCode = (index: number) => `TP${String(index + 1).padStart(2, '0')}`;

export type ComponentInfo = { code: string; name: string; required: boolean | null };

/** The components a dossier of this procedure version can hold, then `result`. */
export function componentsOf(published: readonly { name: string; required: boolean | null }[]): ComponentInfo[] {
  return [
    ...published.map((c, i) => ({ code: componentCode(i), name: c.name, required: c.required })),
    { code: RESULT_COMPONENT, name: RESULT_LABEL.vi, required: null },
  ];
}

/** 400 unless `code` is one of the procedure's components (or `result`). */
export function getComponent(components: readonly ComponentInfo[], code: string, field = 'component'): ComponentInfo {
  const found = components.find((c) => c.code === code);
  if (found) return found;
  throw invalid(
    'ATTACHMENT_UNKNOWN_COMPONENT',
    { vi: `Thủ tục không có thành phần hồ sơ ${code}`, en: `The procedure has no dossier component ${code}` },
    { field, components: components.map((c) => c.code) },
  );
}

/**
 * What the caller is to this dossier: its applicant (or the person who filed it), a reception officer
 * of the receiving desk, a handling officer (specialist or approver) of the agency holding it or of the
 * competent agency. One person can hold several capacities.
 */
export type Capacity = { applicant: boolean; reception: boolean; handling: boolean };

/** The applicant adds papers before the desk accepts the dossier, and when asked to complete it. */
const APPLICANT_MAY_ADD: ReadonlySet<Status> = new Set([Status.DRAFT, Status.SUBMITTED, Status.AWAITING_COMPLETION, Status.AWAITING_SUPPLEMENT]);
/** Handling officers work on received dossiers only. */
const NOT_YET_RECEIVED: ReadonlySet<Status> = new Set([Status.DRAFT, Status.SUBMITTED, Status.AWAITING_COMPLETION]);
/** A result document exists from processing until it is handed over. */
const RESULT_MAY_BE_ADDED: ReadonlySet<Status> = new Set([Status.IN_PROCESS, Status.AWAITING_APPROVAL, Status.APPROVED, Status.RESULT_READY]);
/** The applicant sees result documents once the result is issued. */
const RESULT_VISIBLE_TO_APPLICANT: ReadonlySet<Status> = new Set([Status.RESULT_READY, Status.RETURNED]);

export type How = 'file' | 'paper' | 'reuse';

/** In which statuses this capacity may add this kind of paper (empty: never). */
function statusesFor(c: Capacity, component: string, how: How): (s: Status) => boolean {
  const tests: ((s: Status) => boolean)[] = [];
  if (component === RESULT_COMPONENT) {
    if (c.handling && how === 'file') tests.push((s) => RESULT_MAY_BE_ADDED.has(s));
  } else {
    // Only the desk or the handling body can vouch for a paper they hold in hand; applicants reuse files.
    if (c.applicant && how !== 'paper') tests.push((s) => APPLICANT_MAY_ADD.has(s));
    if (c.reception && how !== 'reuse') tests.push((s) => !isTerminal(s));
    if (c.handling && how !== 'reuse') tests.push((s) => !isTerminal(s) && !NOT_YET_RECEIVED.has(s));
  }
  return (s) => tests.some((t) => t(s));
}

/**
 * Throws unless the caller may add this paper now: 403 when their capacity never allows it, 409 when
 * it does but not in the dossier's current status.
 */
export function assertMayAttach(status: Status, capacity: Capacity, component: string, how: How): void {
  const allowedIn = statusesFor(capacity, component, how);
  if (allowedIn(status)) return;
  const everAllowed = (Object.values(Status) as Status[]).some(allowedIn);
  if (!everAllowed) throw forbidden({ component, how });
  const label = statusLabel(status);
  throw new AppError(
    'conflict',
    'ATTACHMENT_NOT_ALLOWED_IN_STATUS',
    {
      vi: `Không thể bổ sung giấy tờ khi hồ sơ ở trạng thái "${label.vi}"`,
      en: `Papers cannot be added while the dossier is "${label.en}"`,
    },
    { status, component },
  );
}

/** Officers who see the dossier see all its papers; the applicant sees results once issued. */
export function mayRead(status: Status, capacity: Capacity, component: string): boolean {
  if (!capacity.applicant) return true;
  return component !== RESULT_COMPONENT || RESULT_VISIBLE_TO_APPLICANT.has(status);
}
