import { expect, test } from '@playwright/test';
import { demoUser, expectLoaded, login, logout, uniqueEmail } from './support.js';

test('an administrator adds a UMKM member for their organisation, who logs in to the member menu', async ({
  page,
}) => {
  const email = uniqueEmail('member');
  const password = 'sandi-anggota-2026';
  const member = demoUser('umkm_member');

  await login(page, demoUser('administrator').email);
  await page.getByTestId('nav-users').click();
  await expectLoaded(page);
  await page.getByTestId('open-create-user').click();
  const form = page.getByTestId('create-user');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Nama', { exact: true }).fill('Anggota Uji Nilam');
  await form.getByLabel('Kata sandi awal').fill(password);

  // The scope follows the role: a member belongs to an organisation, nothing else.
  const scopeType = form.getByLabel('Cakupan', { exact: true });
  await expect(scopeType).toBeDisabled();
  await form.getByLabel('Peran').selectOption('umkm_member');
  await expect(scopeType.locator('option')).toHaveText(['Organisasi']);

  // The demo has many organisations: search, then pick from what the API found.
  const organisation = form.getByLabel('Organisasi', { exact: true });
  await form.getByLabel('Cari organisasi').fill('Nilam Harum');
  await expect(organisation.locator('option')).toHaveText([
    'Pilih organisasi',
    'CV Nilam Harum Tamiang — UMKM',
  ]);
  await organisation.selectOption({ label: 'CV Nilam Harum Tamiang — UMKM' });
  await form.getByRole('button', { name: 'Buat pengguna' }).click();
  await expect(page.getByRole('status').filter({ hasText: email })).toBeVisible();
  const row = page.getByTestId('user-table').getByTestId('table-row').filter({ hasText: email });
  await expect(row).toContainText('Organisasi: CV Nilam Harum Tamiang');
  await logout(page);

  // The new member logs in and sees exactly the member menu.
  await login(page, email, password);
  await expect(page.getByTestId('role-umkm_member')).toBeVisible();
  await expect(page.locator('h1')).toHaveText('Halo, Anggota Uji Nilam');
  const items = page.getByTestId('main-nav').locator('[data-testid^="nav-"]');
  expect(
    await items.evaluateAll((links) => links.map((link) => link.getAttribute('data-testid'))),
  ).toEqual(member.nav.map((key) => `nav-${key}`));
  await expectLoaded(page);
});
