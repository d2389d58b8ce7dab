/**
 * Pure statistics of statistical process control (SPC) for quality inspections: control charts
 * (X̄-R, individuals and moving range, p), the four Western Electric rules, process capability
 * and downsampling of long series for display. No I/O, no clock, no randomness: the service
 * reads the measurements and passes them in.
 *
 * Conventions, everywhere in this file:
 * - inputs are `ArrayLike<number>` (plain arrays or typed arrays) and are never mutated; every
 *   plotted series comes back as a new `Float64Array` (use `Array.from` before JSON — a typed
 *   array serializes as an object, and `NaN` becomes `null`);
 * - invalid inputs (non-finite measurements, subgroups of the wrong size, impossible limits,
 *   fewer points than a statistic needs) throw `RangeError`: contracts validate user input, so
 *   reaching one is a programming error;
 * - **phase I / phase II**: by default limits are computed from all points (phase I, trial
 *   limits). `baseline: k` computes them from the first k points (or subgroups, or samples) and
 *   applies them to every point; `limits` applies limits computed earlier (phase II). A chart
 *   result is itself a valid `limits` argument, so phase I output can be stored and passed back.
 * - hot loops run over typed arrays in single passes and allocate nothing per point, so an
 *   individuals chart of 100 000 values with all four rules takes a few milliseconds.
 */

// Constants ------------------------------------------------------------------------------------

/** Control chart constants for subgroups of `n` measurements. */
export interface SubgroupConstants {
  /** Subgroup size. */
  readonly n: number;
  /** X̄ chart: limits are X̿ ± A2·R̄ (A2 = 3 / (d2·√n)). */
  readonly A2: number;
  /** R chart lower limit factor: LCL = D3·R̄. */
  readonly D3: number;
  /** R chart upper limit factor: UCL = D4·R̄. */
  readonly D4: number;
  /** Mean of the relative range R/σ of normal samples: σ̂ = R̄ / d2. */
  readonly d2: number;
}

/**
 * The standard factors for subgroup sizes 2–10, to the three decimals tabulated in ASTM Manual
 * MNL7, _Manual on Presentation of Data and Control Chart Analysis_, and in D. C. Montgomery,
 * _Introduction to Statistical Quality Control_, Appendix Table VI ("Factors for constructing
 * variables control charts"). D3 is 0 for n ≤ 6 (the computed value would be negative).
 */
export const SUBGROUP_CONSTANTS: readonly SubgroupConstants[] = Object.freeze(
  (
    [
      [2, 1.88, 0, 3.267, 1.128],
      [3, 1.023, 0, 2.574, 1.693],
      [4, 0.729, 0, 2.282, 2.059],
      [5, 0.577, 0, 2.114, 2.326],
      [6, 0.483, 0, 2.004, 2.534],
      [7, 0.419, 0.076, 1.924, 2.704],
      [8, 0.373, 0.136, 1.864, 2.847],
      [9, 0.337, 0.184, 1.816, 2.97],
      [10, 0.308, 0.223, 1.777, 3.078],
    ] as const
  ).map(([n, A2, D3, D4, d2]) => Object.freeze({ n, A2, D3, D4, d2 })),
);

export const MIN_SUBGROUP_SIZE = 2;
export const MAX_SUBGROUP_SIZE = 10;

/** Individuals chart factor: limits are X̄ ± E2·MR̄ with E2 = 3/d2(2) = 3/1.128 ≈ 2.66. */
export const E2 = 2.66;
/** Moving range chart upper factor: D4 for n = 2. The lower limit is 0 (D3 = 0). */
export const D4_MOVING_RANGE = 3.267;
/** d2 for n = 2: the within sigma of individuals is MR̄ / 1.128. */
export const D2_MOVING_RANGE = 1.128;

/** The constants for subgroups of `n` (2–10); throws RangeError outside the table. */
export function subgroupConstants(n: number): SubgroupConstants {
  const c = Number.isInteger(n) ? SUBGROUP_CONSTANTS[n - MIN_SUBGROUP_SIZE] : undefined;
  if (!c) {
    throw new RangeError(
      `subgroup size must be an integer in ${MIN_SUBGROUP_SIZE}…${MAX_SUBGROUP_SIZE}, got ${n}`,
    );
  }
  return c;
}

// Shapes ---------------------------------------------------------------------------------------

