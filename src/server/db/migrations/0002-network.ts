/**
 * Migration 0002 — the network skeleton that roles are scoped to: programmes, organisations,
 * clusters, sites, site members and machines, and the role grants that point at them.
 * The registry issue extends these tables; the foundation needs them for scopes and demo data.
 */
export const name = '0002-network';

export const up = /* sql */ `
create table programmes (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  funding_source text not null check (funding_source in ('apbn_tp', 'dak', 'lpdb', 'csr', 'apbd')),
  year integer not null check (year between 2000 and 2100),
  budget bigint not null default 0 check (budget >= 0), -- integer Rupiah
  created_at timestamptz not null default now()
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('umkm', 'cooperative', 'buyer', 'regional_government')),
  name text not null,
  nib text check (nib ~ '^[0-9]{13}$'),
  npwp text check (npwp ~ '^[0-9]{15,16}$'),
  province text,
  regency text,
  created_at timestamptz not null default now()
);
create index organisations_name_trgm on organisations using gin (name gin_trgm_ops);

create table clusters (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programmes (id),
  name text not null,
  commodity text not null,
  province text not null,
  regency text not null,
  created_at timestamptz not null default now()
);

create table sites (
  id uuid primary key default gen_random_uuid(),
  cluster_id uuid not null references clusters (id),
  code text not null unique,
  name text not null,
  operator_org_id uuid references organisations (id),
  asset_owner_org_id uuid references organisations (id),
  province text not null,
  regency text not null,
  region_code text check (region_code ~ '^[0-9]{2}(\\.[0-9]{2}){0,3}(\\.[0-9]{4})?$'),
  address text,
  time_zone text not null check (time_zone in ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')),
  created_at timestamptz not null default now()
);
create index sites_cluster_idx on sites (cluster_id);

-- Which UMKM are registered members at which site.
create table site_members (
  site_id uuid not null references sites (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  joined_on date not null default current_date,
  primary key (site_id, organisation_id)
);

create table machines (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  code text not null,
  name text not null,
  process text not null,
  capacity numeric(14, 3) check (capacity > 0),
  capacity_unit text,
  acquisition_value bigint not null default 0 check (acquisition_value >= 0), -- integer Rupiah
  status text not null default 'active' check (status in ('active', 'maintenance', 'broken', 'retired')),
  created_at timestamptz not null default now(),
  unique (site_id, code)
);

-- A role granted on a scope. Exactly the scope column that fits the role is set, so a grant can
-- never point at the wrong kind of thing (administrator: whole system; programme officer: one
-- programme or, with none set, the whole system; site roles: a site; member and buyer: their
-- organisation). Foreign keys keep every scope real.
create table role_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('administrator', 'programme_officer', 'site_manager', 'site_operator', 'umkm_member', 'buyer')),
  programme_id uuid references programmes (id) on delete cascade,
  site_id uuid references sites (id) on delete cascade,
  organisation_id uuid references organisations (id) on delete cascade,
  created_at timestamptz not null default now(),
  check (
    (role = 'administrator' and programme_id is null and site_id is null and organisation_id is null)
    or (role = 'programme_officer' and site_id is null and organisation_id is null)
    or (role in ('site_manager', 'site_operator') and site_id is not null and programme_id is null and organisation_id is null)
    or (role in ('umkm_member', 'buyer') and organisation_id is not null and programme_id is null and site_id is null)
  ),
  unique nulls not distinct (user_id, role, programme_id, site_id, organisation_id)
);
create index role_grants_user_idx on role_grants (user_id);
`;
