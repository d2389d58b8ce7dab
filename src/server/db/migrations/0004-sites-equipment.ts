/**
 * Migration 0004 — the registry issue's sites and equipment: the Kemendagri region reference
 * table, programme investments (realisation), cluster and site details (region, time zone with
 * override, contacts, opening hours, holidays), equipment details (capabilities, capacity,
 * rates, specifications, funding programme), status history, documents and photos.
 *
 * Regions: provinces, regencies/cities and districts are seeded here from the CSV files of the
 * npm package idn-area-data 3.1.2 (Kepmendagri 300.2.2-2138/2025; code MIT, **data ODbL 1.0** —
 * a redistributed derived database must stay under ODbL and credit the source). The 83,763
 * villages are not seeded: on PGlite they add ~1.7 s to this migration, ~4 MB to every data
 * directory and ~1 s to every test database copy. The app loads a district's villages into the
 * same table the first time they are asked for (src/server/db/regions-source.ts).
 *
 * Reading the package's CSVs at import time is the one thing this file takes from outside: the
 * data edition is pinned by the package version; a later edition is a later migration.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const name = '0004-sites-equipment';

const dataDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')),
  'data',
);

/** `code,parent,name` rows (provinces have no parent column). */
function csvRows(file: string): [string, string | null, string][] {
  const lines = fs.readFileSync(path.join(dataDir, file), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    return b < 0
      ? [line.slice(0, a), null, line.slice(a + 1)]
      : [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1)];
  });
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
function seed(level: string, file: string): string {
  const rows = csvRows(file);
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    const values = rows
      .slice(i, i + 2000)
      .map(
        ([code, parent, n]) =>
          `(${lit(code)}, '${level}', ${parent ? lit(parent) : 'null'}, ${lit(n.trim())})`,
      )
      .join(',\n');
    out.push(`insert into regions (code, level, parent_code, name) values\n${values};`);
  }
  return out.join('\n');
}

const CAPABILITIES = [
  'distillation',
  'extraction',
  'separation',
  'evaporation',
  'drying',
  'kiln_drying',
  'grinding',
  'milling',
  'fermentation',
  'roasting',
  'winnowing',
  'refining',
  'pressing',
  'mixing',
  'cooking',
  'frying',
  'pasteurisation',
  'sterilisation',
  'homogenisation',
  'cooling',
  'freezing',
  'washing',
  'iodisation',
  'sorting',
  'weighing',
  'filling',
  'packaging',
  'labelling',
  'cutting',
  'sawing',
  'planing',
  'sanding',
  'carving',
  'cnc_milling',
  'laser_cutting',
  'laminating',
  'welding',
  'sewing',
  'weaving',
  'dyeing',
  'printing',
  'slaughtering',
  'composting',
];

