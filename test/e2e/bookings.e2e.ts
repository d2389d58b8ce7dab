/**
 * Machine booking end to end, against the demo seed of ATM-01 (Aceh Tamiang, WIB): a member
 * books a free slot of the kettle KTL-100A from its calendar, an overlapping slot is refused
 * with the conflict message, the operator checks a member in and out on the day's board, and a
 * second member waits for the first member's slot, gets it offered when it is cancelled, and
 * accepts it. Dates are computed from the run's day (several working days ahead), so lead time,
 * horizon and opening hours hold whatever day the suite runs.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoUser, expectLoaded, login, logout } from './support.js';

const MEMBER = 'anggota@demo.rpb.test'; // CV Nilam Harum Tamiang
const MEMBER2 = 'anggota2@demo.rpb.test'; // UD Atsiri Bandar Pusaka
const OPERATOR = 'operator.aceh@demo.rpb.test';
const WIB = 7 * 3_600_000;
const DAY = 86_400_000;

const wibDay = (ms: number) => new Date(ms + WIB).toISOString().slice(0, 10);
const at = (day: string, time: string) => `${day}T${time}:00+07:00`;

/** Finds a machine by code through the equipment list and opens its calendar. */
async function openCalendar(page: Page, code: string) {
  const nav = page.getByTestId('main-nav');
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await nav.getByTestId('nav-equipment').click();
  await page.getByLabel('Cari mesin').fill(code);
  await page.getByTestId('table-row').filter({ hasText: code }).getByTestId('machine-link').click();
  await expect(page.getByTestId('machine-profile')).toBeVisible();
  await page.getByTestId('open-calendar').click();
  await expect(page.getByTestId('machine-calendar')).toBeVisible();
  await expectLoaded(page);
  await expect(page.getByTestId('calendar-zone')).toHaveText('WIB');
  return page.url().match(/\/equipment\/([0-9a-f-]{36})\/calendar/)![1]!;
}

/**
 * The first Monday–Thursday at least four days ahead on which 13:00–16:00 WIB of the machine is
 * free (a holiday or an earlier run's booking moves it on).
 */
async function bookableDay(request: APIRequestContext, machineId: string) {
  for (let ahead = 4; ahead < 40; ahead++) {
    const day = wibDay(Date.now() + ahead * DAY);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday < 1 || weekday > 4) continue;
    const answer = await request.get(`/api/machines/${machineId}/availability`, {
      params: { from: at(day, '00:00'), to: at(day, '23:59') },
    });
    expect(answer.status()).toBe(200);
    const { free } = (await answer.json()) as { free: { startsAt: string; endsAt: string }[] };
    const want = { start: Date.parse(at(day, '13:00')), end: Date.parse(at(day, '16:00')) };
    if (free.some((f) => Date.parse(f.startsAt) <= want.start && want.end <= Date.parse(f.endsAt)))
      return day;
  }
  throw new Error('no free afternoon on KTL-100A in the next weeks');
}

async function goToDay(page: Page, day: string) {
  await page.getByTestId('view-day').click();
  await page.getByTestId('calendar-date').fill(day);
  await expect(page).toHaveURL(new RegExp(`date=${day}`));
  await expectLoaded(page);
}

/** The journey in order: the wait list waits for the slot the first test books. */
test.describe.configure({ mode: 'serial' });
let machineId = '';
let day = '';

