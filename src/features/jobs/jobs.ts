/** Pure rules of background delivery: how long to wait before retrying an e-mail. */

/** After this many failed attempts a message is marked failed and left for an administrator. */
export const MAX_EMAIL_ATTEMPTS = 8;

/** Exponential backoff: 1, 2, 4 … minutes after the n-th failure, capped at 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
  const minutes = Math.min(2 ** Math.max(0, failedAttempts - 1), 360);
  return minutes * 60_000;
}
