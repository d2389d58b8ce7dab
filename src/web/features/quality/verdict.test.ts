import { describe, expect, it } from 'vitest';
import { chartGeometry, CHART } from './spc-chart.js';
import type { SpecItemT } from './types.js';
import { numericVerdict, observationFor, outsidePhysicalRange, requirementOf } from './verdict.js';

const item = (over: Partial<SpecItemT> = {}): SpecItemT => ({
  characteristic: {
    id: '00000000-0000-4000-8000-000000000001',
    code: 'oil_patchouli_alcohol',
    name: 'Patchouli alcohol',
    kind: 'numeric',
    unit: '%',
    physicalMin: 0,
    physicalMax: 100,
    testMethod: null,
  },
  lower: 30,
  upper: null,
  target: null,
  expectedPass: null,
  ...over,
});

describe('the live verdict of the inspection form', () => {
  it('judges a number against its limits, both inclusive, a missing limit open', () => {
    expect(numericVerdict(item(), 28)).toBe('fail');
    expect(numericVerdict(item(), 30)).toBe('pass');
    expect(numericVerdict(item(), 32)).toBe('pass');
    expect(numericVerdict(item({ lower: 0.95, upper: 0.975 }), 0.962)).toBe('pass');
    expect(numericVerdict(item({ lower: 0.95, upper: 0.975 }), 0.98)).toBe('fail');
    expect(numericVerdict(item(), null)).toBeNull();
  });

  it('warns of a value the unit cannot have (a slip of the unit)', () => {
    expect(outsidePhysicalRange(item(), 310)).toBe(true);
    expect(outsidePhysicalRange(item(), 31)).toBe(false);
  });

  it('sends the observation of an attribute that expects "absent" inverted', () => {
    expect(observationFor(item({ expectedPass: true }), true)).toBe(true);
    expect(observationFor(item({ expectedPass: false }), true)).toBe(false);
  });

  it('prints the requirement as the certificate does', () => {
    const words = { min: 'min.', max: 'maks.', conforms: 'memenuhi' };
    const f = (n: number) => String(n);
    expect(requirementOf(item(), words, f)).toBe('min. 30');
    expect(requirementOf(item({ lower: null, upper: 8 }), words, f)).toBe('maks. 8');
    expect(requirementOf(item({ lower: 1.507, upper: 1.515 }), words, f)).toBe('1.507 – 1.515');
    expect(requirementOf(item({ lower: null, upper: null }), words, f)).toBe('memenuhi');
  });
});

describe('control chart geometry', () => {
  const points = [
    { index: 0, value: 32, label: 'a', rules: [] },
    { index: 1, value: 31, label: 'b', rules: [] },
    { index: 4, value: 35.5, label: 'c', rules: [1] },
  ];
  const lines = [
    { kind: 'control' as const, name: 'UCL', value: 33 },
    { kind: 'centre' as const, name: 'X̄', value: 32 },
    { kind: 'control' as const, name: 'LCL', value: 31 },
  ];

  it('spreads points by their index across the plot and keeps every value inside it', () => {
    const g = chartGeometry(points, lines);
    expect(g.points[0]!.x).toBe(CHART.left);
    expect(g.points[2]!.x).toBe(CHART.width - CHART.right);
    expect(g.points[1]!.x).toBeCloseTo(CHART.left + (CHART.width - CHART.left - CHART.right) / 4);
    for (const p of g.points) {
      expect(p.y).toBeGreaterThanOrEqual(CHART.top);
      expect(p.y).toBeLessThanOrEqual(CHART.height - CHART.bottom);
    }
    // Higher values are drawn higher; the UCL is above the centre.
    expect(g.points[2]!.y).toBeLessThan(g.points[0]!.y);
    const y = (name: string) => g.lines.find((l) => l.name === name)!.y;
    expect(y('UCL')).toBeLessThan(y('X̄'));
    expect(y('X̄')).toBeLessThan(y('LCL'));
  });

  it('draws a flat series and a single point without dividing by zero', () => {
    const flat = chartGeometry([{ index: 0, value: 5, label: '', rules: [] }], []);
    expect(Number.isFinite(flat.points[0]!.y)).toBe(true);
    expect(flat.points[0]!.x).toBe(CHART.left + (CHART.width - CHART.left - CHART.right) / 2);
  });
});
