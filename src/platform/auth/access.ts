import type { Actor, Role } from './actor.js';
import { hasAnyRole } from './actor.js';

/**
 * Every route under /api declares who may call it; a route without a declaration fails at start-up
 * (deny by default). Agency scoping of the data itself is done by each module's queries.
 */
export type Access =
  | { public: true }
  | { signedIn: true; personKinds?: readonly ('citizen' | 'business' | 'officer' | 'service')[] }
  | { roles: readonly Role[] };

export const PUBLIC: Access = { public: true };
export const SIGNED_IN: Access = { signedIn: true };
export const APPLICANTS: Access = { signedIn: true, personKinds: ['citizen', 'business'] };
export const anyOf = (...roles: Role[]): Access => ({ roles });

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function decideAccess(access: Access, actor: Actor): AccessDecision {
  if ('public' in access) return 'allow';
  if (actor.kind !== 'person') return 'unauthenticated';
  if ('roles' in access) return hasAnyRole(actor, access.roles) ? 'allow' : 'forbidden';
  if (access.personKinds && !access.personKinds.includes(actor.personKind)) return 'forbidden';
  return 'allow';
}

export function describeAccess(access: Access): string {
  if ('public' in access) return 'public';
  if ('roles' in access) return `roles: ${access.roles.join(', ')}`;
  return access.personKinds ? `signed in as ${access.personKinds.join(' or ')}` : 'signed in';
}
