import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendar, type CalendarEvent } from './ical.js';

// ical.js reads unknown X- properties raw; calendar apps read X-WR-CALNAME as TEXT, so do so too.
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

const stamp = new Date('2025-03-20T02:00:00Z');
const booking: CalendarEvent = {
  uid: '0b7e6c1a-5d2f-4c1e-9a57-3f1d2e8b9c01@rpb',
  start: new Date('2025-03-25T01:00:00Z'), // 09:00 WITA
  end: new Date('2025-03-25T03:30:00Z'),
  stamp,
  summary: 'Penyulingan nilam — Koperasi Tani Jaya, Aceh Tamiang; ‘batch’ 2',
  description:
    'Mesin: ketel suling 500 L; operator: Bu Siti, Pak Made.\nBawa daun nilam kering ±200 kg.\nCatatan: C:\\data\\nilam',
  location: 'RPB Denpasar, Jl. Bypass Ngurah Rai No. 7, Bali',
  status: 'CONFIRMED',
  sequence: 1,
  url: 'https://rpb.example.id/bookings/0b7e6c1a-5d2f-4c1e-9a57-3f1d2e8b9c01',
};

const encoder = new TextEncoder();
/** Physical lines as octets, split at CRLF (the text must end with one). */
function physicalLines(text: string): Uint8Array[] {
  const bytes = encoder.encode(text);
  const lines: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(from, i));
      from = i + 2;
    }
  }
  expect(from).toBe(bytes.length); // ends with CRLF
  return lines;
}
/** Content lines after unfolding (RFC 5545 §3.1). */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n').slice(0, -1);

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return { cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('renderCalendar', () => {
  it('writes a calendar that ical.js reads back', () => {
    const second: CalendarEvent = {
      uid: 'b2@rpb',
      start: new Date('2025-03-26T00:00:00Z'),
      end: new Date('2025-03-26T08:00:00Z'),
      stamp,
      summary: 'Pengeringan kopi',
    };
    const text = renderCalendar({ name: 'RPB Denpasar — pemesanan', events: [booking, second] });
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//RPB//Rumah Produksi Bersama//ID');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('RPB Denpasar — pemesanan');
    expect(events).toHaveLength(2);

    const [e, f] = events;
    expect(e!.uid).toBe(booking.uid);
    expect(e!.summary).toBe(booking.summary);
    expect(e!.description).toBe(booking.description);
    expect(e!.location).toBe(booking.location);
    expect(e!.sequence).toBe(1);
    expect(e!.startDate.toJSDate().toISOString()).toBe('2025-03-25T01:00:00.000Z');
    expect(e!.endDate.toJSDate().toISOString()).toBe('2025-03-25T03:30:00.000Z');
    expect(e!.startDate.zone.tzid).toBe('UTC');
    expect(e!.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2025-03-20T02:00:00Z');
    expect(e!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(e!.component.getFirstPropertyValue('url')).toBe(booking.url);

    expect(f!.uid).toBe('b2@rpb');
    expect(f!.description).toBeNull();
    expect(f!.component.getFirstPropertyValue('status')).toBeNull();
    expect(f!.component.getFirstPropertyValue('sequence')).toBeNull();
  });

  it('writes UTC DATE-TIMEs and the header lines, in order', () => {
    const lines = unfold(renderCalendar({ name: 'x', events: [booking] }));
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//RPB//Rumah Produksi Bersama//ID',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:x',
    ]);
    expect(lines).toContain('DTSTART:20250325T010000Z');
    expect(lines).toContain('DTEND:20250325T033000Z');
    expect(lines).toContain('DTSTAMP:20250320T020000Z');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
  });

  it('escapes backslashes, semicolons, commas and line breaks in TEXT values', () => {
    const text = renderCalendar({
      name: 'a,b;c',
      events: [{ ...booking, summary: 'x\\y; z, w', description: 'satu\r\ndua\nTiga\rempat' }],
    });
    const lines = unfold(text);
    expect(lines).toContain('X-WR-CALNAME:a\\,b\\;c');
    expect(lines).toContain('SUMMARY:x\\\\y\\; z\\, w');
    expect(lines).toContain('DESCRIPTION:satu\\ndua\\nTiga\\nempat');
    expect(lines).toContain('LOCATION:RPB Denpasar\\, Jl. Bypass Ngurah Rai No. 7\\, Bali');
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('a,b;c');
    expect(events[0]!.summary).toBe('x\\y; z, w');
    expect(events[0]!.description).toBe('satu\ndua\nTiga\nempat');
  });

  it('drops control characters other than tab from TEXT values', () => {
    const text = renderCalendar({
      name: 'n',
      events: [{ ...booking, summary: 'a\u0000b\u0007c\td\u007f' }],
    });
    expect(unfold(text)).toContain('SUMMARY:abc\td');
    expect(parse(text).events[0]!.summary).toBe('abc\td');
  });

  it('uses CRLF everywhere and folds every line to at most 75 octets, UTF-8 aware', () => {
    const long =
      'Penyulingan nilam — Koperasi Tani Jaya, Aceh Tamiang; ‘batch’ 2. Dilanjutkan pengemasan minyak atsiri ' +
      'untuk pembeli di Medan dan Surabaya — mohon hadir 30 menit lebih awal; bawa APD (sarung tangan, masker). ' +
      'Pabrik kopi “Gayo” 🏭☕ menyusul. '.repeat(6);
    const text = renderCalendar({
      name: 'Jadwal RPB Aceh Tamiang — ‘Penyulingan’ & “Pengeringan” '.repeat(3),
      events: [{ ...booking, summary: long, description: long, location: long }],
    });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const lines = physicalLines(text);
    let continuations = 0;
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      // A line cut inside a multi-byte character would not decode on its own.
      expect(() => decoder.decode(line)).not.toThrow();
      if (line[0] === 0x20) continuations++;
    }
    expect(continuations).toBeGreaterThan(10);
    // No lone surrogate (half of an emoji) anywhere.
    expect(new TextDecoder().decode(encoder.encode(text))).toBe(text);
    const { cal, events } = parse(text);
    expect(events[0]!.summary).toBe(long);
    expect(events[0]!.description).toBe(long);
    expect(events[0]!.location).toBe(long);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(
      'Jadwal RPB Aceh Tamiang — ‘Penyulingan’ & “Pengeringan” '.repeat(3),
    );
  });

  it('folds exactly at the limit, before a multi-byte character or an escape', () => {
    const summaryLine = (summary: string) => {
      const text = renderCalendar({ name: 'n', events: [{ ...booking, summary }] });
      const start = text.indexOf('SUMMARY:');
      return text.slice(start, text.indexOf('\r\nDESCRIPTION:'));
    };
    const a66 = 'a'.repeat(66);
    expect(summaryLine(`${a66}a`)).toBe(`SUMMARY:${a66}a`); // 75 octets: not folded
    expect(summaryLine(`${a66}ab`)).toBe(`SUMMARY:${a66}a\r\n b`); // 76 octets
    expect(summaryLine(`${a66}é`)).toBe(`SUMMARY:${a66}\r\n é`); // é is 2 octets
    expect(summaryLine(`${a66}a🏭`)).toBe(`SUMMARY:${a66}a\r\n 🏭`); // 4 octets
    expect(summaryLine(`${a66},`)).toBe(`SUMMARY:${a66}\r\n \\,`); // the escape stays whole
    // Continuation lines hold 74 octets after their space.
    const lines = summaryLine('b'.repeat(67 + 74 + 5)).split('\r\n');
    expect(lines.map((l) => l.length)).toEqual([75, 75, 6]);
  });

  it('writes an empty calendar', () => {
    const text = renderCalendar({ name: 'Kosong', prodId: '-//Contoh//Uji//ID', events: [] });
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Contoh//Uji//ID',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Kosong',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    expect(parse(text).events).toEqual([]);
  });

  it('writes a cancelled event with its sequence', () => {
    const text = renderCalendar({
      name: 'n',
      events: [{ ...booking, status: 'CANCELLED', sequence: 3 }],
    });
    expect(unfold(text)).toEqual(expect.arrayContaining(['STATUS:CANCELLED', 'SEQUENCE:3']));
    const [e] = parse(text).events;
    expect(e!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(e!.sequence).toBe(3);
    expect(e!.uid).toBe(booking.uid);
  });

  it('drops milliseconds from times', () => {
    const text = renderCalendar({
      name: 'n',
      events: [{ ...booking, start: new Date('2025-03-25T01:00:00.999Z') }],
    });
    expect(unfold(text)).toContain('DTSTART:20250325T010000Z');
  });

  it('refuses events it cannot write correctly', () => {
    const render = (e: Partial<CalendarEvent>) => () =>
      renderCalendar({ name: 'n', events: [{ ...booking, ...e }] });
    expect(render({ end: booking.start })).toThrow(RangeError);
    expect(render({ end: new Date('2025-03-24T00:00:00Z') })).toThrow(RangeError);
    expect(render({ stamp: new Date('nonsense') })).toThrow(RangeError);
    expect(render({ sequence: -1 })).toThrow(RangeError);
    expect(render({ sequence: 1.5 })).toThrow(RangeError);
    expect(render({ url: 'https://rpb.example.id/\r\nX-EVIL:1' })).toThrow(RangeError);
  });
});
