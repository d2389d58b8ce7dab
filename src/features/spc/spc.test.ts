import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capability,
  D2_MOVING_RANGE,
  D4_MOVING_RANGE,
  E2,
  individualsMR,
  pChart,
  SUBGROUP_CONSTANTS,
  sigmaFromLimits,
  subgroupConstants,
  thinForChart,
  westernElectric,
  xbarR,
  type Violation,
} from './spc.js';

/** |a − b| within a relative tolerance (absolute near zero). */
function expectClose(actual: number | null, expected: number, rel = 1e-9): void {
  expect(actual).not.toBeNull();
  const a = actual as number;
  expect(Math.abs(a - expected)).toBeLessThanOrEqual(
    rel * Math.max(1, Math.abs(a), Math.abs(expected)),
  );
}

/** Seeded PRNG (mulberry32) and standard normals (Box–Muller): reproducible test data. */
function normals(count: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const th = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(th);
    if (i + 1 < count) out[i + 1] = r * Math.sin(th);
  }
  return out;
}

const v = (rule: 1 | 2 | 3 | 4, index: number, side: 'above' | 'below'): Violation => ({
  rule,
  index,
  side,
});

/**
 * Inside diameters (mm) of forged automobile engine piston rings, 40 subgroups of 5: the first
 * 25 set the trial limits, the last 15 are later production. D. C. Montgomery, _Introduction to
 * Statistical Quality Control_, chapter 6 (X̄ and R charts); also the `pistonrings` data set of
 * the R package qcc. Published: X̿ = 74.001, R̄ = 0.023, X̄ limits 73.988 / 74.014.
 */
const PISTON_RINGS: readonly (readonly number[])[] = [
  [74.03, 74.002, 74.019, 73.992, 74.008],
  [73.995, 73.992, 74.001, 74.011, 74.004],
  [73.988, 74.024, 74.021, 74.005, 74.002],
  [74.002, 73.996, 73.993, 74.015, 74.009],
  [73.992, 74.007, 74.015, 73.989, 74.014],
  [74.009, 73.994, 73.997, 73.985, 73.993],
  [73.995, 74.006, 73.994, 74.0, 74.005],
  [73.985, 74.003, 73.993, 74.015, 73.988],
  [74.008, 73.995, 74.009, 74.005, 74.004],
  [73.998, 74.0, 73.99, 74.007, 73.995],
  [73.994, 73.998, 73.994, 73.995, 73.99],
  [74.004, 74.0, 74.007, 74.0, 73.996],
  [73.983, 74.002, 73.998, 73.997, 74.012],
  [74.006, 73.967, 73.994, 74.0, 73.984],
  [74.012, 74.014, 73.998, 73.999, 74.007],
  [74.0, 73.984, 74.005, 73.998, 73.996],
  [73.994, 74.012, 73.986, 74.005, 74.007],
  [74.006, 74.01, 74.018, 74.003, 74.0],
  [73.984, 74.002, 74.003, 74.005, 73.997],
  [74.0, 74.01, 74.013, 74.02, 74.003],
  [73.988, 74.001, 74.009, 74.005, 73.996],
  [74.004, 73.999, 73.99, 74.006, 74.009],
  [74.01, 73.989, 73.99, 74.009, 74.014],
  [74.015, 74.008, 73.993, 74.0, 74.01],
  [73.982, 73.984, 73.995, 74.017, 74.013],
  // later production
  [74.012, 74.015, 74.03, 73.986, 74.0],
  [73.995, 74.01, 73.99, 74.015, 74.001],
  [73.987, 73.999, 73.985, 74.0, 73.99],
  [74.008, 74.01, 74.003, 73.991, 74.006],
  [74.003, 74.0, 74.001, 73.986, 73.997],
  [73.994, 74.003, 74.015, 74.02, 74.004],
  [74.008, 74.002, 74.018, 73.995, 74.005],
  [74.001, 74.004, 73.99, 73.996, 73.998],
  [74.015, 74.0, 74.016, 74.025, 74.0],
  [74.03, 74.005, 74.0, 74.016, 74.012],
  [74.001, 73.99, 73.995, 74.01, 74.024],
  [74.015, 74.02, 74.024, 74.005, 74.019],
  [74.035, 74.01, 74.012, 74.015, 74.026],
  [74.017, 74.013, 74.036, 74.025, 74.026],
  [74.01, 74.005, 74.029, 74.0, 74.02],
];
const PHASE_I = PISTON_RINGS.slice(0, 25);

