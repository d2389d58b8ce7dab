/** SQL of factory sharing: bookings and outages, rules, series, wait list and calendar feeds. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { afterKey } from '../../server/db/pagination.js';
import { together } from '../../server/db/coalesce.js';
import { PREPARED } from '../../server/db/prepared.js';
import type { Executor } from '../../server/db/connect.js';
import { AUDIT_COLUMNS, auditRowsSelect, type AuditInsert } from '../audit/audit.repository.js';
import { idsOrNone } from '../../server/db/scope.js';
import type { BookingStatus, BookingsTable, DB } from '../../server/db/schema.js';
import type { SiteVisibility } from '../registry/registry.js';
import { siteVisibleSql } from '../sites/sites.repository.js';
import { HOLDING_STATUSES } from './bookings.js';

// Machines -------------------------------------------------------------------------------------

const machines = (db: Executor) =>
  db
    .selectFrom('machines as m')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .select([
      'm.id',
      'm.code',
      'm.name',
      'm.status',
      'm.capabilities',
      'm.site_id',
      's.code as site_code',
      's.name as site_name',
      's.time_zone',
      's.region_code',
      's.latitude',
      's.longitude',
      'c.id as cluster_id',
      'c.programme_id',
    ]);
export type MachineRow = NonNullable<Awaited<ReturnType<typeof findMachine>>>;

export const findMachine = (db: Executor, id: string, v: SiteVisibility) =>
  machines(db)
    .where('m.id', '=', id)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .executeTakeFirst();

/** Active machines with a capability, visible to the caller, within a province or cluster. */
export const machinesWithCapability = (
  db: Executor,
  capability: string,
  v: SiteVisibility,
  f: { province?: string; clusterId?: string },
) => {
  let q = machines(db)
    .where(sql<boolean>`${capability} = any(m.capabilities)`)
    .where('m.status', '=', 'active')
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'));
  if (f.province) q = q.where(sql<boolean>`left(s.region_code, 2) = ${f.province}`);
  if (f.clusterId) q = q.where('c.id', '=', f.clusterId);
  return q.orderBy('m.name').limit(500).execute();
};

export const siteCoordinates = (db: Executor, siteId: string) =>
  db
    .selectFrom('sites')
    .select(['id', 'latitude', 'longitude'])
    .where('id', '=', siteId)
    .executeTakeFirst();

/**
 * The sites the organisations are registered at, first joined first (the first is the "home"
 * for distances), with each site's programme (a member searches capacity across them).
 */
export const sitesOfMembers = (db: Executor, orgIds: readonly string[]) =>
  orgIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('site_members as sm')
        .innerJoin('sites as s', 's.id', 'sm.site_id')
        .innerJoin('clusters as c', 'c.id', 's.cluster_id')
        .select(['s.id', 's.latitude', 's.longitude', 'c.programme_id'])
        .where('sm.organisation_id', 'in', [...orgIds])
        .orderBy('sm.joined_on')
        .orderBy('s.id')
        .execute();

/** The contacts (JSON array, as stored) of sites. */
export const siteContacts = (db: Executor, siteIds: readonly string[]) =>
  siteIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sites')
        .select(['id', 'contacts'])
        .where('id', '=', sql<string>`any(${[...siteIds]}::uuid[])`)
        .execute();

// Rules ----------------------------------------------------------------------------------------

export const rulesOf = (db: Executor, machineId: string) =>
  db
    .selectFrom('machine_booking_rules')
    .selectAll()
    .where('machine_id', '=', machineId)
    .executeTakeFirst();

/** Rules of several machines in one query (machines without a row are missing). */
export const rulesOfMachines = (db: Executor, machineIds: readonly string[]) =>
  machineIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('machine_booking_rules')
        .selectAll()
        .where('machine_id', '=', sql<string>`any(${[...machineIds]}::uuid[])`)
        .execute();

