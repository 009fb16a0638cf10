/**
 * Life cycle of a procedure: draft → published (from an effective date) → amended (a new version;
 * dossiers keep the version they were filed under) → abolished. Pure: the service asks these
 * functions what is allowed and what to change, then writes it in one transaction.
 */
import { conflict, invalid } from '../../platform/errors.js';

export const ProcedureStatus = {
  DRAFT: 'draft',
  PUBLISHED: 'published',
  ABOLISHED: 'abolished',
} as const;
export type ProcedureStatus = (typeof ProcedureStatus)[keyof typeof ProcedureStatus];

export const VersionStatus = {
  DRAFT: 'draft',
  PUBLISHED: 'published',
  SUPERSEDED: 'superseded',
  ABOLISHED: 'abolished',
} as const;
export type VersionStatus = (typeof VersionStatus)[keyof typeof VersionStatus];

export const ProcedureAction = {
  EDIT: 'edit',
  PUBLISH: 'publish',
  AMEND: 'amend',
  ABOLISH: 'abolish',
} as const;
export type ProcedureAction = (typeof ProcedureAction)[keyof typeof ProcedureAction];

/**
 * Allowed actions per procedure status, depending on whether a working draft exists. A new status
 * without decided actions does not compile.
 */
const ALLOWED = {
  draft: { withDraft: ['edit', 'publish'], withoutDraft: [] },
  published: { withDraft: ['edit', 'publish', 'abolish'], withoutDraft: ['amend', 'abolish'] },
  abolished: { withDraft: [], withoutDraft: [] },
} as const satisfies Record<ProcedureStatus, { withDraft: readonly ProcedureAction[]; withoutDraft: readonly ProcedureAction[] }>;

export type LifecycleState = { status: ProcedureStatus; hasDraft: boolean };

export function availableActions(state: LifecycleState): ProcedureAction[] {
  const row = ALLOWED[state.status];
  return [...(state.hasDraft ? row.withDraft : row.withoutDraft)];
}

const ACTION_LABEL: Record<ProcedureAction, { vi: string; en: string }> = {
  edit: { vi: 'sửa bản dự thảo', en: 'edit the draft' },
  publish: { vi: 'công bố', en: 'publish' },
  amend: { vi: 'sửa đổi, bổ sung (tạo phiên bản mới)', en: 'amend (start a new version)' },
  abolish: { vi: 'bãi bỏ', en: 'abolish' },
};

const STATUS_LABEL: Record<ProcedureStatus, { vi: string; en: string }> = {
  draft: { vi: 'dự thảo', en: 'draft' },
  published: { vi: 'đã công bố', en: 'published' },
  abolished: { vi: 'đã bãi bỏ', en: 'abolished' },
};

/** Throws 409 ACTION_NOT_ALLOWED, listing what can be done instead. */
export function assertAction(state: LifecycleState, action: ProcedureAction): void {
  const available = availableActions(state);
  if (available.includes(action)) return;
  const a = ACTION_LABEL[action];
  const s = STATUS_LABEL[state.status];
  const why =
    state.status === 'published' && !state.hasDraft && (action === 'edit' || action === 'publish')
      ? { vi: '; hãy tạo phiên bản sửa đổi trước', en: '; amend it first to start a new version' }
      : state.status === 'published' && state.hasDraft && action === 'amend'
        ? { vi: '; đã có một phiên bản dự thảo đang soạn', en: '; a draft version is already open' }
        : { vi: '', en: '' };
  throw conflict(
    'ACTION_NOT_ALLOWED',
    { vi: `Không thể ${a.vi} thủ tục ở trạng thái ${s.vi}${why.vi}`, en: `Cannot ${a.en} a procedure that is ${s.en}${why.en}` },
    { status: state.status, action, availableActions: available },
  );
}

export type VersionPeriod = {
  number: number;
  status: VersionStatus;
  effectiveFrom: string | null;
  effectiveTo: string | null;
};

/**
 * The version in force on a date: the highest-numbered non-draft version whose
 * [effectiveFrom, effectiveTo) contains it. A dossier records this number when it is filed.
 */
export function versionInForce<T extends VersionPeriod>(versions: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.status === 'draft' || v.effectiveFrom === null) continue;
    if (v.effectiveFrom > date) continue;
    if (v.effectiveTo !== null && date >= v.effectiveTo) continue;
    if (best === null || v.number > best.number) best = v;
  }
  return best;
}

/**
 * The version to show citizens: the one in force today; before the first version takes effect, the
 * upcoming one; after abolition, the abolished one (so old links and dossiers still resolve).
 */
export function displayedVersion<T extends VersionPeriod>(versions: readonly T[], today: string): T | null {
  const inForce = versionInForce(versions, today);
  if (inForce) return inForce;
  const visible = versions.filter((v) => v.status !== 'draft').sort((a, b) => b.number - a.number);
  return visible[0] ?? null;
}

export type PublishPlan = {
  /** The version in force until now, and the day it stops applying. */
  supersede: { number: number; effectiveTo: string } | null;
};

/**
 * What publishing the draft on `effectiveFrom` changes. A new version cannot take effect before the
 * version it replaces did: that would rewrite which rules applied to dossiers already filed.
 */
export function planPublish(versions: readonly VersionPeriod[], effectiveFrom: string): PublishPlan {
  const current = versions.find((v) => v.status === 'published') ?? null;
  if (current === null) return { supersede: null };
  if (current.effectiveFrom !== null && effectiveFrom < current.effectiveFrom) {
    throw invalid(
      'EFFECTIVE_DATE_TOO_EARLY',
      {
        vi: `Ngày hiệu lực phải từ ${current.effectiveFrom} trở đi (ngày hiệu lực của phiên bản đang áp dụng)`,
        en: `The effective date must be on or after ${current.effectiveFrom}, when the current version took effect`,
      },
      { field: 'effectiveFrom', currentEffectiveFrom: current.effectiveFrom },
    );
  }
  return { supersede: { number: current.number, effectiveTo: effectiveFrom } };
}

/** Abolition ends the version in force; it cannot take effect before that version did. */
export function planAbolish(versions: readonly VersionPeriod[], effectiveFrom: string): { end: number | null } {
  const current = versions.find((v) => v.status === 'published') ?? null;
  if (current?.effectiveFrom && effectiveFrom < current.effectiveFrom) {
    throw invalid(
      'EFFECTIVE_DATE_TOO_EARLY',
      {
        vi: `Ngày bãi bỏ phải từ ${current.effectiveFrom} trở đi`,
        en: `The abolition date must be on or after ${current.effectiveFrom}`,
      },
      { field: 'effectiveFrom', currentEffectiveFrom: current.effectiveFrom },
    );
  }
  return { end: current?.number ?? null };
}

/** Who may manage a procedure: the procedure-control officers over all of its agencies. */
export type ControlScope = {
  /** Agencies under the caller's procedure-control grants (grants widened to their subtrees). */
  agencies: ReadonlySet<string>;
  /** Holds procedure control at a top-level agency (e.g. the province, H55): manages the whole catalog. */
  root: boolean;
};

/**
 * A procedure whose agencies are all in the caller's subtree may be managed by them. A procedure not
 * linked to any agency (e.g. imported from the national list) belongs to the top-level officer.
 */
export function canManage(scope: ControlScope, agencyCodes: readonly string[]): boolean {
  if (agencyCodes.length === 0) return scope.root;
  return agencyCodes.every((c) => scope.agencies.has(c));
}
