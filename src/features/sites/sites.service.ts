/**
 * Use cases of regions, clusters and sites. Reading follows siteVisibility() (registry); a site
 * outside it does not exist for the caller (404). Changing a site needs an administrator or a
 * manager of that site (403 for others who can see it). Every change writes an audit row.
 */
import nationalHolidayFile from '../../reference-data/national-holidays.json' with { type: 'json' };
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { villagesOf } from '../../server/db/regions-source.js';
import { DomainError } from '../../server/domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import type { TimeZone } from '../registry/registry.contract.js';
import { siteVisibility } from '../registry/registry.js';
import type {
  AddNationalHolidaysResponse,
  Cluster,
  Contact,
  CreateSiteRequest,
  Holiday,
  OpeningInterval,
  Region,
  SiteDetail,
  UpdateClusterRequest,
  UpdateSiteRequest,
} from './sites.contract.js';
import { sitesError } from './sites.errors.js';
import * as repo from './sites.repository.js';
import {
  canManageSite,
  displayRegionName,
  openingHoursProblem,
  regionChain,
  regionLevelOf,
  resolveTimeZone,
  sitePowers,
  timeZoneOfProvince,
  type NationalHolidayList,
  type RegionLevel,
} from './sites.js';

type UserCtx = ServiceContext & { actor: Actor };

// Regions ------------------------------------------------------------------------------------

/** Villages are loaded into `regions` one district at a time, the first time they are needed. */
async function ensureVillages(trx: Executor, districtCode: string) {
  if (regionLevelOf(districtCode) !== 'district') return;
  if (await repo.hasChildren(trx, districtCode)) return;
  if (!(await repo.findRegion(trx, districtCode))) return;
  await repo.insertVillages(trx, districtCode, villagesOf(districtCode));
}

export async function browseRegions(
  trx: Executor,
  input: {
    parent?: string | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  if (input.parent) {
    if (!(await repo.findRegion(trx, input.parent)))
      throw sitesError('region_not_found', { code: input.parent });
    await ensureVillages(trx, input.parent);
  }
  const key = decodeCursor(input.cursor, 1);
  const rows = await repo.listRegions(trx, {
    parent: input.parent ?? null,
    q: input.q ?? null,
    after: key ? String(key[0]) : null,
    limit: input.limit,
  });
  const page = toPage(rows, input.limit, (r) => [r.code]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r): Region => ({
      code: r.code,
      level: r.level,
      name: displayRegionName(r.name),
      parentCode: r.parent_code,
    })),
  };
}

/** A region code checked against the table, with its chain of names (province first). */
export async function resolveRegion(trx: Executor, code: string, allowed: RegionLevel[]) {
  const level = regionLevelOf(code);
  if (!level) throw sitesError('region_not_found', { code });
  if (level === 'village') await ensureVillages(trx, regionChain(code)[2]!);
  const chain = await repo.regionsByCodes(trx, regionChain(code));
  if (chain.length !== regionChain(code).length) throw sitesError('region_not_found', { code });
  if (!allowed.includes(level))
    throw sitesError('region_level_not_allowed', { code, level, allowed: allowed.join('/') });
  const named = chain.map((r) => ({
    code: r.code,
    level: r.level,
    name: displayRegionName(r.name),
  }));
  return {
    code,
    level,
    chain: named,
    province: named[0]!.name,
    regency: named[1]?.name ?? '',
  };
}

// Clusters -----------------------------------------------------------------------------------

const toCluster = (r: repo.ClusterRow): Cluster => ({
  id: r.id,
  programmeId: r.programme_id,
  programmeName: r.programme_name,
  name: r.name,
  commodity: r.commodity,
  regionCode: r.region_code,
  province: r.province,
  regency: r.regency,
  siteCount: r.site_count,
});

