/**
 * Route access, declared beside every route (`config: { access }`). The app refuses to start if
 * an /api route declares none, so nothing is public by accident. Scope (which site, which
 * organisation) is then applied by the use case through scoped queries.
 */
import type { Role } from '../../features/accounts/accounts.contract.js';
import type { Actor } from '../context.js';
import { DomainError } from '../domain-error.js';

export type Access =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, logged in or not. */
export const publicAccess: Access = { kind: 'public' };
/** Any logged-in user, whatever their role. */
export const authenticated: Access = { kind: 'authenticated' };
/** Users holding at least one of these roles (on any scope). */
export const rolesOnly = (...roles: Role[]): Access => ({ kind: 'roles', roles });

/** Throws the right 401/403 unless the actor passes the route's declared access. */
export function authorize(access: Access, actor: Actor | null, sessionEnded: boolean): void {
  if (access.kind === 'public') return;
  if (!actor) throw new DomainError(sessionEnded ? 'session_expired' : 'unauthenticated');
  if (access.kind === 'roles' && !actor.grants.some((g) => access.roles.includes(g.role))) {
    throw new DomainError('forbidden');
  }
}
