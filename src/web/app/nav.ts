/**
 * The one table of navigation: which page exists, where, and which roles see it. The layout
 * draws the menu from it and the router guards pages with it, so a menu item and its page can
 * never disagree. Pages reached from another page (a form, a detail) are in the table too,
 * marked `menu: false`. (The API still checks every request: hiding a link is not security.)
 */
import { ROLES, type Grant, type Role } from '../lib/contracts.js';
import type { MessageKey } from '../i18n/translate.js';

export type NavKey =
  | 'home'
  | 'sites'
  | 'site'
  | 'equipment'
  | 'equipmentNew'
  | 'equipmentExpiring'
  | 'equipmentTransfer'
  | 'search'
  | 'machine'
  | 'machineEdit'
  | 'machineCalendar'
  | 'machineBook'
  | 'bookingRules'
  | 'bookings'
  | 'bookingsToday'
  | 'capacity'
  | 'lotIntake'
  | 'lots'
  | 'lot'
  | 'lotReceipt'
  | 'lotLabel'
  | 'processJobs'
  | 'processJobNew'
  | 'processJob'
  | 'nonConformances'
  | 'nonConformance'
  | 'qualityStandards'
  | 'spc'
  | 'recall'
  | 'training'
  | 'trainingSession'
  | 'qualificationRules'
  | 'programmes'
  | 'programme'
  | 'organisations'
  | 'myOrganisation'
  | 'organisationNew'
  | 'organisationTransfer'
  | 'organisation'
  | 'registrations'
  | 'person'
  | 'invoicing'
  | 'invoices'
  | 'myInvoices'
  | 'invoice'
  | 'statement'
  | 'hourPacks'
  | 'revenue'
  | 'subsidies'
  | 'siteBilling'
  | 'users'
  | 'audit'
  | 'jobs'
  | 'account';

export interface NavItem {
  key: NavKey;
  path: string;
  label: MessageKey;
  /** 'everyone': every signed-in user, even one whose grants were all taken away. */
  roles: 'everyone' | readonly Role[];
  /** false: a page opened from another page, not listed in the menu. */
  menu?: false;
}

/**
 * Every role works with sites; the API decides which ones each user sees (administrators and
 * national officers all, a manager their own). A user without any grant has no sites.
 */
const SITE_ROLES = ROLES;
const ADMINISTRATORS: readonly Role[] = ['administrator'];

/**
 * Organisations (the API's organisationScope): administrators and programme officers browse
 * them all or their programme's, site managers and operators their sites' members. UMKM members
 * and buyers see only their own organisation — the API lists just it — so for them the item is
 * "My organisation", their own profile, instead of a list of one.
 */
const ORGANISATION_BROWSERS: readonly Role[] = [
  'administrator',
  'programme_officer',
  'site_manager',
  'site_operator',
];
const OWN_ORGANISATION: readonly Role[] = ['umkm_member', 'buyer'];
/** Who registers members, one by one or from a file (POST /api/organisations, imports). */
const MEMBER_REGISTRARS: readonly Role[] = ['administrator', 'site_manager', 'site_operator'];

/** Who admits self-registered UMKM (the API's registrationScope): administrators, site managers. */
const REGISTRATION_DECIDERS: readonly Role[] = ['administrator', 'site_manager'];

/** Machines: administrators and a site's manager add and change them (the API checks the site). */
const MACHINE_EDITORS: readonly Role[] = ['administrator', 'site_manager'];
/** Training sessions, attendance and qualifications at a site (the API's siteStaff). */
const SITE_STAFF: readonly Role[] = ['administrator', 'site_manager', 'site_operator'];
/**
 * Machine booking (the API's bookingPowers): members book for their own organisation, site
 * staff for the members of their sites. "Hari ini" is the board of a site's operators and
 * managers; searching free capacity serves everyone who plans machine time or watches it.
 */
const BOOKERS: readonly Role[] = ['administrator', 'site_manager', 'site_operator', 'umkm_member'];
const SITE_BOARD: readonly Role[] = ['site_manager', 'site_operator'];
const CAPACITY_SEEKERS: readonly Role[] = [
  'administrator',
  'programme_officer',
  'site_manager',
  'site_operator',
  'umkm_member',
];
/**
 * Toll processing and quality (the API's lotScope and quality powers): site staff receive
 * material, run jobs, inspect and hand lots back; members read their own lots (and the jobs
 * and non-conformances of them, opened from a lot); officers read their programme's sites.
 * Control charts and recall are for those who watch quality across lots: managers, officers.
 */
const LOT_READERS: readonly Role[] = [
  'administrator',
  'programme_officer',
  'site_manager',
  'site_operator',
  'umkm_member',
];
const QUALITY_BROWSERS: readonly Role[] = [
  'administrator',
  'programme_officer',
  'site_manager',
  'site_operator',
];
const QUALITY_WATCHERS: readonly Role[] = ['administrator', 'programme_officer', 'site_manager'];
/** Programmes and their budgets (GET /api/programmes). */
const PROGRAMME_READERS: readonly Role[] = ['administrator', 'programme_officer'];
/**
 * Money (the API's readScope and manageableSite): managers run the month-end invoicing, record
 * payments and sell hour packs at their sites; operators and programme officers read their
 * sites' invoices; members read their own ("Tagihan saya") and their packs. Revenue reports are
 * for managers and officers, subsidies for administrators and officers. Buyers have no bills.
 */
