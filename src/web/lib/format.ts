/**
 * Formatting of money, numbers, dates and times for the UI.
 *
 * Rules (see domain.md §6.1 and §6.5):
 * - Rupiah follows PUEBI in every UI language: "Rp" glued to the amount, "." groups thousands,
 *   "," for decimals, sign in front ("-Rp1.234"). Integer amounts show no decimals.
 * - Instants are always shown in an explicit IANA zone (the site's zone), labelled WIB/WITA/WIT,
 *   and never in the browser's zone: a manager in Jakarta looking at a site in Makassar must see
 *   the site's clock.
 */
import type { Locale, TimeZone } from './contracts.js';

export type ZoneLabel = 'WIB' | 'WITA' | 'WIT';

/** Keppres 41/1987 zones; Pontianak (West/Central Kalimantan) is WIB like Jakarta. */
const ZONE_LABELS: Record<TimeZone, ZoneLabel> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** Indonesia has no daylight saving time, so each zone has one fixed offset. */
const ZONE_OFFSETS: Record<ZoneLabel, string> = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' };

/**
 * Zone for instants that belong to no site (audit entries, jobs, tokens). WIB is the zone of the
 * capital and of most sites; the label is always printed, so nobody has to guess.
 */
export const PLATFORM_TIME_ZONE: TimeZone = 'Asia/Jakarta';

export function zoneLabel(timeZone: TimeZone): ZoneLabel {
  return ZONE_LABELS[timeZone];
}

/** BCP 47 tags per UI language: en-GB gives day-month order and a 24-hour clock. */
const LOCALE_TAGS: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export function localeTag(locale: Locale): string {
  return LOCALE_TAGS[locale];
}

// Intl formatters are costly to build and tables re-render often: keep one per option set.
const formatterCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${tag}|${JSON.stringify(options)}`;
  let formatter = formatterCache.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag, options);
    formatterCache.set(key, formatter);
  }
  return formatter;
}

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${tag}|${JSON.stringify(options)}`;
  let formatter = formatterCache.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, options);
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/**
 * Rupiah in PUEBI style: `Rp1.234.567`, `-Rp1.234`, `Rp1.234.567,50`.
 * Accepts bigint so sums beyond 2^53 keep every digit. `decimals` defaults to 0 for integers
 * (money is stored as integer Rupiah) and 2 otherwise.
 */
export function formatRupiah(amount: number | bigint, decimals?: number): string {
  const digits = decimals ?? (typeof amount === 'bigint' || Number.isInteger(amount) ? 0 : 2);
  // A plain decimal format, not style "currency": ICU puts a no-break space after "Rp" and has
  // changed its currency defaults between versions; PUEBI wants the symbol glued to the number.
  // signDisplay "negative" avoids "-Rp0" when a tiny negative rounds to zero.
  const text = numberFormat('id-ID', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'negative',
  }).format(amount);
  return text.startsWith('-') ? `-Rp${text.slice(1)}` : `Rp${text}`;
}

/** Counts (machines, members): grouped in the UI language. */
export function formatCount(value: number, locale: Locale): string {
  return numberFormat(localeTag(locale), { maximumFractionDigits: 0 }).format(value);
}

type Instant = Date | string;

function toDate(instant: Instant): Date {
  return typeof instant === 'string' ? new Date(instant) : instant;
}