export async function browseClusters(
  db: Executor,
  actor: Actor,
  input: {
    programmeId?: string | undefined;
    province?: string | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const key = decodeCursor(input.cursor, 2);
  const rows = await repo.listClusters(db, siteVisibility(actor), {
    programmeId: input.programmeId,
    province: input.province,
    q: input.q,
    after: key ? { name: String(key[0]), id: String(key[1]) } : null,
    limit: input.limit,
  });
  const page = toPage(rows, input.limit, (r) => [r.name, r.id]);
  return { nextCursor: page.nextCursor, items: page.items.map(toCluster) };
}

export async function createCluster(
  trx: Executor,
  input: { programmeId: string; name: string; commodity: string; regionCode: string },
  ctx: UserCtx,
): Promise<Cluster> {
  const programme = await repo.findProgramme(trx, input.programmeId);
  if (!programme)
    throw sitesError('programme_not_found_for_cluster', { programmeId: input.programmeId });
  const region = await resolveRegion(trx, input.regionCode, ['province', 'regency']);
  const row = await repo.insertCluster(trx, {
    programmeId: programme.id,
    name: input.name,
    commodity: input.commodity,
    regionCode: region.code,
    province: region.province,
    regency: region.regency,
    now: ctx.now,
  });
  const cluster: Cluster = {
    id: row.id,
    programmeId: programme.id,
    programmeName: programme.name,
    name: input.name,
    commodity: input.commodity,
    regionCode: region.code,
    province: region.province,
    regency: region.regency,
    siteCount: 0,
  };
  await recordAudit(trx, ctx, {
    action: 'cluster.create',
    entityType: 'cluster',
    entityId: row.id,
    after: cluster,
  });
  return cluster;
}

/** The cluster, locked for the rest of the transaction; 404 when there is none. */
async function lockedCluster(trx: Executor, id: string) {
  await repo.lockCluster(trx, id);
  const row = await repo.findCluster(trx, id);
  if (!row) throw sitesError('cluster_not_found');
  return toCluster(row);
}

/** Changes a cluster's name, commodity or region (checked as on creation); its sites stay. */
export async function updateCluster(
  trx: Executor,
  id: string,
  input: UpdateClusterRequest,
  ctx: UserCtx,
): Promise<Cluster> {
  const before = await lockedCluster(trx, id);
  let region = {
    code: before.regionCode,
    province: before.province,
    regency: before.regency,
  };
  if (input.regionCode !== undefined) {
    const r = await resolveRegion(trx, input.regionCode, ['province', 'regency']);
    region = { code: r.code, province: r.province, regency: r.regency };
  }
  await repo.updateCluster(trx, before.id, {
    name: input.name ?? before.name,
    commodity: input.commodity ?? before.commodity,
    regionCode: region.code,
    province: region.province,
    regency: region.regency,
    now: ctx.now,
  });
  const after = toCluster((await repo.findCluster(trx, before.id))!);
  await recordAudit(trx, ctx, {
    action: 'cluster.update',
    entityType: 'cluster',
    entityId: before.id,
    before,
    after,
  });
  return after;
}

/**
 * Removes a cluster without sites. One with sites is refused with a clear message (the sites'
 * foreign key would refuse it too; the row lock keeps a site from being added meanwhile).
 */
export async function deleteCluster(trx: Executor, id: string, ctx: UserCtx) {
  const before = await lockedCluster(trx, id);
  if (before.siteCount > 0)
    throw sitesError('cluster_has_sites', { name: before.name, count: before.siteCount });
  await repo.deleteCluster(trx, before.id);
  await recordAudit(trx, ctx, {
    action: 'cluster.delete',
    entityType: 'cluster',
    entityId: before.id,
    before,
  });
}

// Sites --------------------------------------------------------------------------------------

/** The site if the actor may see it; otherwise it does not exist for them. */
export async function visibleSite(db: Executor, id: string, actor: Actor) {
  const site = await repo.findSite(db, id, siteVisibility(actor));
  if (!site) throw sitesError('site_not_found');
  return site;
}

/** The site if the actor may change it: 404 when invisible, 403 when only visible. */
export async function manageableSite(db: Executor, id: string, actor: Actor) {
  const site = await visibleSite(db, id, actor);
  if (!canManageSite(sitePowers(actor), site.id)) throw new DomainError('forbidden');
  return site;
}

async function detailOf(db: Executor, site: Awaited<ReturnType<typeof visibleSite>>, actor: Actor) {
  const chain = site.region_code
    ? await repo.regionsByCodes(db, regionChain(site.region_code))
    : [];
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    clusterId: site.cluster_id,
    clusterName: site.cluster_name,
    programmeId: site.programme_id,
    programmeName: site.programme_name,
    commodity: site.commodity,
    operatorOrgId: site.operator_org_id,
    operatorName: site.operator_name,
    assetOwnerOrgId: site.asset_owner_org_id,
    assetOwnerName: site.asset_owner_name,
    address: site.address,
    regionCode: site.region_code,
    regions: chain.map((r) => ({ code: r.code, level: r.level, name: displayRegionName(r.name) })),
    province: site.province,
    regency: site.regency,
    timeZone: site.time_zone,
    timeZoneOverridden: site.time_zone_overridden,
    contacts: site.contacts as Contact[],
    openingHours: await repo.openingHoursOf(db, site.id),
    canEdit: canManageSite(sitePowers(actor), site.id),
    updatedAt: site.updated_at.toISOString(),
  } satisfies SiteDetail;
}

