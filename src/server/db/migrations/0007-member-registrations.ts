/**
 * Migration 0007 — UMKM self-registration: a request of a new UMKM (registered by its own
 * applicant on the public page) to become a member of one site. The organisation and the
 * applicant's account exist from the moment of submission; membership (site_members) and the
 * applicant's umkm_member grant are created only when a manager of the site approves.
 * Plain SQL for PostgreSQL 15+ and PGlite; depends only on 0001–0003 tables.
 */
export const name = '0007-member-registrations';

export const up = /* sql */ `
create table member_registrations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  site_id uuid not null references sites (id) on delete cascade,
  -- Who applied: the account created with the request. Deleting the account removes its
  -- requests (they cannot be decided without someone to grant).
  applicant_user_id uuid not null references users (id) on delete cascade,
  -- The three states of a request; nothing else may be stored.
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  -- No cascade: a user who decided requests cannot be deleted out from under the record
  -- (accounts are disabled, not deleted).
  decided_by uuid references users (id),
  reject_reason text check (length(reject_reason) between 1 and 500),
  -- A decided request always carries who decided and when; a pending one carries neither.
  constraint member_registrations_decided_check check (
    (status = 'pending') = (decided_at is null)
    and (status = 'pending') = (decided_by is null)
  ),
  -- A decision cannot come before the request.
  constraint member_registrations_decided_after_check check (
    decided_at is null or decided_at >= submitted_at
  ),
  -- A rejection always says why; only a rejection has a reason.
  constraint member_registrations_reason_check check (
    (status = 'rejected') = (reject_reason is not null)
  )
);
-- At most one pending request per organisation and site: a second one would let two managers
-- decide the same thing twice. Decided requests stay for the record and do not count.
create unique index member_registrations_pending_key
  on member_registrations (organisation_id, site_id) where status = 'pending';
-- The managers' list: a site's requests by status, oldest first.
create index member_registrations_site_idx
  on member_registrations (site_id, status, submitted_at, id);
-- "My registration": an applicant's own requests.
create index member_registrations_applicant_idx on member_registrations (applicant_user_id);
`;
