/**
 * Use cases of factory sharing. Reading follows the site's visibility (a machine at a site the
 * caller cannot see does not exist for them); members see their own organisations' bookings,
 * site staff, administrators and programme officers every booking of the sites they see.
 *
 * Every request runs the same pipeline (bookings.ts `bookingProblems`), then the overlap check;
 * the exclusion constraint `bookings_no_overlap` is what makes a double booking impossible,
 * also between concurrent requests (its error 23P01 becomes booking_conflict). A per-member
 * advisory lock keeps the weekly quota true under concurrency. Freed time (a cancellation, a
 * no-show, an early check-out, an expired offer, a lifted outage) is offered to the wait list.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Db, Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { transaction } from '../../server/db/transaction.js';
import { DomainError } from '../../server/domain-error.js';
import { renderCalendar, type CalendarEvent } from '../../server/ical/ical.js';
import { auditRowOf, recordAudit, recordAudits } from '../audit/audit.service.js';
import {
  alignToGrid,
  earliestFit,
  isoInstant,
  localDate,
  openIntervals,
  subtract,
  totalLength,
  type Interval,
  type SiteCalendar,
  type SiteTimeZone,
} from '../availability/availability.js';
import {
  busyOfMachine,
  machineTimes,
  siteCalendars,
} from '../availability/availability.service.js';
import { queueEmail } from '../jobs/jobs.service.js';
import type { MachineType } from '../qualifications/qualifications.contract.js';
import {
  hasValidQualification,
  recordUseAtCheckIn,
} from '../qualifications/qualifications.service.js';
import { siteVisibility, type SiteVisibility } from '../registry/registry.js';
import {
  bookingActions,
  bookingNotice,
  bookingPowers,
  bookingProblems,
  canBookFor,
  canTransition,
  CHECK_IN_EARLY_MINUTES,
  checkInProblem,
  DEFAULT_RULES,
  distanceKm,
  earliestBookable,
  expandRecurrence,
  formatSpan,
  HOLDING_STATUSES,
  isNoShow,
  isStaff,
  minutesPerWeek,
  offerFor,
  ownBookingsOnly,
  rankFits,
  weeklyQuota,
  type BookingAction,
  type BookingNotice,
  type BookingProblem,
  type BookingRules,
  type BookingStatus,
  type SizeClass,
} from './bookings.js';
import type {
  Availability,
  Booking,
  BookingCheck,
  BookingQuery,
  BookingRequest,
  Problem,
  SeriesRequest,
} from './bookings.contract.js';
import { bookingsError } from './bookings.errors.js';
import * as repo from './bookings.repository.js';

type UserCtx = ServiceContext & { actor: Actor };
/** Translates problem codes for answers that list several (the edge owns the catalogue). */
export type Translate = (code: string, details: Record<string, unknown>) => string;

const MINUTE = 60_000;
const DAY = 86_400_000;
const ms = (d: Date) => d.getTime();
const iso = (n: number) => new Date(n).toISOString();

// Machines and rules ---------------------------------------------------------------------------

async function visibleMachine(db: Executor, id: string, actor: Actor) {
  const m = await repo.findMachine(db, id, siteVisibility(actor));
  if (!m) throw new DomainError('machine_not_found');
  return m;
}
type Machine = repo.MachineRow;
const tzOf = (m: { time_zone: string }) => m.time_zone as SiteTimeZone;
const siteRef = (m: Machine) => ({ id: m.site_id, timeZone: tzOf(m) });

type RuleColumns = repo.RuleColumns;

function rulesFromRow(r: RuleColumns | undefined): BookingRules {
  if (!r || r.slot_minutes === null) return DEFAULT_RULES;
  return {
    slotMinutes: r.slot_minutes as BookingRules['slotMinutes'],
    minMinutes: r.min_minutes!,
    maxMinutes: r.max_minutes!,
    leadMinutes: r.lead_minutes!,
    horizonDays: r.horizon_days!,
    approvalRequired: r.approval_required!,
    qualificationRequired: r.qualification_required!,
    serviceModeAllowed: r.service_mode_allowed!,
    noShowGraceMinutes: r.no_show_grace_minutes!,
    offerHoldMinutes: r.offer_hold_minutes!,
    weeklyHours: {
      micro: r.weekly_hours_micro,
      small: r.weekly_hours_small,
      medium: r.weekly_hours_medium,
      large: r.weekly_hours_large,
    },
  };
}

export const rulesFor = async (db: Executor, machineId: string) =>
  rulesFromRow(await repo.rulesOf(db, machineId));

/** The rules of several machines in one query (instead of one query per machine). */
async function rulesOfMachines(db: Executor, machineIds: readonly string[]) {
  const rows = await repo.rulesOfMachines(db, machineIds);
  const byId = new Map(rows.map((r) => [r.machine_id, r]));
  return (id: string) => rulesFromRow(byId.get(id));
}

/** Local dates around a range (± a day for the zones), for reading a site's holidays. */
const holidayDates = (range: Interval) => ({
  holidaysFrom: iso(range.start - DAY).slice(0, 10),
  holidaysTo: iso(range.end + DAY).slice(0, 10),
});

const calendarOf = (scene: repo.MachineScene): SiteCalendar => ({
  timeZone: tzOf(scene),
  hours: scene.hours,
  holidays: scene.holidays,
});

export async function getRules(db: Executor, machineId: string, actor: Actor) {
  const m = await visibleMachine(db, machineId, actor);
  const row = await repo.rulesOf(db, m.id);
  return { machineId: m.id, isDefault: !row, ...rulesFromRow(row ?? undefined) };
}

export async function updateRules(
  trx: Executor,
  machineId: string,
  input: BookingRules,
  ctx: UserCtx,
) {
  const m = await visibleMachine(trx, machineId, ctx.actor);
  const p = bookingPowers(ctx.actor.grants);
  if (
    !p.admin &&
    !ctx.actor.grants.some((g) => g.role === 'site_manager' && g.scopeId === m.site_id)
  )
    throw new DomainError('forbidden');
  const fields: Record<string, string> = {};
  if (input.maxMinutes < input.minMinutes) fields.maxMinutes = 'max_below_min';
  if (input.minMinutes % input.slotMinutes !== 0) fields.minMinutes = 'not_on_grid';
  if (input.maxMinutes % input.slotMinutes !== 0) fields.maxMinutes = 'not_on_grid';
  if (Object.keys(fields).length)
    throw new DomainError('validation_failed', {
      fields: Object.entries(fields).map(([path, code]) => ({ path, code })),
    });
  const before = await getRules(trx, m.id, ctx.actor);
  await repo.upsertRules(trx, {
    machine_id: m.id,
    slot_minutes: input.slotMinutes,
    min_minutes: input.minMinutes,
    max_minutes: input.maxMinutes,
    lead_minutes: input.leadMinutes,
    horizon_days: input.horizonDays,
    approval_required: input.approvalRequired,
    qualification_required: input.qualificationRequired,
    service_mode_allowed: input.serviceModeAllowed,
    no_show_grace_minutes: input.noShowGraceMinutes,
    offer_hold_minutes: input.offerHoldMinutes,
    weekly_hours_micro: input.weeklyHours.micro,
    weekly_hours_small: input.weeklyHours.small,
    weekly_hours_medium: input.weeklyHours.medium,
    weekly_hours_large: input.weeklyHours.large,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  const after = await getRules(trx, m.id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'booking_rules.update',
    entityType: 'machine',
    entityId: m.id,
    before,
    after,
  });
  return after;
}

// Presenting -----------------------------------------------------------------------------------

function toBooking(r: repo.BookingRow, actor: Actor, now: Date): Booking {
  const p = bookingPowers(actor.grants);
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    machineId: r.machine_id,
    machineCode: r.machine_code,
    machineName: r.machine_name,
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    timeZone: r.time_zone,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    memberOrgId: r.member_org_id,
    memberName: r.member_name,
    personId: r.person_id,
    personName: r.person_name,
    mode: r.mode,
    operatorUserId: r.operator_user_id,
    operatorName: r.operator_name,
    seriesId: r.series_id,
    outageKind: r.outage_kind,
    reason: r.reason,
    notes: r.notes,
    bookedBy: r.booked_by_label,
    offerExpiresAt: r.offer_expires_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    cancelReason: r.cancel_reason,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    checkedOutAt: r.checked_out_at?.toISOString() ?? null,
    noShowAt: r.no_show_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    actions: bookingActions(
      p,
      {
        kind: r.kind,
        status: r.status,
        siteId: r.site_id,
        memberOrgId: r.member_org_id,
        mode: r.mode,
        start: ms(r.starts_at),
        end: ms(r.ends_at),
      },
      ms(now),
    ),
  };
}

/**
 * What the audit log keeps of a new booking: what was booked, for whom and when — not the
 * answer's display fields, empty columns and the caller's possible actions (a third of the size,
 * and the log's rows are written on the busiest path).
 */
