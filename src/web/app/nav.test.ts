import { describe, expect, it } from 'vitest';
import { ROLES, type Grant, type Role } from '../lib/contracts.js';
import { canSee, NAV_ITEMS, navFor, rolesOf, type NavKey } from './nav.js';

const keysFor = (roles: Role[]): NavKey[] => navFor(roles).map((item) => item.key);

describe('navigation by role', () => {
  it.each<[Role, NavKey[]]>([
    [
      'administrator',
      [
        'home',
        'sites',
        'equipment',
        'bookings',
        'capacity',
        'lotIntake',
        'lots',
        'processJobs',
        'nonConformances',
        'qualityStandards',
        'spc',
        'recall',
        'training',
        'organisations',
        'registrations',
        'invoicing',
        'invoices',
        'hourPacks',
        'revenue',
        'subsidies',
        'programmes',
        'qualificationRules',
        'users',
        'audit',
        'jobs',
        'account',
      ],
    ],
    [
      'programme_officer',
      [
        'home',
        'sites',
        'equipment',
        'capacity',
        'lots',
        'processJobs',
        'nonConformances',
        'qualityStandards',
        'spc',
        'recall',
        'organisations',
        'invoices',
        'revenue',
        'subsidies',
        'programmes',
        'account',
      ],
    ],
    [
      'site_manager',
      [
        'home',
        'bookingsToday',
        'sites',
        'equipment',
        'bookings',
        'capacity',
        'lotIntake',
        'lots',
        'processJobs',
        'nonConformances',
        'qualityStandards',
        'spc',
        'recall',
        'training',
        'organisations',
        'registrations',
        'invoicing',
        'invoices',
        'hourPacks',
        'revenue',
        'account',
      ],
    ],
    [
      'site_operator',
      [
        'home',
        'bookingsToday',
        'sites',
        'equipment',
        'bookings',
        'capacity',
        'lotIntake',
        'lots',
        'processJobs',
        'nonConformances',
        'qualityStandards',
        'training',
        'organisations',
        'invoices',
        'hourPacks',
        'account',
      ],
    ],
    [
      'umkm_member',
      [
        'home',
        'sites',
        'equipment',
        'bookings',
        'capacity',
        'lots',
        'myOrganisation',
        'myInvoices',
        'hourPacks',
        'account',
      ],
    ],
    ['buyer', ['home', 'sites', 'equipment', 'myOrganisation', 'account']],
  ])('%s sees %j', (role, expected) => {
    expect(keysFor([role])).toEqual(expected);
  });

  it('shows the union of the menus, in menu order, to someone with several roles', () => {
    expect(keysFor(['site_manager', 'administrator'])).toEqual([
      'home',
      'bookingsToday',
      'sites',
      'equipment',
      'bookings',
      'capacity',
      'lotIntake',
      'lots',
      'processJobs',
      'nonConformances',
      'qualityStandards',
      'spc',
      'recall',
      'training',
      'organisations',
      'registrations',
      'invoicing',
      'invoices',
      'hourPacks',
      'revenue',
      'subsidies',
      'programmes',
      'qualificationRules',
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
      for (const item of NAV_ITEMS.filter((candidate) => candidate.menu !== false)) {
        expect(canSee(item.key, [role])).toBe(keysFor([role]).includes(item.key));
      }
    }
  });

  it('opens the member registration and import only to those who may register members', () => {
    const allowed = ROLES.filter((role) => canSee('organisationNew', [role]));
    expect(allowed).toEqual(['administrator', 'site_manager', 'site_operator']);
    // Export is for everyone who browses organisations; members have their own profile only.
    expect(ROLES.filter((role) => canSee('organisationTransfer', [role]))).toEqual([
      'administrator',
      'programme_officer',
      'site_manager',
      'site_operator',
    ]);
    expect(ROLES.every((role) => canSee('organisation', [role]))).toBe(true);
  });

  it('opens the registrations to those who admit members: administrators and site managers', () => {
    expect(ROLES.filter((role) => canSee('registrations', [role]))).toEqual([
      'administrator',
      'site_manager',
    ]);
  });

  it('lets members and site staff book, managers set booking rules, and everyone see a calendar', () => {
    expect(ROLES.filter((role) => canSee('machineBook', [role]))).toEqual([
      'administrator',
      'site_manager',
      'site_operator',
      'umkm_member',
    ]);
    expect(ROLES.filter((role) => canSee('bookingRules', [role]))).toEqual([
      'administrator',
      'site_manager',
    ]);
    expect(ROLES.filter((role) => canSee('bookingsToday', [role]))).toEqual([
      'site_manager',
      'site_operator',
    ]);
    expect(ROLES.every((role) => canSee('machineCalendar', [role]))).toBe(true);
  });

  it('gives money to those who handle it: managers invoice, members read their own bills', () => {
    const who = (key: NavKey) => ROLES.filter((role) => canSee(key, [role]));
    expect(who('invoicing')).toEqual(['administrator', 'site_manager']);
    expect(who('invoice')).toEqual([
      'administrator',
      'programme_officer',
      'site_manager',
      'site_operator',
      'umkm_member',
    ]);
    expect(who('myInvoices')).toEqual(['umkm_member']);
    expect(who('subsidies')).toEqual(['administrator', 'programme_officer']);
    expect(who('revenue')).toEqual(['administrator', 'programme_officer', 'site_manager']);
    expect(who('siteBilling')).not.toContain('buyer');
    expect(who('statement')).not.toContain('buyer');
  });
  it('lets site staff receive and inspect lots, members read their own, managers watch quality', () => {
    const who = (key: NavKey) => ROLES.filter((role) => canSee(key, [role]));
    expect(who('lotIntake')).toEqual(['administrator', 'site_manager', 'site_operator']);
    expect(who('processJobNew')).toEqual(['administrator', 'site_manager', 'site_operator']);
    expect(who('lotLabel')).toEqual(['administrator', 'site_manager', 'site_operator']);
    for (const key of ['lots', 'lot', 'lotReceipt', 'processJob', 'nonConformance'] as const)
      expect(who(key)).toEqual([
        'administrator',
        'programme_officer',
        'site_manager',
        'site_operator',
        'umkm_member',
      ]);
    expect(who('nonConformances')).not.toContain('umkm_member');
    expect(who('spc')).toEqual(['administrator', 'programme_officer', 'site_manager']);
    expect(who('recall')).toEqual(['administrator', 'programme_officer', 'site_manager']);
    // Specifications and plans: read by staff and officers (the API lets managers edit).
    expect(who('qualityStandards')).toEqual([
      'administrator',
      'programme_officer',
      'site_manager',
      'site_operator',
    ]);
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
