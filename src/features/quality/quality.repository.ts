/** SQL of quality: standards, plans, inspections, non-conformance, certificates. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../server/db/connect.js';
import { idsOrNone } from '../../server/db/scope.js';
import type { DB } from '../../server/db/schema.js';

export const characteristics = (db: Executor) =>
  db.selectFrom('characteristics').selectAll().orderBy('code').execute();

export const specifications = (db: Executor, id?: string) => {
  let q = db.selectFrom('specifications').selectAll();
  if (id) q = q.where('id', '=', id);
  return q.orderBy('product_type').orderBy('name').execute();
};

export const specItems = (db: Executor, specIds: readonly string[]) =>
  specIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('specification_items as i')
        .innerJoin('characteristics as c', 'c.id', 'i.characteristic_id')
        .select([
          'i.specification_id',
          'i.lower_limit',
          'i.upper_limit',
          'i.target',
          'i.expected_pass',
          'i.position',
          'c.id',
          'c.code',
          'c.name_id',
          'c.name_en',
          'c.kind',
          'c.unit',
          'c.physical_min',
          'c.physical_max',
          'c.test_method',
        ])
        .where('i.specification_id', 'in', specIds)
        .orderBy('i.specification_id')
        .orderBy('i.position')
        .execute();
export type SpecItemRow = Awaited<ReturnType<typeof specItems>>[number];

export const insertSpecification = async (db: Executor, row: Insertable<DB['specifications']>) =>
  (await db.insertInto('specifications').values(row).returning('id').executeTakeFirstOrThrow()).id;
export const insertSpecItems = (db: Executor, rows: Insertable<DB['specification_items']>[]) =>
  db.insertInto('specification_items').values(rows).execute();

const plans = (db: Executor) =>
  db
    .selectFrom('inspection_plans as p')
    .innerJoin('specifications as s', 's.id', 'p.specification_id')
    .selectAll('p')
    .select(['s.name as specification_name']);

export const listPlans = (db: Executor) =>
  plans(db).where('p.active', '=', true).orderBy('p.product_type').orderBy('p.stage').execute();

/** The active plan covering a product at a stage: the site's own, else the network-wide one. */
export const planFor = (db: Executor, siteId: string, productType: string, stage: string) =>
  plans(db)
    .where('p.active', '=', true)
    .where('p.product_type', '=', productType)
    .where('p.stage', '=', stage as never)
    .where((eb) => eb.or([eb('p.site_id', '=', siteId), eb('p.site_id', 'is', null)]))
    .orderBy(sql`p.site_id is null`)
    .limit(1)
    .executeTakeFirst();

export const insertPlan = async (db: Executor, row: Insertable<DB['inspection_plans']>) =>
  (await db.insertInto('inspection_plans').values(row).returning('id').executeTakeFirstOrThrow())
    .id;

// Lots (read and gate) -------------------------------------------------------------------------

