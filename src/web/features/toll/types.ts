/**
 * Types of the toll-processing API shapes (see lib/contracts.ts), the paths of its pages, the
 * product types a lot can be, and who counts as a site's staff (the API's own rule: managers and
 * operators of the site, and administrators; the API checks every write again).
 */
import type { z } from 'zod';
import type {
  Genealogy,
  GenealogyNode,
  Grant,
  LOT_STATUSES,
  Lot,
  LotKind,
  LotSummary,
  ProcessJob,
  Recall,
  Stock,
} from '../../lib/contracts.js';

export type LotT = z.infer<typeof Lot>;
export type LotSummaryT = z.infer<typeof LotSummary>;
export type LotStatusT = (typeof LOT_STATUSES)[number];
export type LotKindT = z.infer<typeof LotKind>;
export type ProcessJobT = z.infer<typeof ProcessJob>;
export type GenealogyT = z.infer<typeof Genealogy>;
export type GenealogyNodeT = z.infer<typeof GenealogyNode>;
export type RecallT = z.infer<typeof Recall>;
export type RecallItemT = RecallT['items'][number];
export type StockT = z.infer<typeof Stock>;

export const LOT_KINDS: readonly LotKindT[] = ['intake', 'output', 'byproduct'];

/**
 * The product types the database knows (migration 0009's controlled list). The API has no list
 * of them yet, so the forms offer these; a lot always carries its own name from the API too.
 */
export const PRODUCT_TYPES = [
  'patchouli_leaves',
  'patchouli_oil',
  'hydrosol',
  'distillation_residue',
  'cocoa_beans_wet',
  'cocoa_beans',
  'cocoa_shells',
  'other',
] as const;
export type ProductTypeT = (typeof PRODUCT_TYPES)[number];
export const isKnownProduct = (code: string): code is ProductTypeT =>
  (PRODUCT_TYPES as readonly string[]).includes(code);

export const lotApi = (id: string) => `/api/lots/${encodeURIComponent(id)}`;
export const jobApi = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;

export const lotPath = (id: string) => `/lots/${encodeURIComponent(id)}`;
export const receiptPath = (id: string) => `${lotPath(id)}/receipt`;
export const labelPath = (id: string) => `${lotPath(id)}/label`;
export const jobPath = (id: string) => `/process-jobs/${encodeURIComponent(id)}`;
export const ncPath = (id: string) => `/non-conformances/${encodeURIComponent(id)}`;
export const recallPath = (lotId: string) => `/recall?lotId=${encodeURIComponent(lotId)}`;

/** The sites where the user is staff (manager or operator); administrators are staff anywhere. */
export function staffSiteIds(grants: readonly Grant[]): string[] {
  const ids = grants
    .filter((g) => (g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId)
    .map((g) => g.scopeId!);
  return [...new Set(ids)];
}

export function isAdministrator(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.role === 'administrator');
}

export function isStaffAt(grants: readonly Grant[], siteId: string): boolean {
  return isAdministrator(grants) || staffSiteIds(grants).includes(siteId);
}

/** The member organisations the user acts for. */
export function memberOrgs(grants: readonly Grant[]): { id: string; name: string }[] {
  return grants
    .filter((g) => g.role === 'umkm_member' && g.scopeId)
    .map((g) => ({ id: g.scopeId!, name: g.scopeName ?? g.scopeId! }));
}
