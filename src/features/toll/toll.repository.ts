/** SQL of toll processing: lots in custody, jobs, inputs, handovers, genealogy. */
import { sql, type Insertable, type Updateable } from 'kysely';
import { afterKey } from '../../server/db/pagination.js';
import type { Executor } from '../../server/db/connect.js';
import { idsOrNone } from '../../server/db/scope.js';
import type { DB } from '../../server/db/schema.js';

const lots = (db: Executor) =>
  db
    .selectFrom('lots as l')
    .innerJoin('sites as s', 's.id', 'l.site_id')
    .innerJoin('product_types as pt', 'pt.code', 'l.product_type')
    .leftJoin('organisations as o', 'o.id', 'l.owner_org_id')
    .selectAll('l')
    .select([
      's.code as site_code',
      'pt.name_id as product_name',
      'o.name as owner_name',
      sql<string>`l.quantity_kg
        - coalesce((select sum(ji.kg) from job_inputs ji where ji.lot_id = l.id), 0)
        - coalesce((select sum(h.kg) from handovers h where h.lot_id = l.id), 0)`.as(
        'remaining_kg',
      ),
    ]);
export type LotRow = NonNullable<Awaited<ReturnType<typeof findLot>>>;

export const findLot = (db: Executor, id: string) =>
  lots(db).where('l.id', '=', id).executeTakeFirst();