export async function getSite(db: Executor, id: string, actor: Actor): Promise<SiteDetail> {
  return detailOf(db, await visibleSite(db, id, actor), actor);
}

async function checkOrganisation(trx: Executor, id: string, as: 'operator' | 'asset_owner') {
  const org = await repo.organisationKind(trx, id);
  if (!org) throw sitesError('site_organisation_not_found', { organisationId: id });
  const ok = as === 'asset_owner' ? org.kind === 'regional_government' : org.kind !== 'buyer';
  if (!ok) throw sitesError('organisation_kind_not_allowed', { kind: org.kind, as });
}

export async function createSite(
  trx: Executor,
  input: CreateSiteRequest,
  ctx: UserCtx,
): Promise<SiteDetail> {
  if (!(await repo.clusterExists(trx, input.clusterId))) throw sitesError('cluster_not_found');
  if (await repo.siteCodeTaken(trx, input.code))
    throw sitesError('site_code_taken', { code: input.code });
  const region = await resolveRegion(trx, input.regionCode, ['regency', 'district', 'village']);
  const derived = timeZoneOfProvince(region.code);
  const timeZone = input.timeZone ?? derived;
  if (!timeZone) throw sitesError('region_not_found', { code: region.code });
  if (input.operatorOrgId) await checkOrganisation(trx, input.operatorOrgId, 'operator');
  if (input.assetOwnerOrgId) await checkOrganisation(trx, input.assetOwnerOrgId, 'asset_owner');
  const { id } = await repo.insertSite(trx, {
    clusterId: input.clusterId,
    code: input.code,
    name: input.name,
    regionCode: region.code,
    province: region.province,
    regency: region.regency,
    address: input.address,
    timeZone,
    timeZoneOverridden: timeZone !== derived,
    operatorOrgId: input.operatorOrgId,
    assetOwnerOrgId: input.assetOwnerOrgId,
    contacts: input.contacts,
    now: ctx.now,
  });
  const site = await getSite(trx, id, ctx.actor);
  const { openingHours: _h, canEdit: _c, updatedAt: _u, ...after } = site;
  await recordAudit(trx, ctx, { action: 'site.create', entityType: 'site', entityId: id, after });
  return site;
}

