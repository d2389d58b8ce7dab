import { expect, test } from '@playwright/test';
import { createUserViaApi, expectLoaded, login, submitLogin, uniqueEmail } from './support.js';

test('the login page is Indonesian by default and English after switching, also after a reload', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.locator('h1')).toHaveText('Masuk ke RPB');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');

  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.locator('h1')).toHaveText('Log in to RPB');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();

  await page.reload();
  await expect(page.locator('h1')).toHaveText('Log in to RPB');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a wrong password gets the translated API message, in Indonesian then in English', async ({
  page,
}) => {
  // An address nobody has: no demo account collects failed attempts towards a lockout.
  await page.goto('/login');
  await submitLogin(page, 'tidak.ada@demo.rpb.test', 'kata-sandi-salah');
  await expect(page.getByTestId('error-banner')).toHaveText('E-mail atau kata sandi salah.');

  await page.getByTestId('language-switch').selectOption('en');
  await submitLogin(page, 'tidak.ada@demo.rpb.test', 'kata-sandi-salah');
  await expect(page.getByTestId('error-banner')).toHaveText('Wrong e-mail or password.');
});

test('a signed-in user switches to English; the profile keeps it across reloads and logins', async ({
  page,
  baseURL,
}) => {
  const email = uniqueEmail('language');
  const password = 'bahasa-inggris-2026';
  await createUserViaApi(baseURL!, {
    email,
    name: 'Penguji Bahasa',
    password,
    role: 'programme_officer',
  });

  await login(page, email, password);
  await expect(page.getByTestId('nav-home')).toHaveText('Beranda');
  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.getByTestId('nav-home')).toHaveText('Home');
  await expectLoaded(page);

  await page.reload();
  await expect(page.getByTestId('nav-home')).toHaveText('Home');
  await expect(page.locator('h1')).toHaveText('Hello, Penguji Bahasa');

  // A new browser knows nothing of this one: the language comes from the saved profile.
  await page.context().clearCookies();
  await page.evaluate('localStorage.clear()');
  await login(page, email, password);
  await expect(page.getByTestId('nav-home')).toHaveText('Home');
});
