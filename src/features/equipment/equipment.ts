/**
 * Pure rules of equipment: the controlled list of process capabilities, who may move a machine
 * to which status, and which uploaded files are accepted (by their first bytes, not their name).
 */
import { canManageSite, canOperateSite, type SitePowers } from '../sites/sites.js';
import type { MachineStatus } from './equipment.contract.js';

/** Largest document (PDF or image) and photo stored, in bytes; the database checks the same. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The real type of a file from its magic bytes; null when it is none of the accepted kinds. */
export function sniffContentType(bytes: Uint8Array): (typeof DOCUMENT_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (
    starts(0x52, 0x49, 0x46, 0x46) && // RIFF....WEBP
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  return null;
}

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