describe('control chart constants', () => {
  it('holds the tabulated factors for n = 2…10', () => {
    expect(SUBGROUP_CONSTANTS.map((c) => c.n)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(subgroupConstants(5)).toEqual({ n: 5, A2: 0.577, D3: 0, D4: 2.114, d2: 2.326 });
    expect(subgroupConstants(2)).toEqual({ n: 2, A2: 1.88, D3: 0, D4: 3.267, d2: 1.128 });
    expect(subgroupConstants(10)).toEqual({ n: 10, A2: 0.308, D3: 0.223, D4: 1.777, d2: 3.078 });
  });

  it('is internally consistent: A2 = 3 / (d2·√n), E2 = 3 / d2(2), D3 = 0 up to n = 6', () => {
    for (const c of SUBGROUP_CONSTANTS) {
      expect(Math.abs(c.A2 - 3 / (c.d2 * Math.sqrt(c.n)))).toBeLessThan(0.0015);
      expect(c.D3 === 0).toBe(c.n <= 6);
      expect(c.D4).toBeGreaterThan(1);
    }
    expect(Math.abs(E2 - 3 / D2_MOVING_RANGE)).toBeLessThan(0.001);
    expect(D4_MOVING_RANGE).toBe(subgroupConstants(2).D4);
    expect(D2_MOVING_RANGE).toBe(subgroupConstants(2).d2);
  });

  it('refuses sizes outside the table', () => {
    for (const n of [0, 1, 11, 2.5, NaN]) expect(() => subgroupConstants(n)).toThrow(RangeError);
  });
});

describe('xbarR', () => {
  it('matches a worked example with n = 5 (A2 = 0.577, D3 = 0, D4 = 2.114)', () => {
    // Means 11, 13, 10 → X̿ = 34/3; ranges 4, 2, 4 → R̄ = 10/3.
    const chart = xbarR([
      [10, 12, 11, 9, 13],
      [12, 14, 13, 13, 13],
      [9, 12, 10, 8, 11],
    ]);
    expect(chart.subgroupSize).toBe(5);
    expect(chart.baseline).toBe(3);
    expect(Array.from(chart.xbar.points)).toEqual([11, 13, 10]);
    expect(Array.from(chart.range.points)).toEqual([4, 2, 4]);
    expectClose(chart.xbar.centre, 34 / 3);
    expectClose(chart.xbar.ucl, 34 / 3 + (0.577 * 10) / 3); // 13.256 67
    expectClose(chart.xbar.lcl, 34 / 3 - (0.577 * 10) / 3); // 9.410 00
    expectClose(chart.range.centre, 10 / 3);
    expectClose(chart.range.ucl, (2.114 * 10) / 3); // 7.046 67
    expect(chart.range.lcl).toBe(0);
    expectClose(chart.xbar.sigma, (0.577 * 10) / 9);
    expectClose(chart.sigmaWithin, 10 / 3 / 2.326);
  });

  it("reproduces Montgomery's piston ring trial limits", () => {
    const chart = xbarR(PHASE_I);
    // Exact reference in thousandths of a millimetre (integers, so no rounding at all).
    const milli = PHASE_I.map((g) => g.map((x) => Math.round((x - 74) * 1000)));
    const grandMilli = milli.flat().reduce((a, b) => a + b, 0) / 125;
    const rBarMilli =
      milli.map((g) => Math.max(...g) - Math.min(...g)).reduce((a, b) => a + b) / 25;
    expect(grandMilli).toBe(147 / 125); // X̿ = 74.001 176
    expect(rBarMilli).toBe(22.76);
    expectClose(chart.xbar.centre, 74 + grandMilli / 1000, 1e-13);
    expectClose(chart.range.centre, rBarMilli / 1000, 1e-12);
    // The published (rounded) values.
    expect(chart.xbar.centre.toFixed(3)).toBe('74.001');
    expect(chart.range.centre.toFixed(3)).toBe('0.023');
    expect(chart.xbar.ucl.toFixed(3)).toBe('74.014');
    expect(chart.xbar.lcl.toFixed(3)).toBe('73.988');
    // 2.114 × 0.02276 = 0.0481 (the book's 0.049 multiplies the rounded R̄ = 0.023).
    expect(chart.range.ucl.toFixed(4)).toBe('0.0481');
    expect(chart.range.lcl).toBe(0);
    expect(chart.xbar.points[0]).toBeCloseTo(74.0102, 12);
    expect(chart.range.points[0]).toBeCloseTo(0.038, 12);
  });

  it('phase II: limits from the first 25 subgroups flag subgroups 37–39 above the UCL', () => {
    const trial = xbarR(PHASE_I);
    const all = xbarR(PISTON_RINGS, { baseline: 25 });
    expect(all.baseline).toBe(25);
    expect(all.xbar.points).toHaveLength(40);
    expect(all.xbar.centre).toBe(trial.xbar.centre);
    expect(all.xbar.ucl).toBe(trial.xbar.ucl);
    expect(all.range.ucl).toBe(trial.range.ucl);
    const beyond = westernElectric(all.xbar.points, all.xbar).filter((x) => x.rule === 1);
    expect(beyond).toEqual([v(1, 36, 'above'), v(1, 37, 'above'), v(1, 38, 'above')]);
    // The same limits passed back (a stored phase I chart) give the same points.
    const later = xbarR(PISTON_RINGS.slice(25), { limits: trial });
    expect(later.baseline).toBeNull();
    expect(later.xbar.ucl).toBe(trial.xbar.ucl);
    expect(later.sigmaWithin).toBe(trial.sigmaWithin);
    expect(Array.from(later.xbar.points)).toEqual(Array.from(all.xbar.points.subarray(25)));
    expect(
      westernElectric(later.xbar.points, later.xbar)
        .filter((x) => x.rule === 1)
        .map((x) => x.index),
    ).toEqual([11, 12, 13]);
    // No trial subgroup is beyond its limits (the process was in control when they were set).
    expect(westernElectric(trial.xbar.points, trial.xbar).filter((x) => x.rule === 1)).toEqual([]);
  });

  it('rejects subgroups of another size instead of regrouping them', () => {
    expect(() =>
      xbarR([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(/subgroup 1 has 2 values; every subgroup needs 3/);
    expect(() => xbarR([[1], [2]])).toThrow(RangeError);
    expect(() => xbarR([Array.from({ length: 11 }, (_, i) => i)])).toThrow(RangeError);
    const trial = xbarR(PHASE_I);
    expect(() => xbarR([[1, 2, 3, 4]], { limits: trial })).toThrow(/needs 5/);
  });

  it('rejects empty input, bad baselines, bad limits and non-finite values', () => {
    expect(() => xbarR([])).toThrow(RangeError);
    expect(xbarR([], { limits: xbarR(PHASE_I) }).xbar.points).toHaveLength(0);
    expect(() => xbarR(PHASE_I, { baseline: 0 })).toThrow(RangeError);
    expect(() => xbarR(PHASE_I, { baseline: 26 })).toThrow(RangeError);
    expect(() => xbarR(PHASE_I, { baseline: 2.5 })).toThrow(RangeError);
    expect(() => xbarR(PHASE_I, { baseline: 5, limits: xbarR(PHASE_I) })).toThrow(/not both/);
    const bad = {
      subgroupSize: 5,
      xbar: { centre: 1, ucl: 0, lcl: 2 },
      range: xbarR(PHASE_I).range,
    };
    expect(() => xbarR(PHASE_I, { limits: bad })).toThrow(RangeError);
    expect(() => xbarR([[1, NaN]])).toThrow(/not a finite number/);
  });

  it('does not mutate its input', () => {
    const input = PHASE_I.map((g) => Object.freeze([...g]));
    Object.freeze(input);
    expect(() => xbarR(input)).not.toThrow();
  });
});

describe('individualsMR', () => {
  // Hand computation: mean = 61/5 = 12.2; moving ranges 2, 1, 4, 2 → MR̄ = 9/4 = 2.25.
  const values = [10, 12, 11, 15, 13];

  it('computes I and MR limits on a small hand-computed example', () => {
    const chart = individualsMR(values);
    expect(chart.baseline).toBe(5);
    expect(Array.from(chart.individuals.points)).toEqual(values);
    expect(Array.from(chart.movingRange.points)).toEqual([NaN, 2, 1, 4, 2]);
    expectClose(chart.individuals.centre, 12.2);
    expectClose(chart.individuals.ucl, 12.2 + 2.66 * 2.25); // 18.185
    expectClose(chart.individuals.lcl, 12.2 - 2.66 * 2.25); // 6.215
    expectClose(chart.individuals.sigma, (2.66 * 2.25) / 3); // 1.995
    expectClose(chart.movingRange.centre, 2.25);
    expectClose(chart.movingRange.ucl, 3.267 * 2.25); // 7.350 75
    expect(chart.movingRange.lcl).toBe(0);
    expectClose(chart.sigmaWithin, 2.25 / 1.128);
    expectClose(sigmaFromLimits(chart.individuals), 1.995);
  });

  it('accepts a Float64Array and never mutates its input', () => {
    const typed = Float64Array.from(values);
    const a = individualsMR(typed);
    const b = individualsMR(Object.freeze([...values]));
    expect(a.individuals.ucl).toBe(b.individuals.ucl);
    expect(a.individuals.points).not.toBe(typed);
    expect(Array.from(typed)).toEqual(values);
  });

  it('phase I → phase II: limits from a baseline or given limits apply to every point', () => {
    const trial = individualsMR(values);
    const withNew = individualsMR([...values, 30, 12], { baseline: 5 });
    expect(withNew.baseline).toBe(5);
    expect(withNew.individuals.points).toHaveLength(7);
    expect(withNew.individuals.ucl).toBe(trial.individuals.ucl);
    expect(withNew.movingRange.centre).toBe(trial.movingRange.centre);
    expect(westernElectric(withNew.individuals.points, withNew.individuals)).toEqual([
      v(1, 5, 'above'),
    ]);
    const later = individualsMR([30, 12], { limits: trial });
    expect(later.baseline).toBeNull();
    expect(later.individuals.ucl).toBe(trial.individuals.ucl);
    expect(later.sigmaWithin).toBe(trial.sigmaWithin);
    expect(Array.from(later.movingRange.points)).toEqual([NaN, 18]);
    expect(individualsMR([], { limits: trial }).individuals.points).toHaveLength(0);
  });

  it('rejects too few values, bad baselines, non-finite values and impossible limits', () => {
    expect(() => individualsMR([1])).toThrow(/at least 2 values/);
    expect(() => individualsMR(values, { baseline: 1 })).toThrow(RangeError);
    expect(() => individualsMR(values, { baseline: 6 })).toThrow(RangeError);
    expect(() => individualsMR([1, Infinity, 3])).toThrow(/value 1/);
    const trial = individualsMR(values);
    expect(() =>
      individualsMR(values, {
        limits: { individuals: trial.individuals, movingRange: { centre: 1, ucl: NaN, lcl: 0 } },
      }),
    ).toThrow(RangeError);
  });
});

describe('pChart', () => {
  // p̄ = 150 / 1500 = 0.1, so p̄(1 − p̄) = 0.09 and σᵢ = 0.3/√nᵢ: 0.03, 0.015, 0.06, 0.01, …
  const samples = [
    { n: 100, defectives: 12 },
    { n: 400, defectives: 35 },
    { n: 25, defectives: 8 },
    { n: 900, defectives: 80 },
    { n: 75, defectives: 15 },
  ];

  it('computes p̄ and per-sample limits for varying n, clipped at 0', () => {
    const chart = pChart(samples);
    expect(chart.baseline).toBe(5);
    expectClose(chart.centre, 0.1);
    expect(Array.from(chart.points)).toEqual([0.12, 0.0875, 0.32, 80 / 900, 0.2]);
    const expectedSigma = [0.03, 0.015, 0.06, 0.01, Math.sqrt(0.09 / 75)];
    const expectedUcl = [0.19, 0.145, 0.28, 0.13, 0.1 + 3 * Math.sqrt(0.0012)];
    const expectedLcl = [0.01, 0.055, 0, 0.07, 0]; // 0.1 − 0.18 and 0.1 − 0.1039 clip to 0
    expectedSigma.forEach((s, i) => expectClose(chart.sigma[i]!, s));
    expectedUcl.forEach((u, i) => expectClose(chart.ucl[i]!, u));
    expectedLcl.forEach((l, i) => expectClose(chart.lcl[i]!, l));
  });

  it('feeds the Western Electric rules with a per-sample sigma', () => {
    // Sample 2: z = 0.22/0.06 = 3.67 (rule 1); sample 4: z = 0.1/0.0346 = 2.89 makes two of
    // three beyond 2σ with sample 2 (rule 2).
    expect(westernElectric(pChart(samples).points, pChart(samples))).toEqual([
      v(1, 2, 'above'),
      v(2, 4, 'above'),
    ]);
  });

  it('clips the upper limit at 1, and takes p̄ from a baseline or as given', () => {
    const high = pChart([{ n: 4, defectives: 4 }], { pBar: 0.9 });
    expect(high.baseline).toBeNull();
    expect(high.ucl[0]).toBe(1);
    expectClose(high.lcl[0]!, 0.9 - 3 * 0.15);
    const base = pChart(samples, { baseline: 2 });
    expect(base.baseline).toBe(2);
    expectClose(base.centre, 47 / 500);
    expect(base.points).toHaveLength(5);
    const zero = pChart([{ n: 10, defectives: 0 }]);
    expect(zero.centre).toBe(0);
    expect(zero.ucl[0]).toBe(0);
    expect(zero.lcl[0]).toBe(0);
  });

  it('rejects impossible samples and options', () => {
    expect(() => pChart([{ n: 0, defectives: 0 }])).toThrow(RangeError);
    expect(() => pChart([{ n: 10, defectives: 11 }])).toThrow(RangeError);
    expect(() => pChart([{ n: 10, defectives: 1.5 }])).toThrow(RangeError);
    expect(() => pChart([{ n: 10, defectives: -1 }])).toThrow(RangeError);
    expect(() => pChart([])).toThrow(RangeError);
    expect(() => pChart(samples, { pBar: 1.1 })).toThrow(RangeError);
    expect(() => pChart(samples, { pBar: 0.1, baseline: 2 })).toThrow(/not both/);
  });
});

/** The rules straight from their definitions, O(n·window): the reference for the fast version. */
function naiveWesternElectric(xs: readonly number[], centre: number, sigma: number): Violation[] {
  const z = xs.map((x) => (x - centre) / sigma);
  const count = (i: number, width: number, pred: (z: number) => boolean) =>
    z.slice(Math.max(0, i - width + 1), i + 1).filter(pred).length;
  const out: Violation[] = [];
  z.forEach((zi, i) => {
    if (zi > 3) out.push(v(1, i, 'above'));
    if (zi < -3) out.push(v(1, i, 'below'));
    if (zi > 2 && count(i, 3, (x) => x > 2) >= 2) out.push(v(2, i, 'above'));
    if (zi < -2 && count(i, 3, (x) => x < -2) >= 2) out.push(v(2, i, 'below'));
    if (zi > 1 && count(i, 5, (x) => x > 1) >= 4) out.push(v(3, i, 'above'));
    if (zi < -1 && count(i, 5, (x) => x < -1) >= 4) out.push(v(3, i, 'below'));
    if (i >= 7 && count(i, 8, (x) => x > 0) === 8) out.push(v(4, i, 'above'));
    if (i >= 7 && count(i, 8, (x) => x < 0) === 8) out.push(v(4, i, 'below'));
  });
  return out;
}

describe('westernElectric', () => {
  const unit = { centre: 0, sigma: 1 };

  it('rule 1: one point beyond 3σ (a point exactly on the limit is not beyond)', () => {
    expect(westernElectric([0, 0.5, 3.5, -0.2, -3.1, 0, 3, 0, -3], unit)).toEqual([
      v(1, 2, 'above'),
      v(1, 4, 'below'),
    ]);
  });

  it('rule 2: two of three consecutive beyond 2σ on the same side', () => {
    // Above at 1 and 3 (completed by 3); 5 and 6 are on opposite sides; below at 5 and 7.
    expect(westernElectric([0, 2.5, 0, 2.1, 0, -2.5, 2.5, -2.1, 0, 0], unit)).toEqual([
      v(2, 3, 'above'),
      v(2, 7, 'below'),
    ]);
    // Reported at the completing point only if it belongs to the pattern: (A, A, ·) fires once.
    expect(westernElectric([2.5, 2.5, 0, 0], unit)).toEqual([v(2, 1, 'above')]);
    // Exactly 2σ is not beyond 2σ.
    expect(westernElectric([2, 2.5, 2], unit)).toEqual([]);
  });

  it('rule 3: four of five consecutive beyond 1σ on the same side', () => {
    expect(
      westernElectric([1.5, 0.5, 1.2, 1.1, 1.9, -0.5, -1.5, -1.2, 0.3, -1.1, -1.8], unit),
    ).toEqual([v(3, 4, 'above'), v(3, 10, 'below')]);
    // Three of five is not enough.
    expect(westernElectric([1.5, 0.5, 1.2, 0.9, 1.9], unit)).toEqual([]);
  });

  it('rule 4: eight consecutive on the same side; a point on the centre ends the run', () => {
    const series = [...Array<number>(9).fill(0.5), 0, ...Array<number>(8).fill(-0.5)];
    expect(westernElectric(series, unit)).toEqual([
      v(4, 7, 'above'),
      v(4, 8, 'above'),
      v(4, 17, 'below'),
    ]);
    expect(westernElectric([...Array<number>(7).fill(0.5), -0.1, 0.5], unit)).toEqual([]);
    expect(
      westernElectric([...Array<number>(4).fill(0.5), 0, ...Array<number>(4).fill(0.5)], unit),
    ).toEqual([]);
  });

  it('overlapping patterns report each completing point, sorted by index then rule', () => {
    // At 2.5σ: rule 2 from the 2nd point on, rule 3 from the 4th on; 3.5σ adds rule 1.
    expect(westernElectric([2.5, 2.5, 2.5, 2.5, 3.5], unit)).toEqual([
      v(2, 1, 'above'),
      v(2, 2, 'above'),
      v(2, 3, 'above'),
      v(3, 3, 'above'),
      v(1, 4, 'above'),
      v(2, 4, 'above'),
      v(3, 4, 'above'),
    ]);
  });

  it('scales zones by centre and sigma', () => {
    // Centre 50, sigma 2: 57 is 3.5σ, 45.5 is −2.25σ.
    expect(westernElectric([50, 57, 45.5, 51, 45.5], { centre: 50, sigma: 2 })).toEqual([
      v(1, 1, 'above'),
      v(2, 4, 'below'),
    ]);
  });

  it('stays silent on a clean in-control sequence (that still visits every zone)', () => {
    // Alternating sides: never 8 on one side, never more than 3 of 5 on one side, and the
    // points beyond 2σ on the same side (2.6, 2.2) are always 4 apart.
    const cycle = [0.3, -1.4, 2.6, -0.8, 1.9, -0.1, 2.2, -1.1];
    const series = Array.from({ length: 8000 }, (_, i) => cycle[i % 8]!);
    expect(westernElectric(series, unit)).toEqual([]);
    expect(
      westernElectric(
        series.map((x) => 20 + 0.5 * x),
        { centre: 20, sigma: 0.5 },
      ),
    ).toEqual([]);
    expect(westernElectric([], unit)).toEqual([]);
  });

  it('treats NaN (the first moving range) as a point in no zone that ends runs', () => {
    expect(westernElectric([2.5, NaN, 2.5], unit)).toEqual([v(2, 2, 'above')]);
    const run = [...Array<number>(4).fill(0.5), NaN, ...Array<number>(4).fill(0.5)];
    expect(westernElectric(run, unit)).toEqual([]);
    const chart = individualsMR([1, 2, 1, 2, 1, 9]);
    expect(() => westernElectric(chart.movingRange.points, chart.movingRange)).not.toThrow();
  });

  it('agrees with the rules written straight from their definitions (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 20, arbitrary: fc.integer({ min: -45, max: 45 }).map((k) => k / 10) },
            { weight: 1, arbitrary: fc.constant(NaN) },
          ),
          { maxLength: 80 },
        ),
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: 1, max: 20 }),
        (zs, centre, sigma) => {
          const xs = zs.map((z) => centre + z * sigma);
          expect(westernElectric(xs, { centre, sigma })).toEqual(
            naiveWesternElectric(xs, centre, sigma),
          );
          expect(
            westernElectric(Float64Array.from(xs), { centre, sigma: xs.map(() => sigma) }),
          ).toEqual(naiveWesternElectric(xs, centre, sigma));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects an unusable reference', () => {
    expect(() => westernElectric([1], { centre: 0, sigma: 0 })).toThrow(RangeError);
    expect(() => westernElectric([1], { centre: 0, sigma: -1 })).toThrow(RangeError);
    expect(() => westernElectric([1], { centre: NaN, sigma: 1 })).toThrow(RangeError);
    expect(() => westernElectric([1, 2], { centre: 0, sigma: [1] })).toThrow(/1 entries for 2/);
    expect(() => westernElectric([1, 2], { centre: 0, sigma: [1, -1] })).toThrow(/sigma 1/);
  });
});

