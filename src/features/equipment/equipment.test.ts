import { describe, expect, it } from 'vitest';
import type { SitePowers } from '../sites/sites.js';
import { checkStatusChange } from './equipment.js';

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
