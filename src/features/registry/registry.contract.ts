/** API shapes of the registry (the foundation ships the read-only site list; issue 3 grows it). */
import { z } from 'zod';
import { page } from '../../contracts/api.contract.js';

/** IANA zones of Indonesia: WIB, WIB (Pontianak), WITA, WIT. */
export const TIME_ZONES = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
] as const;
export const TimeZone = z.enum(TIME_ZONES);
export type TimeZone = z.infer<typeof TimeZone>;

export const SiteSummary = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  clusterName: z.string(),
  programmeName: z.string(),
  commodity: z.string(),
  province: z.string(),
  regency: z.string(),
  timeZone: TimeZone,
  operatorName: z.string().nullable(),
  machineCount: z.number().int(),
  memberCount: z.number().int(),
  /** Sum of the acquisition value of the site's machines, integer Rupiah. */
  equipmentValue: z.number().int(),
});
export type SiteSummary = z.infer<typeof SiteSummary>;
export const SiteList = page(SiteSummary);
/** Filters of the site list (all optional; the list is always limited to what the caller sees). */
export const SiteQuery = z.object({
  programmeId: z.string().uuid().optional(),
  clusterId: z.string().uuid().optional(),
  province: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .describe('Kemendagri province code, e.g. 51'),
  q: z.string().trim().min(1).max(100).optional().describe('Search in name and code (trigram)'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SiteQuery = z.infer<typeof SiteQuery>;

/** Something a role can be granted on, for pickers: a programme, a site or an organisation. */
export const ScopeOption = z.object({
  id: z.string().uuid(),
  name: z.string(),
  code: z.string().nullable(),
  detail: z.string().nullable().describe('e.g. the kind of organisation or the province'),
});
export type ScopeOption = z.infer<typeof ScopeOption>;
export const ScopeOptionList = page(ScopeOption);
export const ScopeOptionQuery = z.object({
  type: z.enum(['programme', 'site', 'organisation']),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One hit of the search across the registry. */
export const SearchHit = z.object({
  type: z.enum(['organisation', 'person', 'equipment']),
  id: z.string().uuid(),
  title: z.string(),
  subtitle: z
    .string()
    .nullable()
    .describe('e.g. the NIB, the organisation of a person, the site of a machine'),
  /** Where the hit lives, to link to it: the organisation of a person, the machine itself. */
  organisationId: z.string().uuid().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResult = z.object({
  organisations: z.array(SearchHit),
  people: z.array(SearchHit),
  equipment: z.array(SearchHit),
});
export type SearchResult = z.infer<typeof SearchResult>;
export const SearchQuery = z.object({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
