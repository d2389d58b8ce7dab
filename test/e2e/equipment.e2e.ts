import { expect, test } from '@playwright/test';
import { expectLoaded, login, logout } from './support.js';

/** Per run, so the machine code never collides with the demo data or another run. */
const RUN = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');

/** A tiny valid PDF: header, one empty page, cross-reference table and trailer. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** `YYYY-MM-DD` some days from now (UTC is close enough for a 20-day margin). */
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a site manager adds a machine, uploads its calibration certificate and sets maintenance', async ({
  page,
}) => {
  const code = `UJI-${RUN}`;
  const name = `Ketel uji ${RUN}`;
  const expires = inDays(20);

  await login(page, 'manajer.aceh@demo.rpb.test');
  await page.getByTestId('nav-equipment').click();
  await expectLoaded(page);
  await expect(page.getByTestId('machine-table')).toBeVisible();

  // The machine, at the manager's site, with two capabilities and an hourly rate.
  await page.getByTestId('add-machine').click();
  const form = page.getByTestId('machine-form');
  await expect(form.getByLabel('Situs', { exact: true }).locator('option:checked')).toHaveText(
    /RPB Nilam Bandar Pusaka/,
  );
  await form.getByLabel('Kode mesin').fill(code);
  await form.getByLabel('Nama mesin').fill(name);
  await form.getByTestId('capability-distillation').click();
  await form.getByTestId('capability-separation').click();
  await form.getByLabel('Kapasitas', { exact: true }).fill('50');
  await form.getByLabel('Satuan').fill('kg');
  await form.getByLabel('Dasar').selectOption('per_batch');
  await form.getByLabel('Tarif per jam').fill('125.000');
  await form.getByRole('button', { name: 'Tambah mesin' }).click();

  await expect(page.locator('h1')).toHaveText(`${name} (${code})`);
  await expectLoaded(page);
  const machineUrl = page.url();
  await expect(page.getByTestId('machine-rates')).toHaveText('Rp125.000/jam');
  await expect(page.getByTestId('machine-profile')).toContainText('Penyulingan, Pemisahan');

  // The calibration certificate, with its expiry: within 30 days, so it is flagged.
  await page.getByTestId('add-document').click();
  const upload = page.getByTestId('document-upload');
  await upload.getByLabel('Jenis dokumen').selectOption('calibration_certificate');
  await upload.getByLabel('Judul').fill('Sertifikat kalibrasi timbangan');
  await upload.getByLabel('Nomor').fill(`KAL/${RUN}/2026`);
  await upload.getByLabel('Berlaku sampai').fill(expires);
  await upload.getByLabel(/^Berkas/).setInputFiles({
    name: 'kalibrasi.pdf',
    mimeType: 'application/pdf',
    buffer: tinyPdf(),
  });
  await upload.getByRole('button', { name: 'Unggah', exact: true }).click();
  await expect(
    upload.getByText('Dokumen "Sertifikat kalibrasi timbangan" terunggah.'),
  ).toBeVisible();
  const row = page.getByTestId('document-table').getByTestId('table-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`KAL/${RUN}/2026`);
  const expiry = row.getByTestId('document-expiry');
  await expect(expiry).toHaveAttribute('data-status', 'expiring');
  await expect(expiry).toContainText(expires.slice(0, 4));
  await expect(expiry).toContainText('Segera berakhir');
  await expect(row.getByRole('link', { name: /Unduh/ })).toHaveAttribute('href', /\/file$/);

  // Maintenance, with a reason, appears at the top of the history.
  const status = page.getByTestId('status-form');
  await status.getByTestId('status-option-maintenance').click();
  await status.getByLabel('Alasan').fill('kalibrasi ulang timbangan');
  await status.getByRole('button', { name: 'Simpan status' }).click();
  const history = page.getByTestId('status-history');
  await expect(history.locator('li').first()).toContainText('kalibrasi ulang timbangan');
  await expect(history.locator('li').first()).toContainText('Perawatan');
  await expect(history.locator('li').first()).toContainText('WIB');
  await expect(page.getByTestId('machine-status').first()).toHaveText('Perawatan');

  // Another site's manager cannot open it: not found (or not theirs).
  await logout(page);
  await login(page, 'manajer.bali@demo.rpb.test');
  await page.goto(machineUrl);
  await expect(page.getByTestId('error-banner')).toHaveAttribute('data-code', 'machine_not_found');
  await expect(page.getByTestId('machine-profile')).toHaveCount(0);
});
