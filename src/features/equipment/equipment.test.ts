import { describe, expect, it } from 'vitest';
import type { SitePowers } from '../sites/sites.js';
import { checkStatusChange, sniffContentType } from './equipment.js';

describe('file sniffing', () => {
  it('recognises PDF, JPEG, PNG and WebP by their first bytes, whatever the name says', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.4 ...'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe(
      'image/webp',
    );
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffContentType(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});

describe('status changes', () => {
  const manager: SitePowers = { admin: false, managed: ['s'], operated: ['s'] };
  const operator: SitePowers = { admin: false, managed: [], operated: ['s'] };
  const outsider: SitePowers = { admin: false, managed: [], operated: ['other'] };
  it('lets operators move between active, maintenance and broken only', () => {
    expect(checkStatusChange(operator, 's', 'active', 'maintenance', null)).toEqual({ ok: true });
    expect(checkStatusChange(operator, 's', 'active', 'broken', 'motor terbakar')).toEqual({
      ok: true,
    });
    expect(checkStatusChange(operator, 's', 'active', 'retired', 'tua')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(checkStatusChange(operator, 's', 'retired', 'active', null)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(checkStatusChange(manager, 's', 'retired', 'active', null)).toEqual({ ok: true });
    expect(checkStatusChange(outsider, 's', 'active', 'maintenance', null)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });
  it('refuses no-op changes and wants a reason for broken and retired', () => {
    expect(checkStatusChange(manager, 's', 'active', 'active', null)).toEqual({
      ok: false,
      reason: 'unchanged',
    });
    expect(checkStatusChange(manager, 's', 'active', 'broken', '  ')).toEqual({
      ok: false,
      reason: 'reason_required',
    });
    expect(checkStatusChange(manager, 's', 'active', 'retired', null)).toEqual({
      ok: false,
      reason: 'reason_required',
    });
  });
});
