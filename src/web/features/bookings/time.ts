/**
 * Machine time on the page: days and weeks in the site's zone, the slot grid of the booking
 * rules, and how a day of open, busy and free time is drawn. Pure (no clock: callers pass
 * `now`), so it is tested on its own. Instants are epoch milliseconds here.
 */
import type { TimeZone } from '../../lib/contracts.js';
import { addDays, clockIn, zonedInstant } from '../../lib/format.js';

export const MINUTE = 60_000;

export interface Span {
  start: number;
  end: number;
}

export const toSpan = (s: { startsAt: string; endsAt: string }): Span => ({
  start: Date.parse(s.startsAt),
  end: Date.parse(s.endsAt),
});

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** ISO weekday of a local date: 1 Monday … 7 Sunday. */
export function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export const mondayOf = (day: string) => addDays(day, 1 - weekdayOf(day));

/** The 7 local dates of the week (Monday first) that holds the day. */
export function weekDays(day: string): string[] {
  const monday = mondayOf(day);
  return [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(monday, n));
}

/** A local day as an instant span: its midnight to the next midnight. */
export function daySpan(day: string, timeZone: TimeZone): Span {
  return {
    start: Date.parse(zonedInstant(day, '00:00', timeZone)),
    end: Date.parse(zonedInstant(addDays(day, 1), '00:00', timeZone)),
  };
}

/** The ISO instants of a day or of its week, for the API's `from`/`to`. */
export function rangeOf(day: string, view: 'day' | 'week', timeZone: TimeZone) {
  const first = view === 'day' ? day : mondayOf(day);
  const next = addDays(first, view === 'day' ? 1 : 7);
  return {
    from: zonedInstant(first, '00:00', timeZone),
    to: zonedInstant(next, '00:00', timeZone),
  };
}

export function clip(spans: readonly Span[], within: Span): Span[] {
  return spans
    .map((s) => ({ start: Math.max(s.start, within.start), end: Math.min(s.end, within.end) }))
    .filter((s) => s.end > s.start);
}

export const totalMinutes = (spans: readonly Span[]) =>
  spans.reduce((sum, s) => sum + (s.end - s.start), 0) / MINUTE;

/** Share (0–1) of the open time that is busy. */
export function utilisation(open: readonly Span[], busy: readonly Span[]): number {
  const openMinutes = totalMinutes(open);
  if (openMinutes === 0) return 0;
  let used = 0;
  for (const o of open) used += totalMinutes(clip(busy, o));
  return Math.min(1, used / openMinutes);
}

/** The first point of the slot grid (counted from local midnight) at or after `at`. */
export function ceilToGrid(at: number, dayStart: number, slotMinutes: number): number {
  const step = slotMinutes * MINUTE;
  return dayStart + Math.ceil((at - dayStart) / step) * step;
}

/** Start times on the grid: every slot that fits in an open span of the day. */
export function startOptions(open: readonly Span[], dayStart: number, slotMinutes: number) {
  const out: number[] = [];
  const step = slotMinutes * MINUTE;
  for (const span of open)
    for (let at = ceilToGrid(span.start, dayStart, slotMinutes); at + step <= span.end; at += step)
      out.push(at);
  return out;
}

/**
 * End times for a start: on the grid, inside the same open span (a booking cannot run across
 * a break), from the shortest allowed length to the longest. When even the shortest does not
 * fit, every end in the span is offered, so the live check can say why none is bookable.
 */
export function endOptions(
  open: readonly Span[],
  start: number,
  rules: { slotMinutes: number; minMinutes: number; maxMinutes: number },
): number[] {
  const span = open.find((s) => s.start <= start && start < s.end);
  if (!span) return [];
  const step = rules.slotMinutes * MINUTE;
  const last = Math.min(span.end, start + rules.maxMinutes * MINUTE);
  const shortest = start + Math.max(rules.minMinutes * MINUTE, step);
  const first = shortest <= last ? shortest : start + step;
  const out: number[] = [];
  for (let at = first; at <= span.end && (at <= last || shortest > last); at += step) out.push(at);
  return out;
}

/** Whether [start, start + minutes) lies in one free span. */
export const isFree = (free: readonly Span[], start: number, minutes: number) =>
  free.some((f) => f.start <= start && start + minutes * MINUTE <= f.end);

export type Segment =
  | { kind: 'free'; start: number; end: number }
  | { kind: 'busy'; start: number; end: number; index: number }
  | { kind: 'closed' | 'past' | 'unavailable'; start: number; end: number };

/**
 * One day drawn as rows of the display step (the slot, at least 30 minutes): free rows one by
 * one (each can be booked), busy time as one block per booking or outage, and the rest
 * (breaks, time gone by, a machine out of service) merged. The day runs from the first
 * opening (or booking) to the last closing; an empty list means closed all day.
 */
export function daySegments(input: {
  day: Span;
  open: readonly Span[];
  busy: readonly Span[];
  free: readonly Span[];
  now: number;
  slotMinutes: number;
}): Segment[] {
  const open = clip(input.open, input.day);
  const busy = input.busy.map((b) => clip([b], input.day)[0] ?? null);
  const shown = [...open, ...busy.filter((b): b is Span => b !== null)];
  if (shown.length === 0) return [];
  const stepMinutes = Math.max(input.slotMinutes, 30);
  const step = stepMinutes * MINUTE;
  const first = Math.min(...shown.map((s) => s.start));
  const last = Math.max(...shown.map((s) => s.end));
  const out: Segment[] = [];
  const drawn = new Set<number>();
  let at = input.day.start + Math.floor((first - input.day.start) / step) * step;
  while (at < last) {
    const row = { start: at, end: Math.min(at + step, input.day.end) };
    at += step;
    const hits = busy.flatMap((b, index) => (b !== null && overlaps(b, row) ? [index] : []));
    if (hits.length > 0) {
      for (const index of hits.filter((i) => !drawn.has(i))) {
        drawn.add(index);
        out.push({ kind: 'busy', ...busy[index]!, index });
      }
      continue;
    }
    if (isFree(input.free, row.start, (row.end - row.start) / MINUTE)) {
      out.push({ kind: 'free', ...row });
      continue;
    }
    const kind = !open.some((o) => overlaps(o, row))
      ? 'closed'
      : row.start < input.now
        ? 'past'
        : 'unavailable';
    const previous = out[out.length - 1];
    if (previous && previous.kind === kind) previous.end = row.end;
    else out.push({ kind, ...row });
  }
  return out;
}

/** The `HH:MM` of an instant in the zone (form values and addresses). */
export const clockOf = (at: number, timeZone: TimeZone) => clockIn(new Date(at), timeZone);

/** Durations to choose from (minutes): the grid from the shortest to the longest allowed. */
export function durationOptions(rules: {
  slotMinutes: number;
  minMinutes: number;
  maxMinutes: number;
}): number[] {
  const step =
    (rules.maxMinutes - rules.minMinutes) / rules.slotMinutes > 24 ? 60 : rules.slotMinutes;
  const out: number[] = [];
  for (let m = rules.minMinutes; m <= rules.maxMinutes && out.length < 48; m += step) out.push(m);
  return out;
}
