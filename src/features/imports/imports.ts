/**
 * Pure rules of imports: the columns of each importable table and how one row becomes a
 * record — or a list of problems, each naming its column, so a preview can list every bad cell
 * of a file at once. Cross-row checks (duplicates, what the database already holds) are the
 * service's.
 */
import { CAPABILITIES, type CreateMachineRequest } from '../equipment/equipment.contract.js';
import {
  ORGANISATION_KINDS,
  type CreateOrganisationRequest,
} from '../organisations/organisations.contract.js';
import {
  checkKbliFormat,
  normaliseProfile,
  type ProfileValues,
} from '../organisations/organisations.js';

export interface RowProblem {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

export const IMPORT_STRATEGIES = ['all_or_nothing', 'valid_only'] as const;
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];

/** Whole Rupiah from what people type: 150000000, 150.000.000, Rp150.000.000,00. */
export function parseRupiah(raw: string): number | null | 'invalid' {
  const s = raw.replace(/\s/g, '').replace(/^Rp\.?/i, '');
  if (s === '') return null;
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(s);
  if (!m) return 'invalid';
  if (m[2] && /[1-9]/.test(m[2])) return 'invalid'; // sen are not whole Rupiah
  const n = Number(m[1]!.replace(/\./g, ''));
  return Number.isSafeInteger(n) ? n : 'invalid';
}

/** A date as YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY (Indonesian order) → YYYY-MM-DD. */
export function parseDate(raw: string): string | null | 'invalid' {
  const s = raw.trim();
  if (s === '') return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return 'invalid';
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d)
    return 'invalid';
  return t.toISOString().slice(0, 10);
}

// Members --------------------------------------------------------------------------------------

/** Columns of the members table, in export order (Indonesian, as the cooperatives keep them). */
export const MEMBER_COLUMNS = [
  'nama',
  'jenis',
  'bentuk_usaha',
  'nib',
  'tanggal_nib',
  'npwp',
  'alamat',
  'provinsi',
  'kabupaten_kota',
  'kode_wilayah',
  'telepon',
  'email',
  'nama_pemilik',
  'nik_pemilik',
  'tanggal_lahir_pemilik',
  'kbli',
  'tahun',
  'modal_usaha',
  'omzet_tahunan',
  'tenaga_kerja',
] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

/** Which column each profile field comes from, to report problems on the right cell. */
const PROFILE_COLUMN: Record<string, MemberColumn> = {
  name: 'nama',
  legalForm: 'bentuk_usaha',
  nib: 'nib',
  nibIssuedOn: 'tanggal_nib',
  npwp: 'npwp',
  address: 'alamat',
  province: 'provinsi',
  regency: 'kabupaten_kota',
  regionCode: 'kode_wilayah',
  phone: 'telepon',
  email: 'email',
  ownerName: 'nama_pemilik',
  ownerNik: 'nik_pemilik',
  ownerBirthDate: 'tanggal_lahir_pemilik',
};

