/**
 * Pure rules of availability: half-open interval algebra on epoch milliseconds and a site's
 * calendar (weekly opening hours in the site's zone, holidays) turned into open and free time.
 * No I/O, no clock: every instant comes in as an argument.
 *
 * Intervals are `[start, end)`. Functions never mutate their inputs and always return new
 * arrays. "Normalized" means: no empty intervals, sorted by start, and no two intervals
 * overlapping or touching (touching ones are merged), so a normalized list is the canonical
 * form of a set of instants.
 *
 * Indonesian zones have fixed offsets (no daylight saving since 1964), so local time is UTC plus
 * a constant: WIB +7 (Asia/Jakarta, Asia/Pontianak), WITA +8 (Asia/Makassar), WIT +9
 * (Asia/Jayapura). That lets all calendar arithmetic here be plain integer arithmetic.
 */

/** A half-open interval `[start, end)` of epoch milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Merges a list sorted by start (empty intervals already removed); touching intervals join. */
function mergeSorted(xs: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  const first = xs[0];
  if (!first) return out;
  let { start, end } = first;
  for (const x of xs) {
    if (x.start <= end) {
      if (x.end > end) end = x.end;
    } else {
      out.push({ start, end });
      ({ start, end } = x);
    }
  }
  out.push({ start, end });
  return out;
}

/**
 * Merges unsorted non-empty intervals by sorting their starts and their ends separately (native
 * numeric sorts of typed arrays, several times faster than sorting objects with a comparator)
 * and sweeping: an instant is covered while more starts than ends lie at or before it. At equal
 * positions starts come first, so touching intervals join.
 */
function mergeUnsorted(xs: readonly Interval[]): Interval[] {
  const n = xs.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    starts[k] = xs[k]!.start;
    ends[k] = xs[k]!.end;
  }
  starts.sort();
  ends.sort();
  const out: Interval[] = [];
  let open = 0;
  let start = 0;
  for (let i = 0, j = 0; j < n;) {
    if (i < n && starts[i]! <= ends[j]!) {
      if (open++ === 0) start = starts[i]!;
      i++;
    } else {
      if (--open === 0) out.push({ start, end: ends[j]! });
      j++;
    }
  }
  return out;
}

/**
 * The canonical form of a set of intervals: drops empty and negative ones (and any with NaN
 * ends), sorts by start and merges overlapping and touching ones. O(n log n); a list already
 * sorted by start is merged in one linear pass.
 */
export function normalize(xs: readonly Interval[]): Interval[] {
  const kept: Interval[] = [];
  let sorted = true;
  let last = -Infinity;
  for (const x of xs) {
    if (!(x.start < x.end)) continue;
    if (x.start < last) sorted = false;
    last = x.start;
    kept.push(x);
  }
  return sorted ? mergeSorted(kept) : mergeUnsorted(kept);
}

/**
 * `xs` itself when it is already normalized (checked in one pass, nothing allocated), else its
 * normalized copy: for the functions here that only read their normalized inputs. A calendar's
 * busy time usually is normalized already (10,000 items for a busy month).
 */
function asNormalized(xs: readonly Interval[]): readonly Interval[] {
  let end = -Infinity;
  for (const x of xs) {
    if (!(x.start < x.end) || x.start <= end) return normalize(xs);
    end = x.end;
  }
  return xs;
}

/** The instants in `a` or in `b`, normalized. */
export function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normalize([...a, ...b]);
}