/** A centre line and its control limits. */
export interface Limits {
  readonly centre: number;
  readonly ucl: number;
  readonly lcl: number;
}

/** One plotted chart: its lines, one sigma of the plotted statistic, and the points. */
export interface ChartSeries extends Limits {
  /** (ucl − centre) / 3: the zone width Western Electric rules need. */
  readonly sigma: number;
  readonly points: Float64Array;
}

/** Limits of an X̄-R chart, as `xbarR` returns them; pass one back to apply them (phase II). */
export interface XbarRLimits {
  /** The limits are only valid for subgroups of this size. */
  readonly subgroupSize: number;
  readonly xbar: Limits;
  readonly range: Limits;
}

export interface XbarRChart extends XbarRLimits {
  readonly xbar: ChartSeries;
  readonly range: ChartSeries;
  /** Within-subgroup sigma R̄ / d2(n). */
  readonly sigmaWithin: number;
  /** How many subgroups the limits were computed from; null when they were given. */
  readonly baseline: number | null;
}

/** Limits of an individuals and moving range chart; pass an `IndividualsMRChart` back as is. */
export interface IndividualsMRLimits {
  readonly individuals: Limits;
  readonly movingRange: Limits;
}

export interface IndividualsMRChart extends IndividualsMRLimits {
  /** The values themselves; centre = mean, limits = mean ± 2.66·MR̄. */
  readonly individuals: ChartSeries;
  /**
   * `points[i] = |x[i] − x[i−1]|`, aligned with the values: `points[0]` is NaN (the first value
   * has no moving range). Centre MR̄, UCL 3.267·MR̄, LCL 0.
   */
  readonly movingRange: ChartSeries;
  /** Within sigma MR̄ / 1.128. */
  readonly sigmaWithin: number;
  /** How many values the limits were computed from; null when they were given. */
  readonly baseline: number | null;
}

export interface PSample {
  /** Units inspected (a positive integer). */
  readonly n: number;
  /** Units found defective (an integer in 0…n). */
  readonly defectives: number;
}

export interface PChart {
  /** p̄ = Σ defectives / Σ n over the baseline samples, or the given p̄. */
  readonly centre: number;
  /** Fraction defective of each sample. */
  readonly points: Float64Array;
  /** Per sample: √(p̄(1 − p̄)/nᵢ) — pass the chart to `westernElectric` as its reference. */
  readonly sigma: Float64Array;
  /** Per sample: p̄ + 3σᵢ, clipped to 1. */
  readonly ucl: Float64Array;
  /** Per sample: p̄ − 3σᵢ, clipped to 0. */
  readonly lcl: Float64Array;
  /** How many samples p̄ was computed from; null when it was given. */
  readonly baseline: number | null;
}

/** Where the limits come from: the first `baseline` points, or `limits` given (not both). */
export interface ChartOptions<L> {
  readonly baseline?: number;
  readonly limits?: L;
}

// Shared helpers -------------------------------------------------------------------------------

/** The error for a non-finite input; callers test `Number.isFinite` inline (no per-point work). */
const notFinite = (what: string, index: number, x: number) =>
  new RangeError(`${what} ${index} is not a finite number: ${x}`);

function checkLimits(l: Limits, what: string): void {
  const { centre, ucl, lcl } = l;
  if (![centre, ucl, lcl].every(Number.isFinite) || !(lcl <= centre && centre <= ucl)) {
    throw new RangeError(
      `${what} limits must be finite with lcl ≤ centre ≤ ucl, got ${lcl} / ${centre} / ${ucl}`,
    );
  }
}

/** The number of leading points to compute limits from; RangeError when unusable. */
function baselineCount(
  options: ChartOptions<unknown> | undefined,
  count: number,
  min: number,
  what: string,
): number {
  const k = options?.baseline ?? count;
  if (!Number.isInteger(k) || k < min || k > count) {
    throw new RangeError(
      options?.baseline === undefined
        ? `limits need at least ${min} ${what}, got ${count}`
        : `baseline must be an integer in ${min}…${count} ${what}, got ${k}`,
    );
  }
  return k;
}

function checkOneSource(options: ChartOptions<unknown> | undefined): void {
  if (options?.baseline !== undefined && options.limits !== undefined) {
    throw new RangeError('give either a baseline or limits, not both');
  }
}

