import type { UpdateOrganisationRequest } from './organisations.contract.js';

/**
 * Pure rules of organisations: Indonesian identifiers (NIB, NIK, NPWP/NITKU, KBLI) and the
 * UMKM size class under PP 7/2021 from dated thresholds. No I/O; callers pass `today`.
 * Sources and caveats: shared domain primer §2–§3 (NIB has no public check digit; NPWP uses
 * Luhn over its first 9 digits; a NIK mismatch with address or birth date only warns).
 */

/** Removes the separators people type: spaces, dots, dashes, slashes. */
export const digitsOnly = (raw: string): string => raw.replace(/[\s.\-/]/g, '');

export function luhnValid(num: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = num.length - 1; i >= 0; i--) {
    let d = num.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type IdCheck<Extra = object> =
  ({ ok: true; value: string } & Extra) | { ok: false; reason: string };

/** NIB (Nomor Induk Berusaha): 13 digits; authenticity is checked out of band (OSS). */
export function checkNib(raw: string): IdCheck {
  const n = digitsOnly(raw);
  return /^\d{13}$/.test(n) ? { ok: true, value: n } : { ok: false, reason: 'nib_format' };
}

export interface NikFacts {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  female: boolean;
  /** Possible birth dates (YYYY-MM-DD): the century is ambiguous. */
  birthDates: string[];
}

/** NIK: 16 digits PP KK CC DDMMYY NNNN; women have 40 added to the day. */
export function checkNik(raw: string): IdCheck<{ facts: NikFacts }> {
  const n = digitsOnly(raw);
  if (!/^\d{16}$/.test(n)) return { ok: false, reason: 'nik_format' };
  const province = Number(n.slice(0, 2));
  if (province < 11 || province > 99) return { ok: false, reason: 'nik_province' };
  const dd = Number(n.slice(6, 8));
  const mm = Number(n.slice(8, 10));
  const yy = Number(n.slice(10, 12));
  const female = dd > 40;
  const day = female ? dd - 40 : dd;
  const exists = (y: number) => {
    const d = new Date(Date.UTC(y, mm - 1, day));
    return d.getUTCFullYear() === y && d.getUTCMonth() === mm - 1 && d.getUTCDate() === day;
  };
  const years = [1900 + yy, 2000 + yy].filter((y) => mm >= 1 && mm <= 12 && day >= 1 && exists(y));
  if (years.length === 0) return { ok: false, reason: 'nik_birth_date' };
  if (n.endsWith('0000')) return { ok: false, reason: 'nik_serial' };
  const pad = (x: number) => String(x).padStart(2, '0');
  return {
    ok: true,
    value: n,
    facts: {
      provinceCode: n.slice(0, 2),
      regencyCode: `${n.slice(0, 2)}.${n.slice(2, 4)}`,
      districtCode: `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}`,
      female,
      birthDates: years.map((y) => `${y}-${pad(mm)}-${pad(day)}`),
    },
  };
}

/**
 * Soft checks of a valid NIK against what else is known: they warn, never block (a NIK is
 * permanent and keeps the region and date of its first registration).
 */
export function nikWarnings(
  nik: NikFacts,
  known: { regionCode?: string | null; birthDate?: string | null },
): string[] {
  const warnings: string[] = [];
  if (
    known.regionCode &&
    !known.regionCode.startsWith(nik.regencyCode) &&
    !nik.regencyCode.startsWith(known.regionCode.slice(0, 5))
  ) {
    warnings.push('nik_region_mismatch');
  }
  if (known.birthDate && !nik.birthDates.includes(known.birthDate))
    warnings.push('nik_birth_date_mismatch');
  return warnings;
}

export type NpwpKind = 'npwp15' | 'npwp16' | 'nik' | 'nitku';

/**
 * NPWP in any of its forms: 15 digits (Luhn over the first 9), 16 digits with a leading 0
 * (the old 15 with a 0 in front), a resident's NIK (16 digits), or a 22-digit NITKU (an NPWP16
 * or NIK and a 6-digit place-of-business number, 000000 = head office). `canonical` is the
 * 16-digit form stored from now on.
 */
export function checkNpwp(
  raw: string,
): IdCheck<{ kind: NpwpKind; canonical: string; headOffice?: boolean }> {
  const n = digitsOnly(raw);
  if (!/^\d+$/.test(n)) return { ok: false, reason: 'npwp_format' };
  if (n.length === 15) {
    return luhnValid(n.slice(0, 9))
      ? { ok: true, value: n, kind: 'npwp15', canonical: `0${n}` }
      : { ok: false, reason: 'npwp_check_digit' };
  }
  if (n.length === 16) {
    if (n.startsWith('0')) {
      return luhnValid(n.slice(0, 10))
        ? { ok: true, value: n, kind: 'npwp16', canonical: n }
        : { ok: false, reason: 'npwp_check_digit' };
    }
    const nik = checkNik(n);
    return nik.ok
      ? { ok: true, value: n, kind: 'nik', canonical: n }
      : { ok: false, reason: 'npwp_nik_invalid' };
  }
  if (n.length === 22) {
    const base = checkNpwp(n.slice(0, 16));
    if (!base.ok) return base;
    return {
      ok: true,
      value: n,
      kind: 'nitku',
      canonical: n.slice(0, 16),
      headOffice: n.endsWith('000000'),
    };
  }
  return { ok: false, reason: 'npwp_length' };
}

/** Formats a 15-digit NPWP as XX.XXX.XXX.X-XXX.XXX (16 digits are shown plain). */
export function formatNpwp(n: string): string {
  if (n.length !== 15) return n;
  return `${n.slice(0, 2)}.${n.slice(2, 5)}.${n.slice(5, 8)}.${n.slice(8, 9)}-${n.slice(9, 12)}.${n.slice(12, 15)}`;
}

/** KBLI 2020 code: 5 digits (the kelompok level OSS licenses on); membership is a table lookup. */
export function checkKbliFormat(raw: string): IdCheck {
  const n = digitsOnly(raw);
  return /^\d{5}$/.test(n) ? { ok: true, value: n } : { ok: false, reason: 'kbli_format' };
}

/** Masks a NIK for display: personal data under UU 27/2022 (PDP). */
export const maskNik = (nik: string): string =>
  nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '****';

/**
 * The calendar date of an instant in WIB (UTC+7), used for programme-wide effective dates
 * (size-class changes, membership start) — one date for the whole country's records.
 */
export const effectiveDate = (now: Date): string =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

// Size classes -------------------------------------------------------------------------------

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';

/** Upper bounds (inclusive), integer Rupiah, of one rule-set in force from `validFrom`. */
export interface SizeThresholds {
  rule: string;
  validFrom: string; // YYYY-MM-DD
  capital: { micro: number; small: number; medium: number };
  sales: { micro: number; small: number; medium: number };
}

/**
 * PP 7/2021 Pasal 35: modal usaha (excluding land and buildings) or annual sales. The amounts
 * may be changed by regulation, so they are dated configuration, not constants in rules.
 */
export const PP_7_2021: SizeThresholds = {
  rule: 'PP 7/2021',
  validFrom: '2021-02-02',
  capital: { micro: 1_000_000_000, small: 5_000_000_000, medium: 10_000_000_000 },
  sales: { micro: 2_000_000_000, small: 15_000_000_000, medium: 50_000_000_000 },
};

export const DEFAULT_THRESHOLDS: readonly SizeThresholds[] = [PP_7_2021];

/** The rule-set in force on a date (the latest whose validFrom is not after it). */
export function thresholdsOn(list: readonly SizeThresholds[], date: string): SizeThresholds | null {
  return (
    [...list]
      .filter((t) => t.validFrom <= date)
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0] ?? null
  );
}

