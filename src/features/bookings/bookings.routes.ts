/**
 * HTTP routes of factory sharing. Reads run on the pool; each change runs in one transaction and
 * nudges the outbox when it may have queued e-mail. The iCal feed is public behind its secret.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkResponse } from '../../contracts/api.contract.js';
import { authenticated, publicAccess } from '../../server/http/access.js';
import { isKnownCode, messageOf } from '../../server/http/error-map.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import { OUTBOX_QUEUE } from '../jobs/jobs.service.js';
import {
  AssignOperatorRequest,
  Availability,
  AvailabilityQuery,
  Booking,
  BookingCheck,
  BookingList,
  BookingParams,
  BookingQuery,
  BookingRequest,
  BookingRules,
  CalendarFeed,
  CalendarFeedItems,
  CalendarFeedParams,
  CalendarFeedRequest,
  CancelSeriesRequest,
  CancelSeriesResult,
  CapacitySearch,
  CapacitySearchQuery,
  IcalParams,
  MachineBookingRules,
  MachineParams,
  MemberSummary,
  OperatorItems,
  OutageRequest,
  OutageResult,
  ReasonRequest,
  RejectRequest,
  SeriesParams,
  SeriesRequest,
  SeriesResult,
  SummaryQuery,
  WaitlistEntry,
  WaitlistItems,
  WaitlistParams,
  WaitlistQuery,
  WaitlistRequest,
} from './bookings.contract.js';
import * as svc from './bookings.service.js';

const tags = ['bookings'];

/** JSON as UTF-8 bytes (see the availability route). */
const jsonBytes = (data: unknown) => Buffer.from(JSON.stringify(data));

const translator =
  (req: FastifyRequest): svc.Translate =>
  (code, details) =>
    isKnownCode(code) ? messageOf(code, req.locale, details) : code;

