/** SQL of the registry. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';
import { idsOrNone } from '../../server/db/scope.js';
import type { SiteVisibility } from './registry.js';

export interface SiteFilters {
  programmeId?: string | undefined;
  clusterId?: string | undefined;
  province?: string | undefined;
  q?: string | undefined;
}

export async function listSites(
  db: Executor,
  visibility: SiteVisibility,
  afterName: string | null,
  limit: number,
  filters: SiteFilters = {},
) {
  let q = db
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .leftJoin('organisations as op', 'op.id', 's.operator_org_id')
    .select([
      's.id',
      's.code',
      's.name',
      'c.name as cluster_name',
      'p.name as programme_name',
      'c.commodity',
      's.province',
      's.regency',
      's.time_zone',
      'op.name as operator_name',
      sql<number>`(select count(*)::int from machines m where m.site_id = s.id and m.status <> 'retired')`.as(
        'machine_count',
      ),
      sql<number>`(select count(*)::int from site_members sm where sm.site_id = s.id)`.as(
        'member_count',
      ),
      sql<string>`(select coalesce(sum(m.acquisition_value), 0)::text from machines m where m.site_id = s.id)`.as(
        'equipment_value',
      ),
    ])
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(limit + 1);
  if (!visibility.all) {
    const v = visibility;
    q = q.where((eb) => {
      const ors = [];
      if (v.programmeIds.length) ors.push(eb('c.programme_id', 'in', v.programmeIds));
      if (v.siteIds.length) ors.push(eb('s.id', 'in', v.siteIds));
      if (v.memberOrgIds.length) {
        ors.push(
          eb.exists(
            eb
              .selectFrom('site_members as sm')
              .select('sm.site_id')
              .whereRef('sm.site_id', '=', 's.id')
              .where('sm.organisation_id', 'in', v.memberOrgIds),
          ),
        );
      }
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  }
  if (filters.programmeId) q = q.where('c.programme_id', '=', filters.programmeId);
  if (filters.clusterId) q = q.where('s.cluster_id', '=', filters.clusterId);
  if (filters.province) q = q.where(sql<boolean>`left(s.region_code, 2) = ${filters.province}`);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.code', 'ilike', like)]));
  }
  if (afterName) q = q.where('s.name', '>', afterName);
  return q.execute();
}

/** Programmes, sites or organisations by name for pickers, optionally filtered by a search text. */
export async function listScopeOptions(
  db: Executor,
  type: 'programme' | 'site' | 'organisation',
  q: string | undefined,
  afterName: string | null,
  limit: number,
) {
  const source = {
    programme: sql`select id, name, code, year::text as detail from programmes`,
    site: sql`select id, name, code, province as detail from sites`,
    organisation: sql`select id, name, null::text as code, kind as detail from organisations`,
  }[type];
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await sql<{ id: string; name: string; code: string | null; detail: string | null }>`
    select * from (${source}) as options
    where (${like}::text is null or name ilike ${like})
      and (${afterName}::text is null or name > ${afterName})
    order by name, id
    limit ${limit + 1}`.execute(db);
  return rows.rows;
}

/**
 * The ids of the sites a visibility reaches through grants: its own sites and every site of its
 * programmes (not the sites a member is registered at); null when it reaches every site. For the
 * features that list rows of many sites (lots, jobs, non-conformances, SPC series).
 */
export async function grantedSiteIds(db: Executor, v: SiteVisibility): Promise<string[] | null> {
  if (v.all) return null;
  const rows = await db
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .select('s.id')
    .where((eb) =>
      eb.or([
        eb('s.id', 'in', idsOrNone(v.siteIds)),
        eb('c.programme_id', 'in', idsOrNone(v.programmeIds)),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}
