/**
 * Pure rules of equipment: the controlled list of process capabilities and who may move a machine
 * to which status. Which uploaded files are accepted is shared: `server/files/files.ts`.
 */
import { canManageSite, canOperateSite, type SitePowers } from '../sites/sites.js';
import type { MachineStatus } from './equipment.contract.js';

export type StatusChangeVerdict =
  { ok: true } | { ok: false; reason: 'unchanged' | 'forbidden' | 'reason_required' };

/**
 * Site managers and administrators may set any status; site operators only take a machine out
 * of service and back (active ⇄ maintenance ⇄ broken), never retire or revive a retired one.
 * Breaking down and retiring need a reason.
 */
export function checkStatusChange(
  powers: SitePowers,
  siteId: string,
  from: MachineStatus,
  to: MachineStatus,
  reason: string | null,
): StatusChangeVerdict {
  if (!canOperateSite(powers, siteId)) return { ok: false, reason: 'forbidden' };
  if (from === to) return { ok: false, reason: 'unchanged' };
  if (!canManageSite(powers, siteId) && (to === 'retired' || from === 'retired'))
    return { ok: false, reason: 'forbidden' };
  if ((to === 'broken' || to === 'retired') && !reason?.trim())
    return { ok: false, reason: 'reason_required' };
  return { ok: true };
}
