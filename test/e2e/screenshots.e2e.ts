/**
 * README screenshots, written to docs/screenshots/. Runs only with RPB_SCREENSHOTS=1 (see
 * playwright.config.ts), so the normal suite never rewrites committed files.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoUser, expectLoaded, login } from './support.js';

const dir = path.resolve('docs/screenshots');

test('login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('h1')).toBeVisible();
  await page.screenshot({ path: path.join(dir, 'login.png') });
});

test('home of a site manager on a desktop', async ({ page }) => {
  await login(page, demoUser('site_manager').email);
  await expectLoaded(page);
  await page.screenshot({ path: path.join(dir, 'home-site-manager.png'), fullPage: true });
});

test('a machine calendar, as a member books', async ({ page }) => {
  await login(page, demoUser('umkm_member').email);
  await page.getByTestId('main-nav').getByTestId('nav-equipment').click();
  await page.getByLabel('Cari mesin').fill('KTL-100B');
  await page
    .getByTestId('table-row')
    .filter({ hasText: 'KTL-100B' })
    .getByTestId('machine-link')
    .click();
  await page.getByTestId('open-calendar').click();
  await expect(page.getByTestId('machine-calendar')).toBeVisible();
  await expectLoaded(page);
  await page.screenshot({ path: path.join(dir, 'machine-calendar.png'), fullPage: true });
});

test('a released oil lot with its quality record and genealogy', async ({ page }) => {
  await login(page, demoUser('site_manager').email);
  await page.getByTestId('main-nav').getByTestId('nav-lots').click();
  await expectLoaded(page);
  await page
    .getByTestId('table-row')
    .filter({ hasText: 'Lolos' })
    .filter({ hasText: 'Minyak nilam' })
    .first()
    .getByTestId('lot-link')
    .click();
  await expect(page.getByTestId('inspection-list')).toBeVisible();
  await expect(page.getByTestId('genealogy-upstream')).toBeVisible();
  await expectLoaded(page);
  await page.screenshot({ path: path.join(dir, 'lot-released.png'), fullPage: true });
});

test('monthly revenue by machine', async ({ page }) => {
  await login(page, demoUser('site_manager').email);
  await page.getByTestId('main-nav').getByTestId('nav-revenue').click();
  await expect(page.locator('h1')).toBeVisible();
  await expectLoaded(page);
  await page.screenshot({ path: path.join(dir, 'revenue.png'), fullPage: true });
});

test.describe('on a phone', () => {
  test.use({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });

  test('home of a member at 360 px', async ({ page }) => {
    await login(page, demoUser('umkm_member').email);
    await expectLoaded(page);
    await page.screenshot({ path: path.join(dir, 'home-member-mobile.png'), fullPage: true });
  });

  test("the operator's board of the day at 360 px", async ({ page }) => {
    await login(page, demoUser('site_operator').email);
    await page.getByTestId('menu-button').click();
    await page.getByTestId('nav-bookingsToday').click();
    await expect(page.getByTestId('today-schedule')).toBeVisible();
    await expectLoaded(page);
    await page.screenshot({ path: path.join(dir, 'today-operator-mobile.png'), fullPage: true });
  });
});