export const lotOf = (db: Executor, id: string) =>
  db
    .selectFrom('lots as l')
    .innerJoin('sites as s', 's.id', 'l.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .innerJoin('product_types as pt', 'pt.code', 'l.product_type')
    .leftJoin('organisations as o', 'o.id', 'l.owner_org_id')
    .leftJoin('process_jobs as j', 'j.id', 'l.job_id')
    .select([
      'l.id',
      'l.code',
      'l.kind',
      'l.site_id',
      's.code as site_code',
      's.name as site_name',
      's.time_zone',
      'c.programme_id',
      'l.product_type',
      'pt.name_id as product_name_id',
      'pt.name_en as product_name_en',
      'l.owner_org_id',
      'o.name as owner_name',
      'l.quantity_kg',
      'l.status',
      'j.machine_id',
    ])
    .where('l.id', '=', id)
    .executeTakeFirst();
export type LotRow = NonNullable<Awaited<ReturnType<typeof lotOf>>>;

export const lockLot = (db: Executor, id: string) =>
  db.selectFrom('lots').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const setLotStatus = (db: Executor, id: string, status: DB['lots']['status'], now: Date) =>
  db.updateTable('lots').set({ status, updated_at: now }).where('id', '=', id).execute();

// Inspections ----------------------------------------------------------------------------------

export const insertInspection = async (db: Executor, row: Insertable<DB['inspections']>) =>
  (await db.insertInto('inspections').values(row).returning('id').executeTakeFirstOrThrow()).id;
export const insertResults = (db: Executor, rows: Insertable<DB['inspection_results']>[]) =>
  db.insertInto('inspection_results').values(rows).execute();

const inspections = (db: Executor) =>
  db
    .selectFrom('inspections as i')
    .innerJoin('lots as l', 'l.id', 'i.lot_id')
    .innerJoin('specifications as s', 's.id', 'i.specification_id')
    .select([
      'i.id',
      'i.lot_id',
      'l.code as lot_code',
      'i.stage',
      'i.specification_id',
      's.name as specification_name',
      's.source as specification_source',
      'i.verdict',
      'i.sample_size',
      'i.defectives',
      'i.inspector_label',
      'i.inspected_at',
      'i.supersedes_id',
      'i.notes',
      'i.plan_id',
      sql<string | null>`(select x.id from inspections x where x.supersedes_id = i.id)`.as(
        'superseded_by_id',
      ),
      sql<string | null>`(select n.id from non_conformances n where n.inspection_id = i.id)`.as(
        'nc_id',
      ),
    ]);
export type InspectionRow = Awaited<ReturnType<typeof inspectionsOfLot>>[number];

export const inspectionsOfLot = (db: Executor, lotId: string) =>
  inspections(db)
    .where('i.lot_id', '=', lotId)
    .orderBy('i.inspected_at')
    .orderBy('i.created_at')
    .execute();
export const findInspection = (db: Executor, id: string) =>
  inspections(db).where('i.id', '=', id).executeTakeFirst();

export const resultsOf = (db: Executor, inspectionIds: readonly string[]) =>
  inspectionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('inspection_results as r')
        .innerJoin('characteristics as c', 'c.id', 'r.characteristic_id')
        .select([
          'r.inspection_id',
          'r.characteristic_id',
          'c.code',
          'c.name_id',
          'c.name_en',
          'c.unit',
          'r.value',
          'r.passed',
        ])
        .where('r.inspection_id', 'in', inspectionIds)
        .execute();

/** Verdicts of the original (uncorrected) inspections under a plan, oldest first: switching. */
export const planHistory = (db: Executor, planId: string, beforeLot: string) =>
  db
    .selectFrom('inspections as i')
    .select([
      'i.verdict',
      'i.defectives',
      sql<number | null>`null::int`.as('accept'),
      sql<number | null>`null::int`.as('reject'),
    ])
    .where('i.plan_id', '=', planId)
    .where('i.supersedes_id', 'is', null)
    .where('i.lot_id', '!=', beforeLot)
    .orderBy('i.inspected_at')
    .limit(500)
    .execute();

/** Recent values of a characteristic on lots of a product (and machine), effective records only. */
export const recentValues = (
  db: Executor,
  characteristicId: string,
  productType: string,
  machineId: string | null,
  limit: number,
) => {
  let q = db
    .selectFrom('inspection_results as r')
    .innerJoin('inspections as i', 'i.id', 'r.inspection_id')
    .innerJoin('lots as l', 'l.id', 'i.lot_id')
    .leftJoin('process_jobs as j', 'j.id', 'l.job_id')
    .select(['r.value', 'i.id as inspection_id', 'i.inspected_at'])
    .where('r.characteristic_id', '=', characteristicId)
    .where('l.product_type', '=', productType)
    .where('r.value', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspections as x').select('x.id').whereRef('x.supersedes_id', '=', 'i.id'),
        ),
      ),
    );
  if (machineId) q = q.where('j.machine_id', '=', machineId);
  return q.orderBy('i.inspected_at', 'desc').limit(limit).execute();
};

