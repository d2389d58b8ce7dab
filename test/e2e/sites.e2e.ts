import { expect, test } from '@playwright/test';
import { demoUser, expectLoaded, login } from './support.js';

/** "HH.MM ZONE" now in the zone, as the page should print it (±1 minute for the tick). */
function clockTexts(timeZone: string, label: string): string[] {
  const format = new Intl.DateTimeFormat('id-ID', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const now = Date.now();
  return [now - 60_000, now, now + 60_000].map((instant) => `${format.format(instant)} ${label}`);
}

test('the programme officer sees WIB and WITA sites, each with its own local time', async ({
  page,
}) => {
  await login(page, demoUser('programme_officer').email);
  await page.getByTestId('nav-sites').click();
  await expectLoaded(page);

  const rows = page.getByTestId('site-table').getByTestId('table-row');
  await expect(rows.first()).toBeVisible();
  const zones = await page.getByTestId('site-zone').allTextContents();
  expect(zones).toContain('WIB');
  expect(zones).toContain('WITA');

  // The browser runs in New York time: the clocks must still be Indonesian local time.
  const witaRow = rows
    .filter({ has: page.getByTestId('site-zone').getByText('WITA', { exact: true }) })
    .first();
  const witaClock = await witaRow.locator('time').textContent();
  expect(clockTexts('Asia/Makassar', 'WITA')).toContain(witaClock);
  const wibRow = rows
    .filter({ has: page.getByTestId('site-zone').getByText('WIB', { exact: true }) })
    .first();
  expect(clockTexts('Asia/Jakarta', 'WIB')).toContain(await wibRow.locator('time').textContent());

  // Equipment values in Rupiah, PUEBI style.
  await expect(rows.first()).toContainText(/Rp\d{1,3}(\.\d{3})*/);
});

test('a site manager sees their own site on the home page', async ({ page }) => {
  await login(page, demoUser('site_manager').email);
  await expectLoaded(page);
  const sites = page.getByTestId('home-sites');
  await expect(sites.getByTestId('table-row')).toHaveCount(1);
  await expect(sites.getByTestId('site-zone')).toHaveText('WIB');
});
