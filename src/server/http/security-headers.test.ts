import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it('are what Helmet sets for the options, worked out once', () => {
    const h = securityHeaders({
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } },
      hsts: false,
    });
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['content-security-policy']).toContain("img-src 'self' data:");
    expect(h['strict-transport-security']).toBeUndefined();
    expect(h['x-powered-by']).toBeUndefined();
  });

  it('ask browsers for HTTPS only when told to', () => {
    expect(securityHeaders({})['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});
