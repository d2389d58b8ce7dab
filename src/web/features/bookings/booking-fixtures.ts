/**
 * Test data shared by the booking page tests: the member organisation and its user, the
 * machine it books, a booking (overridable), and a clock pinned to Tuesday 21 July 2026,
 * 10:00 WIB, with the page cleaned up after each test.
 */
import type { Machine } from '../../lib/contracts.js';
import { pinClock } from '../../testing/clock.js';
import { grant, machine, me } from '../../testing/fixtures.js';
import type { BookingT } from './types.js';

export const ORG = '11111111-1111-4111-8111-111111111111';
export const SITE = '77777777-7777-4777-8777-777777777777';
export const MACHINE = '33333333-3333-4333-8333-333333333333';

/** GET /api/auth/me of a member of ORG. */
export const memberMe = () =>
  me(['umkm_member'], {
    grants: [
      grant('umkm_member', {
        scopeType: 'organisation',
        scopeId: ORG,
        scopeName: 'CV Nilam Harum Tamiang',
      }),
    ],
  });

/** GET /api/equipment/:id of MACHINE, at SITE (WIB). */
export const testMachine = (over: Partial<Machine> = {}): Machine =>
  machine({
    id: MACHINE,
    siteId: SITE,
    clusterId: '88888888-8888-4888-8888-888888888888',
    programmeId: '99999999-9999-4999-8999-999999999999',
    ...over,
  });

/** A confirmed booking of MACHINE by ORG on Thursday 23 July 2026, 08.00–10.00 WIB. */
export function testBooking(over: Partial<BookingT> = {}): BookingT {
  return {
    id: crypto.randomUUID(),
    kind: 'booking',
    status: 'confirmed',
    machineId: MACHINE,
    machineCode: 'KTL-100A',
    machineName: 'Ketel suling nilam 100 kg A',
    siteId: SITE,
    siteCode: 'ATM-01',
    siteName: 'RPB Nilam Bandar Pusaka',
    timeZone: 'Asia/Jakarta',
    startsAt: '2026-07-23T01:00:00.000Z',
    endsAt: '2026-07-23T03:00:00.000Z',
    memberOrgId: ORG,
    memberName: 'CV Nilam Harum Tamiang',
    personId: null,
    personName: null,
    mode: 'self',
    operatorUserId: null,
    operatorName: null,
    seriesId: null,
    outageKind: null,
    reason: null,
    notes: null,
    bookedBy: 'anggota@demo.rpb.test',
    offerExpiresAt: null,
    decisionReason: null,
    cancelledAt: null,
    cancelReason: null,
    checkedInAt: null,
    checkedOutAt: null,
    noShowAt: null,
    createdAt: '2026-07-21T03:00:00.000Z',
    actions: {
      cancel: true,
      approve: false,
      reject: false,
      checkIn: false,
      checkOut: false,
      accept: false,
      decline: false,
      assignOperator: false,
    },
    ...over,
  };
}

/** Call once at the top of a test file: each test runs at 2026-07-21 10:00 WIB. */
export const pinBookingClock = () => pinClock('2026-07-21T03:00:00Z');
