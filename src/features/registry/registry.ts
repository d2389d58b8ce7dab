/** Pure rules of the registry: which sites an actor may see. */
import type { Actor } from '../../server/context.js';

export type SiteVisibility =
  { all: true } | { all: false; programmeIds: string[]; siteIds: string[]; memberOrgIds: string[] };

/**
 * Administrators, programme officers with a system-wide grant and buyers (who look for
 * suppliers across the network) see every site; a programme officer sees the sites of their
 * programmes; site staff their sites; a UMKM member the sites it is registered at.
 */
export function siteVisibility(actor: Actor): SiteVisibility {
  const v = {
    all: false as const,
    programmeIds: [] as string[],
    siteIds: [] as string[],
    memberOrgIds: [] as string[],
  };
  for (const g of actor.grants) {
    if (g.role === 'administrator' || g.role === 'buyer') return { all: true };
    if (g.role === 'programme_officer') {
      if (g.scopeId === null) return { all: true };
      v.programmeIds.push(g.scopeId);
    } else if ((g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId) {
      v.siteIds.push(g.scopeId);
    } else if (g.role === 'umkm_member' && g.scopeId) {
      v.memberOrgIds.push(g.scopeId);
    }
  }
  return v;
}