export async function updateSite(
  trx: Executor,
  id: string,
  input: UpdateSiteRequest,
  ctx: UserCtx,
): Promise<SiteDetail> {
  await repo.lockSite(trx, id);
  const site = await manageableSite(trx, id, ctx.actor);
  const before = await detailOf(trx, site, ctx.actor);

  let regionCode = site.region_code;
  let province = site.province;
  let regency = site.regency;
  if (input.regionCode !== undefined) {
    regionCode = input.regionCode;
    if (input.regionCode) {
      const region = await resolveRegion(trx, input.regionCode, ['regency', 'district', 'village']);
      province = region.province;
      regency = region.regency;
    }
  }
  const tz = resolveTimeZone({
    regionCode,
    requested: input.timeZone as TimeZone | null | undefined,
    current: site.time_zone,
    overridden: site.time_zone_overridden,
  });
  if (input.operatorOrgId) await checkOrganisation(trx, input.operatorOrgId, 'operator');
  if (input.assetOwnerOrgId) await checkOrganisation(trx, input.assetOwnerOrgId, 'asset_owner');

  await repo.updateSite(
    trx,
    site.id,
    {
      name: input.name ?? site.name,
      address: input.address !== undefined ? input.address : site.address,
      regionCode,
      province,
      regency,
      timeZone: tz.timeZone,
      timeZoneOverridden: tz.overridden,
      operatorOrgId: input.operatorOrgId !== undefined ? input.operatorOrgId : site.operator_org_id,
      assetOwnerOrgId:
        input.assetOwnerOrgId !== undefined ? input.assetOwnerOrgId : site.asset_owner_org_id,
      contacts: input.contacts ?? (site.contacts as Contact[]),
    },
    ctx.now,
  );
  const after = await getSite(trx, site.id, ctx.actor);
  const { openingHours: _h1, canEdit: _c1, updatedAt: _u1, ...b } = before;
  const { openingHours: _h2, canEdit: _c2, updatedAt: _u2, ...a } = after;
  await recordAudit(trx, ctx, {
    action: 'site.update',
    entityType: 'site',
    entityId: site.id,
    before: b,
    after: a,
  });
  return after;
}

export async function replaceOpeningHours(
  trx: Executor,
  id: string,
  intervals: OpeningInterval[],
  ctx: UserCtx,
): Promise<{ intervals: OpeningInterval[] }> {
  await repo.lockSite(trx, id);
  const site = await manageableSite(trx, id, ctx.actor);
  const problem = openingHoursProblem(intervals);
  if (problem?.problem === 'closes_before_opens')
    throw sitesError('opening_hours_invalid', { index: problem.index });
  if (problem?.problem === 'overlap')
    throw sitesError('opening_hours_overlap', { index: problem.index, other: problem.other });
  const before = await repo.openingHoursOf(trx, site.id);
  await repo.replaceOpeningHours(trx, site.id, intervals);
  const after = await repo.openingHoursOf(trx, site.id);
  await recordAudit(trx, ctx, {
    action: 'site.opening_hours_replace',
    entityType: 'site',
    entityId: site.id,
    before,
    after,
  });
  return { intervals: after };
}

// Holidays -----------------------------------------------------------------------------------

export async function listHolidays(db: Executor, id: string, year: number, actor: Actor) {
  const site = await visibleSite(db, id, actor);
  const items: Holiday[] = await repo.holidaysOf(db, site.id, year);
  return { year, items };
}

export async function createHoliday(
  trx: Executor,
  siteId: string,
  input: { date: string; name: string; kind: Holiday['kind'] },
  ctx: UserCtx,
): Promise<Holiday> {
  const site = await manageableSite(trx, siteId, ctx.actor);
  const row = await repo.insertHoliday(trx, { siteId: site.id, ...input, now: ctx.now });
  if (!row) throw sitesError('holiday_date_taken', { date: input.date });
  await recordAudit(trx, ctx, {
    action: 'site.holiday_create',
    entityType: 'site',
    entityId: site.id,
    after: row,
  });
  return row;
}