/** A machine's booking-rule columns: all null (a left join found no row) or all set. */
export interface RuleColumns {
  slot_minutes: number | null;
  min_minutes: number | null;
  max_minutes: number | null;
  lead_minutes: number | null;
  horizon_days: number | null;
  approval_required: boolean | null;
  qualification_required: boolean | null;
  service_mode_allowed: boolean | null;
  no_show_grace_minutes: number | null;
  offer_hold_minutes: number | null;
  weekly_hours_micro: number | null;
  weekly_hours_small: number | null;
  weekly_hours_medium: number | null;
  weekly_hours_large: number | null;
}

/** What `rpb_machine_scene` (migration 0011) answers: a machine with everything it is judged on. */
export interface MachineScene extends RuleColumns {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'maintenance' | 'broken' | 'retired';
  capabilities: string[];
  site_id: string;
  site_code: string;
  site_name: string;
  time_zone: MachineRow['time_zone'];
  region_code: string | null;
  latitude: string | null;
  longitude: string | null;
  cluster_id: string;
  programme_id: string;
  /** The site's weekly opening hours. */
  hours: { weekday: number; opens: string; closes: string }[];
  /** The site's holidays between the two dates asked for (YYYY-MM-DD). */
  holidays: string[];
  member_id: string | null;
  member_name: string | null;
  member_size_class: string | null;
  member_at_site: boolean;
  person_org_id: string | null;
  person_name: string | null;
  person_active: boolean | null;
}
export type BookingScene = MachineScene;

interface SceneKey {
  machineId: string;
  memberOrgId: string | null;
  personId: string | null;
  holidaysFrom: string;
  holidaysTo: string;
}

/** Several scenes in one statement (the keys as one jsonb parameter); in order, undefined where none. */
const findBookingScenes = async (
  db: Executor,
  keys: readonly { q: SceneKey; v: SiteVisibility }[],
): Promise<(MachineScene | undefined)[]> => {
  const json = keys.map(({ q, v }, i) => ({
    ord: i,
    machine_id: q.machineId,
    all_sites: v.all,
    programme_ids: v.all ? [] : v.programmeIds,
    site_ids: v.all ? [] : v.siteIds,
    member_org_ids: v.all ? [] : v.memberOrgIds,
    holidays_from: q.holidaysFrom,
    holidays_to: q.holidaysTo,
    member_org_id: q.memberOrgId,
    person_id: q.personId,
  }));
  const { rows } = await sql<MachineScene & { ord: number }>`${sql.raw(PREPARED)}
    select k.ord, s.*
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as k(ord integer, machine_id uuid,
      all_sites boolean, programme_ids uuid[], site_ids uuid[], member_org_ids uuid[],
      holidays_from date, holidays_to date, member_org_id uuid, person_id uuid)
    cross join lateral rpb_machine_scene(k.machine_id, k.all_sites, k.programme_ids,
      k.site_ids, k.member_org_ids, k.holidays_from, k.holidays_to, k.member_org_id,
      k.person_id) s`.execute(db);
  const byOrd = new Map<number, MachineScene>();
  for (const { ord, ...scene } of rows) byOrd.set(ord, scene);
  return keys.map((_, i) => byOrd.get(i));
};

const findBookingSceneTogether = together(findBookingScenes);

/**
 * A machine the caller may see with its site, rules and calendar — and, for a booking, the
 * member organisation (null columns: unknown), whether it is a member of the machine's site,
 * and the named person — in one call of `rpb_machine_scene` (migration 0011), whose plan
 * PostgreSQL keeps per connection instead of parsing and planning this 6-relation statement on
 * every request. Requests reading scenes at the same time share one statement (coalesce.ts).
 */
export const findBookingScene = (db: Executor, q: SceneKey, v: SiteVisibility) =>
  findBookingSceneTogether(db, { q, v });

export const findMachineScene = (
  db: Executor,
  id: string,
  v: SiteVisibility,
  holidaysFrom: string,
  holidaysTo: string,
) =>
  findBookingScene(
    db,
    { machineId: id, memberOrgId: null, personId: null, holidaysFrom, holidaysTo },
    v,
  );

export const upsertRules = (db: Executor, row: Insertable<DB['machine_booking_rules']>) =>
  db
    .insertInto('machine_booking_rules')
    .values(row)
    .onConflict((oc) => oc.column('machine_id').doUpdateSet({ ...row }))
    .execute();

