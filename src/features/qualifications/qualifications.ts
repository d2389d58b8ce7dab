/**
 * Pure rules of people and qualifications: calendar arithmetic on YYYY-MM-DD dates, when a
 * qualification lapses and whether it is valid on a date, the local date at a site, which
 * expiry reminders are due, and the reminder texts. No I/O, no clock: callers pass dates.
 */
import type { OrganisationScope } from '../organisations/organisations.js';
import { checkNik, checkPhone } from '../organisations/organisations.js';
import type { PersonPatch } from './qualifications.contract.js';

/** Months a qualification lasts without use for a machine type that has no rule of its own. */
export const DEFAULT_MONTHS_WITHOUT_USE = 12;

/** Days before an expiry at which a reminder goes out (each once per item and expiry date). */
export const REMINDER_WINDOWS: readonly number[] = [30, 7];

// Calendar dates ------------------------------------------------------------------------------

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fmt = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Adds calendar months, end-of-month safe: the day is kept when the target month has it and
 * otherwise becomes that month's last day (31 Jan + 1 month = 28/29 Feb). This is PostgreSQL's
 * `date + interval 'n months'`, which the repository uses to filter by expiry.
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return fmt(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [a, b, c] = parts(from);
  const [x, y, z] = parts(to);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

/**
 * UTC offsets of the Indonesian zones sites use. Indonesia keeps no daylight saving time, so
 * the offset of each zone is fixed (WIB +7, WITA +8, WIT +9).
 */
const ZONE_OFFSET_HOURS: Record<string, number> = {
  'Asia/Jakarta': 7,
  'Asia/Pontianak': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};

/** The calendar date of an instant in a site's zone (WIB for an unknown zone). */
export const localDate = (now: Date, timeZone: string): string =>
  new Date(now.getTime() + (ZONE_OFFSET_HOURS[timeZone] ?? 7) * 3_600_000)
    .toISOString()
    .slice(0, 10);

// Qualifications ------------------------------------------------------------------------------

export interface QualificationFacts {
  grantedOn: string;
  lastUsedOn: string | null;
  revoked: boolean;
}

/**
 * The day a qualification lapses: N calendar months after its last use, or after the grant if
 * it was never used. It is valid up to the day before.
 */
export const expiresOn = (q: { grantedOn: string; lastUsedOn: string | null }, months: number) =>
  addMonths(q.lastUsedOn ?? q.grantedOn, months);

/** Valid on a date: not revoked, granted by then, and not yet lapsed. */
export const validOn = (q: QualificationFacts, months: number, on: string): boolean =>
  !q.revoked && q.grantedOn <= on && on < expiresOn(q, months);

export type QualificationStatus = 'valid' | 'expired' | 'revoked';

export const statusOn = (q: QualificationFacts, months: number, on: string): QualificationStatus =>
  q.revoked ? 'revoked' : on < expiresOn(q, months) ? 'valid' : 'expired';

/**
 * The use date that a recorded use leaves: uses never move the last use backwards (a late
 * entry of an older use changes nothing).
 */
export const lastUseAfter = (current: string | null, on: string): string =>
  current !== null && current > on ? current : on;

// Reminders -----------------------------------------------------------------------------------

/**
 * The reminder window due on `today` for an item expiring on `expiresOn`: the smallest window
 * the remaining days fit in (so a scan that missed the 30-day one sends only the 7-day one),
 * or null when the item is further away than every window or already expired.
 */
export function dueReminderWindow(
  expires: string,
  today: string,
  windows: readonly number[] = REMINDER_WINDOWS,
): number | null {
  const left = daysBetween(today, expires);
  if (left <= 0) return null;
  const fitting = windows.filter((w) => left <= w);
  return fitting.length ? Math.min(...fitting) : null;
}

/** The items that have a reminder due on `today`, each with its window and days left. */
export function dueReminders<T extends { expiresOn: string }>(
  items: readonly T[],
  today: string,
  windows: readonly number[] = REMINDER_WINDOWS,
): (T & { window: number; daysLeft: number })[] {
  const out: (T & { window: number; daysLeft: number })[] = [];
  for (const item of items) {
    const window = dueReminderWindow(item.expiresOn, today, windows);
    if (window !== null)
      out.push({ ...item, window, daysLeft: daysBetween(today, item.expiresOn) });
  }
  return out;
}

/** One dedupe key per item, expiry date, window and recipient: each reminder is sent once. */
export const reminderKey = (
  kind: ReminderSubject['kind'],
  id: string,
  expires: string,
  window: number,
  to: string,
) => `reminder:${kind}:${id}:${expires}:${window}d:${to.toLowerCase()}`;

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const longDate = (iso: string, locale: 'id' | 'en'): string => {
  const [y, m, d] = parts(iso);
  return `${d} ${(locale === 'id' ? MONTHS_ID : MONTHS_EN)[m - 1]} ${y}`;
};

export type ReminderSubject =
  | {
      kind: 'certificate';
      type: string;
      number: string;
      organisationName: string;
    }
  | {
      kind: 'machine_document';
      title: string;
      documentKind: string;
      machineCode: string;
      machineName: string;
      siteName: string;
    }
  | {
      kind: 'qualification';
      machineType: string;
      personName: string;
      organisationName: string;
      siteName: string;
    };

/**
 * A reminder e-mail: Indonesian first, English below, naming the item, where it belongs and
 * the date.
 */
export function reminderEmail(
  s: ReminderSubject,
  expires: string,
  daysLeft: number,
): { subject: string; text: string } {
  const dId = longDate(expires, 'id');
  const dEn = longDate(expires, 'en');
  const inDays = {
    id: `${daysLeft} hari lagi`,
    en: `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
  };
  let subjectId: string;
  let subjectEn: string;
  let bodyId: string;
  let bodyEn: string;
  if (s.kind === 'certificate') {
    subjectId = `Sertifikat ${s.type} ${s.organisationName} kedaluwarsa ${dId}`;
    subjectEn = `${s.type} certificate of ${s.organisationName} expires ${dEn}`;
    bodyId =
      `Sertifikat ${s.type} nomor ${s.number} milik ${s.organisationName} kedaluwarsa pada ` +
      `${dId} (${inDays.id}). Perpanjang sertifikat sebelum tanggal tersebut dan perbarui datanya di RPB.`;
    bodyEn =
      `The ${s.type} certificate no. ${s.number} of ${s.organisationName} expires on ${dEn} ` +
      `(${inDays.en}). Renew it before then and update it in RPB.`;
  } else if (s.kind === 'machine_document') {
    subjectId = `Dokumen mesin ${s.machineCode} di ${s.siteName} kedaluwarsa ${dId}`;
    subjectEn = `Machine document of ${s.machineCode} at ${s.siteName} expires ${dEn}`;
    bodyId =
      `Dokumen "${s.title}" (${s.documentKind}) untuk mesin ${s.machineName} (${s.machineCode}) ` +
      `di lokasi ${s.siteName} kedaluwarsa pada ${dId} (${inDays.id}). Perbarui dokumen ` +
      `sebelum tanggal tersebut.`;
    bodyEn =
      `The document "${s.title}" (${s.documentKind}) of machine ${s.machineName} ` +
      `(${s.machineCode}) at ${s.siteName} expires on ${dEn} (${inDays.en}). Renew it before then.`;
  } else {
    subjectId = `Kualifikasi ${s.machineType} ${s.personName} berakhir ${dId}`;
    subjectEn = `${s.personName}'s ${s.machineType} qualification lapses ${dEn}`;
    bodyId =
      `Kualifikasi mesin jenis ${s.machineType} atas nama ${s.personName} (${s.organisationName}), ` +
      `diberikan di lokasi ${s.siteName}, berakhir pada ${dId} (${inDays.id}) bila mesin jenis ` +
      `ini tidak digunakan sebelumnya. Setelah itu diperlukan pelatihan dan pemberian ulang.`;
    bodyEn =
      `The ${s.machineType} machine qualification of ${s.personName} (${s.organisationName}), ` +
      `granted at ${s.siteName}, lapses on ${dEn} (${inDays.en}) unless such a machine is used ` +
      `before then. After that, training and a new grant are needed.`;
  }
  return {
    subject: `Pengingat: ${subjectId} / Reminder: ${subjectEn}`,
    text: `${bodyId}\n\n— English —\n\n${bodyEn}\n\nRPB — Rumah Produksi Bersama\n`,
  };
}

// People ----------------------------------------------------------------------------------------

/** Site staff (manager or operator) of the site, or an administrator. */
export const staffOf = (scope: OrganisationScope, siteId: string): boolean =>
  scope.writeAll || scope.siteIds.includes(siteId);

export interface PersonValues {
  name?: string;
  nik?: string | null;
  phone?: string | null;
  email?: string | null;
  role?: 'owner' | 'worker';
  active?: boolean;
}

/**
 * Checks and normalises a person's fields, collecting every problem at once: the NIK to its
 * 16 digits (checkNik), the phone to E.164 (checkPhone). Blank means none.
 */
export function normalisePerson(input: PersonPatch): {
  values: PersonValues;
  problems: { path: string; code: string }[];
} {
  const values: PersonValues = {};
  const problems: { path: string; code: string }[] = [];
  if (input.name !== undefined) values.name = input.name;
  if (input.email !== undefined) values.email = input.email;
  if (input.role !== undefined) values.role = input.role;
  if (input.active !== undefined) values.active = input.active;
  if (input.nik !== undefined) {
    if (input.nik === null || input.nik === '') values.nik = null;
    else {
      const r = checkNik(input.nik);
      if (r.ok) values.nik = r.value;
      else problems.push({ path: 'nik', code: r.reason });
    }
  }
  if (input.phone !== undefined) {
    if (input.phone === null || input.phone === '') values.phone = null;
    else {
      const r = checkPhone(input.phone);
      if (r.ok) values.phone = r.value;
      else problems.push({ path: 'phone', code: r.reason });
    }
  }
  return { values, problems };
}