export const up = /* sql */ `
-- Kemendagri administrative regions: province (11), regency/city (11.01), district (11.01.01),
-- village (11.01.01.2001). code_system/edition say whose codes these are (never join BPS codes
-- to them without a crosswalk).
create table regions (
  code text primary key,
  level text not null check (level in ('province', 'regency', 'district', 'village')),
  parent_code text references regions (code),
  name text not null check (length(name) between 1 and 120),
  code_system text not null default 'kemendagri' check (code_system = 'kemendagri'),
  edition text not null default 'idn-area-data 3.1.2 (Kepmendagri 300.2.2-2138/2025)',
  -- The code's shape fits its level, so a district code can never be stored as a province.
  check (
    (level = 'province' and code ~ '^[0-9]{2}$')
    or (level = 'regency' and code ~ '^[0-9]{2}\\.[0-9]{2}$')
    or (level = 'district' and code ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$')
    or (level = 'village' and code ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$')
  ),
  -- Every region but a province hangs under the region its code starts with.
  check (
    (level = 'province' and parent_code is null)
    or (level <> 'province' and parent_code is not null and starts_with(code, parent_code || '.'))
  )
);
create index regions_parent_idx on regions (parent_code);
create index regions_name_trgm on regions using gin (name gin_trgm_ops);
${seed('province', 'provinces.csv')}
${seed('regency', 'regencies.csv')}
${seed('district', 'districts.csv')}

alter table programmes add column description text;
alter table programmes add column updated_at timestamptz not null default now();
create index programmes_name_trgm on programmes using gin (name gin_trgm_ops);

-- Clusters: the regency they are in (optional for old rows).
alter table clusters add column region_code text references regions (code);
alter table clusters add column updated_at timestamptz not null default now();
create index clusters_programme_idx on clusters (programme_id);

-- Sites: the region code must exist (added NOT VALID so rows from before this migration are not
-- re-checked; every new or changed row is). The time zone is derived from the province unless
-- time_zone_overridden; the check below keeps a derived zone true to the province.
alter table sites add constraint sites_region_fk foreign key (region_code) references regions (code) not valid;
alter table sites add column time_zone_overridden boolean not null default false;
alter table sites add constraint sites_time_zone_derived check (
  time_zone_overridden or region_code is null or time_zone = case
    when left(region_code, 2) in ('61', '62') then 'Asia/Pontianak'
    when left(region_code, 2) in ('51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76') then 'Asia/Makassar'
    when left(region_code, 2) in ('81', '82', '91', '92', '93', '94', '95', '96') then 'Asia/Jayapura'
    else 'Asia/Jakarta' end
);
-- Contacts: a JSON array of {name, role, phone, email}; shape checked by the API.
alter table sites add column contacts jsonb not null default '[]' check (jsonb_typeof(contacts) = 'array');
alter table sites add column updated_at timestamptz not null default now();
create index sites_name_trgm on sites using gin (name gin_trgm_ops);

-- Opening hours: several intervals a day. closes > opens (an overnight opening is two rows,
-- one on each day); intervals of one site and weekday never overlap (exclusion constraint on a
-- time range; [opens, closes) so 08-12 and 12-16 touch without overlapping).
create type time_range as range (subtype = time);
create table site_opening_hours (
  site_id uuid not null references sites (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7), -- ISO: 1 Monday … 7 Sunday
  opens time not null,
  closes time not null,
  check (closes > opens),
  exclude using gist (site_id with =, weekday with =, time_range(opens, closes) with &&)
);

-- Holidays a site observes, per date: national holidays, cuti bersama (collective leave) and
-- local ones (e.g. Nyepi in Bali, Aceh's regional days). One entry per site and date.
create table site_holidays (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id) on delete cascade,
  date date not null,
  name text not null check (length(name) between 1 and 120),
  kind text not null check (kind in ('national', 'cuti_bersama', 'local')),
  created_at timestamptz not null default now(),
  unique (site_id, date)
);

-- Money put into a programme; the programme's realisation is their sum.
create table investments (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programmes (id),
  site_id uuid references sites (id),
  machine_id uuid references machines (id),
  kind text not null check (kind in ('machine', 'building', 'land', 'training', 'other')),
  description text not null check (length(description) between 1 and 300),
  amount bigint not null check (amount > 0), -- integer Rupiah
  invested_on date not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  -- An investment naming a machine is a machine purchase.
  check (machine_id is null or kind = 'machine')
);
create index investments_programme_idx on investments (programme_id, invested_on);

-- Equipment. Capabilities come from a controlled list (extending it is a migration that
-- replaces this check); the first one is also kept in the older 'process' column. Capacity,
-- its unit and its basis (per hour or per batch) come together or not at all. Rates are
-- integer Rupiah per hour / per batch.
update machines set capacity_unit = null where capacity is null;
alter table machines add column capabilities text[] not null default '{}'
  check (capabilities <@ array[${CAPABILITIES.map(lit).join(', ')}]::text[]);
update machines set capabilities = array[process] where array[process] <@ array[${CAPABILITIES.map(lit).join(', ')}]::text[];
alter table machines add column capacity_basis text check (capacity_basis in ('per_hour', 'per_batch'));
update machines set
  capacity_basis = case when capacity_unit ~* '/(jam|hour|h)$' then 'per_hour' else 'per_batch' end,
  capacity_unit = coalesce(nullif(regexp_replace(capacity_unit, '/(batch|jam|hour|h)$', '', 'i'), ''), 'unit')
  where capacity is not null;
alter table machines add constraint machines_capacity_complete
  check ((capacity is null) = (capacity_unit is null) and (capacity is null) = (capacity_basis is null));
alter table machines add column hourly_rate bigint check (hourly_rate >= 0);
alter table machines add column batch_rate bigint check (batch_rate >= 0);
alter table machines add column specs jsonb not null default '{}' check (jsonb_typeof(specs) = 'object');
alter table machines add column funding_programme_id uuid references programmes (id);
alter table machines add column acquired_on date;
alter table machines add column manufacturer text;
alter table machines add column model text;
alter table machines add column serial_number text;
alter table machines add column updated_at timestamptz not null default now();
create index machines_capabilities_idx on machines using gin (capabilities);
create index machines_name_trgm on machines using gin (name gin_trgm_ops);
create index machines_code_trgm on machines using gin (code gin_trgm_ops);
create index machines_funding_idx on machines (funding_programme_id);

-- Every status change, written by the service in the same transaction as the change.
-- from_status is null for the first entry (creation); a change always changes something.
create table machine_status_history (
  id bigint generated always as identity primary key,
  machine_id uuid not null references machines (id) on delete cascade,
  from_status text check (from_status in ('active', 'maintenance', 'broken', 'retired')),
  to_status text not null check (to_status in ('active', 'maintenance', 'broken', 'retired')),
  at timestamptz not null,
  reason text check (length(reason) <= 500),
  by_user_id uuid references users (id) on delete set null,
  by_label text not null,
  check (from_status is distinct from to_status)
);
-- History is never rewritten: rows may be added (and go with their machine), not changed.
create function machine_status_history_no_update() returns trigger language plpgsql as $$
begin
  raise exception 'machine_status_history is append-only' using errcode = 'check_violation';
end $$;
create trigger machine_status_history_append_only before update on machine_status_history
  for each row execute function machine_status_history_no_update();
create index machine_status_history_machine_idx on machine_status_history (machine_id, at desc, id desc);
insert into machine_status_history (machine_id, from_status, to_status, at, reason, by_label)
  select id, null, status, created_at, 'migration 0004', 'system' from machines;

-- Documents (calibration certificates, manuals, warranties) with optional expiry. Files live
-- in the database (bytea): size_bytes is the real size, at most 10 MiB; only PDF and images.
create table machine_documents (
  id uuid primary key default gen_random_uuid(),
  machine_id uuid not null references machines (id) on delete cascade,
  kind text not null check (kind in ('calibration_certificate', 'manual', 'warranty', 'other')),
  title text not null check (length(title) between 1 and 200),
  number text check (length(number) <= 100),
  issued_on date,
  expires_on date,
  check (expires_on is null or issued_on is null or expires_on >= issued_on),
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  file bytea not null,
  check (octet_length(file) = size_bytes),
  uploaded_by uuid references users (id) on delete set null,
  uploaded_at timestamptz not null default now()
);
create index machine_documents_machine_idx on machine_documents (machine_id);
create index machine_documents_expiry_idx on machine_documents (expires_on) where expires_on is not null;

-- Photos: images only, at most 5 MiB each.
create table machine_photos (
  id uuid primary key default gen_random_uuid(),
  machine_id uuid not null references machines (id) on delete cascade,
  caption text check (length(caption) <= 200),
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  file bytea not null,
  check (octet_length(file) = size_bytes),
  uploaded_by uuid references users (id) on delete set null,
  uploaded_at timestamptz not null default now()
);
create index machine_photos_machine_idx on machine_photos (machine_id);
`;