const MONEY_MANAGERS: readonly Role[] = ['administrator', 'site_manager'];
const INVOICE_BROWSERS: readonly Role[] = [
  'administrator',
  'programme_officer',
  'site_manager',
  'site_operator',
];
const INVOICE_READERS: readonly Role[] = [...INVOICE_BROWSERS, 'umkm_member'];
const PACK_HOLDERS: readonly Role[] = [
  'administrator',
  'site_manager',
  'site_operator',
  'umkm_member',
];
const REVENUE_READERS: readonly Role[] = ['administrator', 'programme_officer', 'site_manager'];

/** In menu order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', roles: 'everyone' },
  { key: 'bookingsToday', path: '/today', label: 'nav.bookingsToday', roles: SITE_BOARD },
  // Reached from the search box on the home page; each kind of hit is scoped by the server.
  { key: 'search', path: '/search', label: 'search.title', roles: 'everyone', menu: false },
  { key: 'sites', path: '/sites', label: 'nav.sites', roles: SITE_ROLES },
  // The API answers 404 for a site outside the user's scope.
  { key: 'site', path: '/sites/:id', label: 'site.detail', roles: SITE_ROLES, menu: false },
  // Every role reads the machines of the sites it sees (members and buyers look for machines).
  { key: 'equipment', path: '/equipment', label: 'nav.equipment', roles: SITE_ROLES },
  {
    key: 'equipmentNew',
    path: '/equipment/new',
    label: 'equipment.add',
    roles: MACHINE_EDITORS,
    menu: false,
  },
  {
    key: 'equipmentExpiring',
    path: '/equipment/expiring',
    label: 'equipment.expiring.title',
    roles: MACHINE_EDITORS,
    menu: false,
  },
  {
    // Import is for those who manage sites; export for everyone who browses machines.
    key: 'equipmentTransfer',
    path: '/equipment/transfer',
    label: 'transfer.equipment.title',
    roles: SITE_ROLES,
    menu: false,
  },
  {
    key: 'machine',
    path: '/equipment/:id',
    label: 'machine.detail',
    roles: SITE_ROLES,
    menu: false,
  },
  {
    // Every role that sees a machine sees when it is free; booking is for BOOKERS.
    key: 'machineCalendar',
    path: '/equipment/:id/calendar',
    label: 'calendar.title',
    roles: SITE_ROLES,
    menu: false,
  },
  {
    key: 'machineBook',
    path: '/equipment/:id/book',
    label: 'bookingForm.title',
    roles: BOOKERS,
    menu: false,
  },
  {
    key: 'bookingRules',
    path: '/equipment/:id/booking-rules',
    label: 'bookingRules.title',
    roles: MACHINE_EDITORS,
    menu: false,
  },
  // Members: their own bookings, offers, wait lists; staff: their sites' bookings.
  { key: 'bookings', path: '/bookings', label: 'nav.bookings', roles: BOOKERS },
  { key: 'capacity', path: '/capacity', label: 'nav.capacity', roles: CAPACITY_SEEKERS },
  { key: 'lotIntake', path: '/lots/intake', label: 'nav.lotIntake', roles: SITE_STAFF },
  { key: 'lots', path: '/lots', label: 'nav.lots', roles: LOT_READERS },
  {
    // The API answers 404 for a lot the user may not see (another member's, another site's).
    key: 'lot',
    path: '/lots/:id',
    label: 'lot.detail',
    roles: LOT_READERS,
    menu: false,
  },
  {
    key: 'lotReceipt',
    path: '/lots/:id/receipt',
    label: 'receipt.title',
    roles: LOT_READERS,
    menu: false,
  },
  {
    key: 'lotLabel',
    path: '/lots/:id/label',
    label: 'label.title',
    roles: SITE_STAFF,
    menu: false,
  },
  { key: 'processJobs', path: '/process-jobs', label: 'nav.processJobs', roles: QUALITY_BROWSERS },
  {
    key: 'processJobNew',
    path: '/process-jobs/new',
    label: 'jobNew.title',
    roles: SITE_STAFF,
    menu: false,
  },
  {
    // Members open the jobs of their own lots from the lot page.
    key: 'processJob',
    path: '/process-jobs/:id',
    label: 'processJob.detail',
    roles: LOT_READERS,
    menu: false,
  },
  {
    key: 'nonConformances',
    path: '/non-conformances',
    label: 'nav.nonConformances',
    roles: QUALITY_BROWSERS,
  },
  {
    key: 'nonConformance',
    path: '/non-conformances/:id',
    label: 'nc.detail',
    roles: LOT_READERS,
    menu: false,
  },
  {
    // Specifications and inspection plans: staff and officers read them; administrators and
    // site managers add and change them (the API says which, per item: canEdit).
    key: 'qualityStandards',
    path: '/quality/standards',
    label: 'nav.qualityStandards',
    roles: QUALITY_BROWSERS,
  },
  { key: 'spc', path: '/spc', label: 'nav.spc', roles: QUALITY_WATCHERS },
  { key: 'recall', path: '/recall', label: 'nav.recall', roles: QUALITY_WATCHERS },
  {
    key: 'machineEdit',
    path: '/equipment/:id/edit',
    label: 'machine.edit',
    roles: MACHINE_EDITORS,
    menu: false,
  },
  { key: 'training', path: '/training', label: 'nav.training', roles: SITE_STAFF },
  {
    key: 'trainingSession',
    path: '/training/sessions/:id',
    label: 'training.session.detail',
    roles: SITE_STAFF,
    menu: false,
  },
  {
    key: 'organisations',
    path: '/organisations',
    label: 'nav.organisations',
    roles: ORGANISATION_BROWSERS,
  },
  {
    // UMKM that registered themselves wait here for a manager of their site. (The public
    // registration form itself, /register, sits beside /login in routes.tsx: it has no user.)
    key: 'registrations',
    path: '/registrations',
    label: 'nav.registrations',
    roles: REGISTRATION_DECIDERS,
  },
  {
    key: 'myOrganisation',
    path: '/my-organisation',
    label: 'nav.myOrganisation',
    roles: OWN_ORGANISATION,
  },
  {
    key: 'organisationNew',
    path: '/organisations/new',
    label: 'organisations.add',
    roles: MEMBER_REGISTRARS,
    menu: false,
  },
  {
    // Import is for registrars; export for everyone who browses (the page shows what fits).
    key: 'organisationTransfer',
    path: '/organisations/transfer',
    label: 'transfer.title',
    roles: ORGANISATION_BROWSERS,
    menu: false,
  },
  {
    // The API answers 404 for an organisation outside the user's scope.
    key: 'organisation',
    path: '/organisations/:id',
    label: 'organisations.detail',
    roles: ROLES,
    menu: false,
  },
  {
    // A person's qualifications; the API answers 404 outside the user's scope.
    key: 'person',
    path: '/organisations/:id/people/:personId',
    label: 'people.detail',
    roles: ROLES,
    menu: false,
  },
  { key: 'invoicing', path: '/billing/run', label: 'nav.invoicing', roles: MONEY_MANAGERS },
  { key: 'invoices', path: '/invoices', label: 'nav.invoices', roles: INVOICE_BROWSERS },
  { key: 'myInvoices', path: '/my-invoices', label: 'nav.myInvoices', roles: ['umkm_member'] },
  {
    // The API answers 404 for an invoice outside the user's scope.
    key: 'invoice',
    path: '/invoices/:id',
    label: 'invoice.detail',
    roles: INVOICE_READERS,
    menu: false,
  },
  {
    key: 'statement',
    path: '/organisations/:id/statement',
    label: 'statement.title',
    roles: INVOICE_READERS,
    menu: false,
  },
  { key: 'hourPacks', path: '/hour-packs', label: 'nav.hourPacks', roles: PACK_HOLDERS },
  { key: 'revenue', path: '/billing/revenue', label: 'nav.revenue', roles: REVENUE_READERS },
  { key: 'subsidies', path: '/subsidies', label: 'nav.subsidies', roles: PROGRAMME_READERS },
  {
    // Opened from the site page; its manager edits, other staff and officers read.
    key: 'siteBilling',
    path: '/sites/:id/billing',
    label: 'billingSettings.title',
    roles: INVOICE_BROWSERS,
    menu: false,
  },
  { key: 'programmes', path: '/programmes', label: 'nav.programmes', roles: PROGRAMME_READERS },
  {
    key: 'programme',
    path: '/programmes/:id',
    label: 'programmes.detail',
    roles: PROGRAMME_READERS,
    menu: false,
  },
  {
    key: 'qualificationRules',
    path: '/qualification-rules',
    label: 'nav.qualificationRules',
    roles: ADMINISTRATORS,
  },
  { key: 'users', path: '/users', label: 'nav.users', roles: ADMINISTRATORS },
  { key: 'audit', path: '/audit', label: 'nav.audit', roles: ADMINISTRATORS },
  { key: 'jobs', path: '/jobs', label: 'nav.jobs', roles: ADMINISTRATORS },
  { key: 'account', path: '/account', label: 'nav.account', roles: 'everyone' },
];

/** Distinct roles of a user's grants, in the canonical order of ROLES. */
export function rolesOf(grants: readonly Grant[]): Role[] {
  const held = new Set(grants.map((grant) => grant.role));
  return ROLES.filter((role) => held.has(role));
}

function visibleTo(item: NavItem, roles: readonly Role[]): boolean {
  return item.roles === 'everyone' || item.roles.some((role) => roles.includes(role));
}

/** The menu for someone holding these roles: an item shows if any of them may see it. */
export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.menu !== false && visibleTo(item, roles));
}

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.key === key);
  if (!item) throw new Error(`unknown nav item ${key}`);
  return item;
}

export function canSee(key: NavKey, roles: readonly Role[]): boolean {
  return visibleTo(navItem(key), roles);
}