export async function updateHoliday(
  trx: Executor,
  siteId: string,
  holidayId: string,
  input: {
    date?: string | undefined;
    name?: string | undefined;
    kind?: Holiday['kind'] | undefined;
  },
  ctx: UserCtx,
): Promise<Holiday> {
  const site = await manageableSite(trx, siteId, ctx.actor);
  const before = await repo.findHoliday(trx, site.id, holidayId);
  if (!before) throw sitesError('holiday_not_found');
  const next = {
    date: input.date ?? before.date,
    name: input.name ?? before.name,
    kind: input.kind ?? before.kind,
  };
  if (next.date !== before.date) {
    const clash = await repo.holidayOnDate(trx, site.id, next.date);
    if (clash) throw sitesError('holiday_date_taken', { date: next.date });
  }
  const after = await repo.updateHoliday(trx, site.id, holidayId, next);
  if (!after) throw sitesError('holiday_not_found');
  await recordAudit(trx, ctx, {
    action: 'site.holiday_update',
    entityType: 'site',
    entityId: site.id,
    before,
    after,
  });
  return after;
}

export async function deleteHoliday(
  trx: Executor,
  siteId: string,
  holidayId: string,
  ctx: UserCtx,
) {
  const site = await manageableSite(trx, siteId, ctx.actor);
  const before = await repo.findHoliday(trx, site.id, holidayId);
  if (!before) throw sitesError('holiday_not_found');
  await repo.deleteHoliday(trx, site.id, holidayId);
  await recordAudit(trx, ctx, {
    action: 'site.holiday_delete',
    entityType: 'site',
    entityId: site.id,
    before,
  });
}

/** Copies another visible site's holidays of a year (e.g. the national list), skipping dates already set. */
export async function copyHolidays(
  trx: Executor,
  siteId: string,
  input: { fromSiteId: string; year: number; kinds: Holiday['kind'][] },
  ctx: UserCtx,
) {
  const site = await manageableSite(trx, siteId, ctx.actor);
  const from = await visibleSite(trx, input.fromSiteId, ctx.actor);
  const source = (await repo.holidaysOf(trx, from.id, input.year)).filter((h) =>
    input.kinds.includes(h.kind),
  );
  const copied: Holiday[] = [];
  for (const h of source) {
    const row = await repo.insertHoliday(trx, {
      siteId: site.id,
      date: h.date,
      name: h.name,
      kind: h.kind,
      now: ctx.now,
    });
    if (row) copied.push(row);
  }
  await recordAudit(trx, ctx, {
    action: 'site.holidays_copy',
    entityType: 'site',
    entityId: site.id,
    after: { fromSiteId: from.id, year: input.year, copied },
  });
  return { copied: copied.length, skipped: source.length - copied.length };
}

/** The national calendars RPB ships, by year (checked by sites.test.ts). */
export const NATIONAL_HOLIDAYS: ReadonlyMap<number, NationalHolidayList> = new Map(
  (nationalHolidayFile.years as NationalHolidayList[]).map((list) => [list.year, list]),
);

/**
 * Adds a year's national holidays and cuti bersama from the shipped list. Dates the site already
 * has are skipped and kept as they are (a local name or kind wins), so running it again adds
 * nothing.
 */
export async function addNationalHolidays(
  trx: Executor,
  siteId: string,
  input: { year: number },
  ctx: UserCtx,
): Promise<AddNationalHolidaysResponse> {
  const site = await manageableSite(trx, siteId, ctx.actor);
  const list = NATIONAL_HOLIDAYS.get(input.year);
  if (!list)
    throw sitesError('national_holidays_unavailable', {
      year: input.year,
      years: [...NATIONAL_HOLIDAYS.keys()].sort((a, b) => a - b).join(', '),
    });
  const added = await repo.insertHolidays(trx, site.id, list.holidays, ctx.now);
  if (added.length > 0) {
    await recordAudit(trx, ctx, {
      action: 'site.holidays_national_add',
      entityType: 'site',
      entityId: site.id,
      after: { year: list.year, source: list.source, added },
    });
  }
  return {
    year: list.year,
    added: added.length,
    skipped: list.holidays.length - added.length,
    complete: list.complete,
    source: list.source,
  };
}