/** Mean of `xs[from..to)` with one correction pass (accurate for large offsets like 74.001). */
function meanOf(xs: Float64Array, from: number, to: number): number {
  const n = to - from;
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  const m = s / n;
  let c = 0;
  for (let i = from; i < to; i++) c += xs[i]! - m;
  return m + c / n;
}

const series = (l: Limits, points: Float64Array): ChartSeries => ({
  centre: l.centre,
  ucl: l.ucl,
  lcl: l.lcl,
  sigma: (l.ucl - l.centre) / 3,
  points,
});

/** One sigma of a plotted statistic from its limits: (ucl − centre) / 3. */
export const sigmaFromLimits = (l: Limits): number => (l.ucl - l.centre) / 3;

// X̄-R ------------------------------------------------------------------------------------------

/**
 * X̄ and R chart of subgroups of a constant size n (2–10). X̄ chart: centre X̿ (mean of subgroup
 * means), limits X̿ ± A2·R̄; R chart: centre R̄, limits D3·R̄ and D4·R̄.
 *
 * Subgroups are **not** regrouped: one of a different size (the first one sets the size, or
 * `limits.subgroupSize` when given) is a RangeError naming it, because limits for one n are wrong
 * for another. Drop incomplete subgroups before calling.
 */
export function xbarR(
  subgroups: ReadonlyArray<ArrayLike<number>>,
  options?: ChartOptions<XbarRLimits>,
): XbarRChart {
  checkOneSource(options);
  const given = options?.limits;
  const m = subgroups.length;
  if (!given && m === 0) throw new RangeError('limits need at least 1 subgroup, got none');
  const size = given?.subgroupSize ?? subgroups[0]!.length;
  const c = subgroupConstants(size);
  const means = new Float64Array(m);
  const ranges = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const g = subgroups[j]!;
    if (g.length !== size) {
      throw new RangeError(`subgroup ${j} has ${g.length} values; every subgroup needs ${size}`);
    }
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < size; i++) {
      const x = g[i]!;
      if (!Number.isFinite(x)) throw notFinite(`subgroup ${j} value`, i, x);
      s += x;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    means[j] = s / size;
    ranges[j] = hi - lo;
  }

  let xbarLimits: Limits;
  let rangeLimits: Limits;
  let baseline: number | null = null;
  if (given) {
    checkLimits(given.xbar, 'X̄');
    checkLimits(given.range, 'R');
    xbarLimits = given.xbar;
    rangeLimits = given.range;
  } else {
    baseline = baselineCount(options, m, 1, 'subgroups');
    const grand = meanOf(means, 0, baseline);
    const rBar = meanOf(ranges, 0, baseline);
    xbarLimits = { centre: grand, ucl: grand + c.A2 * rBar, lcl: grand - c.A2 * rBar };
    rangeLimits = { centre: rBar, ucl: c.D4 * rBar, lcl: c.D3 * rBar };
  }
  return {
    subgroupSize: size,
    xbar: series(xbarLimits, means),
    range: series(rangeLimits, ranges),
    sigmaWithin: rangeLimits.centre / c.d2,
    baseline,
  };
}

// Individuals and moving range -----------------------------------------------------------------

/**
 * Individuals (I) and moving range (MR) chart: I centre = mean, limits mean ± 2.66·MR̄; MR centre
 * MR̄ (mean of |xᵢ − xᵢ₋₁|), UCL 3.267·MR̄, LCL 0. Computing limits needs at least two values in
 * the baseline; with `limits` given any number of values (even none) is fine.
 */
export function individualsMR(
  values: ArrayLike<number>,
  options?: ChartOptions<IndividualsMRLimits>,
): IndividualsMRChart {
  checkOneSource(options);
  const n = values.length;
  const xs = new Float64Array(n);
  const mr = new Float64Array(n);
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) throw notFinite('value', i, x);
    xs[i] = x;
    mr[i] = Math.abs(x - prev); // NaN for i = 0
    prev = x;
  }

  let iLimits: Limits;
  let mrLimits: Limits;
  let baseline: number | null = null;
  const given = options?.limits;
  if (given) {
    checkLimits(given.individuals, 'individuals');
    checkLimits(given.movingRange, 'moving range');
    iLimits = given.individuals;
    mrLimits = given.movingRange;
  } else {
    baseline = baselineCount(options, n, 2, 'values');
    const mean = meanOf(xs, 0, baseline);
    const mrBar = meanOf(mr, 1, baseline);
    iLimits = { centre: mean, ucl: mean + E2 * mrBar, lcl: mean - E2 * mrBar };
    mrLimits = { centre: mrBar, ucl: D4_MOVING_RANGE * mrBar, lcl: 0 };
  }
  return {
    individuals: series(iLimits, xs),
    movingRange: series(mrLimits, mr),
    sigmaWithin: mrLimits.centre / D2_MOVING_RANGE,
    baseline,
  };
}