describe('capability', () => {
  // Hand computation with exact arithmetic: mean 50/5 = 10; squared deviations 4, 4, 0, 4, 4
  // → s² = 16/4 = 4, s = 2; moving ranges 4, 2, 2, 4 → MR̄ = 3, σ_within = 3/1.128.
  // Spec 4…19 (midpoint 11.5, width 15), target 11.
  const values = [8, 12, 10, 8, 12];
  const spec = { lower: 4, upper: 19, target: 11 };

  it('matches a hand computation', () => {
    const c = capability(values, spec);
    expect(c.n).toBe(5);
    expect(c.mean).toBe(10);
    expect(c.sdOverall).toBe(2);
    expect(c.sigmaWithinMethod).toBe('moving-range');
    expectClose(c.sigmaWithin, 3 / 1.128);
    expectClose(c.cp, (15 * 1.128) / 18); // 15 / (6 · 3/1.128) = 0.94
    expectClose(c.cpu, (9 * 1.128) / 9); // (19 − 10) / (3 · 3/1.128) = 1.128
    expectClose(c.cpl, (6 * 1.128) / 9); // (10 − 4) / (3 · 3/1.128) = 0.752
    expectClose(c.cpk, (6 * 1.128) / 9);
    expectClose(c.pp, 15 / 12); // 1.25
    expectClose(c.ppu, 9 / 6); // 1.5
    expectClose(c.ppl, 6 / 6); // 1
    expectClose(c.ppk, 1);
    // τ² = Σ(x − 11)² / 4 = (9 + 1 + 1 + 9 + 1) / 4 = 21/4; min(11 − 4, 19 − 11) = 7.
    expectClose(c.cpm, 7 / (3 * Math.sqrt(21 / 4)));
  });

  it('estimates the within sigma from subgroup ranges or takes it as given', () => {
    // Subgroups [8,12,10,8,12] (R 4) and [9,11,10,10,10] (R 2): R̄ = 3, σ = 3/2.326.
    const c = capability([...values, 9, 11, 10, 10, 10], spec, { subgroupSize: 5 });
    expect(c.sigmaWithinMethod).toBe('subgroup-range');
    expectClose(c.sigmaWithin, 3 / 2.326);
    expectClose(c.cp, 15 / (6 * (3 / 2.326)));
    const given = capability(values, spec, { sigmaWithin: 2.5 });
    expect(given.sigmaWithinMethod).toBe('given');
    expectClose(given.cp, 15 / 15);
    expect(() => capability(values, spec, { subgroupSize: 2 })).toThrow(/whole subgroups/);
    expect(() => capability(values, spec, { subgroupSize: 11 })).toThrow(RangeError);
  });

  it("agrees with Montgomery's piston rings: Cp ≈ 1.70, Cpk ≈ 1.66 with σ = R̄/d2", () => {
    const c = capability(PHASE_I.flat(), { lower: 73.95, upper: 74.05 }, { subgroupSize: 5 });
    expectClose(c.sigmaWithin, 0.02276 / 2.326, 1e-9);
    expectClose(c.cp, 0.1 / (6 * (0.02276 / 2.326)), 1e-9);
    expect(c.cp!.toFixed(2)).toBe('1.70');
    expect(c.cpk!.toFixed(2)).toBe('1.66');
    expect(c.cpm).toBeNull(); // no target
  });

  it('handles one-sided specifications: Cp null, Cpk the side available', () => {
    const upper = capability(values, { upper: 19 });
    expect(upper.cp).toBeNull();
    expect(upper.cpl).toBeNull();
    expect(upper.cpk).toBe(upper.cpu);
    expect(upper.pp).toBeNull();
    expectClose(upper.ppk, 1.5);
    const lower = capability(values, { lower: 4, upper: null, target: 10 });
    expect(lower.cp).toBeNull();
    expect(lower.cpu).toBeNull();
    expect(lower.cpk).toBe(lower.cpl);
    expectClose(lower.ppk, 1);
    expect(lower.cpm).toBeNull();
  });

  it('returns null indices when a sigma is 0 (JSON-safe, no Infinity)', () => {
    const c = capability([5, 5, 5], { lower: 4, upper: 6, target: 5 });
    expect(c.sdOverall).toBe(0);
    expect(c.sigmaWithin).toBe(0);
    expect([c.cp, c.cpk, c.cpu, c.cpl, c.pp, c.ppk, c.cpm]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('rejects unusable specifications and data', () => {
    expect(() => capability(values, {})).toThrow(/lower or an upper/);
    expect(() => capability(values, { lower: 5, upper: 5 })).toThrow(RangeError);
    expect(() => capability(values, { lower: 5, upper: 1 })).toThrow(RangeError);
    expect(() => capability(values, { lower: 1, upper: 5, target: 6 })).toThrow(/outside/);
    expect(() => capability(values, { upper: Infinity })).toThrow(RangeError);
    expect(() => capability([1], { upper: 5 })).toThrow(/at least 2/);
    expect(() => capability([1, NaN], { upper: 5 })).toThrow(RangeError);
    expect(() => capability(values, { upper: 5 }, { sigmaWithin: -1 })).toThrow(RangeError);
  });

  const data = fc
    .array(fc.integer({ min: -500, max: 500 }), { minLength: 2, maxLength: 40 })
    .filter((xs) => xs.some((x) => x !== xs[0]));
  const twoSided = fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 2000 }))
    .map(([lower, width]) => ({ lower, upper: lower + width }));

  it('Cpk ≤ Cp and Ppk ≤ Pp, with Cpk = Cp − |mean − midpoint| / 3σ (property)', () => {
    fc.assert(
      fc.property(data, twoSided, (xs, s) => {
        const c = capability(xs, s);
        expect(c.cpk!).toBeLessThanOrEqual(c.cp! + 1e-12);
        expect(c.ppk!).toBeLessThanOrEqual(c.pp! + 1e-12);
        const mid = (s.lower + s.upper) / 2;
        expectClose(c.cpk, c.cp! - Math.abs(c.mean - mid) / (3 * c.sigmaWithin));
        expectClose(c.ppk, c.pp! - Math.abs(c.mean - mid) / (3 * c.sdOverall));
      }),
    );
  });

  it('shifting the values moves Cpk as expected and leaves Cp alone (property)', () => {
    fc.assert(
      fc.property(data, twoSided, fc.integer({ min: -2000, max: 2000 }), (xs, s, delta) => {
        const before = capability(xs, s);
        const mid = (s.lower + s.upper) / 2;
        const shifted = capability(
          xs.map((x) => x + delta),
          s,
        );
        expectClose(shifted.cp, before.cp!);
        expectClose(shifted.sigmaWithin, before.sigmaWithin);
        expectClose(
          shifted.cpk,
          before.cp! - Math.abs(before.mean + delta - mid) / (3 * before.sigmaWithin),
          1e-8,
        );
        // Shifting by the offset from the spec midpoint centres the process: Cpk = Cp.
        const offset = mid - before.mean;
        const centred = capability(
          xs.map((x) => x + offset),
          s,
        );
        expectClose(centred.cpk, before.cp!, 1e-8);
        expectClose(centred.ppk, before.pp!, 1e-8);
      }),
    );
  });

  it('is invariant under a change of units; a negative scale swaps Cpu and Cpl (property)', () => {
    fc.assert(
      fc.property(
        data,
        twoSided,
        fc.oneof(fc.constantFrom(0.001, 0.1, 2.54, 1000), fc.integer({ min: 1, max: 50 })),
        fc.integer({ min: -100, max: 100 }),
        (xs, s, a, b) => {
          const base = capability(xs, { ...s, target: s.lower });
          const scaled = capability(
            xs.map((x) => a * x + b),
            { lower: a * s.lower + b, upper: a * s.upper + b, target: a * s.lower + b },
          );
          for (const k of ['cp', 'cpk', 'cpu', 'cpl', 'pp', 'ppk', 'ppu', 'ppl', 'cpm'] as const) {
            expectClose(scaled[k], base[k]!, 1e-8);
          }
          const mirrored = capability(
            xs.map((x) => -a * x + b),
            { lower: -a * s.upper + b, upper: -a * s.lower + b },
          );
          expectClose(mirrored.cp, base.cp!, 1e-8);
          expectClose(mirrored.cpk, base.cpk!, 1e-8);
          expectClose(mirrored.cpu, base.cpl!, 1e-8);
          expectClose(mirrored.cpl, base.cpu!, 1e-8);
          expectClose(mirrored.ppk, base.ppk!, 1e-8);
        },
      ),
    );
  });
});