const classOf = (
  amount: number,
  bounds: { micro: number; small: number; medium: number },
): SizeClass =>
  amount <= bounds.micro
    ? 'micro'
    : amount <= bounds.small
      ? 'small'
      : amount <= bounds.medium
        ? 'medium'
        : 'large';

/**
 * The size class from business capital and/or annual sales. Capital decides at registration
 * (Pasal 35(2)); for an existing business with sales figures, sales decide. With neither, null.
 */
export function sizeClass(
  facts: { capital?: number | null; annualSales?: number | null },
  thresholds: SizeThresholds,
): { sizeClass: SizeClass; basis: 'sales' | 'capital' } | null {
  if (facts.annualSales !== null && facts.annualSales !== undefined) {
    return { sizeClass: classOf(facts.annualSales, thresholds.sales), basis: 'sales' };
  }
  if (facts.capital !== null && facts.capital !== undefined) {
    return { sizeClass: classOf(facts.capital, thresholds.capital), basis: 'capital' };
  }
  return null;
}

const ORDER: Record<SizeClass, number> = { micro: 0, small: 1, medium: 2, large: 3 };
/** "Naik kelas": the class went up. */
export const movedUp = (from: SizeClass, to: SizeClass): boolean => ORDER[to] > ORDER[from];

// Phone numbers and region codes ---------------------------------------------------------------