const createdFacts = (b: Booking) => ({
  machineId: b.machineId,
  machineCode: b.machineCode,
  memberOrgId: b.memberOrgId,
  memberName: b.memberName,
  personId: b.personId,
  mode: b.mode,
  status: b.status,
  startsAt: b.startsAt,
  endsAt: b.endsAt,
  notes: b.notes,
});

/**
 * A row just inserted, in the shape of a read one: its machine, site, member and person come
 * from the scene the request was judged on, so the answer needs no second read.
 */
function sceneRow(
  row: Awaited<ReturnType<typeof repo.insertHoldingRow>> & object,
  p: Parties,
): repo.BookingRow {
  const m = p.machine;
  // Object.assign, not `{ ...row, machine_code: … }`: V8 (Node 20) defines each property after a
  // spread through a runtime call, ~2 µs apiece — 20 µs a booking here, measured.
  return Object.assign({}, row, {
    machine_code: m.code,
    machine_name: m.name,
    site_id: m.site_id,
    site_code: m.site_code,
    site_name: m.site_name,
    time_zone: m.time_zone,
    programme_id: m.programme_id,
    member_name: p.member.name,
    person_name: row.person_id !== null && row.person_id === p.person?.id ? p.person.name : null,
    operator_name: null,
  });
}

/** The booking if the caller may see it (site visible; a member: its own), else 404. */
async function visibleBooking(db: Executor, id: string, actor: Actor) {
  const r = await repo.findBooking(db, id);
  if (!r) throw bookingsError('booking_not_found');
  const m = await repo.findMachine(db, r.machine_id, siteVisibility(actor));
  const own = ownBookingsOnly(actor.grants);
  if (!m || (own && r.kind === 'booking' && !own.includes(r.member_org_id!)))
    throw bookingsError('booking_not_found');
  return r;
}

export async function getBooking(db: Executor, id: string, actor: Actor, now: Date) {
  return toBooking(await visibleBooking(db, id, actor), actor, now);
}

export async function browseBookings(db: Executor, q: BookingQuery, actor: Actor, now: Date) {
  const key = decodeCursor(q.cursor, 2);
  const statuses: BookingStatus[] | undefined = q.status
    ? [...new Set(q.status.flatMap((s) => (s === 'active' ? [...HOLDING_STATUSES] : [s])))]
    : undefined;
  const rows = await repo.listBookings(
    db,
    {
      machineId: q.machineId,
      siteId: q.siteId,
      memberOrgId: q.memberOrgId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      statuses,
      kind: q.kind,
    },
    { visibility: siteVisibility(actor), ownOnly: ownBookingsOnly(actor.grants) },
    key ? { startsAt: new Date(String(key[0])), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.starts_at.toISOString(), r.id]);
  return { items: page.items.map((r) => toBooking(r, actor, now)), nextCursor: page.nextCursor };
}

// Checking a request ---------------------------------------------------------------------------

interface Evaluated {
  machine: Machine;
  rules: BookingRules;
  problems: BookingProblem[];
  conflicts: Awaited<ReturnType<typeof repo.conflictsOf>>;
}

/** Who books, for whom, on which machine, under which rules and calendar. */
interface Parties {
  machine: repo.BookingScene;
  member: { id: string; name: string; size_class: string | null };
  person: { id: string; name: string } | null;
  staff: boolean;
  rules: BookingRules;
  calendar: SiteCalendar;
}

/**
 * Who books, for whom, on which machine — read in one statement with the machine's rules and
 * its site's calendar around `span` — refused before any rule when out of scope.
 */
async function bookingParties(
  db: Executor,
  input: { machineId: string; memberOrgId: string; personId: string | null },
  actor: Actor,
  span: Interval,
): Promise<Parties> {
  const machine = await repo.findBookingScene(
    db,
    {
      machineId: input.machineId,
      memberOrgId: input.memberOrgId,
      personId: input.personId,
      ...holidayDates(span.end > span.start ? span : { start: span.start, end: span.start + 1 }),
    },
    siteVisibility(actor),
  );
  if (!machine) throw new DomainError('machine_not_found');
  const p = bookingPowers(actor.grants);
  if (!canBookFor(p, machine.site_id, input.memberOrgId))
    throw bookingsError('member_out_of_scope');
  if (machine.member_id === null) throw bookingsError('member_out_of_scope');
  if (!machine.member_at_site) throw bookingsError('member_not_at_site');
  if (
    input.personId &&
    (machine.person_org_id !== machine.member_id || machine.person_active !== true)
  )
    throw bookingsError('person_not_of_member');
  return {
    machine,
    member: {
      id: machine.member_id,
      name: machine.member_name!,
      size_class: machine.member_size_class,
    },
    person: input.personId ? { id: input.personId, name: machine.person_name! } : null,
    staff: isStaff(p, machine.site_id),
    rules: rulesFromRow(machine),
    calendar: calendarOf(machine),
  };
}

/**
 * Keeps the machine's weekly quota true under concurrency: serialises this member's requests
 * on this machine for the rest of the transaction — only when a quota applies to the member
 * (overlaps need no lock: the exclusion constraint refuses them).
 */
async function lockForQuota(trx: Executor, parties: Parties) {
  if (weeklyQuota(parties.rules, parties.member.size_class as SizeClass | null) !== null)
    await repo.lockMemberOnMachine(trx, parties.member.id, parties.machine.id);
}

async function evaluate(
  db: Executor,
  parties: Parties,
  input: { interval: Interval; mode: 'self' | 'service'; personId: string | null },
  now: Date,
  opts: { exceptId?: string; alsoHeld?: readonly Interval[]; conflicts?: boolean } = {},
): Promise<Evaluated> {
  const { machine, member, rules } = parties;
  const tz = tzOf(machine);
  const iv = input.interval;
  // The member's time on the machine matters only for a quota.
  const quota = weeklyQuota(rules, member.size_class as SizeClass | null);
  const weekStarts = quota === null ? [] : [...minutesPerWeek([iv], tz).keys()];
  const held =
    weekStarts.length > 0
      ? await repo.memberHeld(
          db,
          machine.id,
          member.id,
          new Date(Math.min(...weekStarts)),
          new Date(Math.max(...weekStarts) + 7 * DAY),
        )
      : [];
  const weekMinutes = minutesPerWeek(
    [
      ...held.map((h) => ({ start: ms(h.starts_at), end: ms(h.ends_at) })),
      ...(opts.alsoHeld ?? []),
    ],
    tz,
  );
  const machineType = machine.capabilities[0] as MachineType | undefined;
  const qualified =
    input.mode === 'service' || !rules.qualificationRequired || !machineType
      ? true
      : await hasValidQualification(
          db,
          input.personId ? { personId: input.personId } : { organisationId: member.id },
          machineType,
          localDate(iv.start, tz),
        );
  const problems = bookingProblems({
    now: ms(now),
    interval: iv,
    rules,
    calendar: parties.calendar,
    machineStatus: machine.status,
    mode: input.mode,
    qualified,
    sizeClass: member.size_class as SizeClass | null,
    weekMinutes,
    staff: parties.staff,
  });
  const conflicts =
    opts.conflicts !== false && iv.end > iv.start
      ? await repo.conflictsOf(db, machine.id, new Date(iv.start), new Date(iv.end), opts.exceptId)
      : [];
  return { machine, rules, problems, conflicts };
}

const problemDetails = (p: BookingProblem) => {
  const { code: _code, ...details } = p;
  return details as Record<string, unknown>;
};

function conflictError(machine: Machine, c: { starts_at: Date; ends_at: Date } | Interval) {
  const tz = tzOf(machine);
  const s = 'starts_at' in c ? ms(c.starts_at) : c.start;
  const e = 'ends_at' in c ? ms(c.ends_at) : c.end;
  const fmt = (n: number) => {
    const d = new Date(n + offsetMs(tz));
    return d.toISOString().slice(0, 16).replace('T', ' ');
  };
  return bookingsError('booking_conflict', {
    conflictStartsAt: fmt(s),
    conflictEndsAt: `${fmt(e).slice(11)} ${tz === 'Asia/Makassar' ? 'WITA' : tz === 'Asia/Jayapura' ? 'WIT' : 'WIB'}`,
  });
}
const offsetMs = (tz: SiteTimeZone) =>
  (tz === 'Asia/Makassar' ? 8 : tz === 'Asia/Jayapura' ? 9 : 7) * 3_600_000;

/** The form's live check: every problem and every conflict, nothing written. */
export async function checkBooking(
  db: Executor,
  input: BookingRequest,
  actor: Actor,
  now: Date,
  t: Translate,
): Promise<BookingCheck> {
  const iv = intervalOf(input);
  const parties = await bookingParties(db, input, actor, iv);
  const e = await evaluate(
    db,
    parties,
    { interval: iv, mode: input.mode, personId: input.personId },
    now,
  );
  const problems: Problem[] = e.problems.map((p) => ({
    code: p.code,
    message: t(p.code, problemDetails(p)),
    details: problemDetails(p),
  }));
  return {
    ok: problems.length === 0 && e.conflicts.length === 0,
    problems,
    conflicts: e.conflicts.map((c) => ({
      startsAt: c.starts_at.toISOString(),
      endsAt: c.ends_at.toISOString(),
      kind: c.kind,
    })),
  };
}

