/**
 * Migration 0009 — toll processing and quality (issue: material custody, process jobs, output
 * lots, standards and inspection plans, inspections, quality gates, non-conformance,
 * certificates, genealogy). Quantities are kilograms (numeric, 3 decimals = grams).
 */
export const name = '0009-toll-quality';

const PRODUCTS: [string, string, string][] = [
  ['patchouli_leaves', 'Daun nilam kering', 'Dried patchouli leaves'],
  ['patchouli_oil', 'Minyak nilam', 'Patchouli oil'],
  ['hydrosol', 'Air sulingan (hidrosol)', 'Hydrosol'],
  ['distillation_residue', 'Ampas penyulingan', 'Distillation residue'],
  ['cocoa_beans_wet', 'Biji kakao basah', 'Wet cocoa beans'],
  ['cocoa_beans', 'Biji kakao kering', 'Dried cocoa beans'],
  ['cocoa_shells', 'Kulit biji kakao', 'Cocoa shells'],
  ['other', 'Lainnya', 'Other'],
];
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const up = /* sql */ `
-- What a lot can be. A controlled list; extending it is a later migration.
create table product_types (
  code text primary key check (code ~ '^[a-z_]{2,40}$'),
  name_id text not null,
  name_en text not null
);
insert into product_types (code, name_id, name_en) values
${PRODUCTS.map(([c, i, e]) => `  (${lit(c)}, ${lit(i)}, ${lit(e)})`).join(',\n')};

-- Lots in the site's custody: intake (a member's own material), output and by-product of a
-- job. The owner is the member organisation. Owners never mix, except in a pooled lot: the
-- output of a job explicitly declared pooled, which has no single owner but owner shares
-- (lot_owners). quantity_kg is what the lot was created with; what is left follows from
-- consumption and handovers. status is changed only by the quality service:
--   quarantine (a plan covers it and it has not passed) → released | rejected | downgraded;
--   consumed / handed_over when nothing is left.
create table lots (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  code text not null unique,
  kind text not null check (kind in ('intake', 'output', 'byproduct')),
  product_type text not null references product_types (code),
  owner_org_id uuid references organisations (id),
  pooled boolean not null default false,
  check (pooled = (owner_org_id is null)),
  check (kind <> 'intake' or not pooled),
  quantity_kg numeric(14, 3) not null check (quantity_kg > 0 and quantity_kg <= 1000000),
  grade text check (length(grade) <= 60),
  moisture_percent numeric(5, 2) check (moisture_percent between 0 and 100),
  notes text check (length(notes) <= 1000),
  job_id uuid,
  check ((kind in ('output', 'byproduct')) = (job_id is not null)),
  status text not null check (status in ('quarantine', 'released', 'rejected', 'downgraded', 'consumed', 'handed_over')),
  received_at timestamptz not null,
  received_by uuid references users (id) on delete set null,
  received_by_label text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index lots_site_idx on lots (site_id, received_at desc);
create index lots_owner_idx on lots (owner_org_id, site_id) where owner_org_id is not null;
create index lots_job_idx on lots (job_id) where job_id is not null;
create index lots_code_trgm on lots using gin (code gin_trgm_ops);

-- Owners of a pooled lot with their shares (basis points summing to 10,000, checked by the
-- service that writes them in one statement).
create table lot_owners (
  lot_id uuid not null references lots (id),
  owner_org_id uuid not null references organisations (id),
  share_bp integer not null check (share_bp between 1 and 10000),
  kg numeric(14, 3) not null check (kg > 0),
  primary key (lot_id, owner_org_id)
);

create table lot_photos (
  id uuid primary key default gen_random_uuid(),
  lot_id uuid not null references lots (id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  file bytea not null,
  check (octet_length(file) = size_bytes),
  uploaded_by uuid references users (id) on delete set null,
  uploaded_at timestamptz not null default now()
);

-- A process job runs on a machine booking: inputs consumed, outputs produced, waste, utility
-- readings. One job per booking. Times come from the booking's check-in/out.
create table process_jobs (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  booking_id uuid not null unique references bookings (id),
  machine_id uuid not null references machines (id),
  process text not null,
  -- Inputs of several owners only when the job says so (their outputs are pooled lots).
  pooled boolean not null default false,
  status text not null check (status in ('open', 'completed')),
  operator_user_id uuid references users (id) on delete set null,
  started_at timestamptz,
  ended_at timestamptz,
  check (ended_at is null or started_at is null or ended_at >= started_at),
  waste_kg numeric(14, 3) check (waste_kg >= 0),
  stated_gain_kg numeric(14, 3) check (stated_gain_kg >= 0),
  kwh numeric(12, 3) check (kwh >= 0),
  lpg_kg numeric(12, 3) check (lpg_kg >= 0),
  water_m3 numeric(12, 3) check (water_m3 >= 0),
  notes text check (length(notes) <= 1000),
  check (status = 'open' or waste_kg is not null),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index process_jobs_machine_idx on process_jobs (machine_id, started_at);
alter table lots add constraint lots_job_fk foreign key (job_id) references process_jobs (id);

-- What a job consumed from which lot.
create table job_inputs (
  job_id uuid not null references process_jobs (id),
  lot_id uuid not null references lots (id),
  kg numeric(14, 3) not null check (kg > 0),
  primary key (job_id, lot_id)
);
create index job_inputs_lot_idx on job_inputs (lot_id);

-- A lot (or part of it) given back to its owner. The quality gate is enforced here by a
-- trigger as well as by the service: only released or downgraded lots leave custody.
create table handovers (
  id uuid primary key default gen_random_uuid(),
  lot_id uuid not null references lots (id),
  to_org_id uuid not null references organisations (id),
  kg numeric(14, 3) not null check (kg > 0),
  handed_at timestamptz not null,
  handed_by uuid references users (id) on delete set null,
  handed_by_label text not null,
  received_by_name text not null check (length(received_by_name) between 1 and 120),
  notes text check (length(notes) <= 500),
  created_at timestamptz not null default now()
);
create index handovers_lot_idx on handovers (lot_id);
create function handovers_quality_gate() returns trigger language plpgsql as $$
declare s text;
begin
  select status into s from lots where id = new.lot_id for update;
  if s not in ('released', 'downgraded') then
    raise exception 'lot % is % and cannot be handed over', new.lot_id, s using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger handovers_quality_gate before insert on handovers
  for each row execute function handovers_quality_gate();

-- Standards: characteristics with units and physical ranges, test methods.
create table characteristics (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9_]{2,60}$'),
  name_id text not null,
  name_en text not null,
  kind text not null check (kind in ('numeric', 'attribute')),
  unit text,
  check ((kind = 'numeric') = (unit is not null)),
  physical_min numeric,
  physical_max numeric,
  check (physical_max is null or physical_min is null or physical_max > physical_min),
  test_method text
);

-- A specification: a standard (SNI) or a buyer's own, for one product type.
create table specifications (
  id uuid primary key default gen_random_uuid(),
  product_type text not null references product_types (code),
  name text not null check (length(name) between 1 and 200),
  source text not null check (length(source) between 1 and 200),
  buyer_org_id uuid references organisations (id),
  created_at timestamptz not null default now()
);
create table specification_items (
  specification_id uuid not null references specifications (id) on delete cascade,
  characteristic_id uuid not null references characteristics (id),
  lower_limit numeric,
  upper_limit numeric,
  target numeric,
  check (upper_limit is null or lower_limit is null or upper_limit >= lower_limit),
  expected_pass boolean, -- attribute characteristics: what passing means (true: present/conforms)
  position integer not null,
  primary key (specification_id, characteristic_id)
);

-- Which lots a plan covers (product type, stage, optionally one site) and how they are sampled.
create table inspection_plans (
  id uuid primary key default gen_random_uuid(),
  site_id uuid references sites (id),
  product_type text not null references product_types (code),
  stage text not null check (stage in ('incoming', 'in_process', 'final')),
  specification_id uuid not null references specifications (id),
  inspection_level text not null default 'II' check (inspection_level in ('S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III')),
  aql numeric(8, 3) not null default 1.0,
  unit_kg numeric(12, 3) not null default 1 check (unit_kg > 0), -- lot size in units = kg / unit_kg
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index inspection_plans_one_active on inspection_plans (product_type, stage, coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid)) where active;

-- Inspection records are never changed: a correction is a new record that supersedes the old.
create table inspections (
  id uuid primary key default gen_random_uuid(),
  lot_id uuid not null references lots (id),
  plan_id uuid references inspection_plans (id),
  specification_id uuid not null references specifications (id),
  stage text not null check (stage in ('incoming', 'in_process', 'final')),
  sample_size integer check (sample_size > 0),
  defectives integer check (defectives >= 0),
  check (defectives is null or sample_size is not null and defectives <= sample_size),
  verdict text not null check (verdict in ('pass', 'fail')),
  supersedes_id uuid unique references inspections (id),
  inspector_user_id uuid references users (id) on delete set null,
  inspector_label text not null,
  inspected_at timestamptz not null,
  notes text check (length(notes) <= 1000),
  lab_report_name text,
  lab_report bytea,
  check ((lab_report is null) = (lab_report_name is null)),
  created_at timestamptz not null default now()
);
create index inspections_lot_idx on inspections (lot_id, inspected_at);
create table inspection_results (
  inspection_id uuid not null references inspections (id),
  characteristic_id uuid not null references characteristics (id),
  value numeric,
  passed boolean not null,
  check (value is not null or passed is not null),
  primary key (inspection_id, characteristic_id)
);
create index inspection_results_char_idx on inspection_results (characteristic_id, inspection_id);
create function quality_records_immutable() returns trigger language plpgsql as $$
begin
  raise exception '% is a signed record and cannot change; record a correction instead', tg_table_name
    using errcode = 'check_violation';
end $$;
create trigger inspections_immutable before update or delete on inspections
  for each row execute function quality_records_immutable();
create trigger inspection_results_immutable before update or delete on inspection_results
  for each row execute function quality_records_immutable();

-- Non-conformance and corrective action. Closing needs a disposition, a root cause, every
-- action done and the verification recorded.
create table non_conformances (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  lot_id uuid not null references lots (id),
  inspection_id uuid references inspections (id),
  title text not null check (length(title) between 1 and 300),
  status text not null check (status in ('open', 'closed')),
  disposition text check (disposition in ('rework', 'downgrade', 'scrap', 'return')),
  root_cause text check (length(root_cause) <= 2000),
  verification text check (length(verification) <= 2000),
  opened_at timestamptz not null,
  closed_at timestamptz,
  closed_by uuid references users (id) on delete set null,
  check ((status = 'closed') = (closed_at is not null)),
  check (status <> 'closed' or (disposition is not null and root_cause is not null and verification is not null))
);
create index non_conformances_site_idx on non_conformances (site_id, status);
create unique index non_conformances_one_per_inspection on non_conformances (inspection_id) where inspection_id is not null;
create table nc_actions (
  id uuid primary key default gen_random_uuid(),
  nc_id uuid not null references non_conformances (id),
  description text not null check (length(description) between 1 and 500),
  owner_user_id uuid references users (id) on delete set null,
  due_on date not null,
  done_at timestamptz,
  created_at timestamptz not null default now()
);

-- Certificates of analysis: the content as issued (JSON), its SHA-256, and the public secret
-- in the QR code. Never changed: the public page recomputes the hash to show it is genuine.
create table certificates (
  id uuid primary key default gen_random_uuid(),
  lot_id uuid not null unique references lots (id),
  number text not null unique,
  content jsonb not null,
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  public_token text not null unique check (length(public_token) >= 20),
  issued_at timestamptz not null,
  issued_by uuid references users (id) on delete set null
);
create trigger certificates_immutable before update or delete on certificates
  for each row execute function quality_records_immutable();

-- Standards shipped with RPB (the demo commodities). Values as published in the SNI; buyers'
-- own specifications are added in the app.
insert into characteristics (code, name_id, name_en, kind, unit, physical_min, physical_max, test_method) values
  ('oil_colour', 'Warna (kuning muda – cokelat kemerahan)', 'Colour (light yellow – reddish brown)', 'attribute', null, null, null, 'SNI 06-2385-2006 butir 6.1 (visual)'),
  ('oil_specific_gravity', 'Bobot jenis 25 °C/25 °C', 'Specific gravity 25 °C/25 °C', 'numeric', '-', 0.5, 1.5, 'SNI 06-2385-2006 (piknometer)'),
  ('oil_refractive_index', 'Indeks bias nD20', 'Refractive index nD20', 'numeric', '-', 1.3, 1.7, 'SNI 06-2385-2006 (refraktometer)'),
  ('oil_solubility_ethanol', 'Kelarutan dalam etanol 90% (1:10, jernih/opalesensi ringan)', 'Solubility in 90% ethanol (1:10, clear or slightly opalescent)', 'attribute', null, null, null, 'SNI 06-2385-2006'),
  ('oil_acid_value', 'Bilangan asam', 'Acid value', 'numeric', 'mg KOH/g', 0, 200, 'SNI 06-2385-2006 (titrasi)'),
  ('oil_ester_value', 'Bilangan ester', 'Ester value', 'numeric', 'mg KOH/g', 0, 300, 'SNI 06-2385-2006 (titrasi)'),
  ('oil_patchouli_alcohol', 'Patchouli alcohol (C15H26O)', 'Patchouli alcohol (C15H26O)', 'numeric', '%', 0, 100, 'SNI 06-2385-2006 (GC)'),
  ('oil_alpha_copaene', 'Alfa kopaena (C15H24)', 'Alpha-copaene (C15H24)', 'numeric', '%', 0, 100, 'SNI 06-2385-2006 (GC)'),
  ('oil_iron', 'Kandungan besi (Fe)', 'Iron (Fe)', 'numeric', 'mg/kg', 0, 10000, 'SNI 06-2385-2006 (AAS)'),
  ('cocoa_live_insects', 'Serangga hidup (tidak ada)', 'Live insects (none)', 'attribute', null, null, null, 'SNI 2323:2008'),
  ('cocoa_moisture', 'Kadar air', 'Moisture content', 'numeric', '% fraksi massa', 0, 100, 'SNI 2323:2008 (oven)'),
  ('cocoa_smoky_abnormal', 'Biji berbau asap/abnormal/asing (tidak ada)', 'Smoky, abnormal or foreign odour (none)', 'attribute', null, null, null, 'SNI 2323:2008'),
  ('cocoa_foreign_matter', 'Benda asing (tidak ada)', 'Foreign matter (none)', 'attribute', null, null, null, 'SNI 2323:2008'),
  ('cocoa_mouldy', 'Biji berjamur', 'Mouldy beans', 'numeric', '% biji/biji', 0, 100, 'SNI 2323:2008 (uji belah)'),
  ('cocoa_slaty', 'Biji slaty', 'Slaty beans', 'numeric', '% biji/biji', 0, 100, 'SNI 2323:2008 (uji belah)'),
  ('cocoa_insect_damaged', 'Biji berserangga', 'Insect-damaged beans', 'numeric', '% biji/biji', 0, 100, 'SNI 2323:2008 (uji belah)'),
  ('cocoa_waste', 'Kadar kotoran (waste)', 'Waste', 'numeric', '% fraksi massa', 0, 100, 'SNI 2323:2008'),
  ('cocoa_germinated', 'Biji berkecambah', 'Germinated beans', 'numeric', '% biji/biji', 0, 100, 'SNI 2323:2008'),
  ('cocoa_bean_count', 'Jumlah biji per 100 g', 'Bean count per 100 g', 'numeric', 'biji/100 g', 40, 250, 'SNI 2323:2008');

insert into specifications (id, product_type, name, source) values
  ('5a1e0000-0000-4000-8000-000000002385', 'patchouli_oil', 'Minyak nilam — mutu SNI', 'SNI 06-2385-2006'),
  ('5a1e0000-0000-4000-8000-000000002323', 'cocoa_beans', 'Biji kakao — Mutu I', 'SNI 2323:2008');

insert into specification_items (specification_id, characteristic_id, lower_limit, upper_limit, expected_pass, position)
select '5a1e0000-0000-4000-8000-000000002385', c.id, v.lo, v.hi, v.ok, v.pos
from (values
  ('oil_colour', null::numeric, null::numeric, true, 1),
  ('oil_specific_gravity', 0.950, 0.975, null::boolean, 2),
  ('oil_refractive_index', 1.507, 1.515, null, 3),
  ('oil_solubility_ethanol', null, null, true, 4),
  ('oil_acid_value', null, 8, null, 5),
  ('oil_ester_value', null, 20, null, 6),
  ('oil_patchouli_alcohol', 30, null, null, 7),
  ('oil_alpha_copaene', null, 0.5, null, 8),
  ('oil_iron', null, 25, null, 9)
) as v(code, lo, hi, ok, pos) join characteristics c on c.code = v.code;

insert into specification_items (specification_id, characteristic_id, lower_limit, upper_limit, expected_pass, position)
select '5a1e0000-0000-4000-8000-000000002323', c.id, v.lo, v.hi, v.ok, v.pos
from (values
  ('cocoa_live_insects', null::numeric, null::numeric, true, 1),
  ('cocoa_moisture', null, 7.5, null::boolean, 2),
  ('cocoa_smoky_abnormal', null, null, true, 3),
  ('cocoa_foreign_matter', null, null, true, 4),
  ('cocoa_mouldy', null, 2, null, 5),
  ('cocoa_slaty', null, 3, null, 6),
  ('cocoa_insect_damaged', null, 2, null, 7),
  ('cocoa_waste', null, 1.5, null, 8),
  ('cocoa_germinated', null, 2, null, 9)
) as v(code, lo, hi, ok, pos) join characteristics c on c.code = v.code;

-- Default plans: every patchouli-oil and dried-cocoa lot is inspected before it leaves.
insert into inspection_plans (product_type, stage, specification_id, inspection_level, aql, unit_kg) values
  ('patchouli_oil', 'final', '5a1e0000-0000-4000-8000-000000002385', 'S-2', 1.0, 1),
  ('cocoa_beans', 'final', '5a1e0000-0000-4000-8000-000000002323', 'II', 2.5, 62.5);
`;
