/**
 * Money, end to end on the demo data: the Aceh Tamiang manager previews last month's invoices
 * (three members used machines; nothing is invoiced yet), issues them, and the PDF of CV Nilam
 * Harum's invoice carries its number, total and terbilang; the member sees it unpaid on a phone,
 * the manager records the bank transfer, and the member sees it paid with nothing left to pay.
 */
import { expect, test, type Page } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { demoUser, expectLoaded, login, logout } from './support.js';

const MANAGER = 'manajer.aceh@demo.rpb.test';
const NILAM_HARUM = 'CV Nilam Harum Tamiang';
const TERBILANG = 'Tujuh ratus empat puluh sembilan ribu dua ratus lima puluh rupiah';
/** Per run, so the transfer reference never collides with another run's. */
const RUN = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');

// The second journey reads what the first issued (the claim, the revenue, the statement).
test.describe.configure({ mode: 'serial' });

/** Opens a menu item, unfolding the menu first on a phone. */
async function openMenu(page: Page, key: string) {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`nav-${key}`).click();
}

async function expectNoHorizontalScroll(page: Page) {
  const widths = (await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  )) as { scroll: number; client: number };
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

async function pdfText(page: Page, href: string): Promise<string> {
  // The page's own request context carries the session cookie.
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  const parser = new PDFParse({ data: new Uint8Array(await response.body()) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

test('month-end invoicing, the PDF, a bank transfer and the member’s balance', async ({ page }) => {
  test.setTimeout(120_000);

  // The manager previews last month at their site (chosen for them: they manage one).
  await login(page, MANAGER);
  await openMenu(page, 'invoicing');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Penagihan bulanan');
  const form = page.getByTestId('run-form');
  await expect(form.getByLabel('Situs').locator('option:checked')).toHaveText(/ATM-01/);
  await page.getByTestId('run-preview').click();
  const result = page.getByTestId('run-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByTestId('run-invoice')).toHaveCount(3);
  await expect(result.getByTestId('run-warnings')).toHaveCount(0);
  const nilam = result.locator(`[data-member="${NILAM_HARUM}"]`);
  await expect(nilam.getByTestId('invoice-total')).toHaveText('Rp749.250');
  await expect(nilam.getByTestId('invoice-ppn')).toHaveText('Rp74.250');
  await expect(nilam).toContainText('Rp675.000');
  await expect(
    result.locator('[data-member="Kelompok Tani Nilam Sepakat"]').getByTestId('invoice-total'),
  ).toHaveText('Rp27.750');
  await expect(
    result.locator('[data-member="Kelompok Tani Nilam Sepakat"]').getByTestId('invoice-subsidies'),
  ).toHaveText('−Rp25.000');
  await expect(result.locator('[data-member="UD Atsiri Bandar Pusaka"]')).toBeVisible();

  // Issue them, after the confirmation; progress shows while it runs.
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Terbitkan 3 tagihan');
    void dialog.accept();
  });
  await page.getByTestId('run-issue').click();
  const issued = page.getByTestId('run-issued');
  await expect(issued).toBeVisible({ timeout: 30_000 });
  await expect(issued).toContainText('3 tagihan');
  await issued.locator(`a[data-member="${NILAM_HARUM}"]`).click();

  // The invoice: totals, terbilang, and a PDF that says the same.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Faktur INV\//);
  await expectLoaded(page);
  const number = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace(
    /^Faktur /,
    '',
  );
  const invoiceUrl = page.url();
  await expect(page.getByTestId('invoice-status')).toHaveText('Belum dibayar');
  await expect(page.getByTestId('invoice-total')).toHaveText('Rp749.250');
  await expect(page.getByTestId('terbilang')).toContainText(TERBILANG);
  const href = await page.getByTestId('invoice-pdf').getAttribute('href');
  expect(href).toMatch(/\/api\/invoices\/[0-9a-f-]+\/pdf$/);
  const text = await pdfText(page, href ?? '');
  expect(text).toContain(number);
  expect(text).toContain('Rp749.250');
  expect(text).toContain(TERBILANG);
  await logout(page);

  // The member, on a phone: the invoice is unpaid and the balance is what it owes.
  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, demoUser('umkm_member').email);
  await openMenu(page, 'myInvoices');
  await expect(page.getByTestId('balance-amount')).toHaveText('Rp749.250');
  const row = page
    .getByTestId('invoice-table')
    .getByTestId('table-row')
    .filter({ hasText: number });
  await expect(row.getByTestId('invoice-status')).toHaveText('Belum dibayar');
  await expect(row.getByTestId('invoice-row-outstanding')).toHaveText('Rp749.250');
  await expectLoaded(page);
  await expectNoHorizontalScroll(page);
  await row.getByTestId('invoice-link').click();
  await expect(page.getByTestId('terbilang')).toContainText(TERBILANG);
  await expectNoHorizontalScroll(page);
  await logout(page);

  // The manager records the bank transfer on the invoice.
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, MANAGER);
  await page.goto(invoiceUrl);
  await page.getByTestId('record-payment').click();
  const payment = page.getByTestId('payment-form');
  await payment.getByLabel('Cara bayar').selectOption('bank_transfer');
  await payment.getByLabel('Nomor referensi').fill(`TRF-E2E-${RUN}`);
  await payment.getByLabel('Jumlah diterima').fill('749.250');
  await payment.getByRole('button', { name: 'Simpan pembayaran' }).click();
  await expect(page.getByTestId('invoice-status')).toHaveText('Lunas');
  await expect(page.getByTestId('invoice-outstanding')).toHaveText('Rp0');
  await expect(page.getByTestId('payment-table')).toContainText(`TRF-E2E-${RUN}`);
  await logout(page);

  // The member sees it paid, with nothing left to pay.
  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, demoUser('umkm_member').email);
  await openMenu(page, 'myInvoices');
  await expect(page.getByTestId('balance-amount')).toHaveText('Rp0');
  await expect(
    page
      .getByTestId('invoice-table')
      .getByTestId('table-row')
      .filter({ hasText: number })
      .getByTestId('invoice-status'),
  ).toHaveText('Lunas');
  await expectNoHorizontalScroll(page);
});