/** Indonesian phone numbers to E.164: 08…, 628… and +628… all become +628…. */
export function checkPhone(raw: string): IdCheck {
  const n = raw.replace(/[\s.\-()]/g, '');
  const e164 = n.startsWith('+') ? n : n.startsWith('0') ? `+62${n.slice(1)}` : `+${n}`;
  return /^\+[1-9][0-9]{7,14}$/.test(e164)
    ? { ok: true, value: e164 }
    : { ok: false, reason: 'phone_format' };
}

/** Kemendagri kode wilayah: 2, 2.2, 2.2.2 or 2.2.2.4 digits, dotted. */
export function checkRegionCode(raw: string): IdCheck {
  const n = raw.trim();
  return /^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?$/.test(n)
    ? { ok: true, value: n }
    : { ok: false, reason: 'region_code_format' };
}

// Scope -----------------------------------------------------------------------------------------

/** Which organisations an actor may read and change (see organisationScope). */
export interface OrganisationScope {
  readAll: boolean;
  writeAll: boolean;
  /** Programmes whose sites' members the actor may read (programme officers; read only). */
  programmeIds: string[];
  /** Sites whose members the actor may read and change (site managers and operators). */
  siteIds: string[];
  /** Organisations the actor belongs to (UMKM members, buyers): read and change. */
  ownOrgIds: string[];
}

interface GrantLike {
  role: string;
  scopeId: string | null;
}

/**
 * Administrators read and change every organisation; a programme officer with a system-wide
 * grant reads all, with a programme grant reads the members of that programme's sites; site
 * managers and operators read and change their sites' members; UMKM members and buyers their
 * own organisation.
 */