// p chart --------------------------------------------------------------------------------------

/**
 * p chart of fraction defective with varying sample sizes: p̄ = Σdefectives / Σn (over the
 * baseline samples, or `pBar` given), and per sample p̄ ± 3√(p̄(1 − p̄)/nᵢ) clipped to [0, 1].
 */
export function pChart(
  samples: ReadonlyArray<PSample>,
  options?: { readonly baseline?: number; readonly pBar?: number },
): PChart {
  checkOneSource({ baseline: options?.baseline, limits: options?.pBar });
  const m = samples.length;
  const points = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const { n, defectives } = samples[i]!;
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`sample ${i}: n must be a positive integer, got ${n}`);
    }
    if (!Number.isInteger(defectives) || defectives < 0 || defectives > n) {
      throw new RangeError(
        `sample ${i}: defectives must be an integer in 0…${n}, got ${defectives}`,
      );
    }
    points[i] = defectives / n;
  }

  let pBar: number;
  let baseline: number | null = null;
  if (options?.pBar !== undefined) {
    pBar = options.pBar;
    if (!(pBar >= 0 && pBar <= 1)) throw new RangeError(`p̄ must be in 0…1, got ${pBar}`);
  } else {
    baseline = baselineCount(options, m, 1, 'samples');
    let d = 0;
    let total = 0;
    for (let i = 0; i < baseline; i++) {
      d += samples[i]!.defectives;
      total += samples[i]!.n;
    }
    pBar = d / total;
  }

  const sigma = new Float64Array(m);
  const ucl = new Float64Array(m);
  const lcl = new Float64Array(m);
  const pq = pBar * (1 - pBar);
  for (let i = 0; i < m; i++) {
    const s = Math.sqrt(pq / samples[i]!.n);
    sigma[i] = s;
    ucl[i] = Math.min(1, pBar + 3 * s);
    lcl[i] = Math.max(0, pBar - 3 * s);
  }
  return { centre: pBar, points, sigma, ucl, lcl, baseline };
}

// Western Electric rules -----------------------------------------------------------------------

export type WesternElectricRule = 1 | 2 | 3 | 4;
export type Side = 'above' | 'below';

export interface Violation {
  readonly rule: WesternElectricRule;
  /** The point that completes the pattern. */
  readonly index: number;
  readonly side: Side;
}

/** What the points are judged against: a `ChartSeries` or a `PChart` fits as is. */
export interface RuleReference {
  readonly centre: number;
  /** One sigma: a number, or one per point (p chart with varying n). */
  readonly sigma: number | ArrayLike<number>;
}

/** Bits set in 0…31 (the windows of rules 2 and 3 are bit masks of the last 3 or 5 points). */
const POPCOUNT = Uint8Array.from({ length: 32 }, (_, i) => {
  let c = 0;
  for (let b = i; b; b >>= 1) c += b & 1;
  return c;
});

/**
 * Pass 1 of `westernElectric`, numeric only: one flag byte per point (bits 0–3: rules 1–4 fire
 * at it; bit 4: its side is below). Every rule that fires at a point needs that point itself on
 * the pattern's side, so all of them share its side. Returns how many violations were flagged.
 * A function of its own so the JIT optimizes this loop alone.
 */
