/**
 * Migration 0018 — an outage created by a machine's status change names that change.
 *
 * Taking a machine out of service (maintenance, broken, retired) creates outages through the
 * bookings outage flow; going back to active lifts those — and only those. Until now they were
 * found by their creation time (equal to the status change's, same transaction), so an outage
 * planned separately in the same instant would have been lifted too. The link is now explicit.
 * Rows from before are linked by that same rule, once.
 */
export const name = '0018-outage-status-change';

export const up = /* sql */ `
alter table bookings
  add column status_change_id bigint references machine_status_history (id),
  add constraint bookings_status_change_outage check (status_change_id is null or kind = 'outage');
comment on column bookings.status_change_id is
  'The machine status change that created this outage (lifted when the machine is active again).';

update bookings b set status_change_id = h.id
  from machine_status_history h
 where b.kind = 'outage' and b.machine_id = h.machine_id and b.created_at = h.at
   and h.to_status <> 'active';

create index bookings_status_change_idx on bookings (status_change_id)
  where status_change_id is not null;
`;
