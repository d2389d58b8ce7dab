/**
 * Pure rules of sites: the IANA time zone of a province, region-code levels, opening-hour
 * overlaps, and who may read, manage or operate a site. No I/O, no clock.
 */
import type { Actor } from '../../server/context.js';
import type { TimeZone } from '../registry/registry.contract.js';

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

const LEVEL_PATTERNS: [RegionLevel, RegExp][] = [
  ['province', /^[0-9]{2}$/],
  ['regency', /^[0-9]{2}\.[0-9]{2}$/],
  ['district', /^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$/],
  ['village', /^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$/],
];

/** The level of a Kemendagri code from its shape (`11`, `11.01`, `11.01.01`, `11.01.01.2001`). */
export function regionLevelOf(code: string): RegionLevel | null {
  return LEVEL_PATTERNS.find(([, re]) => re.test(code))?.[0] ?? null;
}

/** The codes of a region and all its ancestors, province first. */
export function regionChain(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

const PONTIANAK = new Set(['61', '62']);
const JAKARTA = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
]);
const MAKASSAR = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const JAYAPURA = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

/**
 * The IANA zone of a province (Keppres 41/1987 and tzdata): Kalimantan Barat and Tengah keep
 * WIB as Asia/Pontianak; Sumatra, Java and Banten Asia/Jakarta (WIB); Bali, Nusa Tenggara,
 * Kalimantan Selatan/Timur/Utara and Sulawesi Asia/Makassar (WITA); Maluku and Papua
 * Asia/Jayapura (WIT). Null for a code that is no province. Accepts any region code.
 */
export function timeZoneOfProvince(regionCode: string): TimeZone | null {
  const p = regionCode.slice(0, 2);
  if (PONTIANAK.has(p)) return 'Asia/Pontianak';
  if (JAKARTA.has(p)) return 'Asia/Jakarta';
  if (MAKASSAR.has(p)) return 'Asia/Makassar';
  if (JAYAPURA.has(p)) return 'Asia/Jayapura';
  return null;
}

/**
 * A site's zone after an update. `requested`: a zone sets it (an override unless it equals the
 * derived one), null returns to the derived zone, undefined keeps an override or re-derives
 * from the (possibly new) region.
 */
export function resolveTimeZone(input: {
  regionCode: string | null;
  requested: TimeZone | null | undefined;
  current: TimeZone;
  overridden: boolean;
}): { timeZone: TimeZone; overridden: boolean } {
  const derived = input.regionCode ? timeZoneOfProvince(input.regionCode) : null;
  if (input.requested) {
    return { timeZone: input.requested, overridden: derived !== input.requested };
  }
  if (input.requested === undefined && input.overridden) {
    return { timeZone: input.current, overridden: derived !== input.current };
  }
  return { timeZone: derived ?? input.current, overridden: false };
}

const ACRONYMS = new Set(['DKI', 'DI']);
/** Upper-case names of the dataset ('KABUPATEN ACEH TAMIANG') for display ('Kabupaten Aceh Tamiang'). */
export function displayRegionName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .split(' ')
    .map((w) =>
      ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(' ');
}

export interface OpeningInterval {
  weekday: number;
  opens: string; // HH:MM
  closes: string; // HH:MM
}

/** The first problem of a set of opening intervals: closes not after opens, or an overlap. */
export function openingHoursProblem(
  intervals: OpeningInterval[],
): { index: number; problem: 'closes_before_opens' | 'overlap'; other?: number } | null {
  for (const [i, x] of intervals.entries()) {
    if (x.closes <= x.opens) return { index: i, problem: 'closes_before_opens' };
  }
  for (const [i, x] of intervals.entries()) {
    for (const [j, y] of intervals.entries()) {
      if (j <= i || x.weekday !== y.weekday) continue;
      if (x.opens < y.closes && y.opens < x.closes)
        return { index: j, problem: 'overlap', other: i };
    }
  }
  return null;
}

/** What an actor may do on sites, from their grants. */
export interface SitePowers {
  /** Administrators: every site, every change. */
  admin: boolean;
  /** Sites whose details and equipment the actor manages (site managers). */
  managed: string[];
  /** Sites where the actor may change machine status (site managers and operators). */
  operated: string[];
}

export function sitePowers(actor: Actor): SitePowers {
  const p: SitePowers = { admin: false, managed: [], operated: [] };
  for (const g of actor.grants) {
    if (g.role === 'administrator') p.admin = true;
    if (g.role === 'site_manager' && g.scopeId) {
      p.managed.push(g.scopeId);
      p.operated.push(g.scopeId);
    }
    if (g.role === 'site_operator' && g.scopeId) p.operated.push(g.scopeId);
  }
  return p;
}

export const canManageSite = (p: SitePowers, siteId: string) =>
  p.admin || p.managed.includes(siteId);
export const canOperateSite = (p: SitePowers, siteId: string) =>
  p.admin || p.operated.includes(siteId);

/** One year of the shipped national calendar (src/reference-data/national-holidays.json). */
export interface NationalHolidayList {
  year: number;
  /** False while the year's SKB 3 Menteri is not signed: only days fixed by law are listed. */
  complete: boolean;
  source: string;
  holidays: { date: string; name: string; kind: 'national' | 'cuti_bersama' }[];
}

/** What is wrong with a shipped year list (a bad or foreign date, a date twice); empty if sound. */
export function nationalListProblems(list: NationalHolidayList): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const h of list.holidays) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(h.date);
    const valid =
      !!m &&
      new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
        .toISOString()
        .startsWith(h.date);
    if (!valid) problems.push(`${h.date}: not a date`);
    else if (Number(m[1]) !== list.year) problems.push(`${h.date}: not in ${list.year}`);
    if (seen.has(h.date)) problems.push(`${h.date}: listed twice`);
    seen.add(h.date);
    if (!h.name.trim() || h.name.length > 120) problems.push(`${h.date}: name empty or too long`);
    if (h.kind !== 'national' && h.kind !== 'cuti_bersama') problems.push(`${h.date}: kind`);
  }
  return problems;
}
