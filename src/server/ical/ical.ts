/**
 * Writing iCalendar (RFC 5545) feeds, e.g. a site's or a member's bookings for calendar apps.
 * Format only: which events a feed holds and who may read it belong to the feature serving it.
 *
 * Output: CRLF line endings; content lines folded so that no physical line exceeds 75 octets
 * of UTF-8 (never inside a multi-byte character, nor inside a backslash escape; continuation
 * lines start with one space); TEXT values escaped; times as UTC DATE-TIME (`…Z`), so no
 * VTIMEZONE is needed — calendar apps show them in the reader's own zone.
 */

export interface CalendarEvent {
  /** Globally unique and stable across feeds and updates, e.g. `${bookingId}@rpb`. */
  uid: string;
  start: Date;
  /** After `start`. */
  end: Date;
  /** DTSTAMP: when this version of the event was created or last changed. */
  stamp: Date;
  summary: string;
  description?: string;
  location?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Revision number, raised on each significant change (0 when absent). */
  sequence?: number;
  url?: string;
}

const DEFAULT_PROD_ID = '-//RPB//Rumah Produksi Bersama//ID';

const MAX_OCTETS = 75;
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, line
 * breaks (CRLF, LF or CR) become `\n`, and other control characters — not allowed in TEXT —
 * are dropped (tab is kept).
 */
function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?|\n/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/**
 * Folds a content line (RFC 5545 §3.1) into physical lines of at most 75 octets, joined by
 * CRLF + space. Splits only between whole characters (code points) and never inside a
 * backslash escape, which some readers mishandle although the RFC allows it.
 */
function foldLine(line: string): string {
  if (utf8Length(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of line.match(/\\.|[\s\S]/gu) ?? []) {
    const size = utf8Length(unit);
    // The first line has 75 octets; continuation lines 74 after their leading space.
    const room = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > room) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += unit;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A UTC DATE-TIME value `YYYYMMDDTHHMMSSZ` (seconds precision; milliseconds are dropped). */
function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date in calendar event');
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A URI value: written as is, so it must not hold control characters (line breaks above all). */
function uri(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new RangeError('a URI in a calendar event must not contain control characters');
  return value;
}

function eventLines(e: CalendarEvent): string[] {
  if (!(e.end.getTime() > e.start.getTime()))
    throw new RangeError(`calendar event ${e.uid} must end after it starts`);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.stamp)}`,
    `DTSTART:${formatUtc(e.start)}`,
    `DTEND:${formatUtc(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.description !== undefined) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location !== undefined) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.status !== undefined) lines.push(`STATUS:${e.status}`);
  if (e.sequence !== undefined) {
    if (!Number.isSafeInteger(e.sequence) || e.sequence < 0)
      throw new RangeError(`calendar event ${e.uid}: SEQUENCE must be a whole number ≥ 0`);
    lines.push(`SEQUENCE:${e.sequence}`);
  }
  if (e.url !== undefined) lines.push(`URL:${uri(e.url)}`);
  lines.push('END:VEVENT');
  return lines;
}

/**
 * An iCalendar document (METHOD:PUBLISH, a read-only feed) with one VEVENT per event, in the
 * given order. `name` becomes X-WR-CALNAME, the title most calendar apps show. Throws
 * RangeError on an invalid date, an event that does not end after it starts, a negative or
 * fractional sequence, or a URL with control characters.
 */
export function renderCalendar(cal: {
  name: string;
  prodId?: string;
  events: readonly CalendarEvent[];
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(cal.prodId ?? DEFAULT_PROD_ID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    ...cal.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}
