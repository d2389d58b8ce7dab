/** API shapes of regions, clusters and sites (details, opening hours, holidays, contacts). */
import { z } from 'zod';
import { page } from '../../contracts/api.contract.js';
import { TimeZone } from '../registry/registry.contract.js';

export const REGION_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export const RegionLevel = z.enum(REGION_LEVELS);

/** A Kemendagri region code: `11`, `11.01`, `11.01.01` or `11.01.01.2001`. */
export const RegionCode = z
  .string()
  .trim()
  .regex(/^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$/);

export const Region = z.object({
  code: z.string(),
  level: RegionLevel,
  name: z.string(),
  parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof Region>;
export const RegionList = page(Region);
export const RegionQuery = z.object({
  parent: RegionCode.optional().describe('List the children of this region (provinces without it)'),
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
/** Data licence of the region table, shown wherever it is used. */
export const REGION_DATA_SOURCE =
  'idn-area-data 3.1.2 (Kepmendagri 300.2.2-2138/2025), data under ODbL 1.0';

export const Cluster = z.object({
  id: z.string().uuid(),
  programmeId: z.string().uuid(),
  programmeName: z.string(),
  name: z.string(),
  commodity: z.string(),
  regionCode: z.string().nullable(),
  province: z.string(),
  regency: z.string(),
  siteCount: z.number().int(),
});
export type Cluster = z.infer<typeof Cluster>;
export const ClusterList = page(Cluster);
export const ClusterQuery = z.object({
  programmeId: z.string().uuid().optional(),
  province: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .describe('Province code, e.g. 51'),
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CreateClusterRequest = z.strictObject({
  programmeId: z.string().uuid(),
  name: z.string().trim().min(1).max(120),
  commodity: z.string().trim().min(1).max(120),
  regionCode: RegionCode.describe('The regency or city (or province) of the cluster'),
});
/** The same fields and checks as creation, each optional; the programme stays. */
export const UpdateClusterRequest = z.strictObject({
  name: CreateClusterRequest.shape.name.optional(),
  commodity: CreateClusterRequest.shape.commodity.optional(),
  regionCode: CreateClusterRequest.shape.regionCode.optional(),
});
export type UpdateClusterRequest = z.infer<typeof UpdateClusterRequest>;

export const Contact = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: z.string().trim().max(80).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/)
    .nullable()
    .default(null),
  email: z.string().trim().toLowerCase().email().max(254).nullable().default(null),
});
export type Contact = z.infer<typeof Contact>;

const Clock = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/);
export const OpeningInterval = z.strictObject({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 Monday … 7 Sunday'),
  opens: Clock.describe('HH:MM, site local time'),
  closes: Clock.describe('HH:MM, after opens; an overnight opening is two intervals'),
});
export type OpeningInterval = z.infer<typeof OpeningInterval>;
export const OpeningHours = z.object({ intervals: z.array(OpeningInterval) });
export const ReplaceOpeningHoursRequest = z.strictObject({
  intervals: z.array(OpeningInterval).max(50),
});

export const SiteRegion = z.object({ code: z.string(), level: RegionLevel, name: z.string() });

export const SiteDetail = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  clusterId: z.string().uuid(),
  clusterName: z.string(),
  programmeId: z.string().uuid(),
  programmeName: z.string(),
  commodity: z.string(),
  operatorOrgId: z.string().uuid().nullable(),
  operatorName: z.string().nullable(),
  assetOwnerOrgId: z.string().uuid().nullable(),
  assetOwnerName: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string().nullable(),
  /** The region and its ancestors, province first. */
  regions: z.array(SiteRegion),
  province: z.string(),
  regency: z.string(),
  timeZone: TimeZone,
  timeZoneOverridden: z.boolean(),
  contacts: z.array(Contact),
  openingHours: z.array(OpeningInterval),
  /** Whether the caller may change the site's details, hours and holidays. */
  canEdit: z.boolean(),
  updatedAt: z.string().datetime(),
});
export type SiteDetail = z.infer<typeof SiteDetail>;

export const CreateSiteRequest = z.strictObject({
  clusterId: z.string().uuid(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/)
    .describe('e.g. ATM-01'),
  name: z.string().trim().min(1).max(120),
  regionCode: RegionCode.describe('Regency/city, district or village'),
  address: z.string().trim().max(300).nullable().default(null),
  timeZone: TimeZone.nullable()
    .default(null)
    .describe('Only to override the zone derived from the province'),
  operatorOrgId: z.string().uuid().nullable().default(null),
  assetOwnerOrgId: z.string().uuid().nullable().default(null),
  contacts: z.array(Contact).max(20).default([]),
});
export type CreateSiteRequest = z.infer<typeof CreateSiteRequest>;

export const UpdateSiteRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  address: z.string().trim().max(300).nullable().optional(),
  regionCode: RegionCode.nullable().optional(),
  timeZone: TimeZone.nullable()
    .optional()
    .describe('Set to override the zone derived from the province; null to derive it again'),
  operatorOrgId: z.string().uuid().nullable().optional(),
  assetOwnerOrgId: z.string().uuid().nullable().optional(),
  contacts: z.array(Contact).max(20).optional(),
});
export type UpdateSiteRequest = z.infer<typeof UpdateSiteRequest>;

export const HOLIDAY_KINDS = ['national', 'cuti_bersama', 'local'] as const;
export const HolidayKind = z.enum(HOLIDAY_KINDS);
const IsoDate = z.iso.date();
export const Holiday = z.object({
  id: z.string().uuid(),
  date: z.string(),
  name: z.string(),
  kind: HolidayKind,
});
export type Holiday = z.infer<typeof Holiday>;
export const HolidayList = z.object({ year: z.number().int(), items: z.array(Holiday) });
export const HolidayQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CreateHolidayRequest = z.strictObject({
  date: IsoDate,
  name: z.string().trim().min(1).max(120),
  kind: HolidayKind,
});
export const UpdateHolidayRequest = z.strictObject({
  date: IsoDate.optional(),
  name: z.string().trim().min(1).max(120).optional(),
  kind: HolidayKind.optional(),
});
export const CopyHolidaysRequest = z.strictObject({
  fromSiteId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
  kinds: z.array(HolidayKind).min(1).default(['national', 'cuti_bersama']),
});
export const CopyHolidaysResponse = z.object({
  copied: z.number().int(),
  skipped: z.number().int(),
});
export const AddNationalHolidaysRequest = z.strictObject({
  year: z.number().int().min(2000).max(2100),
});
export const AddNationalHolidaysResponse = z.object({
  year: z.number().int(),
  added: z.number().int().describe('Entries of the national list added to the site'),
  skipped: z.number().int().describe('Entries on a date the site already had (kept as they are)'),
  complete: z
    .boolean()
    .describe("False when RPB's list of that year is partial (its SKB 3 Menteri not yet signed)"),
  source: z.string(),
});
export type AddNationalHolidaysResponse = z.infer<typeof AddNationalHolidaysResponse>;
