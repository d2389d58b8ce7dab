/**
 * Migration 0003 — organisation profiles (issue 3): identifiers, owner, KBLI codes, yearly
 * financials, the size class and its history ("naik kelas"), products and certificates.
 * Plain SQL for PostgreSQL 15+ and PGlite. The KBLI reference table is seeded from
 * src/reference-data/kbli-2020.json as it stands when this migration ships: that file is frozen
 * with it (a later edition or correction is a new data file and a new migration).
 */
import kbli from '../../../reference-data/kbli-2020.json' with { type: 'json' };

export const name = '0003-organisations';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const kbliRows = (kbli as { code: string; title: string }[])
  .map((k) => `(${quote(k.code)}, ${quote(k.title)})`)
  .join(',\n  ');

export const up = /* sql */ `
alter table organisations
  -- Legal form of the business (perorangan = sole proprietor without a legal entity).
  add column legal_form text check (legal_form in ('perorangan', 'cv', 'pt', 'pt_perorangan', 'koperasi', 'firma', 'yayasan', 'bumdes', 'pemerintah', 'other')),
  add column address text check (length(address) <= 500),
  -- Kemendagri kode wilayah, dotted: province, regency, district or village.
  add column region_code text check (region_code ~ '^[0-9]{2}(\\.[0-9]{2}){0,2}(\\.[0-9]{4})?$'),
  add column phone text check (phone ~ '^\\+[0-9]{8,15}$'),
  add column email text check (email = lower(email) and email like '%_@_%'),
  add column owner_name text check (length(owner_name) between 1 and 120),
  -- The owner's NIK, digits only (personal data: the API masks it except for the organisation
  -- itself and administrators).
  add column owner_nik text check (owner_nik ~ '^[0-9]{16}$'),
  add column owner_birth_date date,
  -- npwp (0002) holds the canonical 16-digit NPWP; the old 15-digit form is kept for old
  -- documents and must be the canonical one without its leading 0.
  add column npwp15_legacy text check (npwp15_legacy ~ '^[0-9]{15}$'),
  -- NITKU: the 16-digit NPWP plus a 6-digit place of business (000000 = head office).
  add column nitku text check (nitku ~ '^[0-9]{22}$'),
  add column nib_issued_on date,
  add column size_class text check (size_class in ('micro', 'small', 'medium', 'large')),
  add column updated_at timestamptz not null default now(),
  add constraint organisations_name_length check (length(name) between 1 and 200),
  add constraint organisations_npwp_legacy_matches check (npwp15_legacy is null or npwp = '0' || npwp15_legacy),
  add constraint organisations_nitku_matches check (nitku is null or left(nitku, 16) = npwp);

-- One NIB per business (OSS issues exactly one per pelaku usaha).
create unique index organisations_nib_key on organisations (nib) where nib is not null;
-- Search by name (0002 has the name index) and by NIB fragments.
create index organisations_nib_trgm on organisations using gin (nib gin_trgm_ops);
create index organisations_province_idx on organisations (province);
create index site_members_org_idx on site_members (organisation_id);

-- KBLI 2020 (Peraturan BPS 2/2020) kelompok codes, the 5-digit level OSS licenses on. Only the
-- codes in this table can be attached to an organisation (foreign key below).
create table kbli_codes (
  code text primary key check (code ~ '^[0-9]{5}$'),
  title text not null check (length(title) between 1 and 300),
  edition text not null default '2020'
);
create index kbli_codes_title_trgm on kbli_codes using gin (title gin_trgm_ops);
insert into kbli_codes (code, title) values
  ${kbliRows};

create table organisation_kbli (
  organisation_id uuid not null references organisations (id) on delete cascade,
  -- Only known KBLI codes: the reference table guards against typos and invented codes.
  code text not null references kbli_codes (code),
  added_at timestamptz not null default now(),
  primary key (organisation_id, code)
);

-- Size-class thresholds as dated configuration (the amounts may change by regulation). Upper
-- bounds are inclusive, integer Rupiah; a rule-set applies from valid_from until a later one.
create table size_class_rules (
  valid_from date primary key,
  rule text not null,
  capital_micro bigint not null,
  capital_small bigint not null,
  capital_medium bigint not null,
  sales_micro bigint not null,
  sales_small bigint not null,
  sales_medium bigint not null,
  -- The classes must nest: micro below small below medium.
  check (0 < capital_micro and capital_micro < capital_small and capital_small < capital_medium),
  check (0 < sales_micro and sales_micro < sales_small and sales_small < sales_medium)
);
-- PP 7/2021 Pasal 35 (in force from 2 February 2021).
insert into size_class_rules values
  ('2021-02-02', 'PP 7/2021', 1000000000, 5000000000, 10000000000, 2000000000, 15000000000, 50000000000);

-- Yearly facts the class is derived from; one row per organisation and year.
create table organisation_financials (
  organisation_id uuid not null references organisations (id) on delete cascade,
  year integer not null check (year between 1900 and 2100),
  -- Integer Rupiah; never negative. Modal usaha excludes land and buildings (PP 7/2021).
  capital bigint check (capital >= 0),
  annual_sales bigint check (annual_sales >= 0),
  workers integer check (workers >= 0),
  updated_at timestamptz not null default now(),
  primary key (organisation_id, year)
);

-- Every change of the computed size class: how "naik kelas" is measured. Append-only in
-- practice (the service only inserts); a row never records a non-change.
create table size_class_changes (
  id bigint generated always as identity primary key,
  organisation_id uuid not null references organisations (id) on delete cascade,
  from_class text check (from_class in ('micro', 'small', 'medium', 'large')),
  to_class text not null check (to_class in ('micro', 'small', 'medium', 'large')),
  rule text not null,
  basis text not null check (basis in ('sales', 'capital')),
  financial_year integer not null,
  effective_on date not null,
  recorded_at timestamptz not null default now(),
  check (from_class is distinct from to_class)
);
create index size_class_changes_org_idx on size_class_changes (organisation_id, id);

create table organisation_products (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  description text check (length(description) <= 2000),
  unit text check (length(unit) <= 40),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A product name appears once per organisation (case-insensitive).
create unique index organisation_products_name_key on organisation_products (organisation_id, lower(name));

create table organisation_certificates (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  type text not null check (type in ('SNI', 'halal', 'PIRT', 'BPOM_MD', 'ISO_9001')),
  number text not null check (length(number) between 1 and 100),
  issuer text not null check (length(issuer) between 1 and 200),
  issued_on date,
  expires_on date,
  product_id uuid references organisation_products (id) on delete set null,
  -- The scanned certificate, at most 5 MiB; content type and size are present exactly when
  -- the file is, and the size is the file's real length.
  file bytea,
  file_name text check (length(file_name) <= 200),
  file_content_type text check (file_content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  file_size integer check (file_size between 1 and 5242880),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A certificate cannot expire before (or on the day) it was issued.
  check (expires_on is null or issued_on is null or expires_on > issued_on),
  check ((file is null) = (file_content_type is null) and (file is null) = (file_size is null) and (file is null) = (file_name is null)),
  check (file is null or octet_length(file) = file_size),
  -- The same certificate number of one type is registered once per organisation.
  unique (organisation_id, type, number)
);
create index organisation_certificates_expiry_idx on organisation_certificates (expires_on);
`;