export function organisationScope(grants: readonly GrantLike[]): OrganisationScope {
  const s: OrganisationScope = {
    readAll: false,
    writeAll: false,
    programmeIds: [],
    siteIds: [],
    ownOrgIds: [],
  };
  for (const g of grants) {
    if (g.role === 'administrator') {
      s.readAll = true;
      s.writeAll = true;
    } else if (g.role === 'programme_officer') {
      if (g.scopeId === null) s.readAll = true;
      else s.programmeIds.push(g.scopeId);
    } else if ((g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId) {
      s.siteIds.push(g.scopeId);
    } else if ((g.role === 'umkm_member' || g.role === 'buyer') && g.scopeId) {
      s.ownOrgIds.push(g.scopeId);
    }
  }
  return s;
}

/** The owner's NIK is shown in full only to the organisation itself and to administrators. */
export const seesOwnerNik = (scope: OrganisationScope, organisationId: string): boolean =>
  scope.writeAll || scope.ownOrgIds.includes(organisationId);

// Profiles -----------------------------------------------------------------------------------

/** Column values of an organisation's profile, normalised. */
export interface ProfileValues {
  kind?: 'umkm' | 'cooperative' | 'buyer' | 'regional_government';
  name?: string;
  legal_form?: string | null;
  nib?: string | null;
  nib_issued_on?: string | null;
  npwp?: string | null;
  npwp15_legacy?: string | null;
  nitku?: string | null;
  address?: string | null;
  province?: string | null;
  regency?: string | null;
  region_code?: string | null;
  phone?: string | null;
  email?: string | null;
  owner_name?: string | null;
  owner_nik?: string | null;
  owner_birth_date?: string | null;
}

export type ProfileInput = Partial<Omit<UpdateOrganisationRequest, 'name'>> & {
  name?: string | undefined;
};

/**
 * Checks and normalises every identifier given, collecting all problems at once (so a form or
 * an import row shows them all): the column values, the field problems (hard) and the soft NIK
 * findings. `before` is the stored profile when updating.
 */
export function normaliseProfile(
  input: ProfileInput,
  before: {
    owner_nik: string | null;
    region_code: string | null;
    owner_birth_date: string | null;
  } | null,
): {
  values: ProfileValues;
  warnings: { field: string; code: string }[];
  problems: { path: string; code: string }[];
} {
  const problems: { path: string; code: string }[] = [];
  const v: ProfileValues = {};
  const set = <K extends keyof ProfileValues>(k: K, x: ProfileValues[K]) => {
    v[k] = x;
  };
  if (input.name !== undefined) set('name', input.name);
  if (input.legalForm !== undefined) set('legal_form', input.legalForm);
  if (input.nibIssuedOn !== undefined) set('nib_issued_on', input.nibIssuedOn);
  if (input.address !== undefined) set('address', input.address);
  if (input.province !== undefined) set('province', input.province);
  if (input.regency !== undefined) set('regency', input.regency);
  if (input.email !== undefined) set('email', input.email);
  if (input.ownerName !== undefined) set('owner_name', input.ownerName);
  if (input.ownerBirthDate !== undefined) set('owner_birth_date', input.ownerBirthDate);
  const blank = (s: string | null | undefined) => s === null || s === '';

  if (input.nib !== undefined) {
    if (blank(input.nib)) set('nib', null);
    else {
      const r = checkNib(input.nib!);
      if (r.ok) set('nib', r.value);
      else problems.push({ path: 'nib', code: r.reason });
    }
  }
  if (input.npwp !== undefined) {
    if (blank(input.npwp)) {
      set('npwp', null);
      set('npwp15_legacy', null);
      set('nitku', null);
    } else {
      const r = checkNpwp(input.npwp!);
      if (r.ok) {
        set('npwp', r.canonical);
        set(
          'npwp15_legacy',
          r.kind === 'npwp15' ? r.value : r.kind === 'npwp16' ? r.value.slice(1) : null,
        );
        set('nitku', r.kind === 'nitku' ? r.value : null);
      } else problems.push({ path: 'npwp', code: r.reason });
    }
  }
  if (input.phone !== undefined) {
    if (blank(input.phone)) set('phone', null);
    else {
      const r = checkPhone(input.phone!);
      if (r.ok) set('phone', r.value);
      else problems.push({ path: 'phone', code: r.reason });
    }
  }
  if (input.regionCode !== undefined) {
    if (blank(input.regionCode)) set('region_code', null);
    else {
      const r = checkRegionCode(input.regionCode!);
      if (r.ok) set('region_code', r.value);
      else problems.push({ path: 'regionCode', code: r.reason });
    }
  }
  const warnings: { field: string; code: string }[] = [];
  if (input.ownerNik !== undefined) {
    if (blank(input.ownerNik)) set('owner_nik', null);
    else {
      const r = checkNik(input.ownerNik!);
      if (r.ok) set('owner_nik', r.value);
      else problems.push({ path: 'ownerNik', code: r.reason });
    }
  }
  if (problems.length) return { values: v, warnings: [], problems };

  // Soft checks of the NIK against the (new or kept) region and birth date: warn only.
  const nik = v.owner_nik !== undefined ? v.owner_nik : (before?.owner_nik ?? null);
  if (nik) {
    const facts = checkNik(nik);
    if (facts.ok) {
      const regionCode =
        v.region_code !== undefined ? v.region_code : (before?.region_code ?? null);
      const birthDate =
        v.owner_birth_date !== undefined ? v.owner_birth_date : (before?.owner_birth_date ?? null);
      for (const code of nikWarnings(facts.facts, { regionCode, birthDate })) {
        warnings.push({ field: 'ownerNik', code });
      }
    }
  }
  return { values: v, warnings, problems };
}
