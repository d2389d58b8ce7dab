import { describe, expect, it } from 'vitest';
import {
  afterFailedLogin,
  isLocked,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  scopeFits,
  secondsUntilUnlocked,
} from './accounts.js';

const NOW = new Date('2026-07-21T03:00:00Z');

describe('login lockout rule', () => {
  it('locks the account on the fifth wrong password in a row, for fifteen minutes', () => {
    let s = { failedLoginCount: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      s = afterFailedLogin(s, NOW);
      expect(isLocked(s, NOW)).toBe(false);
    }
    s = afterFailedLogin(s, NOW);
    expect(isLocked(s, NOW)).toBe(true);
    expect(secondsUntilUnlocked(s, NOW)).toBe(LOCK_MINUTES * 60);
    expect(isLocked(s, new Date(NOW.getTime() + LOCK_MINUTES * 60_000))).toBe(false);
  });

  it('starts counting again after a lock, so the next lock needs five new failures', () => {
    const locked = { failedLoginCount: 0, lockedUntil: new Date(NOW.getTime() - 1) };
    expect(isLocked(afterFailedLogin(locked, NOW), NOW)).toBe(false);
  });
});

describe('role scopes', () => {
  it('grants administrators only on the whole system', () => {
    expect(scopeFits('administrator', 'system', null)).toBe(true);
    expect(scopeFits('administrator', 'site', '00000000-0000-4000-8000-000000000000')).toBe(false);
  });
  it('grants site roles on a site and member roles on an organisation, never on the system', () => {
    expect(scopeFits('site_manager', 'site', 'x')).toBe(true);
    expect(scopeFits('site_operator', 'system', null)).toBe(false);
    expect(scopeFits('umkm_member', 'organisation', 'x')).toBe(true);
    expect(scopeFits('buyer', 'site', 'x')).toBe(false);
  });
  it('lets programme officers work on one programme or on all of them', () => {
    expect(scopeFits('programme_officer', 'programme', 'x')).toBe(true);
    expect(scopeFits('programme_officer', 'system', null)).toBe(true);
    expect(scopeFits('programme_officer', 'programme', null)).toBe(false);
  });
});
