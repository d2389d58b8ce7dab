/** SQL of SPC: the effective measurements of a characteristic, in time order. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';

export interface SeriesFilter {
  characteristicId: string;
  productType: string;
  machineId?: string | undefined;
  siteIds: readonly string[] | null;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** At most this many points per chart (the newest beyond it are left out, as before). */
export const MAX_SERIES = 200_000;

/**
 * Which points a chart uses: 'values' (I-MR, X̄-R: results with a value) or 'samples' (p chart:
 * inspections with a sample size and a count of defectives).
 */
export type SeriesKind = 'values' | 'samples';

/**
 * The effective points of a characteristic on lots of a product, in chart order (time, then
 * inspection id), from the read model `spc_points` (migration 0010: superseded records are not
 * in it). One index-only range scan of `spc_points_series` or `spc_points_machine`.
 */
function series(db: Executor, f: SeriesFilter, kind: SeriesKind) {
  let q = db
    .selectFrom('spc_points as p')
    .where('p.characteristic_id', '=', f.characteristicId)
    .where('p.product_type', '=', f.productType);
  if (f.machineId) q = q.where('p.machine_id', '=', f.machineId);
  if (f.siteIds) q = q.where(sql<boolean>`p.site_id = any(${[...f.siteIds]}::uuid[])`);
  if (f.from) q = q.where('p.inspected_at', '>=', f.from);
  if (f.to) q = q.where('p.inspected_at', '<', f.to);
  q =
    kind === 'values'
      ? q.where('p.value', 'is not', null)
      : q.where('p.sample_size', 'is not', null).where('p.defectives', 'is not', null);
  return q.orderBy('p.inspected_at').orderBy('p.inspection_id').limit(MAX_SERIES);
}

/** `{1.5,2,…}` (a PostgreSQL array of numbers as text) as numbers, in order. */
function numbersOf(text: string | null): Float64Array {
  if (text === null || text.length <= 2) return new Float64Array(0);
  const parts = text.slice(1, -1).split(',');
  const out = new Float64Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

/**
 * Phase 1 of a chart: the values of the series in order, as one row (the array as text, split
 * here) instead of a row object per point.
 */
export async function seriesValues(db: Executor, f: SeriesFilter): Promise<Float64Array> {
  const r = await db
    .selectFrom(series(db, f, 'values').select('p.value').as('s'))
    .select(sql<string | null>`array_agg(s.value)::text`.as('values'))
    .executeTakeFirst();
  return numbersOf(r?.values ?? null);
}

/** Phase 1 of a p chart: sample sizes and defectives of the series, in order. */
export async function seriesSamples(
  db: Executor,
  f: SeriesFilter,
): Promise<{ n: Float64Array; defectives: Float64Array }> {
  const r = await db
    .selectFrom(series(db, f, 'samples').select(['p.sample_size', 'p.defectives']).as('s'))
    .select([
      sql<string | null>`array_agg(s.sample_size)::text`.as('n'),
      sql<string | null>`array_agg(s.defectives)::text`.as('defectives'),
    ])
    .executeTakeFirst();
  return { n: numbersOf(r?.n ?? null), defectives: numbersOf(r?.defectives ?? null) };
}

/**
 * Phase 2 of a chart: time and lot code of the points drawn, by their position in the series
 * (0-based). Read in the same snapshot as phase 1, so positions mean the same points.
 */
export async function seriesLabels(
  db: Executor,
  f: SeriesFilter,
  kind: SeriesKind,
  positions: readonly number[],
): Promise<Map<number, { at: Date; code: string }>> {
  if (positions.length === 0) return new Map();
  const rows = await db
    .selectFrom(
      series(db, f, kind)
        .select([
          'p.inspected_at',
          'p.lot_code',
          sql<string>`row_number() over (order by p.inspected_at, p.inspection_id) - 1`.as('n'),
        ])
        .as('s'),
    )
    .select(['s.n', 's.inspected_at', 's.lot_code'])
    .where(sql<boolean>`s.n = any(${positions.map(String)}::int8[])`)
    .execute();
  return new Map(rows.map((r) => [Number(r.n), { at: r.inspected_at, code: r.lot_code }]));
}

export const characteristicOf = (db: Executor, id: string) =>
  db.selectFrom('characteristics').selectAll().where('id', '=', id).executeTakeFirst();

/** The limits of the characteristic in the product's first specification that has it. */
export const specLimits = (db: Executor, characteristicId: string, productType: string) =>
  db
    .selectFrom('specification_items as i')
    .innerJoin('specifications as s', 's.id', 'i.specification_id')
    .select(['i.lower_limit', 'i.upper_limit', 'i.target', 's.source'])
    .where('i.characteristic_id', '=', characteristicId)
    .where('s.product_type', '=', productType)
    .orderBy(sql`s.buyer_org_id is not null`)
    .orderBy('s.created_at')
    .limit(1)
    .executeTakeFirst();
