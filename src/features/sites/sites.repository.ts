/** SQL of regions, clusters and sites (details, opening hours, holidays). */
import { sql, type RawBuilder } from 'kysely';
import { afterKey } from '../../server/db/pagination.js';
import type { Executor } from '../../server/db/connect.js';
import type { SiteVisibility } from '../registry/registry.js';
import type { Contact, OpeningInterval } from './sites.contract.js';

/**
 * The SQL condition "this site is visible": `site` and `programme` name the columns holding
 * the site's id and its cluster's programme id in the surrounding query.
 */
export function siteVisibleSql(
  v: SiteVisibility,
  site: string,
  programme: string,
): RawBuilder<boolean> {
  if (v.all) return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(programme)} = any(${v.programmeIds}::uuid[])
    or ${sql.ref(site)} = any(${v.siteIds}::uuid[])
    or exists (select 1 from site_members sm where sm.site_id = ${sql.ref(site)}
               and sm.organisation_id = any(${v.memberOrgIds}::uuid[])))`;
}

// Regions ------------------------------------------------------------------------------------

export const findRegion = (db: Executor, code: string) =>
  db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();

export const regionsByCodes = (db: Executor, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('regions')
        .select(['code', 'level', 'name', 'parent_code'])
        .where('code', 'in', codes)
        .orderBy('code')
        .execute();

export async function listRegions(
  db: Executor,
  f: { parent: string | null; q: string | null; after: string | null; limit: number },
) {
  let q = db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code'])
    .orderBy('code')
    .limit(f.limit + 1);
  q = f.parent ? q.where('parent_code', '=', f.parent) : q.where('level', '=', 'province');
  if (f.q) q = q.where('name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.after) q = q.where('code', '>', f.after);
  return q.execute();
}

export async function hasChildren(db: Executor, code: string) {
  const row = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', code)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function insertVillages(
  db: Executor,
  districtCode: string,
  rows: { code: string; name: string }[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('regions')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          code: r.code,
          level: 'village' as const,
          parent_code: districtCode,
          name: r.name,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

// Organisations and programmes (read-only here) ------------------------------------------------

export const organisationKind = (db: Executor, id: string) =>
  db.selectFrom('organisations').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();

export const findProgramme = (db: Executor, id: string) =>
  db.selectFrom('programmes').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

// Clusters -----------------------------------------------------------------------------------

function clusters(db: Executor) {
  return db
    .selectFrom('clusters as c')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .select([
      'c.id',
      'c.programme_id',
      'p.name as programme_name',
      'c.name',
      'c.commodity',
      'c.region_code',
      'c.province',
      'c.regency',
      sql<number>`(select count(*)::int from sites s where s.cluster_id = c.id)`.as('site_count'),
    ]);
}
export type ClusterRow = Awaited<
  ReturnType<ReturnType<typeof clusters>['executeTakeFirstOrThrow']>
>;

export async function listClusters(
  db: Executor,
  v: SiteVisibility,
  f: {
    programmeId?: string | undefined;
    province?: string | undefined;
    q?: string | undefined;
    after: { name: string; id: string } | null;
    limit: number;
  },
) {
  let q = clusters(db)
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(f.limit + 1);
  if (!v.all) {
    // A cluster is visible when one of its sites is, or it belongs to the officer's programme.
    q = q.where(
      sql<boolean>`(c.programme_id = any(${v.programmeIds}::uuid[]) or exists (
        select 1 from sites s where s.cluster_id = c.id and ${siteVisibleSql(v, 's.id', 'c.programme_id')}))`,
    );
  }
  if (f.programmeId) q = q.where('c.programme_id', '=', f.programmeId);
  if (f.province) q = q.where(sql<boolean>`left(c.region_code, 2) = ${f.province}`);
  if (f.q) q = q.where('c.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.after) {
    const a = f.after;
    q = q.where(afterKey(['c.name', 'c.id'], [a.name, a.id], 'asc'));
  }
  return q.execute();
}

export const findCluster = (db: Executor, id: string) =>
  clusters(db).where('c.id', '=', id).executeTakeFirst();

/**
 * Locks the cluster row: a site being added to it (its foreign key takes a key-share lock)
 * waits, so "no sites" stays true until a removal commits.
 */
export const lockCluster = (db: Executor, id: string) =>
  db.selectFrom('clusters').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const insertCluster = (
  db: Executor,
  c: {
    programmeId: string;
    name: string;
    commodity: string;
    regionCode: string;
    province: string;
    regency: string;
    now: Date;
  },
) =>
  db
    .insertInto('clusters')
    .values({
      programme_id: c.programmeId,
      name: c.name,
      commodity: c.commodity,
      region_code: c.regionCode,
      province: c.province,
      regency: c.regency,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();

export const updateCluster = (
  db: Executor,
  id: string,
  c: {
    name: string;
    commodity: string;
    regionCode: string | null;
    province: string;
    regency: string;
    now: Date;
  },
) =>
  db
    .updateTable('clusters')
    .set({
      name: c.name,
      commodity: c.commodity,
      region_code: c.regionCode,
      province: c.province,
      regency: c.regency,
      updated_at: c.now,
    })
    .where('id', '=', id)
    .execute();

export const deleteCluster = (db: Executor, id: string) =>
  db.deleteFrom('clusters').where('id', '=', id).execute();

// Sites --------------------------------------------------------------------------------------

export async function findSite(db: Executor, id: string, v: SiteVisibility) {
  return db
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .leftJoin('organisations as op', 'op.id', 's.operator_org_id')
    .leftJoin('organisations as ow', 'ow.id', 's.asset_owner_org_id')
    .select([
      's.id',
      's.code',
      's.name',
      's.cluster_id',
      'c.name as cluster_name',
      'c.programme_id',
      'p.name as programme_name',
      'c.commodity',
      's.operator_org_id',
      'op.name as operator_name',
      's.asset_owner_org_id',
      'ow.name as asset_owner_name',
      's.address',
      's.region_code',
      's.province',
      's.regency',
      's.time_zone',
      's.time_zone_overridden',
      's.contacts',
      's.updated_at',
    ])
    .where('s.id', '=', id)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .executeTakeFirst();
}

export const clusterExists = async (db: Executor, id: string) =>
  !!(await db.selectFrom('clusters').select('id').where('id', '=', id).executeTakeFirst());

export const siteCodeTaken = async (db: Executor, code: string) =>
  !!(await db.selectFrom('sites').select('id').where('code', '=', code).executeTakeFirst());

export const insertSite = (
  db: Executor,
  s: {
    clusterId: string;
    code: string;
    name: string;
    regionCode: string;
    province: string;
    regency: string;
    address: string | null;
    timeZone: 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura';
    timeZoneOverridden: boolean;
    operatorOrgId: string | null;
    assetOwnerOrgId: string | null;
    contacts: Contact[];
    now: Date;
  },
) =>
  db
    .insertInto('sites')
    .values({
      cluster_id: s.clusterId,
      code: s.code,
      name: s.name,
      region_code: s.regionCode,
      province: s.province,
      regency: s.regency,
      address: s.address,
      time_zone: s.timeZone,
      time_zone_overridden: s.timeZoneOverridden,
      operator_org_id: s.operatorOrgId,
      asset_owner_org_id: s.assetOwnerOrgId,
      contacts: JSON.stringify(s.contacts),
      created_at: s.now,
      updated_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const lockSite = (db: Executor, id: string) =>
  db.selectFrom('sites').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const updateSite = (
  db: Executor,
  id: string,
  patch: {
    name: string;
    address: string | null;
    regionCode: string | null;
    province: string;
    regency: string;
    timeZone: 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura';
    timeZoneOverridden: boolean;
    operatorOrgId: string | null;
    assetOwnerOrgId: string | null;
    contacts: Contact[];
  },
  now: Date,
) =>
  db
    .updateTable('sites')
    .set({
      name: patch.name,
      address: patch.address,
      region_code: patch.regionCode,
      province: patch.province,
      regency: patch.regency,
      time_zone: patch.timeZone,
      time_zone_overridden: patch.timeZoneOverridden,
      operator_org_id: patch.operatorOrgId,
      asset_owner_org_id: patch.assetOwnerOrgId,
      contacts: JSON.stringify(patch.contacts),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();

export const openingHoursOf = async (db: Executor, siteId: string): Promise<OpeningInterval[]> =>
  (
    await db
      .selectFrom('site_opening_hours')
      .select([
        'weekday',
        sql<string>`to_char(opens, 'HH24:MI')`.as('opens'),
        sql<string>`case when closes = '24:00' then '24:00' else to_char(closes, 'HH24:MI') end`.as(
          'closes',
        ),
      ])
      .where('site_id', '=', siteId)
      .orderBy('weekday')
      .orderBy('opens')
      .execute()
  ).map((r) => ({ weekday: r.weekday, opens: r.opens, closes: r.closes }));

export async function replaceOpeningHours(
  db: Executor,
  siteId: string,
  intervals: OpeningInterval[],
) {
  await db.deleteFrom('site_opening_hours').where('site_id', '=', siteId).execute();
  if (intervals.length === 0) return;
  await db
    .insertInto('site_opening_hours')
    .values(
      intervals.map((i) => ({
        site_id: siteId,
        weekday: i.weekday,
        opens: i.opens,
        closes: i.closes,
      })),
    )
    .execute();
}

// Holidays -----------------------------------------------------------------------------------

const holidayColumns = ['id', sql<string>`date::text`.as('date'), 'name', 'kind'] as const;

export const holidaysOf = (db: Executor, siteId: string, year: number) =>
  db
    .selectFrom('site_holidays')
    .select(holidayColumns)
    .where('site_id', '=', siteId)
    .where(sql<boolean>`extract(year from date) = ${year}`)
    .orderBy('date')
    .execute();

export const findHoliday = (db: Executor, siteId: string, id: string) =>
  db
    .selectFrom('site_holidays')
    .select(holidayColumns)
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Inserts a holiday, or returns undefined if the site already has one on that date. */
export const insertHoliday = (
  db: Executor,
  h: {
    siteId: string;
    date: string;
    name: string;
    kind: 'national' | 'cuti_bersama' | 'local';
    now: Date;
  },
) =>
  db
    .insertInto('site_holidays')
    .values({ site_id: h.siteId, date: h.date, name: h.name, kind: h.kind, created_at: h.now })
    .onConflict((oc) => oc.columns(['site_id', 'date']).doNothing())
    .returning(holidayColumns)
    .executeTakeFirst();

/** Inserts holidays in one statement, skipping dates the site already has; returns those added. */
export const insertHolidays = (
  db: Executor,
  siteId: string,
  rows: { date: string; name: string; kind: 'national' | 'cuti_bersama' | 'local' }[],
  now: Date,
) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('site_holidays')
        .values(
          rows.map((h) => ({
            site_id: siteId,
            date: h.date,
            name: h.name,
            kind: h.kind,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['site_id', 'date']).doNothing())
        .returning(holidayColumns)
        .execute();

export async function updateHoliday(
  db: Executor,
  siteId: string,
  id: string,
  h: { date: string; name: string; kind: 'national' | 'cuti_bersama' | 'local' },
) {
  return db
    .updateTable('site_holidays')
    .set({ date: h.date, name: h.name, kind: h.kind })
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .returning(holidayColumns)
    .executeTakeFirst();
}

export const holidayOnDate = (db: Executor, siteId: string, date: string) =>
  db
    .selectFrom('site_holidays')
    .select('id')
    .where('site_id', '=', siteId)
    .where('date', '=', date)
    .executeTakeFirst();

export const deleteHoliday = (db: Executor, siteId: string, id: string) =>
  db
    .deleteFrom('site_holidays')
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .executeTakeFirst();
