import { describe, expect, it } from 'vitest';
import { expiryStatus } from './certificate-status.js';

describe('certificate expiry', () => {
  const today = '2026-03-04';

  it('is expired from the day after its expiry date', () => {
    expect(expiryStatus('2026-03-03', today)).toBe('expired');
    expect(expiryStatus('2026-03-04', today)).toBe('expiring');
  });

  it('warns within 30 days, counting across months', () => {
    expect(expiryStatus('2026-04-03', today)).toBe('expiring');
    expect(expiryStatus('2026-04-04', today)).toBe('valid');
  });

  it('has nothing to say about a certificate without an expiry date', () => {
    expect(expiryStatus(null, today)).toBe('no_expiry');
  });
});
