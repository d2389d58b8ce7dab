import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/context.js';
import { exceedsBudget, programmeVisibility, realisationSummary } from './programmes.js';

const actor = (grants: Actor['grants']): Actor => ({
  userId: 'u',
  email: 'u@x',
  name: 'u',
  locale: 'id',
  grants,
  via: 'session',
});

describe('programme rules', () => {
  it('computes realisation, remaining budget and percentage', () => {
    expect(realisationSummary(24_500_000_000, 6_125_000_000)).toEqual({
      realisation: 6_125_000_000,
      remaining: 18_375_000_000,
      realisationPercent: 25,
    });
    expect(realisationSummary(0, 0).realisationPercent).toBeNull();
    expect(exceedsBudget(100, 60, 40)).toBe(false);
    expect(exceedsBudget(100, 60, 41)).toBe(true);
  });
  it('lets administrators and system-wide officers read all programmes, others theirs or none', () => {
    const g = (role: Actor['grants'][number]['role'], scopeId: string | null) => ({
      role,
      scopeType: scopeId ? ('programme' as const) : ('system' as const),
      scopeId,
      scopeName: null,
    });
    expect(programmeVisibility(actor([g('administrator', null)]))).toEqual({ all: true });
    expect(programmeVisibility(actor([g('programme_officer', null)]))).toEqual({ all: true });
    expect(
      programmeVisibility(actor([g('programme_officer', 'p1'), g('programme_officer', 'p2')])),
    ).toEqual({
      all: false,
      ids: ['p1', 'p2'],
    });
    expect(
      programmeVisibility(
        actor([{ role: 'site_manager', scopeType: 'site', scopeId: 's', scopeName: null }]),
      ),
    ).toEqual({
      all: false,
      ids: [],
    });
  });
});
