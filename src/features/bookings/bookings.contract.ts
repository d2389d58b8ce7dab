/**
 * API shapes of factory sharing: bookings and outages of machine time, availability, booking
 * rules, recurring series, the wait list, check-in/out, calendar feeds and search for free
 * capacity across sites. Instants are ISO 8601 with an offset (answers are in UTC, `…Z`);
 * every answer about a machine carries its site's time zone so clients show WIB/WITA/WIT.
 *
 * Kept stable for other systems: POST /api/bookings {machineId, memberOrgId, startsAt, endsAt}
 * → 201 Booking | 409 booking_conflict; GET /api/bookings?machineId=&from=&to=;
 * POST /api/bookings/{id}/cancel; GET /api/machines/{id}/availability?from=&to=.
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';
import { Capability } from '../equipment/equipment.contract.js';

const Id = z.string().uuid();
const Instant = z.string().datetime({ offset: true }).describe('ISO 8601 with offset');
const Out = z.string().datetime();
const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const TIME_ZONES = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
] as const;
export const TimeZone = z.enum(TIME_ZONES);

export const BOOKING_STATUSES = [
  'requested',
  'confirmed',
  'offered',
  'checked_in',
  'completed',
  'cancelled',
  'rejected',
  'no_show',
  'expired',
] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;
export const BookingMode = z.enum(['self', 'service']);
export const OUTAGE_KINDS = ['maintenance', 'breakdown'] as const;
export const OutageKind = z.enum(OUTAGE_KINDS);

// Rules ----------------------------------------------------------------------------------------

const Hours = z.number().int().min(1).max(168).nullable();
export const BookingRules = z.object({
  slotMinutes: z.literal([5, 10, 15, 20, 30, 60, 120, 240]),
  minMinutes: z.number().int().min(5).max(20160),
  maxMinutes: z.number().int().min(5).max(20160),
  leadMinutes: z.number().int().min(0).max(43200),
  horizonDays: z.number().int().min(1).max(366),
  approvalRequired: z.boolean(),
  qualificationRequired: z.boolean(),
  serviceModeAllowed: z.boolean(),
  noShowGraceMinutes: z.number().int().min(5).max(240),
  offerHoldMinutes: z.number().int().min(5).max(2880),
  weeklyHours: z.object({ micro: Hours, small: Hours, medium: Hours, large: Hours }),
});
export type BookingRules = z.infer<typeof BookingRules>;
export const MachineBookingRules = BookingRules.extend({
  machineId: Id,
  isDefault: z.boolean().describe('true: the machine has no rules of its own yet'),
});

// Bookings -------------------------------------------------------------------------------------

export const BookingRequest = z.strictObject({
  machineId: Id,
  memberOrgId: Id,
  startsAt: Instant,
  endsAt: Instant,
  mode: BookingMode.default('self').describe('service: the site operator runs the job'),
  personId: Id.nullable().default(null).describe('The worker who will operate the machine'),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type BookingRequest = z.infer<typeof BookingRequest>;

export const BookingActions = z.object({
  cancel: z.boolean(),
  approve: z.boolean(),
  reject: z.boolean(),
  checkIn: z.boolean(),
  checkOut: z.boolean(),
  accept: z.boolean(),
  decline: z.boolean(),
  assignOperator: z.boolean(),
});

export const Booking = z.object({
  id: Id,
  kind: z.enum(['booking', 'outage']),
  status: BookingStatus,
  machineId: Id,
  machineCode: z.string(),
  machineName: z.string(),
  siteId: Id,
  siteCode: z.string(),
  siteName: z.string(),
  timeZone: TimeZone,
  startsAt: Out,
  endsAt: Out,
  memberOrgId: Id.nullable(),
  memberName: z.string().nullable(),
  personId: Id.nullable(),
  personName: z.string().nullable(),
  mode: BookingMode.nullable(),
  operatorUserId: Id.nullable(),
  operatorName: z.string().nullable(),
  seriesId: Id.nullable(),
  outageKind: OutageKind.nullable(),
  reason: z.string().nullable(),
  notes: z.string().nullable(),
  bookedBy: z.string(),
  offerExpiresAt: Out.nullable(),
  decisionReason: z.string().nullable(),
  cancelledAt: Out.nullable(),
  cancelReason: z.string().nullable(),
  checkedInAt: Out.nullable(),
  checkedOutAt: Out.nullable(),
  noShowAt: Out.nullable(),
  createdAt: Out,
  actions: BookingActions,
});
export type Booking = z.infer<typeof Booking>;

const StatusFilter = z.union([BookingStatus, z.literal('active')]);
type StatusFilter = z.infer<typeof StatusFilter>;
const STATUS_LIST = new RegExp(
  `^(${[...BOOKING_STATUSES, 'active'].join('|')})(,(${[...BOOKING_STATUSES, 'active'].join('|')}))*$`,
);

export const BookingQuery = PageQuery.extend({
  machineId: Id.optional(),
  siteId: Id.optional(),
  memberOrgId: Id.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  status: z
    .union([z.string().regex(STATUS_LIST), z.array(StatusFilter).min(1)])
    .transform((v): StatusFilter[] => (Array.isArray(v) ? v : (v.split(',') as StatusFilter[])))
    .optional()
    .describe(
      'one status or several (comma-separated, or the parameter repeated); active: requested, confirmed, offered or checked in',
    ),
  kind: z.enum(['booking', 'outage']).optional(),
});
export type BookingQuery = z.infer<typeof BookingQuery>;
export const BookingList = page(Booking);

export const BookingParams = z.object({ id: Id });
export const ReasonRequest = z.strictObject({
  reason: z.string().trim().max(500).nullable().default(null),
});
export const RejectRequest = z.strictObject({ reason: text(500) });
export const AssignOperatorRequest = z.strictObject({ userId: Id.nullable() });

export const Problem = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type Problem = z.infer<typeof Problem>;

export const BookingCheck = z.object({
  ok: z.boolean(),
  problems: z.array(Problem),
  conflicts: z.array(z.object({ startsAt: Out, endsAt: Out, kind: z.enum(['booking', 'outage']) })),
});
export type BookingCheck = z.infer<typeof BookingCheck>;

export const MemberSummary = z.object({
  memberOrgId: Id,
  noShows90Days: z.number().int(),
  upcoming: z.number().int(),
  hoursThisMonth: z.number(),
});
export const SummaryQuery = z.object({ memberOrgId: Id });

// Availability -----------------------------------------------------------------------------------

export const Span = z.object({ startsAt: Out, endsAt: Out });
export const AvailabilityQuery = z.object({ from: Instant, to: Instant });
export const MachineParams = z.object({ id: Id });
export const Availability = z.object({
  machineId: Id,
  timeZone: TimeZone,
  from: Out,
  to: Out,
  machineStatus: z.enum(['active', 'maintenance', 'broken', 'retired']),
  rules: BookingRules,
  open: z.array(Span),
  busy: z.array(
    Span.extend({
      id: Id.describe('the booking or outage'),
      kind: z.enum(['booking', 'outage']),
      status: BookingStatus,
      outageKind: OutageKind.nullable().describe('maintenance or breakdown (outages only)'),
      mine: z.boolean().describe("the caller's own organisation's booking"),
    }),
  ),
  free: z.array(Span).describe('open − busy, on the slot grid'),
});
export type Availability = z.infer<typeof Availability>;

export const CapacitySearchQuery = z.object({
  capability: Capability,
  from: Instant,
  to: Instant,
  minutes: z.coerce.number().int().min(5).max(20160).default(60),
  province: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .describe('Kemendagri province code'),
  clusterId: Id.optional(),
  nearSiteId: Id.optional().describe(
    "measure distances from this site (default: the member's first site, else the caller's first staff site)",
  ),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const SiteContact = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export const CapacityFit = z.object({
  machineId: Id,
  machineCode: z.string(),
  machineName: z.string(),
  siteId: Id,
  siteCode: z.string(),
  siteName: z.string(),
  province: z.string(),
  timeZone: TimeZone,
  earliestStart: Out,
  freeMinutes: z.number().int().describe('free minutes of the machine in the range'),
  distanceKm: z.number().nullable(),
  registered: z
    .boolean()
    .nullable()
    .describe(
      'whether one of your organisations is registered at the site (booking needs it); null when you book for no organisation',
    ),
  contact: SiteContact.nullable().describe(
    "the site's first contact, to ask to register there (only when registered is false)",
  ),
});
export const CapacitySearch = z.object({
  items: z
    .array(CapacityFit)
    .describe('by local day of the earliest fit, then distance, then time'),
  nearSiteId: Id.nullable().describe('the site distances are measured from'),
});

// Series -----------------------------------------------------------------------------------------

export const SeriesRequest = BookingRequest.extend({
  frequency: z.enum(['daily', 'weekly']),
  interval: z.number().int().min(1).max(12).default(1),
  until: IsoDate.nullable().default(null).describe('last local date (inclusive)'),
  count: z.number().int().min(1).max(366).nullable().default(null),
  skipConflicts: z
    .boolean()
    .default(false)
    .describe('true: book the occurrences that can be booked and list the others'),
}).refine((v) => (v.until === null) !== (v.count === null), {
  message: 'until_or_count',
  path: ['until'],
});
export type SeriesRequest = z.infer<typeof SeriesRequest>;
export const SkippedOccurrence = z.object({
  startsAt: Out,
  endsAt: Out,
  problems: z.array(Problem),
});
export const SeriesResult = z.object({
  seriesId: Id.nullable(),
  booked: z.array(Booking),
  skipped: z.array(SkippedOccurrence),
});
export const SeriesParams = z.object({ id: Id });
export const CancelSeriesRequest = z.strictObject({
  from: Instant.nullable()
    .default(null)
    .describe('cancel occurrences starting at or after (default: now)'),
  reason: z.string().trim().max(500).nullable().default(null),
});
export const CancelSeriesResult = z.object({ cancelled: z.array(Booking) });

// Outages ----------------------------------------------------------------------------------------

export const OutageRequest = z.strictObject({
  kind: OutageKind,
  startsAt: Instant,
  endsAt: Instant,
  reason: text(500),
});
export const Alternative = z.object({
  machineId: Id,
  machineCode: z.string(),
  machineName: z.string(),
  siteName: z.string(),
  timeZone: TimeZone.describe("the alternative machine's site's time zone"),
  startsAt: Out,
  endsAt: Out,
});
export const OutageResult = z.object({
  outage: Booking,
  affected: z.array(z.object({ booking: Booking, alternatives: z.array(Alternative) })),
});

// Wait list --------------------------------------------------------------------------------------

export const WaitlistRequest = z.strictObject({
  machineId: Id,
  memberOrgId: Id,
  windowStart: Instant,
  windowEnd: Instant,
  minutes: z.number().int().min(5).max(20160),
});
export const WaitlistEntry = z.object({
  id: Id,
  machineId: Id,
  machineName: z.string(),
  timeZone: TimeZone.describe("the machine's site's time zone"),
  memberOrgId: Id,
  memberName: z.string(),
  windowStart: Out,
  windowEnd: Out,
  minutes: z.number().int(),
  status: z.enum(['waiting', 'offered', 'booked', 'cancelled', 'expired']),
  position: z.number().int().nullable().describe('1 = first in line (waiting entries only)'),
  offer: Booking.nullable(),
  createdAt: Out,
});
export const WaitlistQuery = z.object({
  machineId: Id.optional(),
  memberOrgId: Id.optional(),
});
export const WaitlistItems = z.object({ items: z.array(WaitlistEntry) });
export const WaitlistParams = z.object({ id: Id });

// Operators and calendar feeds -------------------------------------------------------------------

export const OperatorItems = z.object({
  items: z.array(z.object({ userId: Id, name: z.string(), role: z.string() })),
});
export const CalendarFeedRequest = z
  .strictObject({ machineId: Id.optional(), organisationId: Id.optional() })
  .refine((v) => (v.machineId === undefined) !== (v.organisationId === undefined), {
    message: 'machine_or_organisation',
    path: ['machineId'],
  });
export const CalendarFeed = z.object({
  id: Id,
  machineId: Id.nullable(),
  organisationId: Id.nullable(),
  label: z.string(),
  createdAt: Out,
  url: z.string().nullable().describe('the secret URL: only in the answer that creates the feed'),
});
export const CalendarFeedItems = z.object({ items: z.array(CalendarFeed) });
export const CalendarFeedParams = z.object({ id: Id });
export const IcalParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}(\.ics)?$/) });
