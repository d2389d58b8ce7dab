/** SQL of quality: standards, plans, inspections, non-conformance, certificates. */
import { sql, type Insertable, type Updateable } from 'kysely';
import { afterKey } from '../../server/db/pagination.js';
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
    .leftJoin('users as ra', 'ra.id', 'p.reduced_approved_by')
    .selectAll('p')
    .select(['s.name as specification_name', 'ra.name as reduced_approved_by_name']);

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
export type PlanRow = NonNullable<Awaited<ReturnType<typeof planFor>>>;

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

// Lab reports (0014): append-only rows linked to an inspection.
const labReportColumns = [
  'r.id',
  'r.inspection_id',
  'r.filename',
  'r.content_type',
  'r.size_bytes',
  'r.uploaded_by_label',
  'r.uploaded_at',
] as const;
export const insertLabReport = async (
  db: Executor,
  row: Insertable<DB['inspection_lab_reports']>,
) =>
  db
    .insertInto('inspection_lab_reports')
    .values(row)
    .returning([
      'id',
      'inspection_id',
      'filename',
      'content_type',
      'size_bytes',
      'uploaded_by_label',
      'uploaded_at',
    ])
    .executeTakeFirstOrThrow();
export const labReportsOf = (db: Executor, inspectionIds: readonly string[]) =>
  inspectionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('inspection_lab_reports as r')
        .select(labReportColumns)
        .where('r.inspection_id', 'in', inspectionIds)
        .orderBy('r.uploaded_at')
        .orderBy('r.id')
        .execute();
export const labReportFile = (db: Executor, inspectionId: string, id: string) =>
  db
    .selectFrom('inspection_lab_reports as r')
    .select([...labReportColumns, 'r.file'])
    .where('r.inspection_id', '=', inspectionId)
    .where('r.id', '=', id)
    .executeTakeFirst();

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

/**
 * Every inspection record made under a plan on the lots of one group (one site, and one owner
 * when `byOwner`), oldest first, without `exceptLot`: what the switching history is made of
 * (`lotDecisions` in quality.ts picks each lot's first decision as corrected). One index range
 * scan (inspections_plan_idx), a few bytes a record.
 */
export const planRecords = (
  db: Executor,
  g: {
    planId: string;
    siteId: string;
    ownerOrgId: string | null;
    byOwner: boolean;
    exceptLot: string;
  },
) => {
  let q = db
    .selectFrom('inspections as i')
    .innerJoin('lots as l', 'l.id', 'i.lot_id')
    .select([
      'i.id',
      'i.lot_id',
      'i.supersedes_id',
      'i.inspected_at',
      'i.verdict',
      'i.defectives',
      'l.quantity_kg',
    ])
    .where('i.plan_id', '=', g.planId)
    .where('l.site_id', '=', g.siteId)
    .where('i.lot_id', '!=', g.exceptLot);
  if (g.byOwner)
    q = g.ownerOrgId
      ? q.where('l.owner_org_id', '=', g.ownerOrgId)
      : q.where('l.owner_org_id', 'is', null);
  return q.orderBy('i.inspected_at').orderBy('i.created_at').orderBy('i.id').execute();
};

/** The latest restart of discontinued sampling for a plan's group (site, and owner). */
export const latestRestart = (
  db: Executor,
  g: { planId: string; siteId: string; ownerOrgId: string | null; byOwner: boolean },
) => {
  let q = db
    .selectFrom('sampling_restarts')
    .select(['restarted_at', 'reason'])
    .where('plan_id', '=', g.planId)
    .where('site_id', '=', g.siteId);
  if (g.byOwner)
    q = g.ownerOrgId
      ? q.where('owner_org_id', '=', g.ownerOrgId)
      : q.where('owner_org_id', 'is', null);
  return q.orderBy('restarted_at', 'desc').limit(1).executeTakeFirst();
};

export const insertRestart = (db: Executor, row: Insertable<DB['sampling_restarts']>) =>
  db.insertInto('sampling_restarts').values(row).execute();

/** Whether an organisation is one of the owners of a pooled lot. */
export const isLotOwner = async (db: Executor, lotId: string, orgIds: readonly string[]) =>
  orgIds.length > 0 &&
  !!(await db
    .selectFrom('lot_owners')
    .select('lot_id')
    .where('lot_id', '=', lotId)
    .where('owner_org_id', 'in', orgIds)
    .executeTakeFirst());

/**
 * Open non-conformances of a lot that stand on an effective record (their inspection not
 * superseded by a correction), or opened without a record.
 */
export const standingNcs = (db: Executor, lotId: string) =>
  db
    .selectFrom('non_conformances as n')
    .select(['n.id'])
    .where('n.lot_id', '=', lotId)
    .where('n.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('n.inspection_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('inspections as x')
              .select('x.id')
              .whereRef('x.supersedes_id', '=', 'n.inspection_id'),
          ),
        ),
      ]),
    )
    .execute();

/** The latest values of one series (newest first), from the SPC read model (migration 0010). */
export const recentValues = (
  db: Executor,
  characteristicId: string,
  productType: string,
  machineId: string | null,
  limit: number,
) => {
  let q = db
    .selectFrom('spc_points')
    .select(['value', 'inspection_id', 'inspected_at'])
    .where('characteristic_id', '=', characteristicId)
    .where('product_type', '=', productType)
    .where('value', 'is not', null);
  if (machineId) q = q.where('machine_id', '=', machineId);
  return q.orderBy('inspected_at', 'desc').orderBy('inspection_id', 'desc').limit(limit).execute();
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
  if (after) q = q.where(afterKey(['n.opened_at', 'n.id'], [after.at, after.id], 'desc'));
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

// Editing standards and plans ------------------------------------------------------------------

/** Per specification: its buyer's name and how many inspection records were made against it. */
export const specificationMeta = (db: Executor, specIds: readonly string[]) =>
  specIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('specifications as s')
        .leftJoin('organisations as o', 'o.id', 's.buyer_org_id')
        .select([
          's.id',
          'o.name as buyer_name',
          sql<string>`(select count(*) from inspections i where i.specification_id = s.id)`.as(
            'inspection_count',
          ),
        ])
        .where('s.id', 'in', specIds)
        .execute();

export const buyers = (db: Executor) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'buyer')
    .orderBy('name')
    .execute();

export const lockSpecification = (db: Executor, id: string) =>
  db.selectFrom('specifications').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const updateSpecification = (
  db: Executor,
  id: string,
  set: Updateable<DB['specifications']>,
) => db.updateTable('specifications').set(set).where('id', '=', id).execute();

export const deleteSpecItems = (db: Executor, specId: string) =>
  db.deleteFrom('specification_items').where('specification_id', '=', specId).execute();

export const findPlan = (db: Executor, id: string) =>
  plans(db).where('p.id', '=', id).executeTakeFirst();

export const lockPlan = (db: Executor, id: string) =>
  db
    .selectFrom('inspection_plans')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/** The responsible authority's decision on reduced inspection (0016): the plan stays active. */
export const setPlanReduced = (
  db: Executor,
  id: string,
  v: { allowed: boolean; by: string | null; at: Date },
) =>
  db
    .updateTable('inspection_plans')
    .set({ reduced_allowed: v.allowed, reduced_approved_by: v.by, reduced_approved_at: v.at })
    .where('id', '=', id)
    .execute();

export const retirePlan = (db: Executor, id: string) =>
  db.updateTable('inspection_plans').set({ active: false }).where('id', '=', id).execute();

export const productTypeExists = async (db: Executor, code: string) =>
  !!(await db
    .selectFrom('product_types')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst());
