/**
 * The one table of navigation: which page exists, where, and which roles see it. The layout
 * draws the menu from it and the router guards pages with it, so a menu item and its page can
 * never disagree. (The API still checks every request: hiding a link is not security.)
 */
import { ROLES, type Grant, type Role } from '../lib/contracts.js';
import type { MessageKey } from '../i18n/translate.js';

export type NavKey = 'home' | 'sites' | 'users' | 'audit' | 'jobs' | 'account';

export interface NavItem {
  key: NavKey;
  path: string;
  label: MessageKey;
  /** 'everyone': every signed-in user, even one whose grants were all taken away. */
  roles: 'everyone' | readonly Role[];
}

/**
 * Every role works with sites; the API decides which ones each user sees (administrators and
 * national officers all, a manager their own). A user without any grant has no sites.
 */
const SITE_ROLES = ROLES;
const ADMINISTRATORS: readonly Role[] = ['administrator'];

/** In menu order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', roles: 'everyone' },
  { key: 'sites', path: '/sites', label: 'nav.sites', roles: SITE_ROLES },
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
  return NAV_ITEMS.filter((item) => visibleTo(item, roles));
}

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.key === key);
  if (!item) throw new Error(`unknown nav item ${key}`);
  return item;
}

export function canSee(key: NavKey, roles: readonly Role[]): boolean {
  return visibleTo(navItem(key), roles);
}
