import { expect, request, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoUser, expectLoaded, login, logout, uniqueEmail } from './support.js';

/** Per run, so the NIB and the name never collide with the demo data or another run. */
const RUN = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

/** The error printed beside a labelled field of a form. */
const fieldError = (page: Page, label: string) =>
  page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

test('a UMKM registers itself, the site manager approves it, and the member opens its organisation', async ({
  page,
  baseURL,
}) => {
  const name = `UD Nilam Mandiri ${RUN}`;
  const nib = `55${RUN}001`;
  const email = uniqueEmail('registration');
  const password = 'nilam-mandiri-2026';

  // A visitor finds the way from the login page.
  await page.goto('/login');
  await page.getByRole('link', { name: 'Daftar sebagai anggota UMKM' }).click();
  await expect(page.locator('h1')).toHaveText('Daftar sebagai anggota UMKM');
  const form = page.getByTestId('registration-form');

  await form.getByLabel('Nama usaha').fill(name);
  await form.getByLabel('Bentuk usaha').selectOption('perorangan');
  await form.getByLabel('NIB', { exact: true }).fill(nib.slice(0, 12));
  await form.getByLabel('NPWP').fill('09.876.543.1-107.000');
  await form.getByLabel('Cari kode atau nama KBLI').fill('atsiri');
  await form.getByRole('button', { name: 'Tambah KBLI 20294' }).click();
  await expect(form.getByTestId('kbli-chosen')).toContainText('Industri Minyak Atsiri');
  await form.getByLabel('Provinsi').fill('Aceh');
  await form.getByLabel('Kabupaten/kota').fill('Kabupaten Aceh Tamiang');
  await form.getByLabel('Nama pemilik').fill('Rahmah');
  await form.getByLabel('NIK pemilik').fill('1116011507850001');
  const site = form.getByLabel('Situs', { exact: true });
  const aceh = await site.locator('option', { hasText: 'ATM-01' }).getAttribute('value');
  await site.selectOption(aceh ?? '');
  await form.getByLabel('Nama Anda').fill('Rahmah');
  await form.getByLabel('E-mail untuk masuk').fill(email);
  await form.getByLabel('Kata sandi', { exact: true }).fill(password);
  await form.getByLabel('Ulangi kata sandi').fill(password);

  // A 12-digit NIB is refused beside the field, with the staff form's words.
  await form.getByRole('button', { name: 'Kirim pendaftaran' }).click();
  await expect(fieldError(page, 'NIB')).toHaveText('NIB harus 13 digit angka.');
  await expect(form.getByLabel('NIB', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // …and nothing was created: no account to log in with, no organisation of that name.
  const api = await request.newContext({ baseURL: baseURL! });
  try {
    const attempt = await api.post('/api/auth/login', { data: { email, password } });
    expect(attempt.status()).toBe(401);
    const admin = await api.post('/api/auth/login', {
      data: { email: demoUser('administrator').email, password: DEMO_PASSWORD },
    });
    expect(admin.status()).toBe(200);
    const found = await api.get(`/api/organisations?q=${encodeURIComponent(name)}`);
    expect(((await found.json()) as { items: unknown[] }).items).toEqual([]);
  } finally {
    await api.dispose();
  }

  // Fixed, the registration goes through and says what happens next.
  await form.getByLabel('NIB', { exact: true }).fill(nib);
  await form.getByRole('button', { name: 'Kirim pendaftaran' }).click();
  const done = page.getByTestId('registration-done');
  await expect(done).toContainText(
    `Pendaftaran ${name} di RPB Nilam Bandar Pusaka (ATM-01) menunggu persetujuan pengelola situs.`,
  );

  // The applicant can log in at once and sees the request waiting.
  await done.getByTestId('registration-login').click();
  await login(page, email, password);
  await expect(page.getByTestId('my-registration')).toContainText(
    `Pendaftaran ${name} di RPB Nilam Bandar Pusaka (ATM-01) menunggu persetujuan pengelola situs.`,
  );
  await expect(page.getByTestId('nav-myOrganisation')).toHaveCount(0);
  await logout(page);

  // The manager of ATM-01 approves it from "Pendaftaran".
  await login(page, demoUser('site_manager').email);
  await page.getByTestId('nav-registrations').click();
  await expectLoaded(page);
  const card = page.getByTestId('registration').filter({ hasText: name });
  await expect(card).toContainText(nib);
  await expect(card).toContainText('1116********0001');
  await expect(card).toContainText(email);
  await card.getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByText(`${name} kini anggota RPB Nilam Bandar Pusaka.`)).toBeVisible();
  await expect(page.getByTestId('registration').filter({ hasText: name })).toHaveCount(0);
  await logout(page);

  // The new member logs in and opens their organisation.
  await login(page, email, password);
  await expect(page.getByTestId('role-umkm_member')).toBeVisible();
  await page.getByTestId('nav-myOrganisation').click();
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.getByTestId('organisation-profile')).toContainText(nib);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the registration form fits without horizontal scrolling', async ({ page }) => {
    await page.goto('/register');
    const site = page.getByTestId('registration-form').getByLabel('Situs', { exact: true });
    await expect(site.locator('option', { hasText: 'ATM-01' })).toBeAttached();
    const widths = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });
});
