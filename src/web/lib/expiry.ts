/**
 * Whether a certificate or document is still valid on a day: expired, expiring within the warning window
 * (renewals take weeks, e.g. halal or SNI), or valid. Days are `YYYY-MM-DD` in WIB.
 */
import { addDays } from './format.js';

export const EXPIRY_WARNING_DAYS = 30;

export type ExpiryStatus = 'expired' | 'expiring' | 'valid' | 'no_expiry';

export function expiryStatus(expiresOn: string | null, today: string): ExpiryStatus {
  if (!expiresOn) return 'no_expiry';
  // A certificate is valid through its expiry day.
  if (expiresOn < today) return 'expired';
  if (expiresOn <= addDays(today, EXPIRY_WARNING_DAYS)) return 'expiring';
  return 'valid';
}
