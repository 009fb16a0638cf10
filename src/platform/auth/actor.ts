/** Officer roles, each scoped to one agency. The names are the ones used in the API and the UI. */
export const Role = {
  RECEPTION: 'reception',
  SPECIALIST: 'specialist',
  APPROVER: 'approver',
  PROCEDURE_CONTROL: 'procedure_control',
  REPORTING: 'reporting',
  ADMIN: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [Role, ...Role[]];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  reception: { vi: 'Tiếp nhận (một cửa)', en: 'Reception (one-stop desk)' },
  specialist: { vi: 'Chuyên viên xử lý', en: 'Specialist' },
  approver: { vi: 'Lãnh đạo phê duyệt', en: 'Approver (leader)' },
  procedure_control: { vi: 'Kiểm soát thủ tục hành chính', en: 'Procedure control' },
  reporting: { vi: 'Báo cáo, thống kê', en: 'Reporting' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
};

export type RoleGrant = { agencyCode: string; role: Role };

export type PersonKind = 'citizen' | 'business' | 'officer' | 'service';

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'person';
      id: string;
      username: string;
      fullName: string;
      personKind: PersonKind;
      roles: RoleGrant[];
      /** How the caller proved who they are: a browser session (needs CSRF) or a bearer token. */
      via: 'session' | 'token';
    };

export type PersonActor = Extract<Actor, { kind: 'person' }>;

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

/** Agencies where the actor holds one of the given roles (before widening to sub-agencies). */
export function agenciesWithRole(actor: Actor, roles: readonly Role[]): string[] {
  if (actor.kind !== 'person') return [];
  return [...new Set(actor.roles.filter((g) => roles.includes(g.role)).map((g) => g.agencyCode))];
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return agenciesWithRole(actor, roles).length > 0;
}
