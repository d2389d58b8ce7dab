/**
 * Pure rules of factory sharing: a machine's booking rules and their defaults, the checks a
 * booking request must pass (one pipeline for single bookings, every occurrence of a series,
 * wait-list offers and the form's live check), recurrence expansion in site time, status
 * transitions, no-shows, weekly quotas and the ranking of free capacity across sites.
 * No I/O and no clock: the service passes `now` and the facts it read.
 */
import {
  earliestFit,
  localDate,
  localToUtc,
  onGrid,
  startOfLocalWeek,
  withinOpenHours,
  type Interval,
  type SiteCalendar,
  type SiteTimeZone,
} from '../availability/availability.js';

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';

export interface BookingRules {
  slotMinutes: SlotMinutes;
  minMinutes: number;
  maxMinutes: number;
  /** A booking starts at least this long after it is made. */
  leadMinutes: number;
  /** …and at most this many days ahead. */
  horizonDays: number;
  approvalRequired: boolean;
  /** Self-operated bookings need a valid qualification on one of the machine's types. */
  qualificationRequired: boolean;
  serviceModeAllowed: boolean;
  /** Not checked in this long after the start → no-show; the rest of the slot is released. */
  noShowGraceMinutes: number;
  /** How long a wait-list offer holds the slot. */
  offerHoldMinutes: number;
  /** Hours per member organisation per ISO week (site time), by size class; null: no limit. */
  weeklyHours: Record<SizeClass, number | null>;
}

export const SLOT_MINUTES = [5, 10, 15, 20, 30, 60, 120, 240] as const;
export type SlotMinutes = (typeof SLOT_MINUTES)[number];

/** The rules of a machine nobody has configured: half-hour grid, 30 min to 8 h, no quota. */
export const DEFAULT_RULES: BookingRules = {
  slotMinutes: 30,
  minMinutes: 30,
  maxMinutes: 480,
  leadMinutes: 60,
  horizonDays: 90,
  approvalRequired: false,
  qualificationRequired: true,
  serviceModeAllowed: true,
  noShowGraceMinutes: 30,
  offerHoldMinutes: 120,
  weeklyHours: { micro: null, small: null, medium: null, large: null },
};

/** Statuses that hold the machine (the exclusion constraint's predicate, kept equal). */
export const HOLDING_STATUSES = ['requested', 'confirmed', 'offered', 'checked_in'] as const;

export type BookingStatus =
  | 'requested'
  | 'confirmed'
  | 'offered'
  | 'checked_in'
  | 'completed'
  | 'cancelled'
  | 'rejected'
  | 'no_show'
  | 'expired';

export type MachineStatus = 'active' | 'maintenance' | 'broken' | 'retired';

/** Why a booking request is refused: one code per rule, with what the message needs. */
export type BookingProblem =
  | { code: 'booking_end_before_start' }
  | { code: 'booking_off_grid'; slotMinutes: number }
  | { code: 'booking_too_short'; minMinutes: number }
  | { code: 'booking_too_long'; maxMinutes: number }
  | { code: 'booking_in_past' }
  | { code: 'booking_lead_time'; leadMinutes: number }
  | { code: 'booking_beyond_horizon'; horizonDays: number }
  | { code: 'booking_outside_hours' }
  | { code: 'machine_retired' }
  | { code: 'machine_unavailable'; status: MachineStatus }
  | { code: 'service_mode_not_offered' }
  | { code: 'qualification_required' }
  | { code: 'booking_quota_exceeded'; weeklyHours: number; usedHours: number };

export interface BookingFacts {
  now: number;
  interval: Interval;
  rules: BookingRules;
  calendar: SiteCalendar;
  machineStatus: MachineStatus;
  mode: 'self' | 'service';
  /** Whether the member (or the named person) holds a valid qualification; ignored in service mode. */
  qualified: boolean;
  sizeClass: SizeClass | null;
  /** Minutes the member already holds on this machine in each ISO week (key: week start ms). */
  weekMinutes: ReadonlyMap<number, number>;
  /** Staff booking for a member may ignore lead time (they are at the machine). */
  staff: boolean;
}

