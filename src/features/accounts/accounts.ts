/** Pure rules of accounts: lockout, session lifetime, which scope each role is granted on. */
import { ROLE_SCOPES, type Role, type ScopeType } from './accounts.contract.js';

export { ROLE_SCOPES };

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export const isLocked = (s: LoginState, now: Date): boolean =>
  s.lockedUntil !== null && s.lockedUntil.getTime() > now.getTime();

/** The state after one more wrong password: the fifth in a row locks and restarts the count. */
export function afterFailedLogin(s: LoginState, now: Date): LoginState {
  const count = s.failedLoginCount + 1;
  if (count >= MAX_FAILED_LOGINS) {
    return { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  }
  return { failedLoginCount: count, lockedUntil: s.lockedUntil };
}

export const secondsUntilUnlocked = (s: LoginState, now: Date): number =>
  s.lockedUntil ? Math.max(1, Math.ceil((s.lockedUntil.getTime() - now.getTime()) / 1000)) : 0;

export const sessionExpiry = (now: Date, days: number): Date =>
  new Date(now.getTime() + days * 86_400_000);

export const scopeFits = (role: Role, scopeType: ScopeType, scopeId: string | null): boolean =>
  ROLE_SCOPES[role].includes(scopeType) && (scopeType === 'system') === (scopeId === null);

/** API tokens look like `rpb_<43 base64url chars>`; the prefix shown in lists is 8 characters. */
export const TOKEN_PREFIX = 'rpb_';
export const tokenPrefixOf = (secret: string): string => secret.slice(0, TOKEN_PREFIX.length + 8);