function flagRules(
  points: ArrayLike<number>,
  centre: number,
  sigma: number | ArrayLike<number>,
  flags: Uint8Array,
): number {
  const scalar = typeof sigma === 'number';
  let up2 = 0; // bit k set: point i−k is beyond +2σ (3-point window)
  let down2 = 0;
  let up1 = 0; // bit k set: point i−k is beyond +1σ (5-point window)
  let down1 = 0;
  let runUp = 0;
  let runDown = 0;
  let total = 0;
  const n = points.length;
  for (let i = 0; i < n; i++) {
    let s: number;
    if (scalar) s = sigma;
    else {
      s = sigma[i]!;
      if (!(s >= 0)) throw new RangeError(`sigma ${i} must be ≥ 0, got ${s}`);
    }
    const z = (points[i]! - centre) / s; // NaN compares false everywhere: in no zone
    up2 = ((up2 << 1) | (z > 2 ? 1 : 0)) & 0b111;
    down2 = ((down2 << 1) | (z < -2 ? 1 : 0)) & 0b111;
    up1 = ((up1 << 1) | (z > 1 ? 1 : 0)) & 0b11111;
    down1 = ((down1 << 1) | (z < -1 ? 1 : 0)) & 0b11111;
    let f = 0;
    if (z > 0) {
      runUp++;
      runDown = 0;
      if (z > 3) f |= 1;
      if (up2 & 1 && POPCOUNT[up2]! >= 2) f |= 2;
      if (up1 & 1 && POPCOUNT[up1]! >= 4) f |= 4;
      if (runUp >= 8) f |= 8;
    } else if (z < 0) {
      runDown++;
      runUp = 0;
      if (z < -3) f |= 1;
      if (down2 & 1 && POPCOUNT[down2]! >= 2) f |= 2;
      if (down1 & 1 && POPCOUNT[down1]! >= 4) f |= 4;
      if (runDown >= 8) f |= 8;
      if (f) f |= 16;
    } else {
      runUp = 0;
      runDown = 0;
    }
    flags[i] = f;
    total += POPCOUNT[f & 15]!;
  }
  return total;
}

/**
 * The four classic Western Electric rules (Western Electric, _Statistical Quality Control
 * Handbook_, 1956), with z = (x − centre) / sigma:
 * 1. one point beyond 3σ: z > 3 or z < −3;
 * 2. two of three consecutive points beyond 2σ on the same side;
 * 3. four of five consecutive points beyond 1σ on the same side;
 * 4. eight consecutive points on the same side of the centre.
 *
 * Semantics, chosen so each can be stated in one sentence:
 * - "beyond" is strict: a point exactly on a zone boundary (or the centre) is not beyond it;
 *   a point on the centre belongs to neither side and ends a rule-4 run.
 * - A violation is reported at the point that **completes** the pattern, and only if that point
 *   itself belongs to it (for rule 2, (A, ·, A) fires at the second A; (A, A, ·) does not fire
 *   again at the third point). Overlapping patterns report **every** completing point: three
 *   consecutive points beyond 2σ report rule 2 at the second and third; nine on one side report
 *   rule 4 at the eighth and ninth. Each rule reports an index at most once.
 * - Windows at the start of the series are shorter (two of the first two points is a rule-2
 *   violation). A NaN point (such as the one that opens a moving range series, or a point on
 *   the centre whose own sigma is 0) is in no zone: it counts as a point in the
 *   windows but never toward a pattern, and it ends a rule-4 run.
 *
 * These rules assume a roughly symmetric, independent statistic: use them on individuals, X̄
 * and p charts; on R and MR charts only rule 1 is meaningful.
 *
 * Output is sorted by index, then rule. O(n) time, no per-point allocation.
 */
export function westernElectric(points: ArrayLike<number>, reference: RuleReference): Violation[] {
  const { centre, sigma } = reference;
  const n = points.length;
  if (!Number.isFinite(centre)) throw new RangeError(`centre must be finite, got ${centre}`);
  const scalar = typeof sigma === 'number';
  if (scalar) {
    if (!(sigma > 0 && sigma < Infinity)) {
      throw new RangeError(`sigma must be positive and finite, got ${sigma}`);
    }
  } else if (sigma.length !== n) {
    throw new RangeError(`sigma has ${sigma.length} entries for ${n} points`);
  }

  const flags = new Uint8Array(n);
  const total = flagRules(points, centre, sigma, flags);
  // Pass 2: one violation object per flag bit, from a single allocation site.
  const out = new Array<Violation>(total);
  for (let i = 0, j = 0; j < total; i++) {
    const f = flags[i]!;
    if (!f) continue;
    const side: Side = f & 16 ? 'below' : 'above';
    for (let r = 0; r < 4; r++) {
      if (f & (1 << r)) out[j++] = { rule: (r + 1) as WesternElectricRule, index: i, side };
    }
  }
  return out;
}

