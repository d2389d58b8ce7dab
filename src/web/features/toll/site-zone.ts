/**
 * The sites the user sees (GET /api/sites, scoped by the API), with each site's zone: lots,
 * jobs and recalls carry a site id, and their times are shown in that site's zone (WIB, WITA
 * or WIT, always labelled) — never in the browser's.
 */
import type { SiteSummary, TimeZone } from '../../lib/contracts.js';
import { PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useSites } from '../organisations/site-select.js';

export function useSiteZones() {
  const sites = useSites();
  const siteOf = (siteId: string): SiteSummary | undefined =>
    sites.items.find((s) => s.id === siteId);
  const zoneOf = (siteId: string): TimeZone => siteOf(siteId)?.timeZone ?? PLATFORM_TIME_ZONE;
  return { sites, siteOf, zoneOf };
}