/** The instants in both `a` and `b`, normalized. Linear after normalizing each side. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const xs = asNormalized(a);
  const ys = asNormalized(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < xs.length && j < ys.length) {
    const x = xs[i]!;
    const y = ys[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** The instants in `a` but not in `b`, normalized. Linear after normalizing each side. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const xs = asNormalized(a);
  const ys = asNormalized(b);
  const out: Interval[] = [];
  let j = 0;
  for (const x of xs) {
    let start = x.start;
    // Cuts that end at or before this piece cannot touch it, nor any later one.
    while (j < ys.length && ys[j]!.end <= start) j++;
    let k = j;
    while (k < ys.length && ys[k]!.start < x.end) {
      const y = ys[k]!;
      if (y.start > start) out.push({ start, end: y.start });
      start = Math.max(start, y.end);
      if (y.end > x.end) break; // it may cut the next piece of `a` too
      k++;
    }
    if (start < x.end) out.push({ start, end: x.end });
    j = k;
  }
  return out;
}

/** Whether two intervals share an instant; touching (`a.end === b.start`) or empty ones do not. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;
}

/** The length in milliseconds of the set the intervals cover (overlaps counted once). */
export function totalLength(xs: readonly Interval[]): number {
  let sum = 0;
  for (const x of asNormalized(xs)) sum += x.end - x.start;
  return sum;
}

/** The IANA zones of Indonesian sites (the same list as the registry's `TimeZone`). */
export type SiteTimeZone = 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura';

const ZONES: Record<SiteTimeZone, { offset: number; label: 'WIB' | 'WITA' | 'WIT' }> = {
  'Asia/Jakarta': { offset: 420, label: 'WIB' },
  'Asia/Pontianak': { offset: 420, label: 'WIB' },
  'Asia/Makassar': { offset: 480, label: 'WITA' },
  'Asia/Jayapura': { offset: 540, label: 'WIT' },
};

function zone(tz: SiteTimeZone) {
  const z = ZONES[tz];
  if (!z) throw new RangeError(`unknown site time zone: ${String(tz)}`);
  return z;
}

/** Minutes the zone is ahead of UTC: 420 (WIB), 480 (WITA) or 540 (WIT), all year. */
export function utcOffsetMinutes(tz: SiteTimeZone): number {
  return zone(tz).offset;
}

/** The Indonesian abbreviation of the zone: WIB, WITA or WIT. */
export function zoneLabel(tz: SiteTimeZone): 'WIB' | 'WITA' | 'WIT' {
  return zone(tz).label;
}

const offsetMs = (tz: SiteTimeZone) => zone(tz).offset * MINUTE;
const mod = (n: number, m: number) => ((n % m) + m) % m;
/** ISO weekday (1 Monday … 7 Sunday) of a day number (days since 1970-01-01, a Thursday). */
const weekdayOfDay = (day: number) => mod(day + 3, 7) + 1;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date; throws on anything else. */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC maps years 0–99 to 1900–1999; such dates fail this check as well.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d)
      return ms / DAY;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

/**
 * Milliseconds after local midnight of a wall-clock time 'HH:MM' or 'HH:MM:SS' (as PostgreSQL
 * writes `time`). '24:00' / '24:00:00' (the end of the day, valid in PostgreSQL) is accepted.
 */
function timeOfDay(time: string): number {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (m) {
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if ((h < 24 && mi < 60 && s < 60) || (h === 24 && mi === 0 && s === 0))
      return ((h * 60 + mi) * 60 + s) * 1000;
  }
  throw new RangeError(`not a time of day (HH:MM or HH:MM:SS): ${time}`);
}

/** The calendar date 'YYYY-MM-DD' of an instant in the site's zone. */
export function localDate(ms: number, tz: SiteTimeZone): string {
  return new Date(ms + offsetMs(tz)).toISOString().slice(0, 10);
}

/** Whole minutes since local midnight (0 … 1439) of an instant in the site's zone. */
export function localMinutesOfDay(ms: number, tz: SiteTimeZone): number {
  return Math.floor(mod(ms + offsetMs(tz), DAY) / MINUTE);
}