// Capability -----------------------------------------------------------------------------------

/** Specification limits; at least one of lower and upper. `target` is used only for Cpm. */
export interface SpecLimits {
  readonly lower?: number | null;
  readonly upper?: number | null;
  readonly target?: number | null;
}

export interface CapabilityOptions {
  /**
   * 1 (default): values are individuals, within sigma = MR̄ / 1.128 (moving ranges of
   * consecutive values). 2–10: values are consecutive subgroups of this size (the length must be
   * a multiple), within sigma = R̄ / d2(n).
   */
  readonly subgroupSize?: number;
  /** A within sigma known from elsewhere (e.g. a control chart's `sigmaWithin`); overrides. */
  readonly sigmaWithin?: number;
}

export interface Capability {
  readonly n: number;
  readonly mean: number;
  /** Overall sample standard deviation (n − 1 denominator): the sigma of Pp, Ppk, Ppu, Ppl. */
  readonly sdOverall: number;
  /** Within-subgroup sigma: the sigma of Cp, Cpk, Cpu, Cpl. */
  readonly sigmaWithin: number;
  readonly sigmaWithinMethod: 'moving-range' | 'subgroup-range' | 'given';
  /** (USL − LSL) / 6σ_within; null for a one-sided spec. */
  readonly cp: number | null;
  /** (USL − mean) / 3σ_within; null without an upper limit. */
  readonly cpu: number | null;
  /** (mean − LSL) / 3σ_within; null without a lower limit. */
  readonly cpl: number | null;
  /** min(Cpu, Cpl), or the one available for a one-sided spec. */
  readonly cpk: number | null;
  /** As Cp, with the overall sd. */
  readonly pp: number | null;
  readonly ppu: number | null;
  readonly ppl: number | null;
  readonly ppk: number | null;
  /**
   * Taguchi index min(T − LSL, USL − T) / 3τ with τ = √(Σ(xᵢ − T)² / (n − 1)) (equal to
   * (USL − LSL) / 6τ for a centred target; the form Minitab uses). Null without a target or for
   * a one-sided spec.
   */
  readonly cpm: number | null;
}

/**
 * Process capability of measured values against specification limits. Cp/Cpk/Cpu/Cpl use the
 * within sigma (short-term, what the machine can do); Pp/Ppk/Ppu/Ppl use the overall sample
 * standard deviation (long-term, what was delivered). An index whose sigma is 0 is null (not
 * Infinity), so results stay JSON-safe. Needs at least two values.
 */
