/**
 * What every use case receives besides its input: who acts, when, and request facts for the
 * audit log. HTTP routes, CLI commands, jobs and tests all build one of these explicitly.
 */
import type { Locale } from '../contracts/api.contract.js';
import type { Grant, Role } from '../features/accounts/accounts.contract.js';

export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  grants: Grant[];
  /** How the actor authenticated; `cli` and `system` are trusted local callers. */
  via: 'session' | 'token' | 'cli' | 'system';
  sessionId?: string;
}

export interface ServiceContext {
  actor: Actor | null;
  now: Date;
  requestId?: string;
  ip?: string;
}

export const hasRole = (actor: Actor | null, ...roles: Role[]): boolean =>
  !!actor && actor.grants.some((g) => roles.includes(g.role));

/** Label written to the audit log. */
export const actorLabel = (ctx: ServiceContext): string => ctx.actor?.email ?? 'system';