test('a member books a free slot of a kettle from its calendar; an overlapping slot is refused', async ({
  page,
}) => {
  // --- The member opens the kettle's calendar and books a free afternoon slot.
  await login(page, MEMBER);
  machineId = await openCalendar(page, 'KTL-100A');
  day = await bookableDay(page.request, machineId);
  await goToDay(page, day);
  const slots = page.getByTestId('day-slots');
  await expect(slots.getByTestId('free-slot').first()).toBeVisible();
  await slots.locator('[data-testid="free-slot"][data-start="13:00"] a').click();

  const form = page.getByTestId('booking-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Anggota')).toHaveValue(/.+/);
  await expect(form.getByLabel('Mulai (WIB)')).toHaveValue('13:00');
  await expect(form.getByLabel('Selesai (WIB)')).toHaveValue('14:00');
  await form.getByLabel('Selesai (WIB)').selectOption('15:00');
  const check = form.getByTestId('live-check');
  await expect(check).toHaveAttribute('data-state', 'ok');
  await expect(check).toContainText('Waktu ini bisa dipesan.');
  await form.getByRole('button', { name: 'Pesan', exact: true }).click();
  const created = page.getByTestId('booking-created');
  await expect(created).toContainText('dikonfirmasi');
  await expect(created).toContainText('13.00–15.00 WIB');

  // Back on the calendar the slot is the member's own.
  await created.getByTestId('created-calendar').click();
  await expectLoaded(page);
  const mine = page.locator('[data-testid="busy-slot"][data-start="13:00"]');
  await expect(mine).toHaveAttribute('data-kind', 'mine');
  await expect(mine).toContainText('Pemesanan Anda');

  // --- An overlapping slot: the live check names the conflict, and booking it is refused.
  await page.locator('[data-testid="free-slot"][data-start="15:00"] a').click();
  await expect(form.getByLabel('Mulai (WIB)')).toHaveValue('15:00');
  await form.getByLabel('Mulai (WIB)').selectOption('14:00');
  await form.getByLabel('Selesai (WIB)').selectOption('15:00');
  await expect(check).toHaveAttribute('data-state', 'problems');
  await expect(check.getByTestId('check-conflict')).toContainText('13.00–15.00 WIB');
  await form.getByRole('button', { name: 'Pesan', exact: true }).click();
  const refused = form.getByTestId('error-banner');
  await expect(refused).toHaveAttribute('data-code', 'booking_conflict');
  await expect(refused).toContainText('Mesin sudah dipesan atau tidak tersedia pada waktu itu');
});

test("the operator checks a member in and out on today's board", async ({ page }) => {
  // The demo seeds a booking of CV Nilam Harum on KTL-100B starting on the half hour after seed time.
  await login(page, OPERATOR);
  await page.getByTestId('main-nav').getByTestId('nav-bookingsToday').click();
  await expect(page.locator('h1')).toHaveText('Hari ini');
  await expectLoaded(page);
  const board = page.getByTestId('today-schedule');
  const card = board
    .locator('[data-testid="booking-card"][data-status="confirmed"]')
    .filter({ hasText: 'CV Nilam Harum Tamiang' })
    .filter({ has: page.getByTestId('booking-check-in') });
  await expect(card.first()).toBeVisible();
  const visit = board.locator(
    `[data-testid="booking-card"][data-id="${await card.first().getAttribute('data-id')}"]`,
  );
  await visit.getByTestId('booking-check-in').click();
  await expect(visit).toHaveAttribute('data-status', 'checked_in');
  await expect(visit.getByTestId('booking-status')).toHaveText('Sedang dipakai');
  await visit.getByTestId('booking-check-out').click();
  await expect(visit).toHaveAttribute('data-status', 'completed');
  await expect(visit.getByTestId('booking-status')).toHaveText('Selesai');
});