test('billing policy, priced items, tariffs, packs, statement, revenue and the subsidy claim', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lastMonth = new Date(Date.now() + 7 * 3_600_000);
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  const month = lastMonth.toISOString().slice(0, 7);

  // The site's billing policy: a PKP without an NPWP is refused before anything is sent.
  await login(page, MANAGER);
  await openMenu(page, 'sites');
  await page
    .getByRole('link', { name: /RPB Nilam Bandar Pusaka/ })
    .first()
    .click();
  await page.getByTestId('open-site-billing').click();
  const settings = page.getByTestId('billing-settings-form');
  await expect(settings.getByLabel('Nama penjual')).toHaveValue(
    'Koperasi Produsen Aroma Tamiang Makmur',
  );
  const npwp = settings.getByLabel('NPWP penjual (wajib untuk PKP)');
  await expect(npwp).toHaveValue('0015432180107000');
  await npwp.fill('');
  await settings.getByRole('button', { name: 'Simpan' }).click();
  await expect(settings.getByText('Isi NPWP penjual: wajib untuk PKP.')).toBeVisible();
  // The API checks the NPWP's check digit and says so beside the field, in Indonesian.
  await npwp.fill('0015432187107000');
  await settings.getByRole('button', { name: 'Simpan' }).click();
  await expect(
    settings.getByText('Digit pemeriksa NPWP salah; periksa kembali nomornya.'),
  ).toBeVisible();
  await expect(npwp).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('ppn-rates')).toContainText('PPN 12% × DPP 11/12');

  // A priced item, sold by the unit.
  await expect(page.getByTestId('priced-item-table')).toContainText('Listrik PLN');
  await page.getByTestId('add-priced-item').click();
  const item = page.getByTestId('priced-item-form');
  await item.getByLabel('Kode', { exact: true }).fill(`LPG${RUN}`);
  await item.getByLabel('Nama', { exact: true }).fill('LPG 12 kg');
  await item.getByLabel('Satuan', { exact: true }).fill('tabung');
  await item.getByLabel('Harga per satuan').fill('215.000');
  await item.getByRole('button', { name: 'Simpan harga' }).click();
  await expect(page.getByTestId('priced-item-table')).toContainText('Rp215.000/tabung');

  // Tariffs of a kettle: a second small-member tariff overlaps the one in force.
  await openMenu(page, 'equipment');
  await page.getByRole('link', { name: 'Ketel suling nilam 100 kg A' }).first().click();
  const tariffs = page.getByTestId('machine-tariffs');
  await expect(tariffs.getByTestId('tariff-table-per_hour')).toContainText('Rp90.000/jam');
  await tariffs.getByTestId('add-tariff').click();
  const tariff = tariffs.getByTestId('tariff-form');
  await tariff.getByLabel('Kelas pelanggan').selectOption('member_small');
  await tariff.getByLabel('Tarif', { exact: true }).fill('95.000');
  await tariff.getByRole('button', { name: 'Simpan tarif' }).click();
  await expect(tariff.getByTestId('tariff-overlap')).toContainText(
    'Tarif Per jam untuk Anggota kecil sudah berlaku',
  );
  await expect(tariffs.getByTestId('tariff-conflict')).toHaveCount(1);
  // A large-member tariff from next year: upcoming, and deleted again.
  const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;
  await tariff.getByLabel('Kelas pelanggan').selectOption('member_large');
  await tariff.getByLabel('Berlaku mulai').fill(nextYear);
  await tariff.getByRole('button', { name: 'Simpan tarif' }).click();
  const upcoming = tariffs
    .getByTestId('table-row')
    .filter({ has: page.locator('[data-validity="upcoming"]') });
  await expect(upcoming).toHaveCount(1);
  await expect(upcoming).toContainText('Anggota besar');
  page.once('dialog', (dialog) => void dialog.accept());
  await upcoming.getByRole('button', { name: 'Hapus' }).click();
  await expect(upcoming).toHaveCount(0);

  // An hour pack for UD Atsiri Bandar Pusaka (its demo pack is there already).
  await openMenu(page, 'hourPacks');
  await expect(page.getByTestId('pack-table')).toContainText('Paket hemat ketel 5 jam');
  await page.getByTestId('sell-pack').click();
  const pack = page.getByTestId('pack-form');
  await pack
    .getByLabel('Anggota', { exact: true })
    .selectOption({ label: 'UD Atsiri Bandar Pusaka' });
  await pack.getByLabel('Nama paket').fill(`Paket uji ${RUN}`);
  await pack.getByLabel('Jumlah jam').fill('10');
  await pack.getByLabel('Harga paket').fill('650.000');
  await pack.getByRole('button', { name: 'Jual paket' }).click();
  const sold = page
    .getByTestId('pack-table')
    .getByTestId('table-row')
    .filter({
      hasText: `Paket uji ${RUN}`,
    });
  await expect(sold.getByTestId('pack-left')).toHaveText('sisa 10 jam');

  // Revenue of last month's year, with the kettle's bar, and the exports.
  await page.goto(`/billing/revenue?year=${month.slice(0, 4)}`);
  await expect(page.getByTestId('revenue-chart')).toBeVisible();
  await expect(page.getByTestId('revenue-table')).toContainText('Ketel suling nilam 100 kg A');
  const csv = await page.request.get(
    (await page.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href')) ?? '',
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('pendapatan_bersih');
  const exports = page.getByTestId('accounting-exports');
  const invoicesCsv = await page.request.get(
    (await exports.getByRole('link', { name: 'Faktur (CSV)' }).getAttribute('href')) ?? '',
  );
  expect(invoicesCsv.status()).toBe(200);

  // The statement of CV Nilam Harum: the invoice, then the transfer, back to zero.
  await openMenu(page, 'invoices');
  await page.getByLabel('Status').selectOption('paid');
  await page.getByTestId('invoice-link').filter({ hasText: 'INV/' }).first().click();
  await page.getByRole('link', { name: /Rekening koran/ }).click();
  await expect(page.getByTestId('statement-table').getByTestId('table-row')).toHaveCount(2);
  await expect(page.getByTestId('statement-closing')).toHaveText('Rp0');
  await logout(page);

  // The programme officer: the micro subsidy and last month's claim behind it.
  await login(page, demoUser('programme_officer').email);
  await openMenu(page, 'subsidies');
  await expect(page.getByTestId('subsidy-table')).toContainText('Subsidi sewa mesin UMKM mikro');
  const claim = page.getByTestId('claim');
  await claim.getByLabel('Bulan', { exact: true }).fill(month);
  await expect(claim.getByTestId('claim-table')).toContainText('Kelompok Tani Nilam Sepakat');
  // Both micro members: Kelompok Tani's 2 h on the dryer (Rp25.000) and UD Atsiri's 2 h on the
  // kettle beyond its pack (Rp75.000), at 50%.
  await expect(claim.getByTestId('claim-table')).toContainText('UD Atsiri Bandar Pusaka');
  await expect(claim.getByTestId('claim-summary')).toContainText('klaim subsidi Rp100.000');
  const xlsx = await page.request.get(
    (await claim.getByTestId('claim-xlsx').getAttribute('href')) ?? '',
  );
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
});
