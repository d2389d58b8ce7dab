import { expect, test } from '@playwright/test';
import { demoUser, expectLoaded, login, logout, submitLogin, uniqueEmail } from './support.js';

test('an administrator adds a user, who changes their password and logs in with the new one', async ({
  page,
}) => {
  const email = uniqueEmail('password');
  const firstPassword = 'sandi-awal-2026';
  const newPassword = 'sandi-baru-2026!';

  // The administrator creates the user through the UI.
  await login(page, demoUser('administrator').email);
  await page.getByTestId('nav-users').click();
  await expectLoaded(page);
  await page.getByTestId('open-create-user').click();
  const form = page.getByTestId('create-user');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Nama').fill('Petugas Uji Sandi');
  await form.getByLabel('Kata sandi awal').fill(firstPassword);
  await form.getByLabel('Peran').selectOption('programme_officer');
  await form.getByLabel('Cakupan').selectOption('system');
  await form.getByRole('button', { name: 'Buat pengguna' }).click();
  await expect(page.getByRole('status').filter({ hasText: email })).toBeVisible();
  await expect(page.getByTestId('user-table')).toContainText(email);
  await logout(page);

  // The new user changes the password on the account page.
  await login(page, email, firstPassword);
  await page.getByTestId('nav-account').click();
  const section = page.getByTestId('password-section');
  await section.getByLabel('Kata sandi saat ini').fill(firstPassword);
  await section.getByLabel('Kata sandi baru', { exact: true }).fill(newPassword);
  await section.getByLabel('Ulangi kata sandi baru').fill(newPassword);
  await section.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(section.getByRole('status')).toContainText('Kata sandi sudah diganti');
  await logout(page);

  // The old password no longer works; the new one does.
  await submitLogin(page, email, firstPassword);
  await expect(page.getByTestId('error-banner')).toHaveText('E-mail atau kata sandi salah.');
  await submitLogin(page, email, newPassword);
  await expect(page.locator('h1')).toHaveText('Halo, Petugas Uji Sandi');
});

test('a wrong current password is refused with the message beside the form', async ({ page }) => {
  await login(page, demoUser('buyer').email);
  await page.getByTestId('nav-account').click();
  const section = page.getByTestId('password-section');
  await section.getByLabel('Kata sandi saat ini').fill('bukan-sandi-ini');
  await section.getByLabel('Kata sandi baru', { exact: true }).fill('tidak-akan-dipakai-1');
  await section.getByLabel('Ulangi kata sandi baru').fill('tidak-akan-dipakai-1');
  await section.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(section.getByTestId('error-banner')).toHaveText('Kata sandi saat ini salah.');
});
