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
});
