/** SQL of SPC: the effective measurements of a characteristic, in time order. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';
import { idsOrNone } from '../../server/db/scope.js';

export interface SeriesFilter {
  characteristicId: string;
  productType: string;
  machineId?: string | undefined;
  siteIds: readonly string[] | null;
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * Values of a characteristic on lots of a product, oldest first, leaving out records that a
 * correction superseded. One row per inspection (the sample's result).
 */
export function measurements(db: Executor, f: SeriesFilter) {
  let q = db
    .selectFrom('inspection_results as r')
    .innerJoin('inspections as i', 'i.id', 'r.inspection_id')
    .innerJoin('lots as l', 'l.id', 'i.lot_id')
    .select(['r.value', 'r.passed', 'i.inspected_at', 'i.sample_size', 'i.defectives', 'l.code'])
    .where('r.characteristic_id', '=', f.characteristicId)
    .where('l.product_type', '=', f.productType)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspections as x').select('x.id').whereRef('x.supersedes_id', '=', 'i.id'),
        ),
      ),
    );
  if (f.machineId)
    q = q.where(
      'l.job_id',
      'in',
      db.selectFrom('process_jobs').select('id').where('machine_id', '=', f.machineId),
    );
  if (f.siteIds) q = q.where('l.site_id', 'in', idsOrNone(f.siteIds));
  if (f.from) q = q.where('i.inspected_at', '>=', f.from);
  if (f.to) q = q.where('i.inspected_at', '<', f.to);
  return q.orderBy('i.inspected_at').orderBy('i.id').limit(200_000).execute();
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

export const visibleSiteIds = async (
  db: Executor,
  siteIds: readonly string[],
  programmeIds: readonly string[],
) =>
  (
    await db
      .selectFrom('sites as s')
      .innerJoin('clusters as c', 'c.id', 's.cluster_id')
      .select('s.id')
      .where((eb) =>
        eb.or([
          eb('s.id', 'in', idsOrNone(siteIds)),
          eb('c.programme_id', 'in', idsOrNone(programmeIds)),
        ]),
      )
      .execute()
  ).map((r) => r.id);
