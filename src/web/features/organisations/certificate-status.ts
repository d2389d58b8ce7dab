/** Certificates expire like every dated document: see lib/expiry.ts. */
export { EXPIRY_WARNING_DAYS, expiryStatus, type ExpiryStatus } from '../../lib/expiry.js';