export const siteManagers = (db: Executor, siteId: string) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.email', 'u.locale'])
    .where('g.site_id', '=', siteId)
    .where('g.role', '=', 'site_manager')
    .where('u.disabled_at', 'is', null)
    .execute();

// Non-conformance ------------------------------------------------------------------------------

export const insertNc = async (db: Executor, row: Insertable<DB['non_conformances']>) =>
  (await db.insertInto('non_conformances').values(row).returning('id').executeTakeFirstOrThrow())
    .id;
export const updateNc = (db: Executor, id: string, set: Updateable<DB['non_conformances']>) =>
  db.updateTable('non_conformances').set(set).where('id', '=', id).execute();

const ncs = (db: Executor) =>
  db
    .selectFrom('non_conformances as n')
    .innerJoin('lots as l', 'l.id', 'n.lot_id')
    .selectAll('n')
    .select(['l.code as lot_code']);
export type NcRow = NonNullable<Awaited<ReturnType<typeof findNc>>>;
export const findNc = (db: Executor, id: string) =>
  ncs(db).where('n.id', '=', id).executeTakeFirst();
export const lockNc = (db: Executor, id: string) =>
  db
    .selectFrom('non_conformances')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
export const listNcs = (
  db: Executor,
  f: { siteIds: readonly string[] | null; siteId?: string; status?: 'open' | 'closed' },
  after: { at: Date; id: string } | null,
  limit: number,
) => {
  let q = ncs(db);
  if (f.siteIds) q = q.where('n.site_id', 'in', idsOrNone(f.siteIds));
  if (f.siteId) q = q.where('n.site_id', '=', f.siteId);
  if (f.status) q = q.where('n.status', '=', f.status);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('n.opened_at', '<', after.at),
        eb.and([eb('n.opened_at', '=', after.at), eb('n.id', '<', after.id)]),
      ]),
    );
  return q
    .orderBy('n.opened_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit + 1)
    .execute();
};
export const actionsOf = (db: Executor, ncIds: readonly string[]) =>
  ncIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('nc_actions as a')
        .leftJoin('users as u', 'u.id', 'a.owner_user_id')
        .select([
          'a.id',
          'a.nc_id',
          'a.description',
          'a.owner_user_id',
          'u.name as owner_name',
          sql<string>`to_char(a.due_on, 'YYYY-MM-DD')`.as('due'),
          'a.done_at',
        ])
        .where('a.nc_id', 'in', ncIds)
        .orderBy('a.created_at')
        .execute();
export const insertAction = async (db: Executor, row: Insertable<DB['nc_actions']>) =>
  (await db.insertInto('nc_actions').values(row).returning('id').executeTakeFirstOrThrow()).id;
export const findAction = (db: Executor, id: string) =>
  db.selectFrom('nc_actions').selectAll().where('id', '=', id).executeTakeFirst();
export const completeAction = (db: Executor, id: string, now: Date) =>
  db
    .updateTable('nc_actions')
    .set({ done_at: now })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .execute();

// Certificates ---------------------------------------------------------------------------------

export const certificateOfLot = (db: Executor, lotId: string) =>
  db.selectFrom('certificates').selectAll().where('lot_id', '=', lotId).executeTakeFirst();
export const findCertificate = (db: Executor, id: string) =>
  db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
export const certificateByToken = (db: Executor, token: string) =>
  db.selectFrom('certificates').selectAll().where('public_token', '=', token).executeTakeFirst();
export const insertCertificate = async (db: Executor, row: Insertable<DB['certificates']>) =>
  (await db.insertInto('certificates').values(row).returning('id').executeTakeFirstOrThrow()).id;
export const certificateCount = async (db: Executor, prefix: string) =>
  Number(
    (
      await db
        .selectFrom('certificates')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('number', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );
export const lockCertificates = (db: Executor, siteId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`rpb.certificates:${siteId}`}, 0))`.execute(
    db,
  );
