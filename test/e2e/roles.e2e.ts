import { expect, test } from '@playwright/test';
import { DEMO_USERS, expectLoaded, login, logout } from './support.js';

for (const user of DEMO_USERS) {
  test(`${user.role} logs in, sees exactly their menu, and every page loads`, async ({ page }) => {
    await login(page, user.email);
    await expect(page.getByTestId(`role-${user.role}`)).toBeVisible();

    const nav = page.getByTestId('main-nav');
    const items = nav.locator('[data-testid^="nav-"]');
    await expect(items).toHaveCount(user.nav.length);
    expect(
      await items.evaluateAll((links) => links.map((link) => link.getAttribute('data-testid'))),
    ).toEqual(user.nav.map((key) => `nav-${key}`));

    // Each page of the menu answers with real data or an empty state — never an error.
    for (const key of user.nav) {
      await nav.getByTestId(`nav-${key}`).click();
      await expect(page.locator('h1')).toBeVisible();
      await expectLoaded(page);
    }

    await logout(page);
  });
}

test('a page outside the role is refused, not shown', async ({ page }) => {
  await login(page, DEMO_USERS.find((user) => user.role === 'buyer')!.email);
  await page.goto('/audit');
  await expect(page.locator('h1')).toHaveText('Anda tidak punya akses');
});