export function bookingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const now = () => app.deps.clock.now();
  type Trx = Parameters<Parameters<typeof inTransaction>[1]>[0];
  /** A change in one transaction; the outbox is nudged after commit only if it queued e-mail. */
  const change = async <T>(req: FastifyRequest, fn: (trx: Trx) => Promise<T>): Promise<T> => {
    let queued = false;
    const out = await inTransaction(req, async (trx) => {
      const result = await fn(trx);
      queued = svc.queuedMail(trx);
      return result;
    });
    if (queued) app.deps.nudge(OUTBOX_QUEUE);
    return out;
  };

  /**
   * Booking creation opens a transaction only when it needs one (a quota's lock, e-mail to
   * queue): otherwise one atomic statement writes the booking and its audit row.
   */
  const create = async (req: FastifyRequest, body: BookingRequest) => {
    const ctx = userContextOf(req);
    const booking = await svc.createBooking(db, body, ctx);
    if (svc.queuedMail(ctx)) app.deps.nudge(OUTBOX_QUEUE);
    return booking;
  };

  // Bookings ------------------------------------------------------------------------------------

  r.post('/api/bookings', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Book a machine for a member (by the member, or by site staff on its behalf); 409 booking_conflict on an overlap',
      body: BookingRequest,
      response: { 201: Booking },
    },
    handler: async (req, reply) => reply.status(201).send(await create(req, req.body)),
  });

  r.post('/api/bookings/check', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Check a booking request without writing anything: every rule it breaks and every conflict',
      body: BookingRequest,
      response: { 200: BookingCheck },
    },
    handler: async (req) =>
      svc.checkBooking(db, req.body, userContextOf(req).actor, now(), translator(req)),
  });

  r.get('/api/bookings', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Bookings and outages you may see, by start; filter by machine, site, member, time range and status',
      querystring: BookingQuery,
      response: { 200: BookingList },
    },
    handler: async (req) => svc.browseBookings(db, req.query, userContextOf(req).actor, now()),
  });

  r.get('/api/bookings/summary', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A member's no-shows (90 days), upcoming bookings and hours this month",
      querystring: SummaryQuery,
      response: { 200: MemberSummary },
    },
    handler: async (req) =>
      svc.memberSummary(db, req.query.memberOrgId, userContextOf(req).actor, now()),
  });

  r.get('/api/bookings/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One booking or outage',
      params: BookingParams,
      response: { 200: Booking },
    },
    handler: async (req) => svc.getBooking(db, req.params.id, userContextOf(req).actor, now()),
  });

  type Ctx = ReturnType<typeof userContextOf>;
  /** A state change of one booking: POST with no body, answers the booking. */
  const action = (
    path: string,
    summary: string,
    run: (trx: Trx, id: string, ctx: Ctx) => Promise<Booking>,
  ) =>
    r.post(path, {
      config: { access: authenticated },
      schema: { tags, summary, params: BookingParams, response: { 200: Booking } },
      handler: async (req) =>
        await change(req, (trx) => run(trx, req.params.id, userContextOf(req))),
    });

  r.post('/api/bookings/:id/cancel', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Cancel a booking (the member or site staff); the freed time goes to the wait list',
      params: BookingParams,
      body: ReasonRequest.nullish(),
      response: { 200: Booking },
    },
    handler: async (req) =>
      await change(req, (trx) =>
        svc.cancelBooking(
          trx,
          req.params.id,
          { reason: req.body?.reason ?? null },
          userContextOf(req),
        ),
      ),
  });

  action(
    '/api/bookings/:id/approve',
    'Approve a requested booking (site staff)',
    svc.approveBooking,
  );

  r.post('/api/bookings/:id/reject', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Reject a requested booking with a reason (site staff)',
      params: BookingParams,
      body: RejectRequest,
      response: { 200: Booking },
    },
    handler: async (req) =>
      await change(req, (trx) =>
        svc.rejectBooking(trx, req.params.id, req.body.reason, userContextOf(req)),
      ),
  });

  action(
    '/api/bookings/:id/check-in',
    'Check in (the member or site staff), from 30 minutes before the start',
    svc.checkIn,
  );
  action(
    '/api/bookings/:id/check-out',
    'Check out; leaving early frees the rest of the slot',
    svc.checkOut,
  );
  action('/api/bookings/:id/accept', 'Accept a wait-list offer', svc.acceptOffer);
  action(
    '/api/bookings/:id/decline',
    'Decline a wait-list offer; it goes to the next in line',
    svc.declineOffer,
  );

  r.post('/api/bookings/:id/operator', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Assign the site operator who runs a service-mode booking (null: unassign)',
      params: BookingParams,
      body: AssignOperatorRequest,
      response: { 200: Booking },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.assignOperator(trx, req.params.id, req.body.userId, userContextOf(req)),
      ),
  });

  // Series --------------------------------------------------------------------------------------

  r.post('/api/booking-series', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Book a daily or weekly series; every occurrence is checked. With skipConflicts the bookable ones are booked and the others listed; without it any problem → 409 series_conflicts',
      body: SeriesRequest,
      response: { 201: SeriesResult },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await change(req, (trx) =>
            svc.createSeries(trx, req.body, userContextOf(req), translator(req)),
          ),
        ),
  });

  r.post('/api/booking-series/:id/cancel', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Cancel the rest of a series (occurrences starting at or after `from`, default now)',
      params: SeriesParams,
      body: CancelSeriesRequest,
      response: { 200: CancelSeriesResult },
    },
    handler: async (req) =>
      await change(req, (trx) =>
        svc.cancelSeries(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  // Machines: availability, rules, outages, operators --------------------------------------------

  r.get('/api/machines/:id/availability', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        "A machine's open, busy and free time (on its slot grid) between from and to (at most 62 days)",
      params: MachineParams,
      querystring: AvailabilityQuery,
      response: { 200: Availability },
    },
    // A month of a busy machine is ~10,000 items (1.8 MiB): the answer is built by the service in
    // its documented shape (tests parse it with the schema), so it is written with JSON.stringify
    // alone instead of being re-checked item by item by zod on every request — and handed over as
    // a Buffer, which fastify and Node write as it is (its type says string), where a string this
    // long is measured, joined to the headers and encoded once more (5 ms of CPU a request).
    serializerCompiler: () => jsonBytes as unknown as (data: unknown) => string,
    handler: async (req) =>
      svc.availability(db, req.params.id, req.query, userContextOf(req).actor, now()),
  });

  r.get('/api/machines/:id/booking-rules', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A machine's booking rules (the defaults until a manager sets them)",
      params: MachineParams,
      response: { 200: MachineBookingRules },
    },
    handler: async (req) => svc.getRules(db, req.params.id, userContextOf(req).actor),
  });

  r.put('/api/machines/:id/booking-rules', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "Set a machine's booking rules (administrators and the site's managers)",
      params: MachineParams,
      body: BookingRules,
      response: { 200: MachineBookingRules },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.updateRules(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.post('/api/machines/:id/outages', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Planned maintenance or a breakdown: cancels the bookings it covers, notifies their members and proposes the nearest free slots on equivalent machines',
      params: MachineParams,
      body: OutageRequest,
      response: { 201: OutageResult },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await change(req, (trx) =>
            svc.createOutage(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });

  action('/api/outages/:id/lift', 'Lift an outage; its time goes to the wait list', svc.liftOutage);

  r.get('/api/machines/:id/operators', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "The site's operators and managers (to assign to a service-mode booking)",
      params: MachineParams,
      response: { 200: OperatorItems },
    },
    handler: async (req) => svc.siteOperators(db, req.params.id, userContextOf(req).actor),
  });

  r.get('/api/capacity', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Free capacity for a process across the sites you see, ranked by earliest fit, then distance',
      querystring: CapacitySearchQuery,
      response: { 200: CapacitySearch },
    },
    handler: async (req) => svc.searchCapacity(db, req.query, userContextOf(req).actor, now()),
  });

  // Wait list -----------------------------------------------------------------------------------

  r.post('/api/waitlist', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Join the wait list for a machine within a time window',
      body: WaitlistRequest,
      response: { 201: WaitlistEntry },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) => svc.joinWaitlist(trx, req.body, userContextOf(req))),
        ),
  });

  r.get('/api/waitlist', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Live wait-list entries you may see, first in line first',
      querystring: WaitlistQuery,
      response: { 200: WaitlistItems },
    },
    handler: async (req) => svc.browseWaitlist(db, req.query, userContextOf(req).actor, now()),
  });

  r.delete('/api/waitlist/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Leave the wait list',
      params: WaitlistParams,
      response: { 200: OkResponse },
    },
    handler: async (req) =>
      await change(req, (trx) => svc.leaveWaitlist(trx, req.params.id, userContextOf(req))),
  });

  // Calendar feeds ------------------------------------------------------------------------------

  r.post('/api/calendar-feeds', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'A secret iCal URL for a machine or a member organisation (shown once; revoke to stop it)',
      body: CalendarFeedRequest,
      response: { 201: CalendarFeed },
    },
    handler: async (req, reply) => {
      const base = app.deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
      return reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createFeed(trx, req.body, userContextOf(req), base),
          ),
        );
    },
  });

  r.get('/api/calendar-feeds', {
    config: { access: authenticated },
    schema: { tags, summary: 'Your calendar feeds', response: { 200: CalendarFeedItems } },
    handler: async (req) => svc.listFeeds(db, userContextOf(req).actor),
  });

  r.delete('/api/calendar-feeds/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Revoke a calendar feed',
      params: CalendarFeedParams,
      response: { 200: OkResponse },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.revokeFeed(trx, req.params.id, userContextOf(req))),
  });

  r.get('/api/ical/:token', {
    // Public: the secret in the URL is the credential (calendar apps send no cookie or token).
    config: { access: publicAccess },
    schema: {
      tags,
      summary: 'An iCalendar (RFC 5545) feed behind its secret URL',
      params: IcalParams,
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(await svc.renderFeed(db, req.params.token, now())),
  });
}
