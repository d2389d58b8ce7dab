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
