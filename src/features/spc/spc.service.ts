/**
 * Control charts of a characteristic over the sites the caller sees: I-MR (one value per
 * inspection), X̄-R (consecutive values in subgroups) or p (defectives per sample), with the
 * Western Electric rules flagged, capability against the product's specification, and the
 * series thinned for display without dropping a signal.
 */
import type { Actor } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { DomainError } from '../../server/domain-error.js';
import { getMachine } from '../equipment/equipment.service.js';
import { siteVisibility } from '../registry/registry.js';
import { grantedSiteIds } from '../registry/registry.repository.js';
import type { SpcChart, SpcQuery } from './spc.contract.js';
import * as repo from './spc.repository.js';
import {
  capability,
  individualsMR,
  pChart,
  thinForChart,
  westernElectric,
  xbarR,
  type Violation,
} from './spc.js';

const finite = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;
const round = (x: number) => Math.round(x * 1e6) / 1e6;
/** Max or min of a long array without spreading it into arguments. */
const extreme = (xs: ArrayLike<number>, pick: (a: number, b: number) => number) => {
  let r = xs[0] ?? 0;
  for (let i = 1; i < xs.length; i++) r = pick(r, xs[i]!);
  return r;
};
/** A phase I baseline within what the series holds (at least 2 points, at most all). */
const baselineOf = (q: SpcQuery, n: number) =>
  q.baseline === undefined ? undefined : { baseline: Math.max(2, Math.min(q.baseline, n)) };

/**
 * The chart in two phases inside one repeatable-read snapshot: the series' numbers as one row
 * (the maths and the thinning need every value), then time and lot code of the drawn points
 * only. An Executor that is already a transaction is used as it is.
 */
export async function spcChart(db: Executor, q: SpcQuery, actor: Actor): Promise<SpcChart> {
  if (db.isTransaction) return chartIn(db, q, actor);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => chartIn(trx, q, actor));
}

