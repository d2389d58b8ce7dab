/**
 * Migration 0005 — people and qualifications (registry issue, item 5): members' workers,
 * training sessions per machine type with attendance, qualifications granted at a site that
 * lapse after N months without use (per machine type), and the rules that set N.
 *
 * Machine types are the equipment capabilities of 0004 (machines.capabilities). The list is
 * repeated here as a check constraint rather than imported: migrations import no app code and
 * stay frozen, and 0004 keeps its list private. A later migration that extends the capability
 * list must replace the `*_machine_type_check` constraints below as well (the feature's tests
 * compare this list with the one the machines table accepts, so a drift fails loudly).
 */
export const name = '0005-qualifications';

const MACHINE_TYPES = [
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
const typeCheck = (table: string) =>
  `constraint ${table}_machine_type_check check (machine_type in (${MACHINE_TYPES.map((t) => `'${t}'`).join(', ')}))`;

export const up = /* sql */ `
-- The people of a member organisation: its owner and workers. The NIK is personal data
-- (UU 27/2022): digits only, shown in full only to the organisation itself and administrators.
create table people (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  nik text check (nik ~ '^[0-9]{16}$'),
  phone text check (phone ~ '^\\+[0-9]{8,15}$'),
  email text check (email = lower(email) and email like '%_@_%' and length(email) <= 254),
  role text not null default 'worker' check (role in ('owner', 'worker')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_organisation_idx on people (organisation_id, name, id);
-- Search by name (trigram).
create index people_name_trgm on people using gin (name gin_trgm_ops);
-- One NIK belongs to one person of an organisation (the same human may work for two members).
create unique index people_nik_key on people (organisation_id, nik) where nik is not null;

-- How long a qualification lasts without use, per machine type. Types without a row use the
-- application's default (12 months).
create table qualification_rules (
  machine_type text primary key,
  months_without_use integer not null check (months_without_use between 1 and 120),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null,
  ${typeCheck('qualification_rules')}
);

-- A training on one machine type at a site, given by a trainer with an account.
create table training_sessions (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  machine_type text not null,
  held_on date not null,
  trainer_user_id uuid not null references users (id),
  title text not null check (length(title) between 1 and 200),
  notes text check (length(notes) <= 2000),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  ${typeCheck('training_sessions')}
);
create index training_sessions_site_idx on training_sessions (site_id, held_on desc);

-- Who attended a session and whether they passed; once per person and session. A person with
-- attendance cannot be deleted (no cascade): the training record outlives a change of mind.
create table training_attendance (
  session_id uuid not null references training_sessions (id) on delete cascade,
  person_id uuid not null references people (id),
  passed boolean not null,
  recorded_at timestamptz not null default now(),
  recorded_by uuid references users (id) on delete set null,
  primary key (session_id, person_id)
);
create index training_attendance_person_idx on training_attendance (person_id);

-- A person's qualification on a machine type, granted at a site by site staff. It lapses
-- N months (qualification_rules) after its last use, or after the grant if never used.
-- Revoked ones stay for the record, with who revoked them, when and why.
create table qualifications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  machine_type text not null,
  site_id uuid not null references sites (id),
  granted_by uuid references users (id) on delete set null,
  granted_by_label text not null,
  granted_on date not null,
  last_used_on date,
  -- The passed training it rests on, if any: the attendance of this very person (composite
  -- key), which then cannot be removed.
  training_session_id uuid,
  foreign key (training_session_id, person_id) references training_attendance (session_id, person_id),
  revoked_at timestamptz,
  revoked_by uuid references users (id) on delete set null,
  revoked_reason text check (length(revoked_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  ${typeCheck('qualifications')},
  -- Use is recorded from the grant on, never before it.
  check (last_used_on is null or last_used_on >= granted_on),
  -- A revocation always says why; a reason never stands without a revocation.
  check ((revoked_at is null) = (revoked_reason is null)),
  check (revoked_by is null or revoked_at is not null)
);
-- At most one unrevoked qualification per person and machine type (a lapsed one is revoked
-- by the service when a new one is granted).
create unique index qualifications_active_key on qualifications (person_id, machine_type)
  where revoked_at is null;
create index qualifications_site_idx on qualifications (site_id, machine_type);
create index qualifications_session_idx on qualifications (training_session_id)
  where training_session_id is not null;
`;