export function capability(
  values: ArrayLike<number>,
  spec: SpecLimits,
  options?: CapabilityOptions,
): Capability {
  const lower = spec.lower ?? null;
  const upper = spec.upper ?? null;
  const target = spec.target ?? null;
  if (lower === null && upper === null) {
    throw new RangeError('a specification needs a lower or an upper limit');
  }
  for (const [name, v] of [
    ['lower', lower],
    ['upper', upper],
    ['target', target],
  ] as const) {
    if (v !== null && !Number.isFinite(v)) throw new RangeError(`${name} must be finite: ${v}`);
  }
  if (lower !== null && upper !== null && !(lower < upper)) {
    throw new RangeError(`lower limit ${lower} must be below upper limit ${upper}`);
  }
  if (
    target !== null &&
    ((lower !== null && target < lower) || (upper !== null && target > upper))
  ) {
    throw new RangeError(`target ${target} lies outside the specification`);
  }

  const n = values.length;
  if (n < 2) throw new RangeError(`capability needs at least 2 values, got ${n}`);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) throw notFinite('value', i, x);
    xs[i] = x;
  }
  const mean = meanOf(xs, 0, n);
  let ss = 0;
  let ssTarget = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    ss += d * d;
  }
  if (target !== null) {
    for (let i = 0; i < n; i++) {
      const d = xs[i]! - target;
      ssTarget += d * d;
    }
  }
  const sdOverall = Math.sqrt(ss / (n - 1));

  let sigmaWithin: number;
  let sigmaWithinMethod: Capability['sigmaWithinMethod'];
  const size = options?.subgroupSize ?? 1;
  if (options?.sigmaWithin !== undefined) {
    sigmaWithin = options.sigmaWithin;
    sigmaWithinMethod = 'given';
    if (!(sigmaWithin >= 0 && sigmaWithin < Infinity)) {
      throw new RangeError(`sigmaWithin must be finite and ≥ 0, got ${sigmaWithin}`);
    }
  } else if (size === 1) {
    let sum = 0;
    for (let i = 1; i < n; i++) sum += Math.abs(xs[i]! - xs[i - 1]!);
    sigmaWithin = sum / (n - 1) / D2_MOVING_RANGE;
    sigmaWithinMethod = 'moving-range';
  } else {
    const c = subgroupConstants(size);
    if (n % size !== 0) {
      throw new RangeError(`${n} values do not form whole subgroups of ${size}`);
    }
    let sum = 0;
    for (let j = 0; j < n; j += size) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = j; i < j + size; i++) {
        const x = xs[i]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      sum += hi - lo;
    }
    sigmaWithin = sum / (n / size) / c.d2;
    sigmaWithinMethod = 'subgroup-range';
  }

  const indices = (sigma: number) => {
    if (!(sigma > 0)) return { p: null, pu: null, pl: null, pk: null };
    const pu = upper === null ? null : (upper - mean) / (3 * sigma);
    const pl = lower === null ? null : (mean - lower) / (3 * sigma);
    const p = upper === null || lower === null ? null : (upper - lower) / (6 * sigma);
    const pk = pu === null ? pl : pl === null ? pu : Math.min(pu, pl);
    return { p, pu, pl, pk };
  };
  const within = indices(sigmaWithin);
  const overall = indices(sdOverall);
  const tau = Math.sqrt(ssTarget / (n - 1));
  const cpm =
    target === null || lower === null || upper === null || !(tau > 0)
      ? null
      : Math.min(target - lower, upper - target) / (3 * tau);

  return {
    n,
    mean,
    sdOverall,
    sigmaWithin,
    sigmaWithinMethod,
    cp: within.p,
    cpu: within.pu,
    cpl: within.pl,
    cpk: within.pk,
    pp: overall.p,
    ppu: overall.pu,
    ppl: overall.pl,
    ppk: overall.pk,
    cpm,
  };
}

// Downsampling for display ---------------------------------------------------------------------

/**
 * Indices (ascending, distinct) of the points to draw so a long series fits in about
 * `maxPoints` without hiding signals: every index in `keep` (pass the `westernElectric`
 * violations, or plain indices), the first and last point, and the minimum and maximum of each
 * of B equal buckets, B = max(1, ⌊(maxPoints − |keep| − 2) / 2⌋) (bucket b covers
 * [⌊b·n/B⌋, ⌊(b+1)·n/B⌋)). NaN points (such as `movingRange.points[0]`) are never a bucket's
 * extreme.
 *
 * When n ≤ maxPoints every index is returned. Otherwise the result has at most
 * max(maxPoints, |keep| + 4) indices: violations are never dropped to meet the budget.
 * `maxPoints` must be an integer ≥ 4. O(n).
 */
export function thinForChart(
  points: ArrayLike<number>,
  maxPoints: number,
  keep: ReadonlyArray<number | { readonly index: number }> = [],
): Uint32Array {
  const n = points.length;
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new RangeError(`maxPoints must be an integer ≥ 4, got ${maxPoints}`);
  }
  const marks = new Uint8Array(n);
  let kept = 0;
  for (const k of keep) {
    const i = typeof k === 'number' ? k : k.index;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new RangeError(`index to keep ${i} is outside 0…${n - 1}`);
    }
    if (!marks[i]) kept++;
    marks[i] = 1;
  }
  if (n <= maxPoints) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }

  marks[0] = 1;
  marks[n - 1] = 1;
  const buckets = Math.max(1, Math.floor((maxPoints - kept - 2) / 2));
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = Infinity;
    let hi = -Infinity;
    let loAt = -1;
    let hiAt = -1;
    for (let i = from; i < to; i++) {
      const x = points[i]!;
      if (x < lo) {
        lo = x;
        loAt = i;
      }
      if (x > hi) {
        hi = x;
        hiAt = i;
      }
    }
    if (loAt >= 0) marks[loAt] = 1;
    if (hiAt >= 0) marks[hiAt] = 1;
  }

  let count = 0;
  for (let i = 0; i < n; i++) count += marks[i]!;
  const out = new Uint32Array(count);
  for (let i = 0, j = 0; i < n; i++) if (marks[i]) out[j++] = i;
  return out;
}