/** The quota of a member: an unclassified member gets the micro quota (the strictest). */
export function weeklyQuota(rules: BookingRules, sizeClass: SizeClass | null): number | null {
  return rules.weeklyHours[sizeClass ?? 'micro'];
}

/**
 * Every rule a request breaks, in the order a person would fix them (shape of the time first,
 * then the machine, then who may book). Empty when the request may be booked; overlaps are
 * checked against the database afterwards.
 */
export function bookingProblems(f: BookingFacts): BookingProblem[] {
  const out: BookingProblem[] = [];
  const { start, end } = f.interval;
  const tz = f.calendar.timeZone;
  if (end <= start) return [{ code: 'booking_end_before_start' }];
  if (f.machineStatus === 'retired') return [{ code: 'machine_retired' }];
  const minutes = (end - start) / 60_000;
  if (!onGrid(start, tz, f.rules.slotMinutes) || !onGrid(end, tz, f.rules.slotMinutes))
    out.push({ code: 'booking_off_grid', slotMinutes: f.rules.slotMinutes });
  if (minutes < f.rules.minMinutes)
    out.push({ code: 'booking_too_short', minMinutes: f.rules.minMinutes });
  if (minutes > f.rules.maxMinutes)
    out.push({ code: 'booking_too_long', maxMinutes: f.rules.maxMinutes });
  if (start < f.now) out.push({ code: 'booking_in_past' });
  else if (!f.staff && start < f.now + f.rules.leadMinutes * 60_000)
    out.push({ code: 'booking_lead_time', leadMinutes: f.rules.leadMinutes });
  if (start > f.now + f.rules.horizonDays * 86_400_000)
    out.push({ code: 'booking_beyond_horizon', horizonDays: f.rules.horizonDays });
  if (!withinOpenHours(f.calendar, f.interval)) out.push({ code: 'booking_outside_hours' });
  if (f.machineStatus !== 'active')
    out.push({ code: 'machine_unavailable', status: f.machineStatus });
  if (f.mode === 'service' && !f.rules.serviceModeAllowed)
    out.push({ code: 'service_mode_not_offered' });
  if (f.mode === 'self' && f.rules.qualificationRequired && !f.qualified)
    out.push({ code: 'qualification_required' });
  const quota = weeklyQuota(f.rules, f.sizeClass);
  if (quota !== null) {
    for (const [week, mins] of minutesPerWeek([f.interval], tz)) {
      const used = f.weekMinutes.get(week) ?? 0;
      if (used + mins > quota * 60) {
        out.push({
          code: 'booking_quota_exceeded',
          weeklyHours: quota,
          usedHours: Math.round((used / 60) * 10) / 10,
        });
        break;
      }
    }
  }
  return out;
}

/** Minutes of the intervals in each ISO week of the site (key: Monday 00:00 local, epoch ms). */
export function minutesPerWeek(
  intervals: readonly Interval[],
  tz: SiteTimeZone,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const iv of intervals) {
    let from = iv.start;
    while (from < iv.end) {
      const week = startOfLocalWeek(from, tz);
      const to = Math.min(iv.end, week + 7 * 86_400_000);
      out.set(week, (out.get(week) ?? 0) + (to - from) / 60_000);
      from = to;
    }
  }
  return out;
}

// Recurrence -----------------------------------------------------------------------------------

export interface Recurrence {
  frequency: 'daily' | 'weekly';
  interval: number;
  until?: string | null; // local date, inclusive
  count?: number | null;
}

/** At most this many occurrences in one series (a year of daily bookings). */
export const MAX_OCCURRENCES = 366;

/**
 * The occurrences of a series: the first booking's local start time and length repeated every
 * `interval` days or weeks, until a local date (inclusive) or a count, at most MAX_OCCURRENCES.
 */