export interface MemberRecord {
  row: number;
  kind: CreateOrganisationRequest['kind'];
  name: string;
  values: ProfileValues;
  kbli: string[];
  financial: {
    year: number;
    capital: number | null;
    annualSales: number | null;
    workers: number | null;
  } | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * One row of a members file → a record, or its problems. `legalForms` and `knownKbli` come from
 * the contract and the KBLI table; `thisYear` bounds the financial year.
 */
export function parseMemberRow(
  row: Record<string, string>,
  rowNumber: number,
  ctx: { legalForms: readonly string[]; knownKbli: ReadonlySet<string>; thisYear: number },
): { record: MemberRecord } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (c: MemberColumn) => (row[c] ?? '').trim();
  const problem = (column: MemberColumn, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  const opt = (c: MemberColumn) => (cell(c) === '' ? undefined : cell(c));

  const name = cell('nama');
  if (name === '') problem('nama', 'import_required');
  else if (name.length > 200) problem('nama', 'import_too_long', { max: 200 });
  const kind = (cell('jenis') || 'umkm') as MemberRecord['kind'];
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind))
    problem('jenis', 'import_choice', { options: ORGANISATION_KINDS.join(', ') });
  const legalForm = opt('bentuk_usaha');
  if (legalForm && !ctx.legalForms.includes(legalForm))
    problem('bentuk_usaha', 'import_choice', { options: ctx.legalForms.join(', ') });
  const email = opt('email');
  if (email && !EMAIL.test(email)) problem('email', 'import_email');

  const dates: Partial<Record<MemberColumn, string | null>> = {};
  for (const c of ['tanggal_nib', 'tanggal_lahir_pemilik'] as const) {
    const d = parseDate(cell(c));
    if (d === 'invalid') problem(c, 'import_date');
    else dates[c] = d;
  }

  const { values, problems: idProblems } = normaliseProfile(
    {
      name: name || undefined,
      legalForm: (legalForm as never) ?? undefined,
      nib: opt('nib'),
      nibIssuedOn: dates.tanggal_nib ?? undefined,
      npwp: opt('npwp'),
      address: opt('alamat'),
      province: opt('provinsi'),
      regency: opt('kabupaten_kota'),
      regionCode: opt('kode_wilayah'),
      phone: opt('telepon'),
      email: email?.toLowerCase(),
      ownerName: opt('nama_pemilik'),
      ownerNik: opt('nik_pemilik'),
      ownerBirthDate: dates.tanggal_lahir_pemilik ?? undefined,
    },
    null,
  );
  for (const p of idProblems) problem(PROFILE_COLUMN[p.path] ?? 'nama', p.code);

  const kbli: string[] = [];
  for (const raw of cell('kbli')
    .split(/[\s,;|]+/)
    .filter(Boolean)) {
    const k = checkKbliFormat(raw);
    if (!k.ok) problem('kbli', 'kbli_format');
    else if (!ctx.knownKbli.has(k.value)) problem('kbli', 'kbli_unknown', { code: k.value });
    else if (!kbli.includes(k.value)) kbli.push(k.value);
  }

  let financial: MemberRecord['financial'] = null;
  const money: Partial<Record<MemberColumn, number | null>> = {};
  for (const c of ['modal_usaha', 'omzet_tahunan'] as const) {
    const v = parseRupiah(cell(c));
    if (v === 'invalid') problem(c, 'import_rupiah');
    else money[c] = v;
  }
  const workersRaw = cell('tenaga_kerja');
  const workers =
    workersRaw === '' ? null : /^\d{1,7}$/.test(workersRaw) ? Number(workersRaw) : NaN;
  if (Number.isNaN(workers)) problem('tenaga_kerja', 'import_whole_number');
  const yearRaw = cell('tahun');
  const anyFinancial = money.modal_usaha != null || money.omzet_tahunan != null || workers != null;
  if (yearRaw !== '' || anyFinancial) {
    const year = Number(yearRaw);
    if (!/^\d{4}$/.test(yearRaw) || year < 2000 || year > ctx.thisYear)
      problem('tahun', 'import_year', { max: ctx.thisYear });
    else if (!Number.isNaN(workers)) {
      financial = {
        year,
        capital: money.modal_usaha ?? null,
        annualSales: money.omzet_tahunan ?? null,
        workers,
      };
    }
  }

  if (problems.length) return { problems };
  return { record: { row: rowNumber, kind, name, values, kbli, financial } };
}