/** The ISO weekday of a 'YYYY-MM-DD' date: 1 Monday … 7 Sunday. Throws on an invalid date. */
export function isoWeekday(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

/**
 * The instant of a local wall-clock time ('HH:MM' or 'HH:MM:SS', '24:00' for the end of the day)
 * on a local date in the site's zone. Throws RangeError on a malformed date or time.
 */
export function localToUtc(date: string, time: string, tz: SiteTimeZone): number {
  return dayNumber(date) * DAY + timeOfDay(time) - offsetMs(tz);
}

/** Monday 00:00 local time of the site's week that contains `ms`, as epoch milliseconds. */
export function startOfLocalWeek(ms: number, tz: SiteTimeZone): number {
  const off = offsetMs(tz);
  const day = Math.floor((ms + off) / DAY);
  return (day - weekdayOfDay(day) + 1) * DAY - off;
}

/** A site's weekly opening hours and holidays, as stored in site_opening_hours / site_holidays. */
export interface SiteCalendar {
  timeZone: SiteTimeZone;
  /** ISO weekday (1 Monday … 7 Sunday) and local times 'HH:MM[:SS]', `closes` after `opens`. */
  hours: readonly { weekday: number; opens: string; closes: string }[];
  /** Local dates 'YYYY-MM-DD' on which the site is closed all day. */
  holidays: readonly string[];
}

/**
 * The site's open time within `range`, as UTC intervals: each local day's opening hours minus
 * holidays, clipped to `range`, normalized (so hours that touch across local midnight, e.g.
 * Monday 20:00–24:00 and Tuesday 00:00–06:00, form one interval). Linear in the number of days.
 * Throws RangeError on a non-finite range, a weekday outside 1–7 or a malformed time or date.
 */
export function openIntervals(cal: SiteCalendar, range: Interval): Interval[] {
  if (!(range.start < range.end)) return [];
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end))
    throw new RangeError('the range of open intervals must be finite');
  const off = offsetMs(cal.timeZone);
  // Per weekday, opening intervals as [opens, closes) in ms after local midnight, sorted.
  const week: [number, number][][] = [[], [], [], [], [], [], [], []];
  for (const h of cal.hours) {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7)
      throw new RangeError(`not an ISO weekday (1–7): ${h.weekday}`);
    week[h.weekday]!.push([timeOfDay(h.opens), timeOfDay(h.closes)]);
  }
  for (const day of week) day.sort((x, y) => x[0] - y[0]);
  const holidays = new Set(cal.holidays.map(dayNumber));

  const out: Interval[] = [];
  const last = Math.floor((range.end + off) / DAY);
  for (let day = Math.floor((range.start + off) / DAY); day <= last; day++) {
    if (holidays.has(day)) continue;
    const midnight = day * DAY - off;
    for (const [opens, closes] of week[weekdayOfDay(day)]!) {
      const start = Math.max(midnight + opens, range.start);
      const end = Math.min(midnight + closes, range.end);
      if (start < end) out.push({ start, end });
    }
  }
  return normalize(out); // already sorted unless hours overlap; this merges what touches
}

/**
 * Free time: the site's open time within `range` minus `busy` (bookings, outages, maintenance —
 * in any order, overlapping or not), normalized. Sorts `busy` once, then merges linearly.
 */
export function freeIntervals(
  cal: SiteCalendar,
  range: Interval,
  busy: readonly Interval[],
): Interval[] {
  return subtract(openIntervals(cal, range), busy);
}

function checkGrid(gridMinutes: number): number {
  if (!Number.isInteger(gridMinutes) || gridMinutes <= 0)
    throw new RangeError(`the grid must be a positive whole number of minutes: ${gridMinutes}`);
  return gridMinutes * MINUTE;
}

/**
 * The first grid point at or after `ms`. Grid points are local midnight plus multiples of the
 * grid; the grid restarts every local midnight (matters only for grids that do not divide a day).
 */
function ceilToGrid(ms: number, off: number, grid: number): number {
  const local = ms + off;
  const midnight = Math.floor(local / DAY) * DAY;
  const p = Math.ceil((local - midnight) / grid) * grid;
  return (p >= DAY ? midnight + DAY : midnight + p) - off;
}

/** The last grid point at or before `ms`. */
function floorToGrid(ms: number, off: number, grid: number): number {
  const local = ms + off;
  const midnight = Math.floor(local / DAY) * DAY;
  return midnight + Math.floor((local - midnight) / grid) * grid - off;
}

/**
 * Free intervals shrunk to the site's booking grid (`gridMinutes` from local midnight): each
 * start rounded up and each end rounded down to a grid point; intervals left empty are dropped.
 * The input is normalized first (touching free intervals form one run); the result is the
 * maximal bookable runs, normalized. The caller filters by a minimum length or cuts slots.
 */
