/**
 * Migration 0013 — what a non-conformance's disposition does to its lot, and restarting
 * discontinued sampling (issue #6).
 *
 * 1. Two more lot statuses, set only by the quality service when an NC closes:
 *    - `scrapped`: the material is written off (out of stock, never leaves, never processed);
 *    - `returned`: the non-conforming material goes back to its owner as it is. It may be
 *      handed over, and the handover row then says it was a return of non-conforming material
 *      (`nonconforming_return`, set by the trigger from the lot's status, so no path can
 *      forget or fake it).
 *    The handovers trigger is replaced: released, downgraded and returned lots may leave;
 *    everything else is refused as before.
 * 2. `sampling_restarts`: after ISO 2859-1 discontinuation (clause 9.4: five lots rejected on
 *    tightened inspection) a site manager restarts inspection under the plan, at tightened
 *    inspection, for one site (and one owner for incoming inspection). The switching history
 *    then starts at the latest restart.
 * 3. An index for reading a plan's history lot by lot.
 */
export const name = '0013-quality-dispositions';

export const up = /* sql */ `
alter table lots drop constraint lots_status_check;
alter table lots add constraint lots_status_check check (status in
  ('quarantine', 'released', 'rejected', 'downgraded', 'scrapped', 'returned', 'consumed', 'handed_over'));

alter table handovers add column nonconforming_return boolean not null default false;

create or replace function handovers_quality_gate() returns trigger language plpgsql as $$
declare s text;
begin
  select status into s from lots where id = new.lot_id for update;
  if s is null or s not in ('released', 'downgraded', 'returned') then
    raise exception 'lot % is % and cannot be handed over', new.lot_id, s using errcode = 'check_violation';
  end if;
  new.nonconforming_return := (s = 'returned');
  return new;
end $$;

create table sampling_restarts (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references inspection_plans (id),
  site_id uuid not null references sites (id),
  owner_org_id uuid references organisations (id),
  reason text not null check (length(reason) between 1 and 500),
  restarted_at timestamptz not null,
  restarted_by uuid references users (id) on delete set null
);
create index sampling_restarts_group_idx on sampling_restarts (plan_id, site_id, restarted_at desc);

create index inspections_plan_idx on inspections (plan_id, inspected_at) where plan_id is not null;
`;