/** A stored member back into a row of the same columns (exports read back identically). */
export function memberRow(m: {
  name: string;
  kind: string;
  legal_form: string | null;
  nib: string | null;
  nib_issued_on: string | null;
  npwp: string | null;
  address: string | null;
  province: string | null;
  regency: string | null;
  region_code: string | null;
  phone: string | null;
  email: string | null;
  owner_name: string | null;
  owner_nik: string | null;
  owner_birth_date: string | null;
  kbli: string[];
  year: number | null;
  capital: string | null;
  annual_sales: string | null;
  workers: number | null;
}): Record<MemberColumn, string> {
  const s = (v: string | number | null | undefined) =>
    v === null || v === undefined ? '' : String(v);
  return {
    nama: m.name,
    jenis: m.kind,
    bentuk_usaha: s(m.legal_form),
    nib: s(m.nib),
    tanggal_nib: s(m.nib_issued_on),
    npwp: s(m.npwp),
    alamat: s(m.address),
    provinsi: s(m.province),
    kabupaten_kota: s(m.regency),
    kode_wilayah: s(m.region_code),
    telepon: s(m.phone),
    email: s(m.email),
    nama_pemilik: s(m.owner_name),
    nik_pemilik: s(m.owner_nik),
    tanggal_lahir_pemilik: s(m.owner_birth_date),
    kbli: m.kbli.join(' '),
    tahun: s(m.year),
    modal_usaha: s(m.capital),
    omzet_tahunan: s(m.annual_sales),
    tenaga_kerja: s(m.workers),
  };
}

// Equipment ------------------------------------------------------------------------------------

/** Columns of the equipment table; `kode_situs` says which site each machine belongs to. */
export const EQUIPMENT_COLUMNS = [
  'kode_situs',
  'kode',
  'nama',
  'kemampuan',
  'kapasitas',
  'satuan_kapasitas',
  'basis_kapasitas',
  'tarif_per_jam',
  'tarif_per_batch',
  'nilai_perolehan',
  'tanggal_perolehan',
  'kode_program',
  'pabrikan',
  'model',
  'nomor_seri',
  'spesifikasi',
] as const;
export type EquipmentColumn = (typeof EQUIPMENT_COLUMNS)[number];

const BASES: Record<string, 'per_hour' | 'per_batch'> = {
  per_jam: 'per_hour',
  per_batch: 'per_batch',
};
const BASIS_COLUMN: Record<'per_hour' | 'per_batch', string> = {
  per_hour: 'per_jam',
  per_batch: 'per_batch',
};

export interface EquipmentRecord {
  row: number;
  siteCode: string;
  programmeCode: string | null;
  machine: Omit<CreateMachineRequest, 'fundingProgrammeId'>;
}

/** "daya_kw=7.5; bahan=SS304" → { daya_kw: 7.5, bahan: 'SS304' }; numbers and true/false typed. */
export function parseSpecs(raw: string): Record<string, string | number | boolean> | 'invalid' {
  const out: Record<string, string | number | boolean> = {};
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 1) return 'invalid';
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key.length > 60 || value.length > 200) return 'invalid';
    out[key] = /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : value === 'true'
        ? true
        : value === 'false'
          ? false
          : value;
  }
  return Object.keys(out).length > 50 ? 'invalid' : out;
}

/** The inverse of parseSpecs, keys sorted so that an export is stable (jsonb reorders keys). */
export const formatSpecs = (specs: Record<string, string | number | boolean>): string =>
  Object.keys(specs)
    .sort()
    .map((k) => `${k}=${String(specs[k])}`)
    .join('; ');

/** A decimal as people type it in Indonesia or elsewhere: 1,5 or 1.5. */
function parseDecimal(raw: string): number | null | 'invalid' {
  const s = raw.trim().replace(',', '.');
  if (s === '') return null;
  return /^\d+(\.\d+)?$/.test(s) && Number(s) > 0 && Number(s) <= 1e9 ? Number(s) : 'invalid';
}

