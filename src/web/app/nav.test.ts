import { describe, expect, it } from 'vitest';
import { ROLES, type Grant, type Role } from '../lib/contracts.js';
import { canSee, navFor, rolesOf, type NavKey } from './nav.js';

const keysFor = (roles: Role[]): NavKey[] => navFor(roles).map((item) => item.key);

describe('navigation by role', () => {
  it.each<[Role, NavKey[]]>([
    ['administrator', ['home', 'sites', 'users', 'audit', 'jobs', 'account']],
    ['programme_officer', ['home', 'sites', 'account']],
    ['site_manager', ['home', 'sites', 'account']],
    ['site_operator', ['home', 'sites', 'account']],
    ['umkm_member', ['home', 'sites', 'account']],
    ['buyer', ['home', 'sites', 'account']],
  ])('%s sees %j', (role, expected) => {
    expect(keysFor([role])).toEqual(expected);
  });

  it('shows the union of the menus, in menu order, to someone with several roles', () => {
    expect(keysFor(['site_manager', 'administrator'])).toEqual([
      'home',
      'sites',
      'users',
      'audit',
      'jobs',
      'account',
    ]);
  });

  it('offers a user whose grants were all removed only Home and Account', () => {
    expect(keysFor([])).toEqual(['home', 'account']);
  });

  it('guards pages with the same table that draws the menu', () => {
    for (const role of ROLES) {
      for (const key of ['home', 'sites', 'users', 'audit', 'jobs', 'account'] as NavKey[]) {
        expect(canSee(key, [role])).toBe(keysFor([role]).includes(key));
      }
    }
  });
});

describe('rolesOf', () => {
  it('lists each role once, in the canonical order', () => {
    const grant = (role: Role): Grant => ({
      role,
      scopeType: 'site',
      scopeId: null,
      scopeName: null,
    });
    expect(rolesOf([grant('buyer'), grant('site_manager'), grant('buyer')])).toEqual([
      'site_manager',
      'buyer',
    ]);
  });
});