export function alignToGrid(
  free: readonly Interval[],
  tz: SiteTimeZone,
  gridMinutes: number,
): Interval[] {
  const grid = checkGrid(gridMinutes);
  const off = offsetMs(tz);
  const out: Interval[] = [];
  for (const x of asNormalized(free)) {
    const start = ceilToGrid(x.start, off, grid);
    const end = floorToGrid(x.end, off, grid);
    if (start < end) out.push({ start, end });
  }
  return out;
}

/**
 * The earliest grid start `s ≥ notBefore` such that `[s, s + minutes)` lies inside one free
 * interval (touching free intervals count as one), or null if there is none. `minutes` must be
 * positive; the grid is `gridMinutes` from the site's local midnight.
 */
export function earliestFit(
  free: readonly Interval[],
  minutes: number,
  tz: SiteTimeZone,
  gridMinutes: number,
  notBefore: number,
): number | null {
  const grid = checkGrid(gridMinutes);
  if (!(minutes > 0) || !Number.isFinite(minutes))
    throw new RangeError(`the length to fit must be a positive number of minutes: ${minutes}`);
  const off = offsetMs(tz);
  const length = minutes * MINUTE;
  for (const x of asNormalized(free)) {
    if (x.end - length < notBefore) continue;
    const s = ceilToGrid(Math.max(x.start, notBefore), off, grid);
    if (s + length <= x.end) return s;
  }
  return null;
}

/**
 * Whether `[start, end)` lies entirely inside the site's open time: within one open interval,
 * or across open intervals that touch (hours running past local midnight into the next day's).
 * A gap — a break, a closed day, a holiday — anywhere inside makes it false; so does an empty
 * interval.
 */
export function withinOpenHours(cal: SiteCalendar, iv: Interval): boolean {
  if (!(iv.start < iv.end)) return false;
  const open = openIntervals(cal, iv);
  return open.length === 1 && open[0]!.start === iv.start && open[0]!.end === iv.end;
}

/**
 * Whether `ms` is a grid point of the site: whole minutes (no seconds or milliseconds) since
 * local midnight, divisible by `gridMinutes`.
 */
export function onGrid(ms: number, tz: SiteTimeZone, gridMinutes: number): boolean {
  const grid = checkGrid(gridMinutes);
  return Number.isFinite(ms) && mod(ms + offsetMs(tz), DAY) % grid === 0;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/**
 * 'HH:MM:00.000Z' of each whole minute of a day. Built with join, which makes flat strings: a
 * template literal of that length is a tree of V8 cons strings, and the ~8 nodes per instant
 * were the bulk of an availability answer's garbage (20,000 instants, 6 MiB).
 */
const MINUTE_SUFFIXES = Array.from({ length: 1440 }, (_, m) =>
  [TWO_DIGITS[Math.floor(m / 60)], ':', TWO_DIGITS[m % 60], ':00.000Z'].join(''),
);
/** 'YYYY-MM-DDT' of recent day numbers (a calendar answer repeats each day many times). */
const dayPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()` — 'YYYY-MM-DDTHH:MM:SS.mmmZ' — without a `Date` per instant:
 * the day's prefix is cached, and so is the rest for whole minutes (what bookings are), so an
 * instant is one concatenation of two cached strings; other times of day are plain arithmetic.
 * An availability answer writes two instants per busy block (20,000 for a month of a busy
 * machine). Instants outside 1970–2099 (never a booking) take the `Date` path.
 */
export function isoInstant(ms: number): string {
  if (!(ms >= 0 && ms < 4_102_444_800_000) || !Number.isInteger(ms))
    return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size > 4096) dayPrefixes.clear();
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY;
  if (rest % MINUTE === 0) return prefix + MINUTE_SUFFIXES[rest / MINUTE]!;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${prefix}${TWO_DIGITS[hour]!}:${TWO_DIGITS[min]!}:${TWO_DIGITS[sec]!}.${THREE_DIGITS[milli]!}Z`;
}
