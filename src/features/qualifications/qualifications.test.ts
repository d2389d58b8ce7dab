import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  dueReminders,
  dueReminderWindow,
  expiresOn,
  lastUseAfter,
  localDate,
  longDate,
  normalisePerson,
  reminderEmail,
  reminderKey,
  staffOf,
  statusOn,
  validOn,
} from './qualifications.js';
import { organisationScope } from '../organisations/organisations.js';

// A pinned "today" for every rule below.
const TODAY = '2026-07-21';

describe('calendar months', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
    expect(addMonths('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('counts days and adds them across month and year ends', () => {
    expect(daysBetween(TODAY, '2026-08-20')).toBe(30);
    expect(daysBetween('2026-08-20', TODAY)).toBe(-30);
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it("gives the date at a site's zone (no daylight saving time in Indonesia)", () => {
    const at = new Date('2026-07-21T16:30:00Z');
    expect(localDate(at, 'Asia/Jakarta')).toBe('2026-07-21'); // 23:30 WIB
    expect(localDate(at, 'Asia/Makassar')).toBe('2026-07-22'); // 00:30 WITA
    expect(localDate(at, 'Asia/Jayapura')).toBe('2026-07-22'); // 01:30 WIT
  });
});

describe('qualification expiry', () => {
  const granted = { grantedOn: '2025-08-31', lastUsedOn: null, revoked: false };

  it('lapses N months after the grant when never used, after the last use otherwise', () => {
    expect(expiresOn(granted, 12)).toBe('2026-08-31');
    expect(expiresOn(granted, 6)).toBe('2026-02-28');
    expect(expiresOn({ ...granted, lastUsedOn: '2026-01-31' }, 1)).toBe('2026-02-28');
  });

  it('is valid from the grant up to the day before it lapses', () => {
    expect(validOn(granted, 12, '2025-08-30')).toBe(false); // before the grant
    expect(validOn(granted, 12, '2025-08-31')).toBe(true);
    expect(validOn(granted, 12, '2026-08-30')).toBe(true);
    expect(validOn(granted, 12, '2026-08-31')).toBe(false);
    expect(validOn({ ...granted, revoked: true }, 12, TODAY)).toBe(false);
    expect(statusOn(granted, 12, TODAY)).toBe('valid');
    expect(statusOn(granted, 6, TODAY)).toBe('expired');
    expect(statusOn({ ...granted, revoked: true }, 12, TODAY)).toBe('revoked');
  });

  it('never moves the last use backwards', () => {
    expect(lastUseAfter(null, TODAY)).toBe(TODAY);
    expect(lastUseAfter('2026-07-01', TODAY)).toBe(TODAY);
    expect(lastUseAfter('2026-07-30', TODAY)).toBe('2026-07-30');
  });
});

describe('reminders', () => {
  it('picks the smallest window the remaining days fit in', () => {
    expect(dueReminderWindow('2026-09-30', TODAY)).toBeNull(); // 71 days away
    expect(dueReminderWindow('2026-08-21', TODAY)).toBeNull(); // 31 days
    expect(dueReminderWindow('2026-08-20', TODAY)).toBe(30); // 30 days
    expect(dueReminderWindow('2026-07-29', TODAY)).toBe(30); // 8 days
    expect(dueReminderWindow('2026-07-28', TODAY)).toBe(7); // 7 days
    expect(dueReminderWindow('2026-07-22', TODAY)).toBe(7); // tomorrow
    expect(dueReminderWindow(TODAY, TODAY)).toBeNull(); // lapses today: too late
    expect(dueReminderWindow('2026-07-01', TODAY)).toBeNull(); // long gone
    expect(dueReminderWindow('2026-07-23', TODAY, [1])).toBeNull();
  });

  it('lists the due items with their window and days left', () => {
    const due = dueReminders(
      [
        { id: 'a', expiresOn: '2026-08-10' },
        { id: 'b', expiresOn: '2026-12-01' },
        { id: 'c', expiresOn: '2026-07-25' },
      ],
      TODAY,
    );
    expect(due).toEqual([
      { id: 'a', expiresOn: '2026-08-10', window: 30, daysLeft: 20 },
      { id: 'c', expiresOn: '2026-07-25', window: 7, daysLeft: 4 },
    ]);
  });

  it('keys each reminder by item, expiry date, window and recipient', () => {
    expect(reminderKey('qualification', 'q1', '2026-08-10', 30, 'Budi@Example.test')).toBe(
      'reminder:qualification:q1:2026-08-10:30d:budi@example.test',
    );
  });

  it('writes Indonesian first and English below, naming the item, the place and the date', () => {
    expect(longDate('2026-08-17', 'id')).toBe('17 Agustus 2026');
    expect(longDate('2026-08-17', 'en')).toBe('17 August 2026');
    const m = reminderEmail(
      {
        kind: 'qualification',
        machineType: 'drying',
        personName: 'Budi',
        organisationName: 'UMKM Kakao Jaya',
        siteName: 'RPB Jembrana',
      },
      '2026-08-17',
      27,
    );
    expect(m.subject).toBe(
      "Pengingat: Kualifikasi drying Budi berakhir 17 Agustus 2026 / Reminder: Budi's drying qualification lapses 17 August 2026",
    );
    const [id, en] = m.text.split('— English —');
    expect(id).toContain('RPB Jembrana');
    expect(id).toContain('17 Agustus 2026 (27 hari lagi)');
    expect(en).toContain('UMKM Kakao Jaya');
    expect(en).toContain('17 August 2026 (in 27 days)');
    const c = reminderEmail(
      { kind: 'certificate', type: 'halal', number: 'ID123', organisationName: 'Kopi Jaya' },
      '2026-07-22',
      1,
    );
    expect(c.text).toContain(
      'Sertifikat halal nomor ID123 milik Kopi Jaya kedaluwarsa pada 22 Juli 2026',
    );
    expect(c.text).toContain('(in 1 day)');
    const d = reminderEmail(
      {
        kind: 'machine_document',
        title: 'Kalibrasi 2025',
        documentKind: 'calibration_certificate',
        machineCode: 'OVN-01',
        machineName: 'Oven',
        siteName: 'RPB Jembrana',
      },
      '2026-08-01',
      11,
    );
    expect(d.subject).toContain('OVN-01');
    expect(d.text).toContain('di lokasi RPB Jembrana');
  });
});

describe('people', () => {
  it('normalises NIK and phone and collects every problem', () => {
    expect(
      normalisePerson({ name: 'Ani', nik: '5101.0241.0290.0001', phone: '0812-3456-7890' }),
    ).toEqual({
      values: { name: 'Ani', nik: '5101024102900001', phone: '+6281234567890' },
      problems: [],
    });
    expect(normalisePerson({ nik: '5101020000000001', phone: 'x' }).problems).toEqual([
      { path: 'nik', code: 'nik_birth_date' },
      { path: 'phone', code: 'phone_format' },
    ]);
    expect(normalisePerson({ nik: '', phone: null }).values).toEqual({ nik: null, phone: null });
  });

  it('lets site staff (manager or operator) and administrators act at a site', () => {
    const scope = (role: string, scopeId: string | null) => organisationScope([{ role, scopeId }]);
    expect(staffOf(scope('site_manager', 's1'), 's1')).toBe(true);
    expect(staffOf(scope('site_operator', 's1'), 's1')).toBe(true);
    expect(staffOf(scope('site_manager', 's1'), 's2')).toBe(false);
    expect(staffOf(scope('programme_officer', null), 's1')).toBe(false);
    expect(staffOf(scope('umkm_member', 'o1'), 's1')).toBe(false);
    expect(staffOf(scope('administrator', null), 's1')).toBe(true);
  });
});