export function parseEquipmentRow(
  row: Record<string, string>,
  rowNumber: number,
): { record: EquipmentRecord } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (c: EquipmentColumn) => (row[c] ?? '').trim();
  const problem = (
    column: EquipmentColumn,
    code: string,
    params?: Record<string, string | number>,
  ) => problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  const text = (c: EquipmentColumn, max: number) => {
    const v = cell(c);
    if (v.length > max) problem(c, 'import_too_long', { max });
    return v === '' ? null : v;
  };

  const siteCode = cell('kode_situs');
  if (siteCode === '') problem('kode_situs', 'import_required');
  const code = cell('kode');
  if (code === '') problem('kode', 'import_required');
  else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(code)) problem('kode', 'import_machine_code');
  const name = cell('nama');
  if (name === '') problem('nama', 'import_required');
  else if (name.length > 160) problem('nama', 'import_too_long', { max: 160 });

  const capabilities: string[] = [];
  for (const c of cell('kemampuan')
    .split(/[\s,;|]+/)
    .filter(Boolean)) {
    if (!(CAPABILITIES as readonly string[]).includes(c))
      problem('kemampuan', 'import_choice', { options: CAPABILITIES.join(', ') });
    else if (!capabilities.includes(c)) capabilities.push(c);
  }
  if (cell('kemampuan') === '') problem('kemampuan', 'import_required');

  let capacity: EquipmentRecord['machine']['capacity'] = null;
  const value = parseDecimal(cell('kapasitas'));
  if (value === 'invalid') problem('kapasitas', 'import_decimal');
  else if (value !== null) {
    const unit = cell('satuan_kapasitas');
    const basis = BASES[cell('basis_kapasitas')];
    if (unit === '' || unit.length > 20) problem('satuan_kapasitas', 'import_required');
    if (!basis)
      problem('basis_kapasitas', 'import_choice', { options: Object.keys(BASES).join(', ') });
    if (unit && basis) capacity = { value, unit, basis };
  }

  const rupiah = (c: EquipmentColumn) => {
    const v = parseRupiah(cell(c));
    if (v === 'invalid') {
      problem(c, 'import_rupiah');
      return null;
    }
    return v;
  };
  const hourlyRate = rupiah('tarif_per_jam');
  const batchRate = rupiah('tarif_per_batch');
  const acquisitionValue = rupiah('nilai_perolehan') ?? 0;
  const acquiredOn = parseDate(cell('tanggal_perolehan'));
  if (acquiredOn === 'invalid') problem('tanggal_perolehan', 'import_date');
  const specs = parseSpecs(cell('spesifikasi'));
  if (specs === 'invalid') problem('spesifikasi', 'import_specs');
  const manufacturer = text('pabrikan', 120);
  const model = text('model', 120);
  const serialNumber = text('nomor_seri', 120);

  if (problems.length) return { problems };
  return {
    record: {
      row: rowNumber,
      siteCode,
      programmeCode: cell('kode_program') || null,
      machine: {
        code,
        name,
        capabilities: capabilities as CreateMachineRequest['capabilities'],
        capacity,
        hourlyRate,
        batchRate,
        specs: specs as Record<string, string | number | boolean>,
        acquisitionValue,
        acquiredOn: acquiredOn as string | null,
        manufacturer,
        model,
        serialNumber,
      },
    },
  };
}

/** A stored machine back into a row of the same columns. */
export function equipmentRow(m: {
  siteCode: string;
  programmeCode: string | null;
  code: string;
  name: string;
  capabilities: readonly string[];
  capacity: { value: number; unit: string; basis: 'per_hour' | 'per_batch' } | null;
  hourlyRate: number | null;
  batchRate: number | null;
  acquisitionValue: number;
  acquiredOn: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  specs: Record<string, string | number | boolean>;
}): Record<EquipmentColumn, string> {
  const s = (v: string | number | null | undefined) =>
    v === null || v === undefined ? '' : String(v);
  return {
    kode_situs: m.siteCode,
    kode: m.code,
    nama: m.name,
    kemampuan: m.capabilities.join(' '),
    kapasitas: s(m.capacity?.value),
    satuan_kapasitas: s(m.capacity?.unit),
    basis_kapasitas: m.capacity ? BASIS_COLUMN[m.capacity.basis] : '',
    tarif_per_jam: s(m.hourlyRate),
    tarif_per_batch: s(m.batchRate),
    nilai_perolehan: s(m.acquisitionValue),
    tanggal_perolehan: s(m.acquiredOn),
    kode_program: s(m.programmeCode),
    pabrikan: s(m.manufacturer),
    model: s(m.model),
    nomor_seri: s(m.serialNumber),
    spesifikasi: formatSpecs(m.specs),
  };
}