async function chartIn(db: Executor, q: SpcQuery, actor: Actor): Promise<SpcChart> {
  const char = await repo.characteristicOf(db, q.characteristicId);
  if (!char) throw new DomainError('characteristic_not_found');
  // A machine the actor cannot see does not exist for them (404), like a site.
  if (q.machineId) await getMachine(db, q.machineId, actor);
  const v = siteVisibility(actor);
  let siteIds = await grantedSiteIds(db, v);
  if (q.siteId) {
    if (siteIds && !siteIds.includes(q.siteId)) throw new DomainError('site_not_found');
    siteIds = [q.siteId];
  }
  const filter: repo.SeriesFilter = {
    characteristicId: char.id,
    productType: q.productType,
    machineId: q.machineId,
    siteIds,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
  const spec = await repo.specLimits(db, char.id, q.productType);
  const specOut = spec
    ? {
        lower: spec.lower_limit === null ? null : Number(spec.lower_limit),
        upper: spec.upper_limit === null ? null : Number(spec.upper_limit),
        source: spec.source,
      }
    : null;
  const empty: SpcChart = {
    chart: q.chart,
    n: 0,
    unit: char.unit,
    limits: null,
    secondary: null,
    points: [],
    violations: [],
    spec: specOut,
    capability: null,
  };
  /** Time and lot code of series positions (phase 2). */
  const labels = (kind: repo.SeriesKind) => (positions: readonly number[]) =>
    repo.seriesLabels(db, filter, kind, positions);

  if (q.chart === 'p') {
    const s = await repo.seriesSamples(db, filter);
    const count = s.n.length;
    if (count < 2) return empty;
    const samples = Array.from({ length: count }, (_, i) => ({
      n: s.n[i]!,
      defectives: s.defectives[i]!,
    }));
    const c = pChart(samples, q.baseline ? { baseline: q.baseline } : undefined);
    const violations = westernElectric(c.points, c);
    return {
      ...empty,
      n: count,
      unit: 'p',
      limits: {
        centre: round(c.centre),
        ucl: round(extreme(c.ucl, Math.max)),
        lcl: round(extreme(c.lcl, Math.min)),
      },
      points: await present(c.points, null, labels('samples'), 1, violations, q.maxPoints),
      violations: [...violations],
    };
  }

  const series = await repo.seriesValues(db, filter);
  const m = series.length;
  if (m < 2) return empty;
  const hasSpec = !!specOut && (specOut.lower !== null || specOut.upper !== null);
  /** Capability against the specification; X̄-R passes its own within sigma (R̄/d2). */
  const capOf = (sigmaWithin?: number) => {
    if (!hasSpec) return null;
    const cap = capability(
      series,
      { lower: specOut!.lower, upper: specOut!.upper },
      sigmaWithin ? { sigmaWithin } : undefined,
    );
    return {
      mean: round(cap.mean),
      sdOverall: round(cap.sdOverall),
      sigmaWithin: round(cap.sigmaWithin),
      cp: finite(cap.cp),
      cpk: finite(cap.cpk),
      pp: finite(cap.pp),
      ppk: finite(cap.ppk),
    };
  };

  if (q.chart === 'xbar') {
    const k = q.subgroupSize;
    const groups: Float64Array[] = [];
    for (let i = 0; i + k <= m; i += k) groups.push(series.subarray(i, i + k));
    if (groups.length < 2) return { ...empty, capability: capOf() };
    const c = xbarR(groups, baselineOf(q, groups.length));
    const violations = westernElectric(c.xbar.points, c.xbar);
    return {
      ...empty,
      n: groups.length,
      limits: lines(c.xbar),
      secondary: lines(c.range),
      // A subgroup is labelled by its last measurement.
      points: await present(
        c.xbar.points,
        c.range.points,
        labels('values'),
        k,
        violations,
        q.maxPoints,
      ),
      violations: [...violations],
      capability: capOf(c.sigmaWithin),
    };
  }

  const c = individualsMR(series, baselineOf(q, m));
  const violations = westernElectric(c.individuals.points, c.individuals);
  return {
    ...empty,
    n: m,
    limits: lines(c.individuals),
    secondary: lines(c.movingRange),
    points: await present(
      c.individuals.points,
      c.movingRange.points,
      labels('values'),
      1,
      violations,
      q.maxPoints,
    ),
    violations: [...violations],
    capability: capOf(c.sigmaWithin),
  };
}

const lines = (l: { centre: number; ucl: number; lcl: number }) => ({
  centre: round(l.centre),
  ucl: round(l.ucl),
  lcl: round(l.lcl),
});

/**
 * The points to draw: thinned without dropping a signal, each with the time and lot code of
 * its measurement — point i stands for series position (i + 1)·per − 1 (per = 1, or the
 * subgroup size of X̄-R, whose subgroup is labelled by its last measurement).
 */
async function present(
  points: ArrayLike<number>,
  secondary: ArrayLike<number> | null,
  labelsOf: (positions: readonly number[]) => Promise<Map<number, { at: Date; code: string }>>,
  per: number,
  violations: readonly Violation[],
  maxPoints: number,
) {
  const rules = new Map<number, number[]>();
  for (const v of violations) rules.set(v.index, [...(rules.get(v.index) ?? []), v.rule]);
  const keep = thinForChart(points, maxPoints, violations);
  const position = (i: number) => (i + 1) * per - 1;
  const meta = await labelsOf(Array.from(keep, position));
  return Array.from(keep, (i) => {
    const m = meta.get(position(i));
    if (!m) throw new Error(`spc: no label for series position ${position(i)}`);
    return {
      index: i,
      at: m.at.toISOString(),
      value: round(points[i]!),
      secondary: secondary && Number.isFinite(secondary[i]!) ? round(secondary[i]!) : null,
      lotCode: m.code,
      rules: rules.get(i) ?? [],
    };
  });
}