const intervalOf = (x: { startsAt: string; endsAt: string }): Interval => ({
  start: Date.parse(x.startsAt),
  end: Date.parse(x.endsAt),
});

const isExclusionViolation = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23P01';

// Creating -------------------------------------------------------------------------------------

/**
 * Books machine time for a member. Judged on one read (machine, rules, calendar, member, person);
 * then, when neither a weekly quota (needs the member's lock and held time) nor an approval
 * (queues e-mail) is involved, the booking and its audit row are written by ONE atomic
 * statement — no transaction of begin/insert/audit/commit — since overlaps are refused by the
 * exclusion constraint and nothing else read here can be raced. Otherwise all of it runs in one
 * transaction (its own, unless `db` already is one).
 */
export async function createBooking(
  db: Executor,
  input: BookingRequest,
  ctx: UserCtx,
): Promise<Booking> {
  const iv = intervalOf(input);
  const parties = await bookingParties(db, input, ctx.actor, iv);
  const quota = weeklyQuota(parties.rules, parties.member.size_class as SizeClass | null);
  const judge = async (ex: Executor) => {
    // Overlaps are left to the insert (the exclusion constraint); the rules are checked first.
    const e = await evaluate(
      ex,
      parties,
      { interval: iv, mode: input.mode, personId: input.personId },
      ctx.now,
      { conflicts: false },
    );
    if (e.problems.length) {
      const first = e.problems[0]!;
      throw new DomainError(first.code, { ...problemDetails(first), problems: e.problems });
    }
  };
  const values = {
    id: randomUUID(),
    machine_id: parties.machine.id,
    kind: 'booking' as const,
    status: parties.rules.approvalRequired ? ('requested' as const) : ('confirmed' as const),
    starts_at: new Date(iv.start),
    ends_at: new Date(iv.end),
    member_org_id: parties.member.id,
    person_id: input.personId,
    mode: input.mode,
    notes: input.notes,
    booked_by: ctx.actor.userId,
    booked_by_label: ctx.actor.email,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  if (quota === null && !parties.rules.approvalRequired && !db.isTransaction) {
    await judge(db);
    const booking = toBooking(sceneRow(newRow(values), parties), ctx.actor, ctx.now);
    const audit = auditRowOf(ctx, {
      action: 'booking.create',
      entityType: 'booking',
      entityId: booking.id,
      after: createdFacts(booking),
    });
    let inserted: boolean;
    try {
      inserted = await repo.insertHoldingRowAudited(db, { row: values, audit });
    } catch (err) {
      if (isExclusionViolation(err)) throw conflictError(parties.machine, iv);
      throw err;
    }
    if (!inserted) throw await conflictOf(db, parties.machine, iv);
    return booking;
  }
  const run = async (trx: Executor) => {
    if (quota !== null) await lockForQuota(trx, parties);
    await judge(trx);
    const row = await insertHolding(trx, parties.machine, values);
    const booking = toBooking(sceneRow(row, parties), ctx.actor, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'booking.create',
      entityType: 'booking',
      entityId: booking.id,
      after: createdFacts(booking),
    });
    if (booking.status === 'requested') {
      await notifyStaff(trx, booking, 'requested', ctx.now);
      await notifyMember(trx, booking, 'request_received', ctx.now);
    }
    if (queuedMail(trx)) mailedIn.add(ctx);
    return booking;
  };
  return db.isTransaction ? run(db) : transaction(db, run);
}

/** A booking row about to be inserted, with every column the database would fill in. */
/**
 * The row a new holding booking becomes, every column written out (a literal of one fixed
 * shape: spreading the values over defaults made a slow dictionary-mode object on the busiest
 * path).
 */
const newRow = (
  v: repo.HoldingRowInsert & Pick<repo.InsertedRow, 'created_at' | 'updated_at'>,
): repo.InsertedRow => ({
  id: v.id,
  machine_id: v.machine_id,
  kind: v.kind,
  status: v.status,
  starts_at: new Date(v.starts_at),
  ends_at: new Date(v.ends_at),
  member_org_id: v.member_org_id ?? null,
  person_id: v.person_id ?? null,
  mode: v.mode ?? null,
  operator_user_id: null,
  series_id: null,
  booked_by: v.booked_by ?? null,
  booked_by_label: v.booked_by_label,
  notes: v.notes ?? null,
  outage_kind: null,
  reason: null,
  offer_expires_at: null,
  decided_by: null,
  decided_at: null,
  decision_reason: null,
  cancelled_at: null,
  cancelled_by: null,
  cancel_reason: null,
  displaced_by_outage_id: null,
  checked_in_at: null,
  checked_in_by: null,
  checked_out_at: null,
  checked_out_by: null,
  no_show_at: null,
  reminder_sent_at: null,
  status_change_id: null,
  created_at: v.created_at,
  updated_at: v.updated_at,
});

/** booking_conflict naming what is in the way of [start, end) (read after the refusal). */
async function conflictOf(db: Executor, machine: Machine, iv: Interval) {
  const [c] = await repo.conflictsOf(db, machine.id, new Date(iv.start), new Date(iv.end));
  return conflictError(machine, c ?? iv);
}

/**
 * Inserts holding machine time. On an overlap — refused by the exclusion constraint, also
 * against a concurrent request — it reads what is in the way to name it in booking_conflict.
 */
async function insertHolding(
  trx: Executor,
  machine: Machine,
  row: Parameters<typeof repo.insertHoldingRow>[1],
) {
  const start = ms(new Date(row.starts_at));
  const end = ms(new Date(row.ends_at));
  let inserted: Awaited<ReturnType<typeof repo.insertHoldingRow>>;
  try {
    inserted = await repo.insertHoldingRow(trx, row);
  } catch (err) {
    if (isExclusionViolation(err)) throw conflictError(machine, { start, end });
    throw err;
  }
  if (inserted) return inserted;
  throw await conflictOf(trx, machine, { start, end });
}

// Recurring series -----------------------------------------------------------------------------

