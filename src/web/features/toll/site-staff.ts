/**
 * A site's managers and operators (GET /api/sites/:id/staff), to pick a job's operator or a
 * corrective action's owner. The API answers only those who read the site.
 */
import type { z } from 'zod';
import type { SiteStaffItems } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';

export type SiteStaffT = z.infer<typeof SiteStaffItems>['items'][number];

/** `enabled` false: nothing is asked (e.g. the user cannot use the list). */
export function useSiteStaff(siteId: string, enabled = true) {
  return useResource<z.infer<typeof SiteStaffItems>>(
    enabled && siteId ? `/api/sites/${encodeURIComponent(siteId)}/staff` : null,
  );
}
