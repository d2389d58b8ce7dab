/**
 * Shared steps of the end-to-end journeys. Selectors use names and test ids that do not change
 * with the UI language, so one journey can switch languages halfway.
 */
import { expect, request, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'rpb-demo-2026';

type NavKey =
  | 'home'
  | 'bookingsToday'
  | 'sites'
  | 'equipment'
  | 'bookings'
  | 'capacity'
  | 'lotIntake'
  | 'lots'
  | 'processJobs'
  | 'nonConformances'
  | 'qualityStandards'
  | 'spc'
  | 'recall'
  | 'training'
  | 'organisations'
  | 'registrations'
  | 'myOrganisation'
  | 'invoicing'
  | 'invoices'
  | 'myInvoices'
  | 'hourPacks'
  | 'revenue'
  | 'subsidies'
  | 'programmes'
  | 'qualificationRules'
  | 'users'
  | 'audit'
  | 'jobs'
  | 'account';
/**
 * Staff and programme officers browse organisations; members and buyers see their own. Site
 * managers also admit self-registered UMKM (Pendaftaran); operators do not. Site staff have
 * their day's board (Hari ini); members and staff book machines (Pemesanan) and search free
 * capacity; buyers do neither. Money: managers run the month-end invoicing and see revenue,
 * staff browse their sites' invoices and hour packs, members have "Tagihan saya" and their packs.
 * Toll processing and quality: staff receive material, run jobs, work non-conformances and
 * read the standards and plans (managers edit them); members see their own lots; managers and
 * officers also watch SPC charts and recalls.
 */
const STAFF_NAV: NavKey[] = [
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
];
const MANAGER_NAV: NavKey[] = [
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
];
const MEMBER_NAV: NavKey[] = [
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
];
const OWN_ORGANISATION_NAV: NavKey[] = ['home', 'sites', 'equipment', 'myOrganisation', 'account'];

/** The demo users seeded by `RPB_DEMO=1`, with the menu each must see. */
export const DEMO_USERS = [
  {
    email: 'admin@demo.rpb.test',
    role: 'administrator',
    nav: [
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
  },
  {
    email: 'pejabat@demo.rpb.test',
    role: 'programme_officer',
    nav: [
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
  },
  { email: 'manajer.aceh@demo.rpb.test', role: 'site_manager', nav: MANAGER_NAV },
  { email: 'operator.aceh@demo.rpb.test', role: 'site_operator', nav: STAFF_NAV },
  { email: 'anggota@demo.rpb.test', role: 'umkm_member', nav: MEMBER_NAV },
  { email: 'pembeli@demo.rpb.test', role: 'buyer', nav: OWN_ORGANISATION_NAV },
] as const satisfies readonly { email: string; role: string; nav: readonly NavKey[] }[];

export function demoUser(role: (typeof DEMO_USERS)[number]['role']) {
  const user = DEMO_USERS.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`no demo user with role ${role}`);
  return user;
}

/** Fills and sends the login form; does not wait for the outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

export async function login(page: Page, email: string, password: string = DEMO_PASSWORD) {
  await page.goto('/login');
  await submitLogin(page, email, password);
  // The menu may be folded away on a phone, but it is there once signed in.
  await expect(page.getByTestId('main-nav')).toBeAttached();
}

/** Logs out through the menu (opening it first on a narrow screen). */
export async function logout(page: Page) {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId('logout').click();
  await expect(page.locator('input[name="email"]')).toBeVisible();
}

/** Waits until a page has no list still loading and shows no error. */
export async function expectLoaded(page: Page) {
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
}

/** A unique address per run and journey, so journeys never depend on each other's users. */
export function uniqueEmail(label: string): string {
  return `e2e.${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}

/**
 * Creates a user through the API as the demo administrator — for journeys that change a
 * user's settings and must not touch the demo users. (The password journey creates its user
 * through the UI instead, which is part of what it tests.)
 */
export async function createUserViaApi(
  baseURL: string,
  user: {
    email: string;
    name: string;
    password: string;
    role: 'programme_officer' | 'administrator';
  },
) {
  const api = await request.newContext({ baseURL });
  try {
    const login = await api.post('/api/auth/login', {
      data: { email: demoUser('administrator').email, password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await api.post('/api/users', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: {
        email: user.email,
        name: user.name,
        password: user.password,
        locale: 'id',
        grants: [{ role: user.role, scopeType: 'system', scopeId: null }],
      },
    });
    expect(created.status()).toBe(201);
  } finally {
    await api.dispose();
  }
}
