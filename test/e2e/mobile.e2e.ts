import { expect, test, type Page } from '@playwright/test';
import { demoUser, expectLoaded, login, logout } from './support.js';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalScroll(page: Page) {
  const widths = (await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  )) as { scroll: number; client: number };
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test('the login page fits a 360 px phone', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('h1')).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('a member uses RPB on a 360 px phone without horizontal scrolling', async ({ page }) => {
  await login(page, demoUser('umkm_member').email);
  await expectLoaded(page);
  await expect(page.locator('h1')).toBeVisible();
  await expectNoHorizontalScroll(page);

  // The menu folds behind a button and opens on tap.
  await expect(page.getByTestId('nav-sites')).toBeHidden();
  await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-sites').click();
  await expectLoaded(page);
  await expectNoHorizontalScroll(page);

  // Their own organisation: profile, class history, KBLI, products, certificates.
  await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-myOrganisation').click();
  await expect(page.getByTestId('organisation-certificates')).toBeVisible();
  await expectLoaded(page);
  await expectNoHorizontalScroll(page);

  await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-account').click();
  await expectLoaded(page);
  await expectNoHorizontalScroll(page);

  await logout(page);
});

test('a site manager works with members on a 360 px phone', async ({ page }) => {
  await login(page, demoUser('site_manager').email);
  await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-organisations').click();
  await expect(page.getByTestId('organisation-table')).toBeVisible();
  await expectLoaded(page);
  await expectNoHorizontalScroll(page);

  await page.getByTestId('add-organisation').click();
  await expect(page.getByTestId('organisation-form')).toBeVisible();
  await expectNoHorizontalScroll(page);

  await page.goBack();
  await page.getByTestId('open-transfer').click();
  await expect(page.getByTestId('members-import')).toBeVisible();
  await expectLoaded(page);
  await expectNoHorizontalScroll(page);
});

test('the administrator pages fit a 360 px phone too', async ({ page }) => {
  await login(page, demoUser('administrator').email);
  for (const key of ['users', 'audit', 'jobs'] as const) {
    await page.getByTestId('menu-button').click();
    await page.getByTestId(`nav-${key}`).click();
    await expectLoaded(page);
    await expectNoHorizontalScroll(page);
  }

  // The user form with its longest scope picker (organisations, with the search box).
  await page.getByTestId('menu-button').click();
  await page.getByTestId('nav-users').click();
  await page.getByTestId('open-create-user').click();
  const form = page.getByTestId('create-user');
  await form.getByLabel('Peran').selectOption('buyer');
  await expect(form.getByLabel('Cari organisasi')).toBeVisible();
  await expect(form.getByLabel('Organisasi', { exact: true }).locator('option')).not.toHaveCount(1);
  await expectNoHorizontalScroll(page);
});