export const findLots = (db: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : lots(db)
        .where(sql<boolean>`l.id = any(${[...ids]}::uuid[])`)
        .orderBy('l.code')
        .execute();
export const lockLot = (db: Executor, id: string) =>
  db
    .selectFrom('lots')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export function listLots(
  db: Executor,
  f: {
    siteIds: readonly string[] | null;
    ownerIds: readonly string[] | null;
    siteId?: string;
    ownerOrgId?: string;
    status?: string;
    kind?: string;
    q?: string;
  },
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let q = lots(db);
  if (f.siteIds) q = q.where('l.site_id', 'in', idsOrNone(f.siteIds));
  if (f.ownerIds) {
    const own = idsOrNone(f.ownerIds);
    q = q.where((eb) =>
      eb.or([
        eb('l.owner_org_id', 'in', own),
        eb.exists(
          eb
            .selectFrom('lot_owners as lo')
            .select('lo.lot_id')
            .whereRef('lo.lot_id', '=', 'l.id')
            .where('lo.owner_org_id', 'in', own),
        ),
      ]),
    );
  }
  if (f.siteId) q = q.where('l.site_id', '=', f.siteId);
  if (f.ownerOrgId) q = q.where('l.owner_org_id', '=', f.ownerOrgId);
  if (f.status) q = q.where('l.status', '=', f.status as never);
  if (f.kind) q = q.where('l.kind', '=', f.kind as never);
  if (f.q) q = q.where('l.code', 'ilike', `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (after) q = q.where(afterKey(['l.received_at', 'l.id'], [after.at, after.id], 'desc'));
  return q
    .orderBy('l.received_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export const insertLot = async (db: Executor, row: Insertable<DB['lots']>) =>
  (await db.insertInto('lots').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const setLotStatus = (db: Executor, id: string, status: DB['lots']['status'], now: Date) =>
  db.updateTable('lots').set({ status, updated_at: now }).where('id', '=', id).execute();

/** Today's next sequence number for lot codes of a kind at a site (under the site's lock). */
export const lotCount = async (db: Executor, siteId: string, prefix: string) =>
  Number(
    (
      await db
        .selectFrom('lots')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('site_id', '=', siteId)
        .where('code', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const lockSiteLots = (db: Executor, siteId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`rpb.lots:${siteId}`}, 0))`.execute(db);

export const insertOwners = (db: Executor, rows: Insertable<DB['lot_owners']>[]) =>
  rows.length ? db.insertInto('lot_owners').values(rows).execute() : Promise.resolve();

export const ownersOf = (db: Executor, lotIds: readonly string[]) =>
  lotIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('lot_owners as lo')
        .innerJoin('organisations as o', 'o.id', 'lo.owner_org_id')
        .select(['lo.lot_id', 'lo.owner_org_id', 'o.name as owner_name', 'lo.share_bp', 'lo.kg'])
        .where('lo.lot_id', 'in', lotIds)
        .execute();

export const consumptionOf = (db: Executor, lotId: string) =>
  db.selectFrom('job_inputs').select(['job_id', 'kg']).where('lot_id', '=', lotId).execute();

export const handoversOf = (db: Executor, lotIds: readonly string[]) =>
  lotIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('handovers as h')
        .innerJoin('organisations as o', 'o.id', 'h.to_org_id')
        .innerJoin('lots as l', 'l.id', 'h.lot_id')
        .select([
          'h.id',
          'h.lot_id',
          'l.code as lot_code',
          'h.to_org_id',
          'o.name as to_name',
          'h.kg',
          'h.handed_at',
          'h.handed_by_label',
          'h.received_by_name',
        ])
        .where('h.lot_id', 'in', lotIds)
        .orderBy('h.handed_at')
        .execute();

export const insertHandover = async (db: Executor, row: Insertable<DB['handovers']>) =>
  (await db.insertInto('handovers').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const isSiteMember = async (db: Executor, siteId: string, orgId: string) =>
  !!(await db
    .selectFrom('site_members')
    .select('site_id')
    .where('site_id', '=', siteId)
    .where('organisation_id', '=', orgId)
    .executeTakeFirst());

export const productType = (db: Executor, code: string) =>
  db.selectFrom('product_types').selectAll().where('code', '=', code).executeTakeFirst();

export const siteOf = (db: Executor, id: string) =>
  db
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .select(['s.id', 's.code', 's.name', 's.time_zone', 'c.programme_id'])
    .where('s.id', '=', id)
    .executeTakeFirst();

// Jobs -----------------------------------------------------------------------------------------

export const bookingFor = (db: Executor, id: string) =>
  db
    .selectFrom('bookings as b')
    .innerJoin('machines as m', 'm.id', 'b.machine_id')
    .leftJoin('organisations as mo', 'mo.id', 'b.member_org_id')
    .select([
      'b.id',
      'b.kind',
      'mo.name as member_name',
      'b.status',
      'b.machine_id',
      'm.site_id',
      'm.capabilities',
      'b.member_org_id',
      'b.operator_user_id',
      'b.checked_in_by',
      'b.checked_in_at',
      'b.checked_out_at',
      'b.starts_at',
      'b.ends_at',
    ])
    .where('b.id', '=', id)
    .executeTakeFirst();

export const insertJob = async (db: Executor, row: Insertable<DB['process_jobs']>) =>
  (await db.insertInto('process_jobs').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const insertInputs = (db: Executor, rows: Insertable<DB['job_inputs']>[]) =>
  db.insertInto('job_inputs').values(rows).execute();

const jobs = (db: Executor) =>
  db
    .selectFrom('process_jobs as j')
    .innerJoin('machines as m', 'm.id', 'j.machine_id')
    .leftJoin('users as u', 'u.id', 'j.operator_user_id')
    .selectAll('j')
    .select(['m.name as machine_name', 'u.name as operator_name']);
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export const findJob = (db: Executor, id: string) =>
  jobs(db).where('j.id', '=', id).executeTakeFirst();
export const lockJob = (db: Executor, id: string) =>
  db.selectFrom('process_jobs').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const listJobs = (
  db: Executor,
  f: {
    siteIds: readonly string[] | null;
    /** Members: only jobs with an input lot they own (alone or by a share of a pooled lot). */
    ownerIds?: readonly string[] | null;
    siteId?: string;
    bookingId?: string;
    status?: string;
  },
  after: { at: Date; id: string } | null,
  limit: number,
) => {
  let q = jobs(db);
  if (f.siteIds) q = q.where('j.site_id', 'in', idsOrNone(f.siteIds));
  if (f.ownerIds) {
    const own = idsOrNone(f.ownerIds);
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('job_inputs as ji')
          .innerJoin('lots as il', 'il.id', 'ji.lot_id')
          .select('ji.lot_id')
          .whereRef('ji.job_id', '=', 'j.id')
          .where((eb) =>
            eb.or([
              eb('il.owner_org_id', 'in', own),
              eb.exists(
                eb
                  .selectFrom('lot_owners as lo')
                  .select('lo.lot_id')
                  .whereRef('lo.lot_id', '=', 'il.id')
                  .where('lo.owner_org_id', 'in', own),
              ),
            ]),
          ),
      ),
    );
  }
  if (f.siteId) q = q.where('j.site_id', '=', f.siteId);
  if (f.bookingId) q = q.where('j.booking_id', '=', f.bookingId);
  if (f.status) q = q.where('j.status', '=', f.status as never);
  if (after) q = q.where(afterKey(['j.created_at', 'j.id'], [after.at, after.id], 'desc'));
  return q
    .orderBy('j.created_at', 'desc')
    .orderBy('j.id', 'desc')
    .limit(limit + 1)
    .execute();
};

export const inputsOf = (db: Executor, jobIds: readonly string[]) =>
  jobIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('job_inputs as ji')
        .innerJoin('lots as l', 'l.id', 'ji.lot_id')
        .leftJoin('organisations as o', 'o.id', 'l.owner_org_id')
        .select([
          'ji.job_id',
          'ji.lot_id',
          'l.code',
          'l.owner_org_id',
          'o.name as owner_name',
          'l.product_type',
          'ji.kg',
          'l.pooled',
        ])
        .where('ji.job_id', 'in', jobIds)
        .execute();

export const outputsOf = (db: Executor, jobIds: readonly string[]) =>
  jobIds.length === 0
    ? Promise.resolve([])
    : lots(db).where('l.job_id', 'in', jobIds).orderBy('l.code').execute();

export const completeJob = (db: Executor, id: string, set: Updateable<DB['process_jobs']>) =>
  db.updateTable('process_jobs').set(set).where('id', '=', id).execute();

// Genealogy and recall -------------------------------------------------------------------------

/** Every lot upstream of a lot (what went into it, recursively), with the job that joined them. */
export const upstreamOf = (db: Executor, lotId: string) =>
  sql<{ lot_id: string; depth: number; via_job_id: string | null }>`
    with recursive up(lot_id, depth, via_job_id) as (
      select ji.lot_id, -1, ji.job_id from lots l join job_inputs ji on ji.job_id = l.job_id where l.id = ${lotId}
      union
      select ji.lot_id, up.depth - 1, ji.job_id
      from up join lots l on l.id = up.lot_id join job_inputs ji on ji.job_id = l.job_id
      where up.depth > -50
    )
    select lot_id, min(depth)::int as depth, min(via_job_id::text)::uuid as via_job_id from up group by lot_id`.execute(
    db,
  );

/** Every lot downstream of some lots (made from them, recursively). */
export const downstreamOf = (db: Executor, lotIds: readonly string[]) =>
  sql<{ lot_id: string; depth: number; via_job_id: string | null }>`
    with recursive down(lot_id, depth, via_job_id) as (
      select l.id, 1, l.job_id from job_inputs ji join lots l on l.job_id = ji.job_id where ji.lot_id = any(${[...lotIds]}::uuid[])
      union
      select l.id, down.depth + 1, l.job_id
      from down join job_inputs ji on ji.lot_id = down.lot_id join lots l on l.job_id = ji.job_id
      where down.depth < 50
    )
    select lot_id, min(depth)::int as depth, min(via_job_id::text)::uuid as via_job_id from down group by lot_id`.execute(
    db,
  );

/** Where a recall starts: a lot (what was made from it) or a machine's jobs in [from, to). */
export type RecallStart = { lotId: string } | { machineId: string; from: Date; to: Date };

/** The columns a lot summary shows (`toSummary`). */
export type LotSummaryRow = Omit<LotRow, 'notes' | 'received_by' | 'created_at' | 'updated_at'>;
export type RecallRow = LotSummaryRow & {
  /** Sum of the lot's handovers (numeric text). */
  handed_kg: string;
  /** Receivers of its handovers, oldest first (repeats kept); null when none. */
  handed_to: string[] | null;
};

/**
 * Every lot of a recall in one statement, ordered by code: downstream of a lot (made from it,
 * recursively), or the output lots of a machine's jobs in the period and everything made from
 * them. The recursion starts inside the statement (so the planner sees real cardinalities and
 * walks `job_inputs_lot_idx` and `lots_job_idx`); consumption and handovers are summed per lot
 * in grouped subqueries over only the recalled lots; only the columns a summary shows.
 * `siteIds` null: every site.
 */
export const recallLots = (db: Executor, start: RecallStart, siteIds: readonly string[] | null) =>
  sql<RecallRow>`
    with recursive down(lot_id, depth) as (
      ${
        'lotId' in start
          ? sql`select l.id, 1 from job_inputs ji join lots l on l.job_id = ji.job_id
                where ji.lot_id = ${start.lotId}`
          : sql`select l.id, 0 from process_jobs j join lots l on l.job_id = j.id
                where j.machine_id = ${start.machineId}
                  and coalesce(j.started_at, j.created_at) < ${start.to}
                  and coalesce(j.ended_at, j.completed_at, j.created_at) >= ${start.from}`
      }
      union
      select l.id, down.depth + 1
      from down join job_inputs ji on ji.lot_id = down.lot_id join lots l on l.job_id = ji.job_id
      where down.depth < 50
    ),
    ids as materialized (select distinct lot_id as id from down),
    used as (
      select ji.lot_id, sum(ji.kg) as kg from job_inputs ji
      where ji.lot_id in (select id from ids) group by ji.lot_id
    ),
    handed as (
      select h.lot_id, sum(h.kg) as kg, array_agg(o.name order by h.handed_at, h.id) as names
      from handovers h join organisations o on o.id = h.to_org_id
      where h.lot_id in (select id from ids) group by h.lot_id
    )
    select l.id, l.site_id, l.code, l.kind, l.product_type, l.owner_org_id, l.pooled,
           l.quantity_kg, l.grade, l.moisture_percent, l.job_id, l.status, l.received_at,
           l.received_by_label, s.code as site_code, pt.name_id as product_name,
           o.name as owner_name,
           l.quantity_kg - coalesce(u.kg, 0) - coalesce(h.kg, 0) as remaining_kg,
           coalesce(h.kg, 0) as handed_kg, h.names as handed_to
    from ids
    join lots l on l.id = ids.id
    join sites s on s.id = l.site_id
    join product_types pt on pt.code = l.product_type
    left join organisations o on o.id = l.owner_org_id
    left join used u on u.lot_id = l.id
    left join handed h on h.lot_id = l.id
    ${siteIds ? sql`where l.site_id = any(${[...siteIds]}::uuid[])` : sql``}
    order by l.code`.execute(db);

export const jobsInfo = (db: Executor, jobIds: readonly string[]) =>
  jobIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('process_jobs as j')
        .innerJoin('machines as m', 'm.id', 'j.machine_id')
        .leftJoin('users as u', 'u.id', 'j.operator_user_id')
        .select(['j.id', 'm.name as machine_name', 'u.name as operator_name', 'j.booking_id'])
        .where('j.id', 'in', jobIds)
        .execute();

/**
 * Statuses of material that counts as stock: in custody and usable (possibly still waiting for
 * its inspection). Rejected lots wait for their NC, scrapped ones are written off, returned ones
 * wait for their owner to take them back; consumed and handed-over lots are gone. A status added
 * later is left out until it is named here.
 */
export const IN_STOCK = ['quarantine', 'released', 'downgraded'] as const;

/** Lots in stock at a site; with an owner: its own lots and the pooled lots it has a share of. */
export const stockOf = (db: Executor, siteId: string, ownerOrgId?: string) => {
  let q = lots(db)
    .where('l.site_id', '=', siteId)
    .where('l.status', 'in', [...IN_STOCK]);
  if (ownerOrgId)
    q = q.where((eb) =>
      eb.or([
        eb('l.owner_org_id', '=', ownerOrgId),
        eb.exists(
          eb
            .selectFrom('lot_owners as lo')
            .select('lo.lot_id')
            .whereRef('lo.lot_id', '=', 'l.id')
            .where('lo.owner_org_id', '=', ownerOrgId),
        ),
      ]),
    );
  return q.execute();
};

// Reference lists ------------------------------------------------------------------------------

export const productTypes = (db: Executor) =>
  db.selectFrom('product_types').selectAll().orderBy('code').execute();

/** Managers and operators of a site (enabled accounts), one row per grant. */
export const siteStaff = (db: Executor, siteId: string) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.name', 'g.role'])
    .where('g.site_id', '=', siteId)
    .where('g.role', 'in', ['site_manager', 'site_operator'])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();

// Lot photos -----------------------------------------------------------------------------------

const photoColumns = [
  'p.id',
  'p.lot_id',
  'p.content_type',
  'p.size_bytes',
  'p.uploaded_at',
  'u.name as uploaded_by_name',
] as const;
const photos = (db: Executor) =>
  db.selectFrom('lot_photos as p').leftJoin('users as u', 'u.id', 'p.uploaded_by');

export const insertLotPhoto = async (db: Executor, row: Insertable<DB['lot_photos']>) =>
  (await db.insertInto('lot_photos').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const lotPhotosOf = (db: Executor, lotId: string) =>
  photos(db)
    .select(photoColumns)
    .where('p.lot_id', '=', lotId)
    .orderBy('p.uploaded_at')
    .orderBy('p.id')
    .execute();

export const lotPhotoCount = async (db: Executor, lotId: string) =>
  Number(
    (
      await db
        .selectFrom('lot_photos')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('lot_id', '=', lotId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const lotPhoto = (db: Executor, lotId: string, id: string) =>
  photos(db)
    .select([...photoColumns, 'p.file'])
    .where('p.lot_id', '=', lotId)
    .where('p.id', '=', id)
    .executeTakeFirst();

export const deleteLotPhoto = (db: Executor, lotId: string, id: string) =>
  db
    .deleteFrom('lot_photos')
    .where('lot_id', '=', lotId)
    .where('id', '=', id)
    .returning(['id', 'content_type', 'size_bytes', 'uploaded_at'])
    .executeTakeFirst();
