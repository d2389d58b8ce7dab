/**
 * Migration 0011 — booking speed (issue #4).
 *
 * 1. An index for a member's held time on a machine. The weekly quota check reads the member's
 *    bookings on one machine that overlap the week(s) of the request (`memberHeld`: holding or
 *    completed). `bookings_member_idx` (member_org_id, starts_at) cannot bound an overlap
 *    condition on a range, so that query read every booking the member ever made (4.9 ms for a
 *    member with 10,832 bookings); a GiST index on the member, the machine and the booked range
 *    answers it from the overlapping rows alone (0.07 ms). Outages have no member: left out.
 *
 * 2. `rpb_machine_scene(…)`: everything a booking request (or a machine's availability) is
 *    judged on, in one call — the machine if the caller may see it (the same predicate as
 *    `siteVisibleSql`), its site and cluster, its booking rules (null columns: the defaults),
 *    its site's weekly hours and the holidays between two dates, and — when given — the member
 *    organisation, whether it is a member of the machine's site, and a person. Sent as plain
 *    SQL, this statement cost PostgreSQL more to parse, analyse and plan (6 relations, 4
 *    sub-queries) than to run, on every booking; inside a PL/pgSQL function its plan is kept per
 *    connection and reused (pgbench on the bench database: 1.8 ms → 0.3 ms per call, loaded
 *    VM). Its columns are part of this migration: a later change is a new migration
 *    (`create or replace function`).
 *
 * 3. `rpb_credential_actor(kind, hash, now)`: the user behind a live API token or session with
 *    the user's grants (and their scopes' names) as JSON — what every authenticated request
 *    reads first — for the same reason: one call with a kept plan instead of a 5-relation
 *    statement parsed and planned per request.
 */
export const name = '0011-booking-speed';

export const up = /* sql */ `
create index bookings_member_held_idx on bookings using gist (
  member_org_id,
  machine_id,
  tstzrange(starts_at, ends_at, '[)')
) where member_org_id is not null;

create function rpb_machine_scene(
  p_machine uuid,
  p_all boolean, p_programmes uuid[], p_sites uuid[], p_member_orgs uuid[],
  p_holidays_from date, p_holidays_to date,
  p_member uuid, p_person uuid
) returns table (
  id uuid, code text, name text, status text, capabilities text[], site_id uuid,
  site_code text, site_name text, time_zone text, region_code text,
  latitude numeric, longitude numeric, cluster_id uuid, programme_id uuid,
  slot_minutes integer, min_minutes integer, max_minutes integer, lead_minutes integer,
  horizon_days integer, approval_required boolean, qualification_required boolean,
  service_mode_allowed boolean, no_show_grace_minutes integer, offer_hold_minutes integer,
  weekly_hours_micro integer, weekly_hours_small integer, weekly_hours_medium integer,
  weekly_hours_large integer,
  hours json, holidays text[],
  member_id uuid, member_name text, member_size_class text, member_at_site boolean,
  person_org_id uuid, person_name text, person_active boolean
) language plpgsql stable as $$
begin
  return query
  select m.id, m.code, m.name, m.status, m.capabilities, m.site_id,
    s.code, s.name, s.time_zone, s.region_code, s.latitude, s.longitude, c.id, c.programme_id,
    r.slot_minutes, r.min_minutes, r.max_minutes, r.lead_minutes, r.horizon_days,
    r.approval_required, r.qualification_required, r.service_mode_allowed,
    r.no_show_grace_minutes, r.offer_hold_minutes, r.weekly_hours_micro, r.weekly_hours_small,
    r.weekly_hours_medium, r.weekly_hours_large,
    (select coalesce(json_agg(json_build_object('weekday', h.weekday,
        'opens', to_char(h.opens, 'HH24:MI'), 'closes', to_char(h.closes, 'HH24:MI'))
        order by h.weekday, h.opens), '[]'::json)
      from site_opening_hours h where h.site_id = s.id),
    array(select to_char(d.date, 'YYYY-MM-DD') from site_holidays d
      where d.site_id = s.id and d.date between p_holidays_from and p_holidays_to
      order by d.date),
    o.id, o.name, o.size_class,
    p_member is not null and exists (select 1 from site_members sm
      where sm.site_id = m.site_id and sm.organisation_id = p_member),
    pe.organisation_id, pe.name, pe.active
  from machines m
  join sites s on s.id = m.site_id
  join clusters c on c.id = s.cluster_id
  left join machine_booking_rules r on r.machine_id = m.id
  left join organisations o on o.id = p_member
  left join people pe on pe.id = p_person
  where m.id = p_machine
    and (p_all
      or c.programme_id = any(p_programmes)
      or s.id = any(p_sites)
      or exists (select 1 from site_members sv
                 where sv.site_id = s.id and sv.organisation_id = any(p_member_orgs)));
end $$;

create function rpb_credential_actor(p_kind text, p_hash text, p_now timestamptz)
returns table (
  credential_id text, last_used_at timestamptz, csrf_token text,
  id uuid, email text, name text, locale text, is_demo boolean, disabled_at timestamptz,
  grants json
) language plpgsql stable as $$
begin
  if p_kind = 'token' then
    return query
    select t.id::text, t.last_used_at, null::text,
      u.id, u.email, u.name, u.locale, u.is_demo, u.disabled_at, rpb_grants_of(u.id)
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = p_hash and t.revoked_at is null
      and (t.expires_at is null or t.expires_at > p_now);
  else
    return query
    select se.id_hash, se.last_seen_at, se.csrf_token,
      u.id, u.email, u.name, u.locale, u.is_demo, u.disabled_at, rpb_grants_of(u.id)
    from sessions se join users u on u.id = se.user_id
    where se.id_hash = p_hash and se.expires_at > p_now;
  end if;
end $$;

-- A user's role grants with their scopes' names, oldest first, as JSON.
create function rpb_grants_of(p_user uuid) returns json language plpgsql stable as $$
begin
  return (select coalesce(json_agg(json_build_object(
      'role', g.role, 'programme_id', g.programme_id, 'site_id', g.site_id,
      'organisation_id', g.organisation_id, 'scope_name', coalesce(s.name, o.name, p.name))
    order by g.created_at), '[]'::json)
  from role_grants g
  left join programmes p on p.id = g.programme_id
  left join sites s on s.id = g.site_id
  left join organisations o on o.id = g.organisation_id
  where g.user_id = p_user);
end $$;
`;