/** "4 Mar 2026, 09.05 WITA" — date and time in the given zone, with its label. */
export function formatDateTime(instant: Instant, timeZone: TimeZone, locale: Locale): string {
  const text = dateFormat(localeTag(locale), {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(instant));
  // The label comes from our table, not from Intl: en-GB would print "GMT+8".
  return `${text} ${zoneLabel(timeZone)}`;
}

/** "09.05 WITA" (id) or "09:05 WITA" (en) — the wall-clock time in the zone. */
export function formatTime(instant: Instant, timeZone: TimeZone, locale: Locale): string {
  const text = dateFormat(localeTag(locale), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(instant));
  return `${text} ${zoneLabel(timeZone)}`;
}

/**
 * An ISO instant with offset for the start or end of a calendar day (`YYYY-MM-DD`, as an
 * <input type="date"> gives it) in the zone, for API filters such as the audit date range.
 */
export function zonedDayBoundary(day: string, timeZone: TimeZone, edge: 'start' | 'end'): string {
  const time = edge === 'start' ? '00:00:00.000' : '23:59:59.999';
  return `${day}T${time}${ZONE_OFFSETS[zoneLabel(timeZone)]}`;
}

/**
 * The instant of a wall-clock time (`HH:MM`, e.g. from a time select) on a day in the zone, as
 * ISO 8601 with the zone's offset: ("2026-07-21", "08:00", Makassar) → "2026-07-21T08:00:00+08:00".
 */
export function zonedInstant(day: string, time: string, timeZone: TimeZone): string {
  return `${day}T${time}:00${ZONE_OFFSETS[zoneLabel(timeZone)]}`;
}

/** "08:30" — the 24-hour wall-clock time of an instant in the zone, as form values hold it. */
export function clockIn(instant: Instant, timeZone: TimeZone): string {
  // en-GB with h23 prints "08:30" (Indonesian would print "08.30").
  return dateFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(instant));
}

/**
 * "13.00–15.00 WIB" (id) or "13:00–15:00 WIB" (en): a span of one day in the zone. A span that
 * ends on a later day names that day: "22.00–23 Jul 2026, 06.00 WITA".
 */
export function formatTimeRange(
  start: Instant,
  end: Instant,
  timeZone: TimeZone,
  locale: Locale,
): string {
  const time = (instant: Instant) =>
    dateFormat(localeTag(locale), {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(toDate(instant));
  // The end instant itself may be midnight of the next day: judge by its last minute.
  const lastMinute = new Date(toDate(end).getTime() - 60_000);
  const sameDay = dayIn(start, timeZone) === dayIn(lastMinute, timeZone);
  const until = sameDay ? time(end) : `${formatDate(dayIn(end, timeZone), locale)}, ${time(end)}`;
  return `${time(start)}–${until} ${zoneLabel(timeZone)}`;
}

/**
 * A calendar date (`YYYY-MM-DD`: a certificate's expiry, a birth date) as "21 Jul 2026". It is
 * a day, not an instant, so it has no zone: formatted as UTC it is the same everywhere.
 */
export function formatDate(day: string, locale: Locale): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(localeTag(locale), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the zone. */
export function dayIn(instant: Instant, timeZone: TimeZone): string {
  // en-CA formats dates as YYYY-MM-DD.
  return dateFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(toDate(instant));
}

/** `YYYY-MM-DD` plus a number of days (negative to go back). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Whole Rupiah from what people type in a form: `150000000`, `150.000.000`, `Rp150.000.000`,
 * `150.000.000,00`. Empty is null; anything else (letters, sen, a misplaced dot) is 'invalid'.
 */
export function parseRupiahInput(text: string): number | null | 'invalid' {
  const s = text.replace(/\s/g, '').replace(/^Rp\.?/i, '');
  if (s === '') return null;
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(s);
  if (!match) return 'invalid';
  if (match[2] && /[1-9]/.test(match[2])) return 'invalid';
  const value = Number((match[1] ?? '').replace(/\./g, ''));
  return Number.isSafeInteger(value) ? value : 'invalid';
}

/** An integer amount as people write it in a form field: `150.000.000` (no "Rp"). */
export function formatRupiahInput(amount: number | null): string {
  return amount === null ? '' : formatRupiah(amount).replace(/^(-?)Rp/, '$1');
}

/** "1,2 MB", "350 KB" — sizes of files, in the UI language. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const text = numberFormat(localeTag(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${text} ${units[unit]}`;
}
