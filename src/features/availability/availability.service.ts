/**
 * Availability of machines: each site's calendar (opening hours and holidays in its time zone)
 * and the machine time already held, combined by the pure interval algebra of availability.ts.
 * Reads only; callers (bookings) decide what may be booked.
 */
import type { Executor } from '../../server/db/connect.js';
import {
  freeIntervals,
  type Interval,
  type SiteCalendar,
  type SiteTimeZone,
} from './availability.js';
import * as repo from './availability.repository.js';

export interface SiteRef {
  id: string;
  timeZone: SiteTimeZone;
}

const DAY = 86_400_000;

/** The calendars of the sites, with the holidays that fall in the range (± a day for zones). */
export async function siteCalendars(
  db: Executor,
  sites: readonly SiteRef[],
  range: Interval,
): Promise<Map<string, SiteCalendar>> {
  const ids = [...new Set(sites.map((s) => s.id))];
  const fromDate = new Date(range.start - DAY).toISOString().slice(0, 10);
  const toDate = new Date(range.end + DAY).toISOString().slice(0, 10);
  const [hours, holidays] = await Promise.all([
    repo.openingHoursOfSites(db, ids),
    repo.holidaysOfSites(db, ids, fromDate, toDate),
  ]);
  const out = new Map<string, SiteCalendar>();
  for (const s of sites) {
    out.set(s.id, {
      timeZone: s.timeZone,
      hours: hours.filter((h) => h.site_id === s.id),
      holidays: holidays.filter((h) => h.site_id === s.id).map((h) => h.date),
    });
  }
  return out;
}

export interface MachineTime {
  calendar: SiteCalendar;
  /** Holding time overlapping the range, by start (epoch ms). */
  busy: Interval[];
  free: Interval[];
}

/** Busy and free time of machines (each with its site) within the range. */
export async function machineTimes(
  db: Executor,
  machines: readonly { id: string; site: SiteRef }[],
  range: Interval,
): Promise<Map<string, MachineTime>> {
  const calendars = await siteCalendars(
    db,
    machines.map((m) => m.site),
    range,
  );
  const busy = await repo.busyOfMachines(
    db,
    machines.map((m) => m.id),
    new Date(range.start),
    new Date(range.end),
  );
  const byMachine = new Map<string, Interval[]>();
  for (const b of busy) {
    const iv = { start: b.start, end: b.end };
    const list = byMachine.get(b.machine_id);
    if (list) list.push(iv);
    else byMachine.set(b.machine_id, [iv]);
  }
  const out = new Map<string, MachineTime>();
  for (const m of machines) {
    const calendar = calendars.get(m.site.id)!;
    const intervals = byMachine.get(m.id) ?? [];
    out.set(m.id, { calendar, busy: intervals, free: freeIntervals(calendar, range, intervals) });
  }
  return out;
}

/** The busy time of one machine as a calendar shows it (see the repository). */
export const busyOfMachine = repo.busyOfMachine;
