/**
 * Migration 0006 — factory sharing (the booking issue): booking rules per machine, bookings and
 * outages of machine time in one table (so one exclusion constraint covers both), recurring
 * series, the wait list, secret calendar feeds, and site coordinates for "nearest site" search.
 */
export const name = '0006-bookings';

export const up = /* sql */ `
-- Where a site is, for ranking sites by distance. Both or neither; inside Indonesia's box.
alter table sites add column latitude numeric(8, 5) check (latitude between -11.5 and 6.5);
alter table sites add column longitude numeric(8, 5) check (longitude between 94.5 and 141.5);
alter table sites add constraint sites_coordinates_complete check ((latitude is null) = (longitude is null));

-- How a machine may be booked. A machine without a row uses the defaults of bookings.ts.
-- Lengths are in minutes on the slot grid (from local midnight at the site). Weekly quotas are
-- hours per member organisation per ISO week (site time), by the organisation's size class;
-- null means no limit.
create table machine_booking_rules (
  machine_id uuid primary key references machines (id) on delete cascade,
  slot_minutes integer not null check (slot_minutes in (5, 10, 15, 20, 30, 60, 120, 240)),
  min_minutes integer not null check (min_minutes > 0),
  max_minutes integer not null check (max_minutes <= 20160),
  check (max_minutes >= min_minutes),
  check (min_minutes % slot_minutes = 0 and max_minutes % slot_minutes = 0),
  lead_minutes integer not null check (lead_minutes between 0 and 43200),
  horizon_days integer not null check (horizon_days between 1 and 366),
  approval_required boolean not null,
  qualification_required boolean not null,
  service_mode_allowed boolean not null,
  no_show_grace_minutes integer not null check (no_show_grace_minutes between 5 and 240),
  offer_hold_minutes integer not null check (offer_hold_minutes between 5 and 2880),
  weekly_hours_micro integer check (weekly_hours_micro between 1 and 168),
  weekly_hours_small integer check (weekly_hours_small between 1 and 168),
  weekly_hours_medium integer check (weekly_hours_medium between 1 and 168),
  weekly_hours_large integer check (weekly_hours_large between 1 and 168),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);

-- A recurring request: every occurrence is a booking row of its own (checked one by one).
create table booking_series (
  id uuid primary key default gen_random_uuid(),
  machine_id uuid not null references machines (id),
  member_org_id uuid not null references organisations (id),
  frequency text not null check (frequency in ('daily', 'weekly')),
  interval integer not null check (interval between 1 and 12),
  until_date date,
  occurrences integer check (occurrences between 1 and 366),
  -- Until a date or a count, never both, never neither.
  check ((until_date is null) <> (occurrences is null)),
  first_starts_at timestamptz not null,
  first_ends_at timestamptz not null check (first_ends_at > first_starts_at),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

-- Machine time: member bookings and outages (planned maintenance, breakdowns).
--   requested  waits for the site's approval        confirmed  booked
--   offered    held for a wait-listed member until offer_expires_at
--   checked_in in use                                 completed  checked out
--   cancelled / rejected / no_show / expired          released time
-- Outages are 'confirmed' while they stand and 'cancelled' when lifted.
create table bookings (
  id uuid primary key default gen_random_uuid(),
  machine_id uuid not null references machines (id),
  kind text not null check (kind in ('booking', 'outage')),
  status text not null check (status in ('requested', 'confirmed', 'offered', 'checked_in', 'completed', 'cancelled', 'rejected', 'no_show', 'expired')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  check (ends_at > starts_at),
  -- Bookings: who for, by whom, how.
  member_org_id uuid references organisations (id),
  person_id uuid references people (id),
  mode text check (mode in ('self', 'service')),
  operator_user_id uuid references users (id) on delete set null,
  series_id uuid references booking_series (id),
  booked_by uuid references users (id) on delete set null,
  booked_by_label text not null,
  notes text check (length(notes) <= 1000),
  -- Outages: what kind and why.
  outage_kind text check (outage_kind in ('maintenance', 'breakdown')),
  reason text check (length(reason) <= 500),
  -- Life of a booking.
  offer_expires_at timestamptz,
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  decision_reason text check (length(decision_reason) <= 500),
  cancelled_at timestamptz,
  cancelled_by uuid references users (id) on delete set null,
  cancel_reason text check (length(cancel_reason) <= 500),
  displaced_by_outage_id uuid references bookings (id),
  checked_in_at timestamptz,
  checked_in_by uuid references users (id) on delete set null,
  checked_out_at timestamptz,
  checked_out_by uuid references users (id) on delete set null,
  no_show_at timestamptz,
  reminder_sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A booking names its member and mode; an outage names its kind and nothing of a booking.
  check ((kind = 'booking') = (member_org_id is not null)),
  check ((kind = 'booking') = (mode is not null)),
  check ((kind = 'outage') = (outage_kind is not null)),
  check (kind = 'booking' or (person_id is null and series_id is null and operator_user_id is null)),
  check (kind = 'booking' or status in ('confirmed', 'cancelled')),
  -- Only service-mode bookings have an assigned operator.
  check (operator_user_id is null or mode = 'service'),
  check ((status = 'offered') <= (offer_expires_at is not null)),
  check (status not in ('checked_in', 'completed') or checked_in_at is not null),
  check ((status = 'completed') = (checked_out_at is not null)),
  check (checked_out_at is null or checked_out_at >= checked_in_at),
  check (status <> 'cancelled' or cancelled_at is not null),
  check ((status = 'no_show') = (no_show_at is not null)),
  check (status <> 'rejected' or decided_at is not null),
  -- THE booking invariant: two pieces of machine time that hold the machine (requested,
  -- confirmed, offered, in use; outages that stand) never overlap on one machine. [start, end)
  -- so 08:00-10:00 and 10:00-12:00 touch without overlapping. The service checks first to say
  -- which booking is in the way; this constraint is what makes a double booking impossible,
  -- also under concurrent requests (error 23P01 → booking_conflict).
  constraint bookings_no_overlap exclude using gist (
    machine_id with =,
    tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status in ('requested', 'confirmed', 'offered', 'checked_in'))
);
create index bookings_machine_idx on bookings (machine_id, starts_at);
create index bookings_member_idx on bookings (member_org_id, starts_at) where member_org_id is not null;
create index bookings_series_idx on bookings (series_id) where series_id is not null;
create index bookings_open_idx on bookings (starts_at) where status in ('requested', 'confirmed', 'offered', 'checked_in');

-- The wait list: a member wants 'minutes' of a machine somewhere in [window_start, window_end).
-- First come, first served (seq: the order of joining). One live entry per member, machine and
-- window.
create table waitlist_entries (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  machine_id uuid not null references machines (id),
  member_org_id uuid not null references organisations (id),
  window_start timestamptz not null,
  window_end timestamptz not null,
  minutes integer not null check (minutes > 0),
  check (window_end > window_start),
  check (window_end - window_start >= make_interval(mins => minutes)),
  status text not null check (status in ('waiting', 'offered', 'booked', 'cancelled', 'expired')),
  offer_booking_id uuid references bookings (id),
  check ((status in ('offered', 'booked')) <= (offer_booking_id is not null)),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index waitlist_live_key on waitlist_entries (machine_id, member_org_id, window_start, window_end)
  where status in ('waiting', 'offered');
create index waitlist_machine_idx on waitlist_entries (machine_id, seq) where status = 'waiting';

-- Secret calendar (iCal) feeds of one machine or one member organisation. Only the SHA-256 of
-- the secret in the URL is stored; a revoked feed answers 404.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  machine_id uuid references machines (id) on delete cascade,
  organisation_id uuid references organisations (id) on delete cascade,
  check ((machine_id is null) <> (organisation_id is null)),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
`;