export async function createSeries(
  trx: Executor,
  input: SeriesRequest,
  ctx: UserCtx,
  t: Translate,
) {
  const first = intervalOf(input);
  const parties = await bookingParties(trx, input, ctx.actor, first);
  await lockForQuota(trx, parties);
  if (first.end <= first.start) throw bookingsError('booking_end_before_start');
  const occurrences = expandRecurrence(
    first,
    {
      frequency: input.frequency,
      interval: input.interval,
      until: input.until,
      count: input.count,
    },
    tzOf(parties.machine),
  );
  // The site's calendar over the whole series, read once.
  const span = {
    start: Math.min(...occurrences.map((o) => o.start)),
    end: Math.max(...occurrences.map((o) => o.end)),
  };
  parties.calendar = (await siteCalendars(trx, [siteRef(parties.machine)], span)).get(
    parties.machine.site_id,
  )!;
  // Each occurrence is checked as if the earlier accepted ones were already booked (quota).
  const accepted: Interval[] = [];
  const skipped: { startsAt: string; endsAt: string; problems: Problem[] }[] = [];
  for (const occ of occurrences) {
    // Earlier accepted occurrences count towards the quota and may not overlap this one.
    const e = await evaluate(
      trx,
      parties,
      { interval: occ, mode: input.mode, personId: input.personId },
      ctx.now,
      { alsoHeld: accepted },
    );
    const problems: Problem[] = e.problems.map((p) => ({
      code: p.code,
      message: t(p.code, problemDetails(p)),
      details: problemDetails(p),
    }));
    const clashes = [
      ...e.conflicts.map((c) => ({ start: ms(c.starts_at), end: ms(c.ends_at) })),
      ...accepted.filter((a) => a.start < occ.end && occ.start < a.end),
    ];
    for (const c of clashes) {
      const details = conflictError(e.machine, c).details!;
      problems.push({ code: 'booking_conflict', message: t('booking_conflict', details), details });
    }
    if (problems.length) skipped.push({ startsAt: iso(occ.start), endsAt: iso(occ.end), problems });
    else accepted.push(occ);
  }
  if (skipped.length && !input.skipConflicts)
    throw bookingsError('series_conflicts', {
      count: skipped.length,
      total: occurrences.length,
      occurrences: skipped,
    });
  if (accepted.length === 0) return { seriesId: null, booked: [], skipped };
  const seriesId = await repo.insertSeries(trx, {
    machine_id: parties.machine.id,
    member_org_id: parties.member.id,
    frequency: input.frequency,
    interval: input.interval,
    until_date: input.until,
    occurrences: input.count,
    first_starts_at: new Date(first.start),
    first_ends_at: new Date(first.end),
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  const booked: Booking[] = [];
  for (const occ of accepted) {
    const row = await insertHolding(trx, parties.machine, {
      machine_id: parties.machine.id,
      kind: 'booking',
      status: parties.rules.approvalRequired ? 'requested' : 'confirmed',
      starts_at: new Date(occ.start),
      ends_at: new Date(occ.end),
      member_org_id: parties.member.id,
      person_id: input.personId,
      mode: input.mode,
      notes: input.notes,
      series_id: seriesId,
      booked_by: ctx.actor.userId,
      booked_by_label: ctx.actor.email,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    booked.push(toBooking(sceneRow(row, parties), ctx.actor, ctx.now));
  }
  await recordAudit(trx, ctx, {
    action: 'booking_series.create',
    entityType: 'booking_series',
    entityId: seriesId,
    after: { ...input, booked: booked.length, skipped: skipped.map((s) => s.startsAt) },
  });
  if (booked[0]?.status === 'requested') {
    await notifyStaff(trx, booked[0], 'requested', ctx.now);
    await notifyMember(trx, booked[0], 'request_received', ctx.now);
  }
  return { seriesId, booked, skipped };
}

export async function cancelSeries(
  trx: Executor,
  seriesId: string,
  input: { from: string | null; reason: string | null },
  ctx: UserCtx,
) {
  const series = await repo.findSeries(trx, seriesId);
  if (!series) throw bookingsError('series_not_found');
  // Outside the caller's scope a series does not exist; inside it, only its parties cancel.
  const machine = await repo.findMachine(trx, series.machine_id, siteVisibility(ctx.actor));
  const own = ownBookingsOnly(ctx.actor.grants);
  if (!machine || (own && !own.includes(series.member_org_id)))
    throw bookingsError('series_not_found');
  if (!canBookFor(bookingPowers(ctx.actor.grants), machine.site_id, series.member_org_id))
    throw bookingsError('booking_forbidden');
  const from = input.from ? new Date(input.from) : ctx.now;
  // What cancelBooking does to one occurrence, done to all of them set by set — a handful of
  // statements whatever the series' length (one by one it was ~8 per occurrence: seconds for a
  // long series). The checks above are what cancelBooking checks of each: the series' machine
  // and member are its occurrences'.
  const rows = await repo.cancelSeriesFrom(trx, seriesId, from, {
    cancelled_at: ctx.now,
    cancelled_by: ctx.actor.userId,
    cancel_reason: input.reason,
    updated_at: ctx.now,
  });
  const offered = rows.filter((r) => r.before_status === 'offered').map((r) => r.id);
  await repo.settleOffersOf(trx, offered, { status: 'cancelled', updated_at: ctx.now });
  await recordAudits(
    trx,
    ctx,
    rows.map((r) => ({
      action: 'booking.cancel',
      entityType: 'booking',
      entityId: r.id,
      before: { status: r.before_status },
      after: { status: 'cancelled', reason: input.reason },
    })),
  );
  const cancelled = (
    await repo.findBookings(
      trx,
      rows.map((r) => r.id),
    )
  ).map((r) => toBooking(r, ctx.actor, ctx.now));
  await offerFreedSpans(
    trx,
    rows.map((r) => ({
      machineId: r.machine_id,
      start: Math.max(ms(r.starts_at), ms(ctx.now)),
      end: ms(r.ends_at),
    })),
    ctx.now,
  );
  await recordAudit(trx, ctx, {
    action: 'booking_series.cancel',
    entityType: 'booking_series',
    entityId: seriesId,
    after: { from: from.toISOString(), cancelled: cancelled.map((b) => b.id) },
  });
  if (cancelled[0])
    await notifyMember(trx, cancelled[0], 'cancelled', ctx.now, { reason: input.reason ?? '' });
  return { cancelled };
}

// The life of a booking --------------------------------------------------------------------------

async function actOn(trx: Executor, id: string, action: BookingAction, ctx: UserCtx) {
  await repo.lockBooking(trx, id);
  const r = await visibleBooking(trx, id, ctx.actor);
  const p = bookingPowers(ctx.actor.grants);
  const staff = isStaff(p, r.site_id);
  const own = r.member_org_id !== null && p.memberOrgs.includes(r.member_org_id);
  const staffOnly =
    ['approve', 'reject', 'assign_operator'].includes(action) || r.kind === 'outage';
  if (staffOnly ? !staff : !(staff || own)) throw bookingsError('booking_forbidden');
  if (!canTransition(action, r.status))
    throw bookingsError('booking_action_not_allowed', { status: r.status, action });
  return r;
}

/**
 * One step in a booking's life, after actOn: the row changed, the booking read back as the
 * caller sees it, and the audit row `booking.<action>` (before: the old status; after: what
 * `audited` picks from the new booking).
 */
async function step(
  trx: Executor,
  r: repo.BookingRow,
  action: BookingAction,
  set: Parameters<typeof repo.updateBooking>[2],
  audited: (after: Booking) => Record<string, unknown>,
  ctx: UserCtx,
): Promise<Booking> {
  await repo.updateBooking(trx, r.id, { ...set, updated_at: ctx.now });
  const after = await getBooking(trx, r.id, ctx.actor, ctx.now);
  await recordAudit(trx, ctx, {
    action: `booking.${action}`,
    entityType: 'booking',
    entityId: r.id,
    before: { status: r.status },
    after: audited(after),
  });
  return after;
}

/** The wait list is offered what is left of a released booking (from now, once it has begun). */
const offerRestOf = (trx: Executor, r: repo.BookingRow, now: Date) =>
  offerFreedTime(
    trx,
    r.machine_id,
    { start: Math.max(ms(r.starts_at), ms(now)), end: ms(r.ends_at) },
    now,
  );

export async function cancelBooking(
  trx: Executor,
  id: string,
  input: { reason: string | null },
  ctx: UserCtx,
): Promise<Booking> {
  const r = await actOn(trx, id, 'cancel', ctx);
  if (r.kind === 'outage') throw bookingsError('booking_not_found');
  if (ms(r.ends_at) <= ms(ctx.now))
    throw bookingsError('booking_action_not_allowed', { status: r.status, action: 'cancel' });
  if (r.status === 'offered') await settleOffer(trx, id, 'cancelled', ctx.now);
  const after = await step(
    trx,
    r,
    'cancel',
    {
      status: 'cancelled',
      cancelled_at: ctx.now,
      cancelled_by: ctx.actor.userId,
      cancel_reason: input.reason,
    },
    () => ({ status: 'cancelled', reason: input.reason }),
    ctx,
  );
  await notifyMember(trx, after, 'cancelled', ctx.now, { reason: input.reason ?? '' });
  await offerRestOf(trx, r, ctx.now);
  return after;
}

export async function approveBooking(trx: Executor, id: string, ctx: UserCtx) {
  const r = await actOn(trx, id, 'approve', ctx);
  const after = await step(
    trx,
    r,
    'approve',
    { status: 'confirmed', decided_at: ctx.now, decided_by: ctx.actor.userId },
    (b) => ({ status: b.status }),
    ctx,
  );
  await notifyMember(trx, after, 'approved', ctx.now);
  return after;
}

export async function rejectBooking(trx: Executor, id: string, reason: string, ctx: UserCtx) {
  const r = await actOn(trx, id, 'reject', ctx);
  const after = await step(
    trx,
    r,
    'reject',
    {
      status: 'rejected',
      decided_at: ctx.now,
      decided_by: ctx.actor.userId,
      decision_reason: reason,
    },
    (b) => ({ status: b.status, reason }),
    ctx,
  );
  await notifyMember(trx, after, 'rejected', ctx.now, { reason });
  await offerRestOf(trx, r, ctx.now);
  return after;
}

export async function checkIn(trx: Executor, id: string, ctx: UserCtx) {
  const r = await actOn(trx, id, 'check_in', ctx);
  const problem = checkInProblem({ start: ms(r.starts_at), end: ms(r.ends_at) }, ms(ctx.now));
  if (problem) throw bookingsError(problem, { minutes: CHECK_IN_EARLY_MINUTES });
  const after = await step(
    trx,
    r,
    'check_in',
    { status: 'checked_in', checked_in_at: ctx.now, checked_in_by: ctx.actor.userId },
    (b) => ({ status: b.status, at: b.checkedInAt }),
    ctx,
  );
  // The worker's qualification was used today (keeps it from lapsing).
  const machine = await repo.findMachine(trx, r.machine_id, { all: true });
  const type = machine?.capabilities[0] as MachineType | undefined;
  if (r.mode === 'self' && r.person_id && type) {
    await recordUseAtCheckIn(
      trx,
      r.person_id,
      type,
      { on: localDate(ms(ctx.now), tzOf(r)), siteId: r.site_id },
      ctx,
    );
  }
  return after;
}

export async function checkOut(trx: Executor, id: string, ctx: UserCtx) {
  const r = await actOn(trx, id, 'check_out', ctx);
  const after = await step(
    trx,
    r,
    'check_out',
    { status: 'completed', checked_out_at: ctx.now, checked_out_by: ctx.actor.userId },
    (b) => ({ status: b.status, at: b.checkedOutAt }),
    ctx,
  );
  // Leaving early frees the rest of the slot.
  if (ms(ctx.now) < ms(r.ends_at))
    await offerFreedTime(trx, r.machine_id, { start: ms(ctx.now), end: ms(r.ends_at) }, ctx.now);
  return after;
}

export async function assignOperator(
  trx: Executor,
  id: string,
  userId: string | null,
  ctx: UserCtx,
) {
  const r = await actOn(trx, id, 'assign_operator', ctx);
  if (r.mode !== 'service')
    throw bookingsError('booking_action_not_allowed', {
      status: r.status,
      action: 'assign_operator',
    });
  if (userId) {
    const staff = await repo.siteStaff(trx, r.site_id, ['site_operator', 'site_manager']);
    if (!staff.some((s) => s.id === userId)) throw bookingsError('operator_not_at_site');
  }
  await repo.updateBooking(trx, id, { operator_user_id: userId, updated_at: ctx.now });
  const after = await getBooking(trx, id, ctx.actor, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'booking.assign_operator',
    entityType: 'booking',
    entityId: id,
    before: { operator: r.operator_user_id },
    after: { operator: userId },
  });
  return after;
}

export async function siteOperators(db: Executor, machineId: string, actor: Actor) {
  const m = await visibleMachine(db, machineId, actor);
  const rows = await repo.siteStaff(db, m.site_id, ['site_operator', 'site_manager']);
  return { items: rows.map((r) => ({ userId: r.id, name: r.name, role: r.role })) };
}

export async function memberSummary(db: Executor, orgId: string, actor: Actor, now: Date) {
  const own = ownBookingsOnly(actor.grants);
  const p = bookingPowers(actor.grants);
  const officer = actor.grants.some((g) => g.role === 'programme_officer');
  const allowed = own
    ? own.includes(orgId)
    : p.admin || officer || (await staffOfMember(db, p, orgId));
  if (!allowed) throw new DomainError('organisation_not_found');
  const s = await repo.memberStats(db, orgId, now);
  return {
    memberOrgId: orgId,
    noShows90Days: s.noShows,
    upcoming: s.upcoming,
    hoursThisMonth: s.hours,
  };
}

// Wait list ------------------------------------------------------------------------------------

/**
 * Offers freed machine time to the wait list: the first waiting entry (in order of joining)
 * whose window overlaps the freed time and in which its minutes now fit gets an offer — a
 * booking in status `offered` that holds the slot until it expires. One offer per freeing.
 */
export async function offerFreedTime(trx: Executor, machineId: string, freed: Interval, now: Date) {
  if (freed.end <= freed.start) return null;
  const waiting = await repo.waitingFor(trx, machineId, new Date(freed.start), new Date(freed.end));
  if (waiting.length === 0) return null;
  const machine = await repo.findMachine(trx, machineId, { all: true });
  if (!machine || machine.status !== 'active') return null;
  const rules = await rulesFor(trx, machineId);
  for (const w of waiting) {
    const window = { start: Math.max(ms(w.window_start), ms(now)), end: ms(w.window_end) };
    if (window.end <= window.start) continue;
    const times = await machineTimes(trx, [{ id: machineId, site: siteRef(machine) }], window);
    const free = alignToGrid(times.get(machineId)!.free, tzOf(machine), rules.slotMinutes);
    const fit = offerFor({ window, minutes: w.minutes }, free, ms(now));
    if (!fit) continue;
    const expires = Math.min(ms(now) + rules.offerHoldMinutes * MINUTE, fit.start);
    if (expires <= ms(now)) continue;
    const id = await repo.insertBooking(trx, {
      machine_id: machineId,
      kind: 'booking',
      status: 'offered',
      starts_at: new Date(fit.start),
      ends_at: new Date(fit.end),
      member_org_id: w.member_org_id,
      mode: 'self',
      offer_expires_at: new Date(expires),
      booked_by: null,
      booked_by_label: 'wait list',
      created_at: now,
      updated_at: now,
    });
    await repo.updateWaitlist(trx, w.id, {
      status: 'offered',
      offer_booking_id: id,
      updated_at: now,
    });
    const offer = await repo.findBooking(trx, id);
    if (offer)
      await notifyMember(trx, systemView(offer, now), 'offer', now, {
        expires: formatSpan({ start: expires, end: expires + MINUTE }, tzOf(offer), 'id').split(
          '–',
        )[0]!,
      });
    return id;
  }
  return null;
}

/**
 * offerFreedTime for many freed spans, in order — after asking once per machine which waiting
 * entries overlap them at all: most often none, and nothing is left to do. Spans that no such
 * entry's window overlaps are skipped (offers only take entries out of waiting: none can start
 * to overlap them).
 */
async function offerFreedSpans(
  trx: Executor,
  spans: readonly (Interval & { machineId: string })[],
  now: Date,
) {
  const byMachine = new Map<string, { hull: Interval; freed: Interval[] }>();
  for (const { machineId, start, end } of spans) {
    if (end <= start) continue;
    const m = byMachine.get(machineId);
    if (!m) byMachine.set(machineId, { hull: { start, end }, freed: [{ start, end }] });
    else {
      m.hull = { start: Math.min(m.hull.start, start), end: Math.max(m.hull.end, end) };
      m.freed.push({ start, end });
    }
  }
  for (const [machineId, { hull, freed }] of byMachine) {
    const windows = await repo.waitingWindows(
      trx,
      machineId,
      new Date(hull.start),
      new Date(hull.end),
    );
    for (const f of freed)
      if (windows.some((w) => ms(w.window_start) < f.end && ms(w.window_end) > f.start))
        await offerFreedTime(trx, machineId, f, now);
  }
}

/** A booking as the system sees it (for notices written by jobs). */
const systemView = (r: repo.BookingRow, now: Date): Booking =>
  toBooking(
    r,
    { userId: '', email: 'system', name: 'RPB', locale: 'id', grants: [], via: 'system' },
    now,
  );

async function settleOffer(
  trx: Executor,
  bookingId: string,
  status: 'booked' | 'cancelled' | 'expired',
  now: Date,
) {
  const w = await repo.waitlistOfOffer(trx, bookingId);
  if (w) await repo.updateWaitlist(trx, w.id, { status, updated_at: now });
}

export async function acceptOffer(trx: Executor, id: string, ctx: UserCtx) {
  const r = await actOn(trx, id, 'accept_offer', ctx);
  if (r.offer_expires_at && ms(r.offer_expires_at) <= ms(ctx.now))
    throw bookingsError('offer_expired');
  const offered = { start: ms(r.starts_at), end: ms(r.ends_at) };
  const parties = await bookingParties(
    trx,
    { machineId: r.machine_id, memberOrgId: r.member_org_id!, personId: r.person_id },
    ctx.actor,
    offered,
  );
  await lockForQuota(trx, parties);
  const e = await evaluate(
    trx,
    { ...parties, staff: true },
    { interval: offered, mode: r.mode ?? 'self', personId: r.person_id },
    ctx.now,
    { exceptId: r.id },
  );
  const blocking = e.problems.filter(
    (p) =>
      p.code === 'qualification_required' ||
      p.code === 'booking_quota_exceeded' ||
      p.code === 'machine_unavailable',
  );
  if (blocking.length) {
    const first = blocking[0]!;
    throw new DomainError(first.code, { ...problemDetails(first), problems: blocking });
  }
  await repo.updateBooking(trx, id, {
    status: e.rules.approvalRequired ? 'requested' : 'confirmed',
    booked_by: ctx.actor.userId,
    booked_by_label: ctx.actor.email,
    updated_at: ctx.now,
  });
  await settleOffer(trx, id, 'booked', ctx.now);
  const after = await getBooking(trx, id, ctx.actor, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'booking.accept_offer',
    entityType: 'booking',
    entityId: id,
    before: { status: r.status },
    after: { status: after.status },
  });
  if (after.status === 'requested') await notifyStaff(trx, after, 'requested', ctx.now);
  return after;
}

export async function declineOffer(trx: Executor, id: string, ctx: UserCtx) {
  const r = await actOn(trx, id, 'decline_offer', ctx);
  await repo.updateBooking(trx, id, {
    status: 'cancelled',
    cancelled_at: ctx.now,
    cancelled_by: ctx.actor.userId,
    cancel_reason: 'offer declined',
    updated_at: ctx.now,
  });
  await settleOffer(trx, id, 'cancelled', ctx.now);
  await recordAudit(trx, ctx, {
    action: 'booking.decline_offer',
    entityType: 'booking',
    entityId: id,
    before: { status: r.status },
    after: { status: 'cancelled' },
  });
  await offerFreedTime(trx, r.machine_id, { start: ms(r.starts_at), end: ms(r.ends_at) }, ctx.now);
  return getBooking(trx, id, ctx.actor, ctx.now);
}

export async function joinWaitlist(
  trx: Executor,
  input: {
    machineId: string;
    memberOrgId: string;
    windowStart: string;
    windowEnd: string;
    minutes: number;
  },
  ctx: UserCtx,
) {
  const window = { start: Date.parse(input.windowStart), end: Date.parse(input.windowEnd) };
  const parties = await bookingParties(trx, { ...input, personId: null }, ctx.actor, window);
  if (window.start < ms(ctx.now) || window.end - window.start < input.minutes * MINUTE)
    throw bookingsError('waitlist_window_invalid', { minutes: input.minutes });
  let id: string;
  try {
    id = await repo.insertWaitlist(trx, {
      machine_id: parties.machine.id,
      member_org_id: parties.member.id,
      window_start: new Date(window.start),
      window_end: new Date(window.end),
      minutes: input.minutes,
      status: 'waiting',
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw bookingsError('waitlist_duplicate');
    throw err;
  }
  await recordAudit(trx, ctx, {
    action: 'waitlist.join',
    entityType: 'waitlist_entry',
    entityId: id,
    after: input,
  });
  return getWaitlistEntry(trx, id, ctx.actor, ctx.now);
}

export async function getWaitlistEntry(db: Executor, id: string, actor: Actor, now: Date) {
  const w = await repo.findWaitlist(db, id);
  const own = ownBookingsOnly(actor.grants);
  if (
    !w ||
    !(await repo.findMachine(db, w.machine_id, siteVisibility(actor))) ||
    (own && !own.includes(w.member_org_id))
  )
    throw bookingsError('waitlist_not_found');
  return (await presentWaitlist(db, [w], actor, now))[0]!;
}

async function presentWaitlist(
  db: Executor,
  rows: Awaited<ReturnType<typeof repo.listWaitlist>>,
  actor: Actor,
  now: Date,
) {
  const positions = await repo.waitingPositions(db, [...new Set(rows.map((r) => r.machine_id))]);
  const offers = await repo.findBookings(
    db,
    rows.map((r) => r.offer_booking_id).filter((x): x is string => !!x),
  );
  return rows.map((w) => {
    const offer = offers.find((o) => o.id === w.offer_booking_id);
    return {
      id: w.id,
      machineId: w.machine_id,
      machineName: w.machine_name,
      timeZone: tzOf(w),
      memberOrgId: w.member_org_id,
      memberName: w.member_name,
      windowStart: w.window_start.toISOString(),
      windowEnd: w.window_end.toISOString(),
      minutes: w.minutes,
      status: w.status,
      position: positions.get(w.id) ?? null,
      offer: offer && w.status === 'offered' ? toBooking(offer, actor, now) : null,
      createdAt: w.created_at.toISOString(),
    };
  });
}

export async function browseWaitlist(
  db: Executor,
  q: { machineId?: string; memberOrgId?: string },
  actor: Actor,
  now: Date,
) {
  const rows = await repo.listWaitlist(db, q, {
    visibility: siteVisibility(actor),
    ownOnly: ownBookingsOnly(actor.grants),
  });
  return { items: await presentWaitlist(db, rows, actor, now) };
}

export async function leaveWaitlist(trx: Executor, id: string, ctx: UserCtx) {
  const w = await repo.findWaitlist(trx, id);
  const p = bookingPowers(ctx.actor.grants);
  if (!w || !(await repo.findMachine(trx, w.machine_id, siteVisibility(ctx.actor))))
    throw bookingsError('waitlist_not_found');
  if (!canBookFor(p, w.site_id, w.member_org_id)) throw bookingsError('booking_forbidden');
  if (w.status === 'offered' && w.offer_booking_id) {
    await declineOffer(trx, w.offer_booking_id, ctx);
  }
  await repo.updateWaitlist(trx, id, { status: 'cancelled', updated_at: ctx.now });
  await recordAudit(trx, ctx, {
    action: 'waitlist.leave',
    entityType: 'waitlist_entry',
    entityId: id,
    before: { status: w.status },
    after: { status: 'cancelled' },
  });
  return { ok: true as const };
}

// Outages --------------------------------------------------------------------------------------

export async function createOutage(
  trx: Executor,
  machineId: string,
  input: { kind: 'maintenance' | 'breakdown'; startsAt: string; endsAt: string; reason: string },
  ctx: UserCtx,
) {
  const machine = await visibleMachine(trx, machineId, ctx.actor);
  if (!isStaff(bookingPowers(ctx.actor.grants), machine.site_id))
    throw new DomainError('forbidden');
  const iv = intervalOf(input);
  if (iv.end <= iv.start) throw bookingsError('booking_end_before_start');
  // Written first as not holding, so the bookings it displaces can point at it.
  const outageId = await repo.insertBooking(trx, {
    machine_id: machine.id,
    kind: 'outage',
    status: 'cancelled',
    cancelled_at: ctx.now,
    starts_at: new Date(iv.start),
    ends_at: new Date(iv.end),
    outage_kind: input.kind,
    reason: input.reason,
    mode: null,
    booked_by: ctx.actor.userId,
    booked_by_label: ctx.actor.email,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const overlapping = await repo.conflictsOf(trx, machine.id, new Date(iv.start), new Date(iv.end));
  const other = overlapping.find((c) => c.kind === 'outage');
  if (other) throw conflictError(machine, other);
  const displaced: string[] = [];
  for (const c of overlapping) {
    if (c.status === 'checked_in') {
      await repo.updateBooking(trx, c.id, {
        status: 'completed',
        checked_out_at: new Date(Math.max(ms(ctx.now), iv.start)),
        checked_out_by: ctx.actor.userId,
        updated_at: ctx.now,
      });
    } else {
      await repo.updateBooking(trx, c.id, {
        status: 'cancelled',
        cancelled_at: ctx.now,
        cancelled_by: ctx.actor.userId,
        cancel_reason: input.reason,
        displaced_by_outage_id: outageId,
        updated_at: ctx.now,
      });
      if (c.status === 'offered') await settleOffer(trx, c.id, 'cancelled', ctx.now);
      displaced.push(c.id);
    }
  }
  await repo.updateBooking(trx, outageId, {
    status: 'confirmed',
    cancelled_at: null,
    updated_at: ctx.now,
  });
  const outage = await getBooking(trx, outageId, ctx.actor, ctx.now);
  const affected = [];
  for (const row of await repo.findBookings(trx, displaced)) {
    const booking = toBooking(row, ctx.actor, ctx.now);
    const alternatives = await alternativesFor(trx, machine, row, ctx.now);
    affected.push({ booking, alternatives });
    await notifyMember(trx, booking, 'displaced', ctx.now, {
      reason: input.reason,
      alternatives:
        alternatives
          .map(
            (a) =>
              `${a.machineName} (${a.siteName}) ${formatSpan({ start: Date.parse(a.startsAt), end: Date.parse(a.endsAt) }, tzOf(row), 'id')}`,
          )
          .join('; ') || '-',
    });
  }
  await recordAudit(trx, ctx, {
    action: 'outage.create',
    entityType: 'booking',
    entityId: outageId,
    after: { ...input, displaced },
  });
  return { outage, affected };
}

/**
 * The nearest free slots of the same length that the displaced member can book itself: on
 * active machines with every capability of this one, at the sites the member is registered at,
 * each slot passing that machine's rules for this member through the request pipeline
 * (`earliestBookable` → `bookingProblems`: length, grid, lead time, horizon, qualification
 * unless service mode, weekly quota). Every candidate is ranked (day, distance, time) before
 * the list is cut.
 */
async function alternativesFor(trx: Executor, machine: Machine, b: repo.BookingRow, now: Date) {
  const caps = machine.capabilities;
  const memberOrgId = b.member_org_id;
  if (!caps[0] || !memberOrgId) return [];
  const atMemberSites: SiteVisibility = {
    all: false,
    programmeIds: [],
    siteIds: [],
    memberOrgIds: [memberOrgId],
  };
  const candidates = (await repo.machinesWithCapability(trx, caps[0], atMemberSites, {})).filter(
    (m) => m.id !== machine.id && caps.every((c) => m.capabilities.includes(c)),
  );
  if (candidates.length === 0) return [];
  const member = await repo.memberOf(trx, memberOrgId);
  const sizeClass = (member?.size_class ?? null) as SizeClass | null;
  const mode = b.mode ?? 'self';
  const length = ms(b.ends_at) - ms(b.starts_at);
  const from = Math.max(ms(now), ms(b.starts_at) - DAY);
  const range = { start: from, end: from + 14 * DAY };
  const times = await machineTimes(
    trx,
    candidates.map((m) => ({ id: m.id, site: siteRef(m) })),
    range,
  );
  const rulesOf = await rulesOfMachines(
    trx,
    candidates.map((m) => m.id),
  );
  // The member's time on the machines whose weekly quota applies to it (whole weeks around).
  const held = await repo.memberHeldOnMachines(
    trx,
    candidates.filter((m) => weeklyQuota(rulesOf(m.id), sizeClass) !== null).map((m) => m.id),
    memberOrgId,
    new Date(range.start - 7 * DAY),
    new Date(range.end + 7 * DAY),
  );
  const qualifiedOn = new Map<string, Promise<boolean>>();
  const qualified = (type: MachineType, date: string) => {
    const key = `${type}:${date}`;
    if (!qualifiedOn.has(key))
      qualifiedOn.set(
        key,
        hasValidQualification(
          trx,
          b.person_id ? { personId: b.person_id } : { organisationId: memberOrgId },
          type,
          date,
        ),
      );
    return qualifiedOn.get(key)!;
  };
  const fits = [];
  for (const m of candidates) {
    const rules = rulesOf(m.id);
    const tz = tzOf(m);
    const time = times.get(m.id)!;
    const type = m.capabilities[0] as MachineType | undefined;
    const needsQualification = mode === 'self' && rules.qualificationRequired && !!type;
    const firstDay = localDate(range.start, tz);
    const start = earliestBookable(
      alignToGrid(time.free, tz, rules.slotMinutes),
      length / MINUTE,
      {
        now: ms(now),
        rules,
        calendar: time.calendar,
        machineStatus: m.status,
        mode,
        qualified: needsQualification ? await qualified(type!, firstDay) : true,
        sizeClass,
        weekMinutes: minutesPerWeek(
          held
            .filter((h) => h.machine_id === m.id)
            .map((h) => ({ start: ms(h.starts_at), end: ms(h.ends_at) })),
          tz,
        ),
        staff: false,
      },
      Math.max(ms(now), ms(b.starts_at)),
    );
    if (start === null) continue;
    // A qualification valid when the search starts may lapse before the slot.
    if (
      needsQualification &&
      localDate(start, tz) !== firstDay &&
      !(await qualified(type!, localDate(start, tz)))
    )
      continue;
    fits.push({
      machineId: m.id,
      machineCode: m.code,
      machineName: m.name,
      siteName: m.site_name,
      timeZone: tz,
      startsAt: iso(start),
      endsAt: iso(start + length),
      earliestStart: start,
      distanceKm:
        coordinates(machine) && coordinates(m)
          ? distanceKm(coordinates(machine)!, coordinates(m)!)
          : null,
      name: m.name,
    });
  }
  return rankFits(fits)
    .slice(0, 3)
    .map(({ earliestStart: _e, distanceKm: _d, name: _n, ...a }) => a);
}

const coordinates = (m: { latitude: string | null; longitude: string | null }) =>
  m.latitude !== null && m.longitude !== null
    ? { lat: Number(m.latitude), lon: Number(m.longitude) }
    : null;

export async function liftOutage(trx: Executor, id: string, ctx: UserCtx) {
  await repo.lockBooking(trx, id);
  const r = await visibleBooking(trx, id, ctx.actor);
  if (r.kind !== 'outage') throw bookingsError('outage_not_found');
  if (!isStaff(bookingPowers(ctx.actor.grants), r.site_id)) throw new DomainError('forbidden');
  if (r.status !== 'confirmed')
    throw bookingsError('booking_action_not_allowed', { status: r.status, action: 'lift' });
  await repo.updateBooking(trx, id, {
    status: 'cancelled',
    cancelled_at: ctx.now,
    cancelled_by: ctx.actor.userId,
    updated_at: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'outage.lift',
    entityType: 'booking',
    entityId: id,
    before: { status: r.status },
    after: { status: 'cancelled' },
  });
  await offerRestOf(trx, r, ctx.now);
  return getBooking(trx, id, ctx.actor, ctx.now);
}

// Availability and search ----------------------------------------------------------------------

const MAX_RANGE_DAYS = 62;

function checkRange(iv: Interval, maxDays = MAX_RANGE_DAYS) {
  if (iv.end <= iv.start) throw bookingsError('booking_end_before_start');
  if (iv.end - iv.start > maxDays * DAY) throw bookingsError('range_too_long', { maxDays });
}

export async function availability(
  db: Executor,
  machineId: string,
  q: { from: string; to: string },
  actor: Actor,
  now: Date,
): Promise<Availability> {
  const range = { start: Date.parse(q.from), end: Date.parse(q.to) };
  // The machine, its rules and its site's calendar in one statement; its busy time in another,
  // sent alongside (it needs only the id; ~10 ms for a busy month) when the range is acceptable.
  // Its answer is used only once the machine has turned out to be visible to the caller.
  const h = holidayDates(
    range.end > range.start ? range : { start: range.start, end: range.start },
  );
  const busyTime = () =>
    busyOfMachine(
      db,
      machineId,
      new Date(range.start),
      new Date(range.end),
      bookingPowers(actor.grants).memberOrgs,
    );
  const rangeOk = range.end > range.start && range.end - range.start <= MAX_RANGE_DAYS * DAY;
  const [machine, early] = await Promise.all([
    repo.findMachineScene(db, machineId, siteVisibility(actor), h.holidaysFrom, h.holidaysTo),
    rangeOk ? busyTime() : null,
  ]);
  if (!machine) throw new DomainError('machine_not_found');
  checkRange(range);
  const rules = rulesFromRow(machine);
  const calendar = calendarOf(machine);
  const busy = early ?? (await busyTime());
  // Free time from now on, computed once: open time minus busy time, on the slot grid.
  const future = { start: Math.max(range.start, ms(now)), end: range.end };
  const free =
    machine.status === 'active' && future.end > future.start
      ? alignToGrid(
          subtract(openIntervals(calendar, future), busy),
          tzOf(machine),
          rules.slotMinutes,
        )
      : [];
  const span = (iv: Interval) => ({ startsAt: isoInstant(iv.start), endsAt: isoInstant(iv.end) });
  return {
    machineId: machine.id,
    timeZone: tzOf(machine),
    from: iso(range.start),
    to: iso(range.end),
    machineStatus: machine.status,
    rules,
    open: openIntervals(calendar, range).map(span),
    busy: busy.map((b) => ({
      id: b.id,
      startsAt: isoInstant(b.start),
      endsAt: isoInstant(b.end),
      kind: b.kind,
      status: b.status,
      outageKind: b.outage_kind,
      mine: b.mine,
    })),
    free: free.map(span),
  };
}

export async function searchCapacity(
  db: Executor,
  q: {
    capability: string;
    from: string;
    to: string;
    minutes: number;
    province?: string | undefined;
    clusterId?: string | undefined;
    nearSiteId?: string | undefined;
    limit: number;
  },
  actor: Actor,
  now: Date,
) {
  const range = { start: Math.max(Date.parse(q.from), ms(now)), end: Date.parse(q.to) };
  checkRange({ start: Date.parse(q.from), end: range.end }, 31);
  const p = bookingPowers(actor.grants);
  // A member searches every site of its programmes, not only those it is registered at (the
  // answer says where it is not; booking there still needs membership of the site).
  const memberSites = await repo.sitesOfMembers(db, p.memberOrgs);
  const visibility = siteVisibility(actor);
  const searched: SiteVisibility = visibility.all
    ? visibility
    : {
        ...visibility,
        programmeIds: [
          ...new Set([...visibility.programmeIds, ...memberSites.map((s) => s.programme_id)]),
        ],
      };
  const near = q.nearSiteId
    ? await repo.siteCoordinates(db, q.nearSiteId)
    : (memberSites[0] ??
      (p.staffSites[0] ? await repo.siteCoordinates(db, p.staffSites[0]) : undefined));
  const nearSiteId = near?.id ?? null;
  const candidates = await repo.machinesWithCapability(db, q.capability, searched, q);
  if (candidates.length === 0 || range.end <= range.start) return { items: [], nearSiteId };
  const origin = near ? coordinates(near) : null;
  const registeredAt = new Set([...memberSites.map((s) => s.id), ...p.staffSites]);
  const registered = (siteId: string) =>
    p.memberOrgs.length === 0 ? null : p.admin || registeredAt.has(siteId);
  const times = await machineTimes(
    db,
    candidates.map((m) => ({ id: m.id, site: siteRef(m) })),
    range,
  );
  const rulesOf = await rulesOfMachines(
    db,
    candidates.map((m) => m.id),
  );
  const fits = [];
  for (const m of candidates) {
    const rules = rulesOf(m.id);
    const free = alignToGrid(times.get(m.id)!.free, tzOf(m), rules.slotMinutes);
    const minutes = Math.max(q.minutes, rules.minMinutes);
    const start = earliestFit(
      free,
      minutes,
      tzOf(m),
      rules.slotMinutes,
      ms(now) + rules.leadMinutes * MINUTE,
    );
    if (start === null) continue;
    const here = coordinates(m);
    fits.push({
      machineId: m.id,
      machineCode: m.code,
      machineName: m.name,
      siteId: m.site_id,
      siteCode: m.site_code,
      siteName: m.site_name,
      province: m.region_code?.slice(0, 2) ?? '',
      timeZone: tzOf(m),
      earliestStart: start,
      freeMinutes: Math.round(totalLength(free) / MINUTE),
      distanceKm: origin && here ? Math.round(distanceKm(origin, here) * 10) / 10 : null,
      registered: registered(m.site_id),
      name: m.name,
    });
  }
  const ranked = rankFits(fits).slice(0, q.limit);
  // Where the member is not registered: whom to ask (there is no in-app request to join).
  const contacts = new Map(
    (
      await repo.siteContacts(db, [
        ...new Set(ranked.filter((f) => f.registered === false).map((f) => f.siteId)),
      ])
    ).map((s) => [s.id, firstContact(s.contacts)]),
  );
  return {
    items: ranked.map(({ name: _n, earliestStart, ...f }) => ({
      ...f,
      earliestStart: iso(earliestStart),
      contact: contacts.get(f.siteId) ?? null,
    })),
    nearSiteId,
  };
}

/** The first contact of a site's stored contact list, or null. */
function firstContact(stored: unknown) {
  const list = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  const c = Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined;
  if (!c || typeof c.name !== 'string') return null;
  return {
    name: c.name,
    phone: typeof c.phone === 'string' ? c.phone : null,
    email: typeof c.email === 'string' ? c.email : null,
  };
}

// Background work ------------------------------------------------------------------------------

export const BOOKINGS_QUEUE = 'bookings.tick';

/**
 * Every minute: expired offers go to the next in line, unattended bookings become no-shows
 * (their rest is released), and reminders go out for bookings starting within 24 hours.
 * Each item in its own transaction, so one failure does not hold back the others.
 */
export async function bookingsTick(db: Db, now: Date) {
  let expired = 0;
  let noShows = 0;
  let reminders = 0;
  for (const o of await repo.offersExpiredAt(db, now)) {
    await db.transaction().execute(async (trx) => {
      await repo.lockBooking(trx, o.id);
      const r = await repo.findBooking(trx, o.id);
      if (!r || r.status !== 'offered') return;
      await repo.updateBooking(trx, o.id, { status: 'expired', updated_at: now });
      await settleOffer(trx, o.id, 'expired', now);
      await offerRestOf(trx, r, now);
      expired++;
    });
  }
  for (const b of await repo.confirmedStartedBefore(db, now)) {
    const grace = b.no_show_grace_minutes ?? DEFAULT_RULES.noShowGraceMinutes;
    if (!isNoShow({ start: ms(b.starts_at), status: 'confirmed' }, grace, ms(now))) continue;
    await db.transaction().execute(async (trx) => {
      await repo.lockBooking(trx, b.id);
      const r = await repo.findBooking(trx, b.id);
      if (!r || r.status !== 'confirmed') return;
      await repo.updateBooking(trx, b.id, { status: 'no_show', no_show_at: now, updated_at: now });
      await recordAudit(
        trx,
        { actor: null, now },
        {
          action: 'booking.no_show',
          entityType: 'booking',
          entityId: b.id,
          before: { status: 'confirmed' },
          after: { status: 'no_show' },
        },
      );
      await notifyMember(trx, systemView(r, now), 'no_show', now);
      await offerFreedTime(trx, r.machine_id, { start: ms(now), end: ms(r.ends_at) }, now);
      noShows++;
    });
  }
  for (const b of await repo.remindersDue(db, now, new Date(ms(now) + DAY))) {
    await db.transaction().execute(async (trx) => {
      const r = await repo.findBooking(trx, b.id);
      if (!r || r.reminder_sent_at) return;
      const rules = await rulesFor(trx, r.machine_id);
      await repo.updateBooking(trx, b.id, { reminder_sent_at: now });
      await notifyMember(trx, systemView(r, now), 'reminder', now, {
        grace: String(rules.noShowGraceMinutes),
      });
      reminders++;
    });
  }
  return { expired, noShows, reminders };
}

// Notices --------------------------------------------------------------------------------------

async function notifyMember(
  trx: Executor,
  b: Booking,
  notice: BookingNotice,
  now: Date,
  extra: Record<string, string> = {},
) {
  if (!b.memberOrgId) return;
  const users = await repo.memberUsers(trx, b.memberOrgId);
  await send(trx, b, notice, now, extra, users);
}

async function notifyStaff(trx: Executor, b: Booking, notice: BookingNotice, now: Date) {
  const users = await repo.siteStaff(trx, b.siteId, ['site_manager', 'site_operator']);
  await send(trx, b, notice, now, {}, users);
}

/**
 * Transactions (and request contexts) in which a notice queued e-mail: the route nudges the
 * outbox after commit only then.
 */
const mailedIn = new WeakSet<object>();
export const queuedMail = (trxOrCtx: object) => mailedIn.has(trxOrCtx);

async function send(
  trx: Executor,
  b: Booking,
  notice: BookingNotice,
  now: Date,
  extra: Record<string, string>,
  users: { email: string; locale: 'id' | 'en' }[],
) {
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.email)) continue;
    seen.add(u.email);
    const mail = bookingNotice(notice, u.locale === 'en' ? 'en' : 'id', {
      machine: `${b.machineName} (${b.siteName})`,
      member: b.memberName ?? '',
      when: formatSpan(
        { start: Date.parse(b.startsAt), end: Date.parse(b.endsAt) },
        b.timeZone,
        u.locale,
      ),
      ...extra,
    });
    await queueEmail(
      trx,
      { to: u.email, ...mail, dedupeKey: `booking:${b.id}:${notice}:${u.email}` },
      now,
    );
    mailedIn.add(trx);
  }
}

// Calendar feeds -------------------------------------------------------------------------------

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createFeed(
  trx: Executor,
  input: { machineId?: string | undefined; organisationId?: string | undefined },
  ctx: UserCtx,
  baseUrl: string,
) {
  let label: string;
  if (input.machineId) {
    const m = await visibleMachine(trx, input.machineId, ctx.actor);
    label = m.name;
  } else {
    const orgId = input.organisationId!;
    const p = bookingPowers(ctx.actor.grants);
    const own = ownBookingsOnly(ctx.actor.grants);
    const member = await repo.memberOf(trx, orgId);
    if (!member || (own ? !own.includes(orgId) : !p.admin && !(await staffOfMember(trx, p, orgId))))
      throw new DomainError('organisation_not_found');
    label = member.name;
  }
  const token = randomBytes(24).toString('base64url');
  const row = await repo.insertFeed(trx, {
    token_hash: hashToken(token),
    machine_id: input.machineId ?? null,
    organisation_id: input.organisationId ?? null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'calendar_feed.create',
    entityType: 'calendar_feed',
    entityId: row.id,
    after: { ...input },
  });
  return {
    id: row.id,
    machineId: input.machineId ?? null,
    organisationId: input.organisationId ?? null,
    label,
    createdAt: row.created_at.toISOString(),
    url: `${baseUrl.replace(/\/$/, '')}/api/ical/${token}.ics`,
  };
}

async function staffOfMember(db: Executor, p: ReturnType<typeof bookingPowers>, orgId: string) {
  for (const s of p.staffSites) if (await repo.isSiteMember(db, s, orgId)) return true;
  return false;
}

export async function listFeeds(db: Executor, actor: Actor) {
  const rows = await repo.feedsOf(db, actor.userId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      machineId: r.machine_id,
      organisationId: r.organisation_id,
      label: r.machine_name ?? r.org_name ?? '',
      createdAt: r.created_at.toISOString(),
      url: null,
    })),
  };
}

