/**
 * Migration 0001 — accounts, sessions, API tokens, role grants, audit log, e-mail outbox.
 * Frozen in time: plain SQL, imports nothing from the app. Runs on PGlite (PostgreSQL 18) and
 * PostgreSQL 15+, so nothing newer than 15 (no uuidv7(), no virtual generated columns).
 */
export const name = '0001-foundation';

export const up = /* sql */ `
create extension if not exists btree_gist;
create extension if not exists pg_trgm;

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and email like '%_@_%'),
  name text not null check (length(name) between 1 and 120),
  password_hash text not null,
  locale text not null default 'id' check (locale in ('id', 'en')),
  -- Demo users can log in only while the server runs in demo mode (checked at login).
  is_demo boolean not null default false,
  disabled_at timestamptz,
  failed_login_count integer not null default 0 check (failed_login_count >= 0),
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One account per e-mail address (stored lower-case, enforced by the check above).
create unique index users_email_key on users (email);
create index users_email_trgm on users using gin (email gin_trgm_ops);

-- Server-side sessions. The cookie carries a random secret; only its SHA-256 is stored, so a
-- leaked database cannot be replayed as cookies.
create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text,
  check (expires_at > created_at)
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expiry_idx on sessions (expires_at);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 80),
  -- SHA-256 of the secret; the secret itself is shown once and never stored.
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid references users (id) on delete set null,
  actor_label text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  ip text
);
create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_action_idx on audit_log (action);

-- The audit log is append-only: no path through the app (or a slip in a later migration's
-- data fix) may rewrite history.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'check_violation';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();

create table outbox_messages (
  id uuid primary key default gen_random_uuid(),
  channel text not null default 'email' check (channel in ('email')),
  to_address text not null,
  subject text not null,
  body_text text not null,
  body_html text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  last_error text,
  -- Optional idempotency key: the same notification is never queued twice.
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check ((status = 'sent') = (sent_at is not null))
);
create index outbox_pending_idx on outbox_messages (next_attempt_at) where status = 'pending';
`;
