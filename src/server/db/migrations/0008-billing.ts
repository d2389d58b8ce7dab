/**
 * Migration 0008 — money (the billing issue): site billing policy, dated PPN rates, tariffs per
 * machine and customer class, priced items (consumables, utilities), programme subsidies,
 * prepaid hour packs, charges from machine use, gapless invoice numbers, immutable invoices
 * and credit notes, payments and their allocation. All amounts are integer Rupiah (bigint).
 */
export const name = '0008-billing';

export const up = /* sql */ `
-- How a site bills. pkp: the billing cooperative is a Pengusaha Kena Pajak (charges PPN).
create table site_billing_settings (
  site_id uuid primary key references sites (id) on delete cascade,
  pkp boolean not null default false,
  seller_name text not null check (length(seller_name) between 1 and 200),
  seller_npwp text check (seller_npwp ~ '^[0-9]{15,16}$'),
  seller_address text check (length(seller_address) <= 500),
  -- A PKP must state its NPWP on every invoice.
  check (not pkp or seller_npwp is not null),
  bank_account text check (length(bank_account) <= 200),
  charge_basis text not null default 'actual' check (charge_basis in ('actual', 'booked')),
  rounding text not null default 'slot_up' check (rounding in ('slot_up', 'minute')),
  no_show_percent integer not null default 50 check (no_show_percent between 0 and 100),
  late_cancel_percent integer not null default 25 check (late_cancel_percent between 0 and 100),
  late_cancel_window_minutes integer not null default 1440 check (late_cancel_window_minutes between 0 and 20160),
  payment_terms_days integer not null default 14 check (payment_terms_days between 0 and 120),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);

-- PPN as dated configuration: rate × DPP, DPP = base × numerator / denominator (PMK 131/2024:
-- 12% × 11/12 from 2025; 11% × 1 from April 2022). A new rule is a new row, never an edit.
create table ppn_rates (
  valid_from date primary key,
  rate_bp integer not null check (rate_bp between 0 and 10000), -- basis points: 1200 = 12%
  dpp_numerator integer not null check (dpp_numerator > 0),
  dpp_denominator integer not null check (dpp_denominator >= dpp_numerator),
  source text not null
);
insert into ppn_rates values
  ('2022-04-01', 1100, 1, 1, 'UU 7/2021 (HPP)'),
  ('2025-01-01', 1200, 11, 12, 'PMK 131/2024: DPP nilai lain 11/12 for non-luxury goods and services');

-- Tariffs per machine, basis and customer class, with validity. valid_to is inclusive (null:
-- open). Two tariffs for the same machine, basis and class never overlap in time.
create table tariffs (
  id uuid primary key default gen_random_uuid(),
  machine_id uuid not null references machines (id) on delete cascade,
  basis text not null check (basis in ('per_hour', 'per_batch', 'per_kg')),
  customer_class text not null check (customer_class in ('member_micro', 'member_small', 'member_medium', 'member_large', 'non_member')),
  unit_price bigint not null check (unit_price >= 0),
  operator_fee_per_hour bigint not null default 0 check (operator_fee_per_hour >= 0),
  valid_from date not null,
  valid_to date check (valid_to >= valid_from),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint tariffs_no_overlap exclude using gist (
    machine_id with =, basis with =, customer_class with =,
    daterange(valid_from, valid_to, '[]') with &&
  )
);

-- Consumables and utilities a site sells by unit (kWh, m³ water, kg LPG, packaging).
create table priced_items (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9_-]{1,30}$'),
  name text not null check (length(name) between 1 and 120),
  unit text not null check (length(unit) between 1 and 20),
  unit_price bigint not null check (unit_price >= 0),
  taxable boolean not null default true,
  valid_from date not null,
  valid_to date check (valid_to >= valid_from),
  created_at timestamptz not null default now(),
  constraint priced_items_no_overlap exclude using gist (
    site_id with =, code with =, daterange(valid_from, valid_to, '[]') with &&
  )
);

-- Subsidies a programme funds on machine use: a percentage for some customer classes, capped
-- per member and month in minutes and/or Rupiah.
create table subsidies (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programmes (id),
  site_id uuid references sites (id),
  name text not null check (length(name) between 1 and 200),
  percent integer not null check (percent between 1 and 100),
  classes text[] not null check (cardinality(classes) > 0 and classes <@ array['member_micro', 'member_small', 'member_medium', 'member_large', 'non_member']),
  max_minutes_per_month integer check (max_minutes_per_month > 0),
  max_amount_per_month bigint check (max_amount_per_month > 0),
  valid_from date not null,
  valid_to date check (valid_to >= valid_from),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

-- Prepaid hour packs: debited only by confirmed use inside their validity, never beyond what
-- they hold.
create table hour_packs (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  member_org_id uuid not null references organisations (id),
  machine_id uuid references machines (id),
  name text not null check (length(name) between 1 and 120),
  minutes_total integer not null check (minutes_total > 0),
  minutes_used integer not null default 0 check (minutes_used >= 0),
  check (minutes_used <= minutes_total),
  price bigint not null check (price >= 0),
  valid_from date not null,
  valid_to date not null check (valid_to >= valid_from),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

-- Gapless numbering: one counter per site, year and kind, bumped inside the invoicing
-- transaction (its row lock serialises concurrent runs; a rollback gives the number back).
create table invoice_counters (
  site_id uuid not null references sites (id),
  year integer not null check (year between 2000 and 2100),
  kind text not null check (kind in ('invoice', 'credit_note')),
  last_seq integer not null default 0 check (last_seq >= 0),
  primary key (site_id, year, kind)
);

-- Invoices and credit notes. Amounts are stored as issued (seller and buyer snapshot too), and
-- the totals must add up. Issued documents are immutable (trigger below).
create table invoices (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  member_org_id uuid not null references organisations (id),
  kind text not null check (kind in ('invoice', 'credit_note')),
  year integer not null,
  seq integer not null check (seq > 0),
  number text not null unique,
  unique (site_id, year, kind, seq),
  credited_invoice_id uuid references invoices (id),
  check ((kind = 'credit_note') = (credited_invoice_id is not null)),
  reason text check (length(reason) <= 500),
  issued_on date not null,
  due_on date not null check (due_on >= issued_on),
  period_from date,
  period_to date,
  check (period_to is null or period_to >= period_from),
  seller jsonb not null check (jsonb_typeof(seller) = 'object'),
  buyer jsonb not null check (jsonb_typeof(buyer) = 'object'),
  pkp boolean not null,
  ppn_rate_bp integer not null,
  dpp_numerator integer not null,
  dpp_denominator integer not null,
  subtotal bigint not null check (subtotal >= 0),
  discounts bigint not null check (discounts >= 0),
  subsidies bigint not null check (subsidies >= 0),
  net bigint not null check (net >= 0),
  dpp bigint not null check (dpp >= 0),
  ppn bigint not null check (ppn >= 0),
  total bigint not null check (total >= 0),
  check (net = subtotal - discounts - subsidies),
  check (total = net + ppn),
  check (pkp or ppn = 0),
  created_by uuid references users (id) on delete set null,
  created_by_label text not null,
  created_at timestamptz not null default now()
);
create index invoices_member_idx on invoices (member_org_id, issued_on);
create index invoices_site_idx on invoices (site_id, issued_on);
-- One credit note per invoice (a credit note credits the whole invoice).
create unique index invoices_one_credit_note on invoices (credited_invoice_id) where credited_invoice_id is not null;

create table invoice_lines (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references invoices (id),
  position integer not null check (position > 0),
  unique (invoice_id, position),
  description text not null check (length(description) between 1 and 300),
  quantity numeric(14, 3) not null check (quantity >= 0),
  unit text not null,
  unit_price bigint not null check (unit_price >= 0),
  gross bigint not null check (gross >= 0),
  discount bigint not null check (discount >= 0),
  subsidy bigint not null check (subsidy >= 0),
  net bigint not null check (net >= 0),
  check (net = gross - discount - subsidy),
  taxable boolean not null
);

-- What is owed, from machine use and sales, before it is invoiced. A booking yields at most
-- one charge of each kind (so a booking is never billed twice, whatever runs concurrently),
-- and a charge lands on at most one invoice.
create table charges (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  member_org_id uuid not null references organisations (id),
  booking_id uuid references bookings (id),
  machine_id uuid references machines (id),
  kind text not null check (kind in ('usage', 'operator_fee', 'no_show', 'late_cancel', 'item', 'pack', 'adjustment')),
  check (kind not in ('usage', 'operator_fee', 'no_show', 'late_cancel') or booking_id is not null),
  description text not null check (length(description) between 1 and 300),
  usage_date date not null,
  quantity numeric(14, 3) not null check (quantity >= 0),
  unit text not null,
  unit_price bigint not null check (unit_price >= 0),
  gross bigint not null check (gross >= 0),
  discount bigint not null default 0 check (discount >= 0),
  subsidy bigint not null default 0 check (subsidy >= 0),
  subsidy_id uuid references subsidies (id),
  check (subsidy = 0 or subsidy_id is not null),
  subsidised_minutes integer not null default 0 check (subsidised_minutes >= 0),
  pack_id uuid references hour_packs (id),
  pack_minutes integer not null default 0 check (pack_minutes >= 0),
  check (pack_minutes = 0 or pack_id is not null),
  net bigint not null check (net >= 0),
  check (net = gross - discount - subsidy),
  taxable boolean not null default true,
  invoice_id uuid references invoices (id),
  invoice_line_id uuid unique references invoice_lines (id),
  check ((invoice_id is null) = (invoice_line_id is null)),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index charges_once_per_booking on charges (booking_id, kind) where booking_id is not null;
create index charges_open_idx on charges (site_id, usage_date) where invoice_id is null;
create index charges_member_idx on charges (member_org_id, usage_date);
create index charges_subsidy_idx on charges (subsidy_id, member_org_id, usage_date) where subsidy_id is not null;

-- Issued documents never change: corrections are credit notes. A charge may be invoiced once
-- (invoice_id set from null) and is frozen afterwards.
create function billing_immutable() returns trigger language plpgsql as $$
begin
  raise exception '% rows are immutable once issued', tg_table_name using errcode = 'check_violation';
end $$;
create trigger invoices_immutable before update or delete on invoices
  for each row execute function billing_immutable();
create trigger invoice_lines_immutable before update or delete on invoice_lines
  for each row execute function billing_immutable();
create function charges_frozen_once_invoiced() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.invoice_id is not null then
      raise exception 'an invoiced charge cannot be deleted' using errcode = 'check_violation';
    end if;
    return old;
  end if;
  if old.invoice_id is not null then
    raise exception 'an invoiced charge cannot change' using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger charges_frozen before update or delete on charges
  for each row execute function charges_frozen_once_invoiced();

-- Payments recorded by staff (cash, transfer, virtual account, QRIS), and how they are
-- allocated to invoices. A reference is recorded once per site and method (idempotent).
create table payments (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites (id),
  member_org_id uuid not null references organisations (id),
  method text not null check (method in ('cash', 'bank_transfer', 'virtual_account', 'qris')),
  reference text check (length(reference) between 1 and 100),
  check (method = 'cash' or reference is not null),
  amount bigint not null check (amount > 0),
  received_on date not null,
  notes text check (length(notes) <= 500),
  recorded_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index payments_reference_key on payments (site_id, method, reference) where reference is not null;
create index payments_member_idx on payments (member_org_id, received_on);

create table payment_allocations (
  payment_id uuid not null references payments (id),
  invoice_id uuid not null references invoices (id),
  amount bigint not null check (amount > 0),
  primary key (payment_id, invoice_id)
);
create index payment_allocations_invoice_idx on payment_allocations (invoice_id);

-- Allocations never exceed the payment, nor what the invoice still owes (its total less its
-- credit note). Checked at commit, after every row of the transaction is in.
create function payment_allocations_within() returns trigger language plpgsql as $$
declare
  paid bigint; allocated bigint; owed bigint; credited bigint; inv_kind text;
begin
  select amount into paid from payments where id = new.payment_id;
  select coalesce(sum(amount), 0) into allocated from payment_allocations where payment_id = new.payment_id;
  if allocated > paid then
    raise exception 'allocations exceed the payment' using errcode = 'check_violation';
  end if;
  select total, kind into owed, inv_kind from invoices where id = new.invoice_id;
  if inv_kind <> 'invoice' then
    raise exception 'payments are allocated to invoices, not credit notes' using errcode = 'check_violation';
  end if;
  select coalesce(sum(total), 0) into credited from invoices where credited_invoice_id = new.invoice_id;
  select coalesce(sum(amount), 0) into allocated from payment_allocations where invoice_id = new.invoice_id;
  if allocated > owed - credited then
    raise exception 'allocations exceed what the invoice owes' using errcode = 'check_violation';
  end if;
  return null;
end $$;
create constraint trigger payment_allocations_within after insert or update on payment_allocations
  deferrable initially deferred
  for each row execute function payment_allocations_within();
`;
