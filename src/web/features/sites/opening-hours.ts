/**
 * Opening hours as the editor holds them: per ISO weekday (1 Monday … 7 Sunday) a list of
 * intervals in the site's local time. The API stores them flat and replaces them all at once.
 */
import type { MessageKey } from '../../i18n/translate.js';

export interface Interval {
  opens: string;
  closes: string;
}
export type Week = Record<number, Interval[]>;
export interface FlatInterval extends Interval {
  weekday: number;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const FRIDAY = 5;

export function toWeek(intervals: readonly FlatInterval[]): Week {
  const week: Week = {};
  for (const day of WEEKDAYS) week[day] = [];
  for (const { weekday, opens, closes } of intervals) week[weekday]?.push({ opens, closes });
  for (const day of WEEKDAYS) week[day]?.sort((a, b) => a.opens.localeCompare(b.opens));
  return week;
}

export function toIntervals(week: Week): FlatInterval[] {
  return WEEKDAYS.flatMap((weekday) =>
    (week[weekday] ?? []).map(({ opens, closes }) => ({ weekday, opens, closes })),
  );
}

const CLOCK = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Problems by "weekday.index" (or "weekday" for the day), as message keys. */
export function hoursProblems(week: Week): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  for (const day of WEEKDAYS) {
    const intervals = week[day] ?? [];
    intervals.forEach((interval, index) => {
      const key = `${day}.${index}`;
      if (!CLOCK.test(interval.opens) || !CLOCK.test(interval.closes)) {
        problems[key] = 'hours.error.time';
      } else if (interval.closes <= interval.opens) {
        problems[key] = 'hours.error.order';
      }
    });
    const sorted = intervals
      .map((interval, index) => ({ ...interval, index }))
      .filter((interval) => CLOCK.test(interval.opens) && CLOCK.test(interval.closes))
      .sort((a, b) => a.opens.localeCompare(b.opens));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous && current && current.opens < previous.closes) {
        problems[`${day}.${current.index}`] ??= 'hours.error.overlap';
      }
    }
  }
  return problems;
}

/** The gaps between a day's intervals, e.g. Friday prayers 11:30–13:30. */
export function breaks(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.opens.localeCompare(b.opens));
  const gaps: Interval[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous && current && current.opens > previous.closes)
      gaps.push({ opens: previous.closes, closes: current.opens });
  }
  return gaps;
}