export async function revokeFeed(trx: Executor, id: string, ctx: UserCtx) {
  const res = await repo.revokeFeed(trx, id, ctx.actor.userId, ctx.now);
  if (Number(res.numUpdatedRows) === 0) throw bookingsError('calendar_feed_not_found');
  await recordAudit(trx, ctx, {
    action: 'calendar_feed.revoke',
    entityType: 'calendar_feed',
    entityId: id,
  });
  return { ok: true as const };
}

/** The iCalendar text of a feed, or calendar_feed_not_found for an unknown or revoked secret. */
export async function renderFeed(db: Executor, token: string, now: Date) {
  const feed = await repo.feedByHash(db, hashToken(token.replace(/\.ics$/, '')));
  if (!feed) throw bookingsError('calendar_feed_not_found');
  const rows = await repo.feedBookings(
    db,
    { machineId: feed.machine_id, organisationId: feed.organisation_id },
    new Date(ms(now) - 30 * DAY),
    new Date(ms(now) + 366 * DAY),
  );
  const forMachine = feed.machine_id !== null;
  const events: CalendarEvent[] = rows.map((r) => {
    const who =
      r.kind === 'outage'
        ? `${r.outage_kind === 'breakdown' ? 'Kerusakan' : 'Perawatan'}: ${r.reason ?? ''}`
        : (r.member_name ?? '');
    return {
      uid: `${r.id}@rpb`,
      start: r.starts_at,
      end: r.ends_at,
      stamp: r.updated_at,
      summary: forMachine ? `${r.machine_name} — ${who}` : `${r.machine_name} (${r.site_name})`,
      description: [
        `${r.machine_code} · ${r.site_name}`,
        r.kind === 'booking'
          ? `Status: ${r.status}${r.mode === 'service' ? ' · layanan operator' : ''}`
          : who,
        r.notes ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
      location: r.site_name,
      status:
        r.status === 'cancelled'
          ? 'CANCELLED'
          : r.status === 'requested' || r.status === 'offered'
            ? 'TENTATIVE'
            : 'CONFIRMED',
      sequence: Math.max(0, Math.floor((ms(r.updated_at) - ms(r.created_at)) / 1000)),
    };
  });
  const name = forMachine ? `RPB — ${rows[0]?.machine_name ?? 'mesin'}` : 'RPB — pemesanan';
  return renderCalendar({ name, events });
}