describe('thinForChart', () => {
  it('returns every index when the series already fits', () => {
    expect(Array.from(thinForChart([3, 1, 2], 4))).toEqual([0, 1, 2]);
    expect(thinForChart([], 10)).toHaveLength(0);
  });

  it('keeps all violations, spikes and both ends of 100 000 points in at most 2 000', () => {
    const xs = normals(100_000, 7);
    for (const [i, bump] of [
      [12_345, 5],
      [54_321, -4.5],
      [99_998, 6],
    ] as const)
      xs[i] = bump;
    for (let i = 70_000; i < 70_012; i++) xs[i] = 0.2 + 0.01 * (i % 3); // quiet run above centre
    const chart = individualsMR(xs);
    const violations = westernElectric(chart.individuals.points, chart.individuals);
    expect(violations.some((x) => x.rule === 4 && x.index === 70_011)).toBe(true);
    const kept = thinForChart(chart.individuals.points, 2000, violations);
    expect(kept.length).toBeLessThanOrEqual(2000);
    expect(kept.length).toBeGreaterThan(1500);
    const keptSet = new Set(kept);
    expect(violations.filter((x) => !keptSet.has(x.index))).toEqual([]);
    for (const i of [0, 12_345, 54_321, 99_998, 99_999]) expect(keptSet.has(i)).toBe(true);
    expect(kept.every((i, j) => j === 0 || i > kept[j - 1]!)).toBe(true);
  });

  it('keeps what it promises on any series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(NaN)), { maxLength: 300 }),
        fc.integer({ min: 4, max: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (xs, maxPoints, rawKeep) => {
          const n = xs.length;
          const keep = n === 0 ? [] : rawKeep.map((k) => k % n);
          const kept = Array.from(
            thinForChart(
              xs,
              maxPoints,
              keep.map((index) => ({ index })),
            ),
          );
          for (let j = 1; j < kept.length; j++) expect(kept[j]!).toBeGreaterThan(kept[j - 1]!);
          const set = new Set(kept);
          for (const k of keep) expect(set.has(k)).toBe(true);
          if (n <= maxPoints) {
            expect(kept).toHaveLength(n);
            return;
          }
          const distinct = new Set(keep).size;
          expect(kept.length).toBeLessThanOrEqual(Math.max(maxPoints, distinct + 4));
          expect(set.has(0) && set.has(n - 1)).toBe(true);
          // Each documented bucket keeps a point with its minimum and one with its maximum.
          const buckets = Math.max(1, Math.floor((maxPoints - distinct - 2) / 2));
          for (let b = 0; b < buckets; b++) {
            const from = Math.floor((b * n) / buckets);
            const to = Math.floor(((b + 1) * n) / buckets);
            const inBucket = xs.slice(from, to).filter((x) => !Number.isNaN(x));
            if (inBucket.length === 0) continue;
            const keptValues = kept.filter((i) => i >= from && i < to).map((i) => xs[i]!);
            expect(keptValues).toContain(Math.min(...inBucket));
            expect(keptValues).toContain(Math.max(...inBucket));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a budget below 4 and indices outside the series', () => {
    expect(() => thinForChart([1, 2, 3], 3)).toThrow(RangeError);
    expect(() => thinForChart([1, 2, 3], 4.5)).toThrow(RangeError);
    expect(() => thinForChart([1, 2, 3], 10, [3])).toThrow(RangeError);
    expect(() => thinForChart([1, 2, 3], 10, [{ index: -1 }])).toThrow(RangeError);
  });
});

describe('performance', () => {
  it('charts 100 000 individuals with all four rules and thins them well under 200 ms', () => {
    const xs = normals(100_000, 42);
    for (let i = 50_000; i < 100_000; i++) xs[i] = xs[i]! + 0.8; // a shift: many violations
    const values = Array.from(xs, (x) => 12 + 0.3 * x); // e.g. patchouli alcohol %, plain array
    const run = (series: readonly number[]) => {
      const chart = individualsMR(series);
      const violations = westernElectric(chart.individuals.points, chart.individuals);
      return { violations, kept: thinForChart(chart.individuals.points, 2000, violations) };
    };
    run(values.slice(0, 10_000)); // a served process is warm: let the JIT see the code once
    // Best of three, so a busy test machine's scheduler does not fail the test (typical: ~3 ms
    // warm, ~30 ms cold).
    let best = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
      const start = performance.now();
      const { violations, kept } = run(values);
      best = Math.min(best, performance.now() - start);
      expect(violations.length).toBeGreaterThan(100);
      expect(kept.length).toBeGreaterThan(0);
    }
    expect(best).toBeLessThan(200);
  });
});