test("a second member waits for the first member's slot, gets it offered when it is cancelled, and accepts it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(day, 'the first test booked a slot').not.toBe('');

  // --- The second member waits for the first member's slot.
  await login(page, MEMBER2);
  await page.goto(`/equipment/${machineId}/calendar?view=day&date=${day}`);
  await expectLoaded(page);
  const taken = page.locator('[data-testid="busy-slot"][data-start="13:00"]');
  await expect(taken).toHaveAttribute('data-kind', 'taken');
  await expect(taken).toContainText('Terisi');
  await taken.getByTestId('wait-for-slot').click();
  const wait = page.getByTestId('waitlist-join');
  await expect(wait.getByLabel('Dari jam')).toHaveValue('13:00');
  await expect(wait.getByLabel('Sampai jam')).toHaveValue('15:00');
  await expect(wait.getByLabel('Lama pemakaian')).toHaveValue('120');
  await wait.getByRole('button', { name: 'Masuk antrean' }).click();
  await expect(wait.getByTestId('waitlist-joined')).toHaveText('Anda masuk antrean nomor 1.');
  await page.getByTestId('main-nav').getByTestId('nav-bookings').click();
  await expectLoaded(page);
  const entry = page
    .getByTestId('waitlist-entry')
    .filter({ hasText: 'Ketel suling nilam 100 kg A' });
  await expect(entry.getByTestId('waitlist-position')).toHaveText('Nomor antrean: 1');
  await logout(page);

  // --- The first member cancels; the freed slot is offered to the second.
  await login(page, MEMBER);
  await page.getByTestId('main-nav').getByTestId('nav-bookings').click();
  await expectLoaded(page);
  const booking = page
    .getByTestId('my-bookings')
    .locator('[data-testid="booking-card"][data-machine="KTL-100A"]')
    .filter({ hasText: '13.00–15.00 WIB' })
    .filter({ has: page.getByTestId('booking-cancel') });
  await expect(booking).toHaveCount(1);
  const cancelled = page.locator(
    `[data-testid="booking-card"][data-id="${await booking.getAttribute('data-id')}"]`,
  );
  await cancelled.getByTestId('booking-cancel').click();
  await cancelled.getByLabel('Alasan pembatalan (opsional)').fill('Bahan baku belum datang');
  await cancelled.getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(cancelled).toHaveAttribute('data-status', 'cancelled');
  await expect(cancelled).toContainText('Bahan baku belum datang');
  await logout(page);

  await login(page, MEMBER2);
  await page.getByTestId('main-nav').getByTestId('nav-bookings').click();
  await expectLoaded(page);
  const offer = page
    .getByTestId('booking-offers')
    .locator('[data-testid="booking-card"][data-status="offered"]')
    .filter({ hasText: '13.00–15.00 WIB' });
  await expect(offer).toHaveCount(1);
  await expect(offer.getByTestId('offer-expiry')).toContainText('Terima sebelum');
  await offer.getByTestId('booking-accept').click();
  await expect(page.getByTestId('booking-offers')).toHaveCount(0);
  await expect(
    page
      .getByTestId('my-bookings')
      .locator('[data-testid="booking-card"][data-machine="KTL-100A"][data-status="confirmed"]')
      .filter({ hasText: '13.00–15.00 WIB' }),
  ).toHaveCount(1);
  await expect(
    page.getByTestId('waitlist-entry').filter({ hasText: 'Ketel suling nilam 100 kg A' }),
  ).toHaveCount(0);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  async function expectNoHorizontalScroll(page: Page) {
    const widths = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  }

  test('the booking pages fit without horizontal scrolling', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, demoUser('umkm_member').email);
    const machineId = await openCalendar(page, 'KTL-100B');
    await expectNoHorizontalScroll(page);
    await page.getByTestId('view-day').click();
    await expectLoaded(page);
    await expectNoHorizontalScroll(page);
    await page.getByTestId('book-machine').click();
    await expect(page.getByTestId('booking-form')).toBeVisible();
    await page.getByTestId('booking-repeat').check();
    await expect(page.getByTestId('series-fields')).toBeVisible();
    await expectNoHorizontalScroll(page);
    const from = wibDay(Date.now());
    const to = wibDay(Date.now() + 6 * DAY);
    for (const path of [
      '/bookings',
      `/capacity?capability=distillation&from=${from}&to=${to}&hours=2`,
    ]) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      await expectLoaded(page);
      await expectNoHorizontalScroll(page);
    }
    await logout(page);

    await login(page, demoUser('site_operator').email);
    for (const path of ['/today', '/bookings', `/equipment/${machineId}/calendar`]) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      await expectLoaded(page);
      await expectNoHorizontalScroll(page);
    }
  });
});
