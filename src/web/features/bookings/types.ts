/** Types of the booking API shapes (see lib/contracts.ts) and the paths of its pages. */
import type { z } from 'zod';
import type {
  Availability,
  Booking,
  BookingAlternative,
  BookingCheck,
  BookingProblem,
  BookingRules,
  BOOKING_STATUSES,
  CalendarFeed,
  CapacityFit,
  MachineBookingRules,
  MemberSummary,
  OperatorItems,
  OUTAGE_KINDS,
  OutageResult,
  SeriesResult,
  SkippedOccurrence,
  WaitlistEntry,
} from '../../lib/contracts.js';

export type BookingT = z.infer<typeof Booking>;
export type BookingStatusT = (typeof BOOKING_STATUSES)[number];
export type OutageKindT = (typeof OUTAGE_KINDS)[number];
export type AvailabilityT = z.infer<typeof Availability>;
export type BusyT = AvailabilityT['busy'][number];
export type BookingCheckT = z.infer<typeof BookingCheck>;
export type BookingProblemT = z.infer<typeof BookingProblem>;
export type BookingRulesT = z.infer<typeof BookingRules>;
export type MachineBookingRulesT = z.infer<typeof MachineBookingRules>;
export type WaitlistEntryT = z.infer<typeof WaitlistEntry>;
export type CalendarFeedT = z.infer<typeof CalendarFeed>;
export type CapacityFitT = z.infer<typeof CapacityFit>;
export type SeriesResultT = z.infer<typeof SeriesResult>;
export type SkippedOccurrenceT = z.infer<typeof SkippedOccurrence>;
export type OutageResultT = z.infer<typeof OutageResult>;
export type AlternativeT = z.infer<typeof BookingAlternative>;
export type MemberSummaryT = z.infer<typeof MemberSummary>;
export type OperatorT = z.infer<typeof OperatorItems>['items'][number];

/** Who books machine time: members for themselves, site staff on a member's behalf. */
export const STAFF_ROLES = ['administrator', 'site_manager', 'site_operator'] as const;

export const bookingApi = (id: string) => `/api/bookings/${encodeURIComponent(id)}`;
export const machineApi = (id: string) => `/api/machines/${encodeURIComponent(id)}`;

function withQuery(path: string, query: Record<string, string | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The machine calendar page, on a day (local date) and in a view. */
export const calendarPath = (machineId: string, date?: string, view?: 'day' | 'week') =>
  withQuery(`/equipment/${encodeURIComponent(machineId)}/calendar`, { view, date });

/** The booking form, prefilled with a local date and wall-clock times (`HH:MM`). */
export const bookPath = (
  machineId: string,
  prefill: { date?: string; start?: string; end?: string },
) => withQuery(`/equipment/${encodeURIComponent(machineId)}/book`, prefill);

export const rulesPath = (machineId: string) =>
  `/equipment/${encodeURIComponent(machineId)}/booking-rules`;
