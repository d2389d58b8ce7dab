/**
 * Types of the money API shapes (from the contract schemas, see lib/contracts.ts) and the small
 * pure helpers the billing pages share: months, who manages which site, a member's own
 * organisations, hours from minutes.
 */
import type { z } from 'zod';
import type {
  BillingSettings,
  ClaimReport,
  CUSTOMER_CLASSES,
  Grant,
  HourPack,
  INVOICE_STATUSES,
  Invoice,
  InvoiceLine,
  InvoicingRunResult,
  PAYMENT_METHODS,
  Payment,
  PpnRate,
  PricedItem,
  Revenue,
  Statement,
  Subsidy,
  Tariff,
  TARIFF_BASES,
} from '../../lib/contracts.js';

export type BillingSettingsT = z.infer<typeof BillingSettings>;
export type TariffT = z.infer<typeof Tariff>;
export type PricedItemT = z.infer<typeof PricedItem>;
export type PpnRateT = z.infer<typeof PpnRate>;
export type SubsidyT = z.infer<typeof Subsidy>;
export type ClaimReportT = z.infer<typeof ClaimReport>;
export type HourPackT = z.infer<typeof HourPack>;
export type InvoiceT = z.infer<typeof Invoice>;
export type InvoiceLineT = z.infer<typeof InvoiceLine>;
export type InvoicingRunResultT = z.infer<typeof InvoicingRunResult>;
export type PaymentT = z.infer<typeof Payment>;
export type StatementT = z.infer<typeof Statement>;
export type RevenueT = z.infer<typeof Revenue>;
export type CustomerClassT = (typeof CUSTOMER_CLASSES)[number];
export type TariffBasisT = (typeof TARIFF_BASES)[number];
export type InvoiceStatusT = (typeof INVOICE_STATUSES)[number];
export type PaymentMethodT = (typeof PAYMENT_METHODS)[number];

export const invoicePath = (id: string) => `/api/invoices/${encodeURIComponent(id)}`;
/** The PDF of an invoice: a plain link, so the browser sends the session cookie itself. */
export const invoicePdfPath = (id: string) => `${invoicePath(id)}/pdf`;
export const sitePath = (id: string) => `/api/sites/${encodeURIComponent(id)}`;

/** "2026-03" → "2026-02"; "2026-01" → "2025-12". */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** First and last day of a month ("2024-02" → 2024-02-01 … 2024-02-29). */
export function monthBounds(month: string): { from: string; to: string } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** "March 2026" / "Maret 2026" for a YYYY-MM month. */
export function formatMonth(month: string, locale: 'id' | 'en'): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (!isMonth(month) || Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** "3,5" / "3.5" hours from minutes, without trailing zeros. */
export function hoursOf(minutes: number, locale: 'id' | 'en'): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    maximumFractionDigits: 2,
  }).format(minutes / 60);
}

/** Administrators manage every site's money; a site manager their own sites. */
export function managesSite(grants: readonly Grant[], siteId: string): boolean {
  return grants.some(
    (grant) =>
      grant.role === 'administrator' || (grant.role === 'site_manager' && grant.scopeId === siteId),
  );
}

/** Whether the user manages the money of any site (sells packs, runs invoicing). */
export function managesAnySite(grants: readonly Grant[]): boolean {
  return grants.some((grant) => grant.role === 'administrator' || grant.role === 'site_manager');
}

/** The organisations a UMKM member acts for (its grants' scopes). */
export function memberOrganisations(grants: readonly Grant[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const grant of grants) {
    if (grant.role === 'umkm_member' && grant.scopeId && !seen.has(grant.scopeId))
      seen.set(grant.scopeId, grant.scopeName ?? grant.scopeId);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * "Today" that no site has passed yet: the date in WIT, the easternmost zone. A member's
 * statement up to this day holds everything issued or paid today at any site.
 */
export const LATEST_ZONE = 'Asia/Jayapura' as const;