export function expandRecurrence(first: Interval, r: Recurrence, tz: SiteTimeZone): Interval[] {
  const length = first.end - first.start;
  const startDate = localDate(first.start, tz);
  const time = localTimeOf(first.start, tz);
  const step = r.frequency === 'daily' ? r.interval : r.interval * 7;
  const limit = Math.min(r.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const out: Interval[] = [];
  for (let i = 0; out.length < limit; i++) {
    const date = addDays(startDate, i * step);
    if (r.until && date > r.until) break;
    const start = localToUtc(date, time, tz);
    out.push({ start, end: start + length });
    if (!r.until && !r.count) break;
  }
  return out;
}

function localTimeOf(ms: number, tz: SiteTimeZone): string {
  const date = localDate(ms, tz);
  const minutes = Math.round((ms - localToUtc(date, '00:00', tz)) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Life of a booking ----------------------------------------------------------------------------

export type BookingAction =
  | 'cancel'
  | 'approve'
  | 'reject'
  | 'check_in'
  | 'check_out'
  | 'accept_offer'
  | 'decline_offer'
  | 'assign_operator';

const ALLOWED: Record<BookingAction, readonly BookingStatus[]> = {
  cancel: ['requested', 'confirmed', 'offered'],
  approve: ['requested'],
  reject: ['requested'],
  check_in: ['confirmed'],
  check_out: ['checked_in'],
  accept_offer: ['offered'],
  decline_offer: ['offered'],
  assign_operator: ['requested', 'confirmed', 'checked_in'],
};

export const canTransition = (action: BookingAction, from: BookingStatus) =>
  ALLOWED[action].includes(from);

/** Check-in opens this long before the booked start. */
export const CHECK_IN_EARLY_MINUTES = 30;

export type CheckInProblem = 'check_in_too_early' | 'check_in_too_late';

/** Whether a confirmed booking may be checked in at `now`. */
export function checkInProblem(
  b: { start: number; end: number },
  now: number,
): CheckInProblem | null {
  if (now < b.start - CHECK_IN_EARLY_MINUTES * 60_000) return 'check_in_too_early';
  if (now >= b.end) return 'check_in_too_late';
  return null;
}

/** A confirmed booking not checked in by start + grace is a no-show. */
export const isNoShow = (
  b: { start: number; status: BookingStatus },
  graceMinutes: number,
  now: number,
) => b.status === 'confirmed' && now >= b.start + graceMinutes * 60_000;

/** A late cancellation: inside this window before the start (for the money issue's fee). */
export const LATE_CANCEL_MINUTES = 24 * 60;

// Wait list ------------------------------------------------------------------------------------

/**
 * Where a wait-listed member's `minutes` fit first inside its window, given the machine's free
 * time (already on the grid): the earliest start, or null.
 */
export function offerFor(
  entry: { window: Interval; minutes: number },
  free: readonly Interval[],
  notBefore: number,
): Interval | null {
  const need = entry.minutes * 60_000;
  for (const f of free) {
    const start = Math.max(f.start, entry.window.start, notBefore);
    const end = Math.min(f.end, entry.window.end);
    if (end - start >= need) return { start, end: start + need };
  }
  return null;
}

// Search across sites --------------------------------------------------------------------------

/** Great-circle distance in km (haversine). */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Ranks free capacity (search across sites, outage alternatives). A member plans a trip to a
 * site by the day, not by the minute, so the key is the **local day** of the earliest fit (in
 * the machine's site zone) — then, among fits starting the same day, the **nearest** site
 * (unknown distance last), then the earlier start, then the name. A machine free at 08:00
 * 300 km away thus comes after one free at 14:00 next door, but a fit tomorrow never beats one
 * today.
 */
export function rankFits<
  T extends {
    earliestStart: number;
    distanceKm: number | null;
    name: string;
    timeZone: SiteTimeZone;
  },
>(fits: readonly T[]): T[] {
  const keyed = fits.map((f) => ({ f, day: localDate(f.earliestStart, f.timeZone) }));
  keyed.sort(
    (a, b) =>
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      (a.f.distanceKm ?? Infinity) - (b.f.distanceKm ?? Infinity) ||
      a.f.earliestStart - b.f.earliestStart ||
      a.f.name.localeCompare(b.f.name),
  );
  return keyed.map((k) => k.f);
}

/** Problems no other start time can cure: the request's length, mode, worker or machine. */
const TIMELESS: ReadonlySet<BookingProblem['code']> = new Set([
  'booking_end_before_start',
  'booking_off_grid',
  'booking_too_short',
  'booking_too_long',
  'booking_beyond_horizon',
  'machine_retired',
  'machine_unavailable',
  'service_mode_not_offered',
  'qualification_required',
]);

/**
 * The earliest start ≥ `notBefore` at which `minutes` fit inside the machine's free time (on
 * the slot grid) AND pass every rule of `bookingProblems` — the same pipeline a request runs —
 * for this member, or null. Walks the grid forwards (a weekly quota may reject one week and
 * accept the next); stops at the first problem no later start can cure (length, grid, mode,
 * qualification, machine status) or past the horizon.
 */
export function earliestBookable(
  free: readonly Interval[],
  minutes: number,
  facts: Omit<BookingFacts, 'interval'>,
  notBefore: number,
): number | null {
  const length = minutes * 60_000;
  const step = facts.rules.slotMinutes * 60_000;
  const tz = facts.calendar.timeZone;
  for (const f of free) {
    if (f.end - length < notBefore) continue;
    let s = earliestFit([f], minutes, tz, facts.rules.slotMinutes, notBefore);
    for (; s !== null && s + length <= f.end; s += step) {
      const problems = bookingProblems({ ...facts, interval: { start: s, end: s + length } });
      if (problems.length === 0) return s;
      if (problems.some((p) => TIMELESS.has(p.code))) return null;
    }
  }
  return null;
}

// Who may do what ------------------------------------------------------------------------------

export interface BookingPowers {
  admin: boolean;
  /** Sites whose bookings the actor runs (site managers and operators). */
  staffSites: readonly string[];
  /** Organisations the actor books for as a member. */
  memberOrgs: readonly string[];
}

export function bookingPowers(
  grants: readonly { role: string; scopeId: string | null }[],
): BookingPowers {
  const p = { admin: false, staffSites: [] as string[], memberOrgs: [] as string[] };
  for (const g of grants) {
    if (g.role === 'administrator') p.admin = true;
    else if ((g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId)
      p.staffSites.push(g.scopeId);
    else if (g.role === 'umkm_member' && g.scopeId) p.memberOrgs.push(g.scopeId);
  }
  return p;
}

export const isStaff = (p: BookingPowers, siteId: string) =>
  p.admin || p.staffSites.includes(siteId);
export const canBookFor = (p: BookingPowers, siteId: string, orgId: string) =>
  isStaff(p, siteId) || p.memberOrgs.includes(orgId);

/**
 * Whether the actor sees every booking of the sites it sees (staff, administrators, programme
 * officers) or only its own organisations' bookings (members, buyers): null = all.
 */
export function ownBookingsOnly(
  grants: readonly { role: string; scopeId: string | null }[],
): string[] | null {
  if (grants.some((g) => !['umkm_member', 'buyer'].includes(g.role))) return null;
  return grants.filter((g) => g.role === 'umkm_member' && g.scopeId).map((g) => g.scopeId!);
}

export interface ActionFacts {
  kind: 'booking' | 'outage';
  status: BookingStatus;
  siteId: string;
  memberOrgId: string | null;
  mode: 'self' | 'service' | null;
  start: number;
  end: number;
}

/** The actions the actor may take on a booking now (what the UI offers; the service re-checks). */
export function bookingActions(p: BookingPowers, b: ActionFacts, now: number) {
  const staff = isStaff(p, b.siteId);
  const own = b.memberOrgId !== null && p.memberOrgs.includes(b.memberOrgId);
  const party = staff || own;
  const booking = b.kind === 'booking';
  return {
    cancel: booking && party && canTransition('cancel', b.status) && now < b.end,
    approve: booking && staff && canTransition('approve', b.status),
    reject: booking && staff && canTransition('reject', b.status),
    checkIn:
      booking && party && canTransition('check_in', b.status) && checkInProblem(b, now) === null,
    checkOut: booking && party && canTransition('check_out', b.status),
    accept: booking && party && canTransition('accept_offer', b.status),
    decline: booking && party && canTransition('decline_offer', b.status),
    assignOperator:
      booking && staff && b.mode === 'service' && canTransition('assign_operator', b.status),
  };
}

// Presenting times and messages ----------------------------------------------------------------

const ZONE_LABEL: Record<SiteTimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** "Selasa, 21 Juli 2026 10.00–12.00 WITA" (or English), in the site's zone. */
export function formatSpan(iv: Interval, tz: SiteTimeZone, locale: 'id' | 'en'): string {
  const tag = locale === 'id' ? 'id-ID' : 'en-GB';
  const day = new Intl.DateTimeFormat(tag, {
    timeZone: tz,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(tag, {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const sameDay = localDate(iv.start, tz) === localDate(iv.end - 1, tz);
  const end = sameDay ? time.format(iv.end) : `${day.format(iv.end)} ${time.format(iv.end)}`;
  return `${day.format(iv.start)} ${time.format(iv.start)}–${end} ${ZONE_LABEL[tz]}`;
}

export type BookingNotice =
  | 'requested'
  | 'request_received'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'reminder'
  | 'offer'
  | 'displaced'
  | 'no_show';

const NOTICE: Record<BookingNotice, { id: [string, string]; en: [string, string] }> = {
  requested: {
    id: [
      'Permintaan pemesanan {machine}',
      '{member} meminta {machine} pada {when}. Setujui atau tolak di RPB.',
    ],
    en: [
      'Booking request for {machine}',
      '{member} requests {machine} on {when}. Approve or reject it in RPB.',
    ],
  },
  request_received: {
    id: [
      'Permintaan pemesanan diterima: {machine}',
      'Permintaan Anda untuk {machine} pada {when} menunggu persetujuan lokasi.',
    ],
    en: [
      'Booking request received: {machine}',
      'Your request for {machine} on {when} awaits the site’s approval.',
    ],
  },
  approved: {
    id: ['Pemesanan disetujui: {machine}', 'Pemesanan {machine} pada {when} disetujui.'],
    en: ['Booking approved: {machine}', 'Your booking of {machine} on {when} is approved.'],
  },
  rejected: {
    id: [
      'Pemesanan ditolak: {machine}',
      'Pemesanan {machine} pada {when} ditolak. Alasan: {reason}',
    ],
    en: [
      'Booking rejected: {machine}',
      'Your booking of {machine} on {when} was rejected. Reason: {reason}',
    ],
  },
  cancelled: {
    id: ['Pemesanan dibatalkan: {machine}', 'Pemesanan {machine} pada {when} dibatalkan. {reason}'],
    en: [
      'Booking cancelled: {machine}',
      'The booking of {machine} on {when} was cancelled. {reason}',
    ],
  },
  reminder: {
    id: [
      'Pengingat: {machine} {when}',
      'Jangan lupa: Anda memesan {machine} pada {when}. Check-in paling lambat {grace} menit setelah mulai.',
    ],
    en: [
      'Reminder: {machine} {when}',
      'Reminder: you booked {machine} on {when}. Check in at most {grace} minutes after the start.',
    ],
  },
  offer: {
    id: [
      'Slot tersedia: {machine}',
      'Slot {machine} pada {when} tersedia untuk Anda dari antrean. Terima sebelum {expires}, atau slot ditawarkan ke antrean berikutnya.',
    ],
    en: [
      'A slot is free: {machine}',
      'A slot of {machine} on {when} is offered to you from the wait list. Accept before {expires}, or it goes to the next in line.',
    ],
  },
  displaced: {
    id: [
      'Pemesanan terdampak gangguan: {machine}',
      'Pemesanan {machine} pada {when} dibatalkan karena {reason}. Alternatif terdekat: {alternatives}',
    ],
    en: [
      'Booking affected by an outage: {machine}',
      'Your booking of {machine} on {when} is cancelled because of {reason}. Nearest alternatives: {alternatives}',
    ],
  },
  no_show: {
    id: [
      'Tidak hadir: {machine}',
      'Pemesanan {machine} pada {when} ditandai tidak hadir dan sisa waktunya dilepas.',
    ],
    en: [
      'No-show: {machine}',
      'The booking of {machine} on {when} was marked a no-show and the rest of the slot released.',
    ],
  },
};

/** The e-mail for a booking event, in the recipient's language. */
export function bookingNotice(
  notice: BookingNotice,
  locale: 'id' | 'en',
  v: Record<string, string>,
): { subject: string; text: string } {
  const [subject, text] = NOTICE[notice][locale];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (w, k: string) => v[k] ?? '');
  return { subject: fill(subject), text: `${fill(text)}\n\n— RPB` };
}