// Members --------------------------------------------------------------------------------------

export const memberOf = (db: Executor, orgId: string) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'size_class', 'email'])
    .where('id', '=', orgId)
    .executeTakeFirst();

export const isSiteMember = async (db: Executor, siteId: string, orgId: string) =>
  !!(await db
    .selectFrom('site_members')
    .select('site_id')
    .where('site_id', '=', siteId)
    .where('organisation_id', '=', orgId)
    .executeTakeFirst());

export const personOf = (db: Executor, personId: string) =>
  db
    .selectFrom('people')
    .select(['id', 'organisation_id', 'name', 'active'])
    .where('id', '=', personId)
    .executeTakeFirst();

/**
 * Serialises the bookings of one member organisation on one machine inside this transaction,
 * so two concurrent requests cannot both pass the machine's weekly quota (it counts the
 * member's time on that machine only). Taken only when a quota applies: overlaps need no lock,
 * the exclusion constraint refuses them.
 */
export const lockMemberOnMachine = (db: Executor, orgId: string, machineId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`rpb.booking-member:${orgId}:${machineId}`}, 0))`.execute(
    db,
  );

/** The member's holding bookings on a machine overlapping [from, to). */
export const memberHeld = (db: Executor, machineId: string, orgId: string, from: Date, to: Date) =>
  db
    .selectFrom('bookings')
    .select(['starts_at', 'ends_at'])
    .where('machine_id', '=', machineId)
    .where('member_org_id', '=', orgId)
    .where('status', 'in', [...HOLDING_STATUSES, 'completed'])
    .where(sql<boolean>`tstzrange(starts_at, ends_at, '[)') && tstzrange(${from}, ${to}, '[)')`)
    .execute();

/** The member's holding (and completed) bookings on several machines overlapping [from, to). */
export const memberHeldOnMachines = (
  db: Executor,
  machineIds: readonly string[],
  orgId: string,
  from: Date,
  to: Date,
) =>
  machineIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('bookings')
        .select(['machine_id', 'starts_at', 'ends_at'])
        .where('machine_id', '=', sql<string>`any(${[...machineIds]}::uuid[])`)
        .where('member_org_id', '=', orgId)
        .where('status', 'in', [...HOLDING_STATUSES, 'completed'])
        .where(sql<boolean>`tstzrange(starts_at, ends_at, '[)') && tstzrange(${from}, ${to}, '[)')`)
        .execute();

/** Users holding a role on an organisation (members) or a site (staff), with their e-mail. */
export const memberUsers = (db: Executor, orgId: string) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.locale'])
    .where('g.organisation_id', '=', orgId)
    .where('g.role', '=', 'umkm_member')
    .where('u.disabled_at', 'is', null)
    .execute();

export const siteStaff = (db: Executor, siteId: string, roles: readonly string[]) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.locale', 'g.role'])
    .where('g.site_id', '=', siteId)
    .where('g.role', 'in', roles)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .execute();

// Bookings -------------------------------------------------------------------------------------

/** Holding machine time overlapping [from, to) on a machine (optionally not counting one row). */
export const conflictsOf = (
  db: Executor,
  machineId: string,
  from: Date,
  to: Date,
  exceptId?: string,
) => {
  let q = db
    .selectFrom('bookings')
    .select(['id', 'kind', 'status', 'starts_at', 'ends_at', 'member_org_id'])
    .where('machine_id', '=', machineId)
    .where('status', 'in', [...HOLDING_STATUSES])
    .where(sql<boolean>`tstzrange(starts_at, ends_at, '[)') && tstzrange(${from}, ${to}, '[)')`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.orderBy('starts_at').execute();
};

export const insertBooking = async (db: Executor, row: Insertable<BookingsTable>) =>
  (await db.insertInto('bookings').values(row).returning('id').executeTakeFirstOrThrow()).id;

export type InsertedRow = Selectable<BookingsTable>;

/** What a booking made by a member or an operator sets (the other columns keep their defaults). */
export type HoldingRowInsert = Pick<
  Insertable<BookingsTable>,
  | 'machine_id'
  | 'kind'
  | 'status'
  | 'starts_at'
  | 'ends_at'
  | 'member_org_id'
  | 'person_id'
  | 'mode'
  | 'notes'
  | 'booked_by'
  | 'booked_by_label'
  | 'created_at'
  | 'updated_at'
> & { id: string };

/**
 * Several bookings and, for each one inserted, its audit row — ONE atomic statement (a
 * data-modifying CTE) instead of a transaction per booking (begin, insert, audit, commit). Each
 * row is inserted unless it overlaps holding time on its machine — the exclusion constraint
 * `bookings_no_overlap` arbitrates `on conflict do nothing`, against committed rows, concurrent
 * inserters and rows earlier in the same statement alike. Answers row by row, in order:
 * `true` where the row went in, `false` where it overlapped (the caller holds every value it
 * sent; the database fills in no column the answer needs).
 */
export const insertHoldingRowsAudited = async (
  db: Executor,
  items: readonly { row: HoldingRowInsert; audit: AuditInsert }[],
): Promise<boolean[]> => {
  // One text whatever the number of rows (the rows as two jsonb parameters), so it is prepared
  // once per connection (db/prepared.ts) instead of being compiled and planned per batch.
  const { rows } = await sql<{ id: string }>`${sql.raw(PREPARED)}
    with r as (
      select * from rows from (jsonb_to_recordset(${JSON.stringify(items.map((i) => i.row))}::jsonb)
        as (id uuid, machine_id uuid, kind text, status text, starts_at timestamptz,
          ends_at timestamptz, member_org_id uuid, person_id uuid, mode text, notes text,
          booked_by uuid, booked_by_label text, created_at timestamptz, updated_at timestamptz))
        with ordinality as r(id, machine_id, kind, status, starts_at, ends_at, member_org_id,
          person_id, mode, notes, booked_by, booked_by_label, created_at, updated_at, n)
    ), b as (
      insert into bookings (id, machine_id, kind, status, starts_at, ends_at, member_org_id,
        person_id, mode, notes, booked_by, booked_by_label, created_at, updated_at)
      select id, machine_id, kind, status, starts_at, ends_at, member_org_id, person_id, mode,
        notes, booked_by, booked_by_label, coalesce(created_at, now()), coalesce(updated_at, now())
      from r order by n
      on conflict do nothing
      returning id
    ), a as (
      insert into audit_log (${sql.raw(AUDIT_COLUMNS.join(', '))})
      -- Only the audit rows of inserted bookings.
      ${auditRowsSelect(
        items.map((i) => i.audit),
        sql`join b on b.id::text = v.entity_id`,
      )}
    )
    select id from b`.execute(db);
  const inserted = new Set(rows.map((r) => r.id));
  return items.map((i) => inserted.has(i.row.id));
};

/**
 * One booking and its audit row through insertHoldingRowsAudited: bookings made at the same time
 * on the same pool go as one statement and one commit (src/server/db/coalesce.ts). Such a
 * statement can deadlock with another one (a second app process) or with a series' transaction,
 * each waiting on the other's uncommitted machine time; PostgreSQL then aborts one of them: a
 * batch is retried row by row (coalesce), a transaction as a whole (db/transaction.ts).
 */
export const insertHoldingRowAudited = together(insertHoldingRowsAudited);

/**
 * Inserts holding machine time unless it overlaps holding time on the machine (the exclusion
 * constraint as the arbiter of `on conflict do nothing`, which waits for a concurrent
 * inserter's outcome): the new row, or undefined on an overlap — without aborting the
 * transaction, so the caller can still read what is in the way.
 */
export const insertHoldingRow = (db: Executor, row: Insertable<BookingsTable>) =>
  db
    .insertInto('bookings')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();

export const updateBooking = (db: Executor, id: string, set: Updateable<BookingsTable>) =>
  db.updateTable('bookings').set(set).where('id', '=', id).execute();

const bookings = (db: Executor) =>
  db
    .selectFrom('bookings as b')
    .innerJoin('machines as m', 'm.id', 'b.machine_id')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .leftJoin('organisations as o', 'o.id', 'b.member_org_id')
    .leftJoin('people as p', 'p.id', 'b.person_id')
    .leftJoin('users as op', 'op.id', 'b.operator_user_id')
    .selectAll('b')
    .select([
      'm.code as machine_code',
      'm.name as machine_name',
      'm.site_id',
      's.code as site_code',
      's.name as site_name',
      's.time_zone',
      'c.programme_id',
      'o.name as member_name',
      'p.name as person_name',
      'op.name as operator_name',
    ]);
export type BookingRow = Awaited<ReturnType<typeof findBooking>> & object;

export const findBooking = (db: Executor, id: string) =>
  bookings(db).where('b.id', '=', id).executeTakeFirst();

export const lockBooking = (db: Executor, id: string) =>
  db.selectFrom('bookings').select(['id']).where('id', '=', id).forUpdate().executeTakeFirst();

/** Bookings by id, in start order (the ids as one array parameter: no bound on their number). */
export const findBookings = (db: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : bookings(db)
        .where('b.id', '=', sql<string>`any(${[...ids]}::uuid[])`)
        .orderBy('b.starts_at')
        .orderBy('b.id')
        .execute();

export interface BookingFilter {
  machineId?: string;
  siteId?: string;
  memberOrgId?: string;
  from?: Date;
  to?: Date;
  statuses?: readonly BookingStatus[];
  kind?: 'booking' | 'outage';
  seriesId?: string;
}

/**
 * Bookings the caller may see, ordered by start: on visible sites; `memberOrgIds` (members'
 * own organisations) further limits to their own bookings unless `staffSiteIds`/all says more.
 */
export function listBookings(
  db: Executor,
  f: BookingFilter,
  scope: { visibility: SiteVisibility; ownOnly: readonly string[] | null },
  after: { startsAt: Date; id: string } | null,
  limit: number,
) {
  let q = bookings(db).where(siteVisibleSql(scope.visibility, 's.id', 'c.programme_id'));
  if (scope.ownOnly) {
    const own = scope.ownOnly;
    q = q.where((eb) =>
      eb.or([eb('b.member_org_id', 'in', idsOrNone(own)), eb('b.kind', '=', 'outage')]),
    );
  }
  if (f.machineId) q = q.where('b.machine_id', '=', f.machineId);
  if (f.siteId) q = q.where('m.site_id', '=', f.siteId);
  if (f.memberOrgId) q = q.where('b.member_org_id', '=', f.memberOrgId);
  if (f.seriesId) q = q.where('b.series_id', '=', f.seriesId);
  if (f.kind) q = q.where('b.kind', '=', f.kind);
  if (f.statuses) q = q.where('b.status', 'in', [...f.statuses]);
  if (f.from) q = q.where('b.ends_at', '>', f.from);
  if (f.to) q = q.where('b.starts_at', '<', f.to);
  if (after) q = q.where(afterKey(['b.starts_at', 'b.id'], [after.startsAt, after.id], 'asc'));
  return q
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(limit + 1)
    .execute();
}

/** Booked time that is due for something at `now` (for the minute job). */
export const confirmedStartedBefore = (db: Executor, before: Date) =>
  db
    .selectFrom('bookings as b')
    .leftJoin('machine_booking_rules as r', 'r.machine_id', 'b.machine_id')
    .select(['b.id', 'b.starts_at', 'b.ends_at', 'r.no_show_grace_minutes'])
    .where('b.kind', '=', 'booking')
    .where('b.status', '=', 'confirmed')
    .where('b.starts_at', '<', before)
    .execute();

export const offersExpiredAt = (db: Executor, now: Date) =>
  db
    .selectFrom('bookings')
    .select(['id'])
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .execute();

export const remindersDue = (db: Executor, now: Date, until: Date) =>
  db
    .selectFrom('bookings')
    .select(['id'])
    .where('kind', '=', 'booking')
    .where('status', '=', 'confirmed')
    .where('reminder_sent_at', 'is', null)
    .where('starts_at', '>', now)
    .where('starts_at', '<=', until)
    .execute();

export const memberStats = async (db: Executor, orgId: string, now: Date) => {
  const row = await db
    .selectFrom('bookings')
    .select([
      sql<string>`count(*) filter (where status = 'no_show' and starts_at > ${now}::timestamptz - interval '90 days')`.as(
        'no_shows',
      ),
      sql<string>`count(*) filter (where status in ('requested', 'confirmed', 'offered') and starts_at > ${now})`.as(
        'upcoming',
      ),
      sql<string>`coalesce(sum(extract(epoch from (coalesce(checked_out_at, ends_at) - coalesce(checked_in_at, starts_at))) / 3600)
        filter (where status in ('completed', 'checked_in', 'confirmed')
          and date_trunc('month', starts_at) = date_trunc('month', ${now}::timestamptz)), 0)`.as(
        'hours',
      ),
    ])
    .where('member_org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    noShows: Number(row.no_shows),
    upcoming: Number(row.upcoming),
    hours: Math.round(Number(row.hours) * 10) / 10,
  };
};

// Series ---------------------------------------------------------------------------------------

export const insertSeries = async (db: Executor, row: Insertable<DB['booking_series']>) =>
  (await db.insertInto('booking_series').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const findSeries = (db: Executor, id: string) =>
  db.selectFrom('booking_series').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Locks and cancels, in one statement, every occurrence of a series that is still cancellable
 * (requested, confirmed or offered, not ended at `set.cancelled_at`) and starts at or after
 * `from`. Locked in start order, like one-by-one cancelling would. Answers each cancelled row
 * with its status before, in start order.
 */
export const cancelSeriesFrom = async (
  db: Executor,
  seriesId: string,
  from: Date,
  set: { cancelled_at: Date; cancelled_by: string; cancel_reason: string | null; updated_at: Date },
) => {
  const rows = await db
    .with('c', (qb) =>
      qb
        .selectFrom('bookings')
        .select(['id', 'status'])
        .where('series_id', '=', seriesId)
        .where('kind', '=', 'booking')
        .where('status', 'in', ['requested', 'confirmed', 'offered'])
        .where('starts_at', '>=', from)
        .where('ends_at', '>', set.cancelled_at)
        .orderBy('starts_at')
        .orderBy('id')
        .forUpdate(),
    )
    .updateTable('bookings as b')
    .from('c')
    .set({ ...set, status: 'cancelled' })
    .whereRef('b.id', '=', 'c.id')
    .returning(['b.id', 'b.machine_id', 'b.starts_at', 'b.ends_at', 'c.status as before_status'])
    .execute();
  // UPDATE … RETURNING answers in no particular order.
  return rows.sort(
    (x, y) => x.starts_at.getTime() - y.starts_at.getTime() || (x.id < y.id ? -1 : 1),
  );
};

// Wait list ------------------------------------------------------------------------------------

export const insertWaitlist = async (db: Executor, row: Insertable<DB['waitlist_entries']>) =>
  (await db.insertInto('waitlist_entries').values(row).returning('id').executeTakeFirstOrThrow())
    .id;

const waitlist = (db: Executor) =>
  db
    .selectFrom('waitlist_entries as w')
    .innerJoin('machines as m', 'm.id', 'w.machine_id')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .innerJoin('organisations as o', 'o.id', 'w.member_org_id')
    .selectAll('w')
    .select([
      'm.name as machine_name',
      'm.site_id',
      's.time_zone',
      'c.programme_id',
      'o.name as member_name',
    ]);

export const findWaitlist = (db: Executor, id: string) =>
  waitlist(db).where('w.id', '=', id).executeTakeFirst();

export const listWaitlist = (
  db: Executor,
  f: { machineId?: string; memberOrgId?: string },
  scope: { visibility: SiteVisibility; ownOnly: readonly string[] | null },
) => {
  let q = waitlist(db)
    .where(siteVisibleSql(scope.visibility, 's.id', 'c.programme_id'))
    .where('w.status', 'in', ['waiting', 'offered']);
  if (scope.ownOnly) q = q.where('w.member_org_id', 'in', idsOrNone(scope.ownOnly));
  if (f.machineId) q = q.where('w.machine_id', '=', f.machineId);
  if (f.memberOrgId) q = q.where('w.member_org_id', '=', f.memberOrgId);
  return q.orderBy('w.seq').limit(200).execute();
};

/** Waiting entries of a machine whose window overlaps [from, to), first in line first. */
export const waitingFor = (db: Executor, machineId: string, from: Date, to: Date) =>
  db
    .selectFrom('waitlist_entries')
    .selectAll()
    .where('machine_id', '=', machineId)
    .where('status', '=', 'waiting')
    .where('window_start', '<', to)
    .where('window_end', '>', from)
    .orderBy('seq')
    .forUpdate()
    .execute();

/** Position in line (1-based) of waiting entries on a machine. */
export const waitingPositions = async (db: Executor, machineIds: readonly string[]) => {
  if (machineIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('waitlist_entries')
    .select(['id', sql<string>`row_number() over (partition by machine_id order by seq)`.as('pos')])
    .where('machine_id', 'in', [...machineIds])
    .where('status', '=', 'waiting')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.pos)]));
};

export const updateWaitlist = (db: Executor, id: string, set: Updateable<DB['waitlist_entries']>) =>
  db.updateTable('waitlist_entries').set(set).where('id', '=', id).execute();

/**
 * The windows of waiting entries of a machine overlapping [from, to): one question before
 * offering many freed spans, most often answered "none".
 */
export const waitingWindows = (db: Executor, machineId: string, from: Date, to: Date) =>
  db
    .selectFrom('waitlist_entries')
    .select(['window_start', 'window_end'])
    .where('machine_id', '=', machineId)
    .where('status', '=', 'waiting')
    .where('window_start', '<', to)
    .where('window_end', '>', from)
    .execute();

/** Settles the wait-list entries whose offers are these bookings (see settleOffer). */
export const settleOffersOf = (
  db: Executor,
  bookingIds: readonly string[],
  set: Updateable<DB['waitlist_entries']>,
) =>
  bookingIds.length === 0
    ? Promise.resolve()
    : db
        .updateTable('waitlist_entries')
        .set(set)
        .where('offer_booking_id', '=', sql<string>`any(${[...bookingIds]}::uuid[])`)
        .execute()
        .then(() => undefined);

export const waitlistOfOffer = (db: Executor, bookingId: string) =>
  db
    .selectFrom('waitlist_entries')
    .selectAll()
    .where('offer_booking_id', '=', bookingId)
    .executeTakeFirst();

// Calendar feeds -------------------------------------------------------------------------------

export const insertFeed = async (db: Executor, row: Insertable<DB['calendar_feeds']>) =>
  await db
    .insertInto('calendar_feeds')
    .values(row)
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

export const feedByHash = (db: Executor, hash: string) =>
  db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const feedsOf = (db: Executor, userId: string) =>
  db
    .selectFrom('calendar_feeds as f')
    .leftJoin('machines as m', 'm.id', 'f.machine_id')
    .leftJoin('organisations as o', 'o.id', 'f.organisation_id')
    .select([
      'f.id',
      'f.machine_id',
      'f.organisation_id',
      'f.created_at',
      'm.name as machine_name',
      'o.name as org_name',
    ])
    .where('f.created_by', '=', userId)
    .where('f.revoked_at', 'is', null)
    .orderBy('f.created_at', 'desc')
    .execute();

export const revokeFeed = (db: Executor, id: string, userId: string, now: Date) =>
  db
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

/** Bookings of a feed: from 30 days ago to a year ahead, holding or completed. */
export const feedBookings = (
  db: Executor,
  f: { machineId: string | null; organisationId: string | null },
  from: Date,
  to: Date,
) => {
  let q = bookings(db)
    .where('b.status', 'in', [
      'requested',
      'confirmed',
      'offered',
      'checked_in',
      'completed',
      'cancelled',
    ])
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to);
  if (f.machineId) q = q.where('b.machine_id', '=', f.machineId);
  if (f.organisationId) q = q.where('b.member_org_id', '=', f.organisationId);
  return q.orderBy('b.starts_at').limit(5000).execute();
};
