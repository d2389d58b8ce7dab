import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { demoUser, expectLoaded, login } from './support.js';

/** Per run, so NIBs and names never collide with the demo data or another run. */
const RUN = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
const MEMBERS = 1000;
/** Rows of the file (0-based) that are wrong in exactly one cell each. */
const BAD = { nib: 99, capital: 499, email: 899 } as const;
const memberName = (i: number) => `UMKM Impor ${RUN} ${String(i).padStart(4, '0')}`;

/** 1,000 members with the import's columns, three of them wrong, as XLSX bytes. */
async function membersXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Anggota');
  const columns = [
    'nama',
    'jenis',
    'bentuk_usaha',
    'nib',
    'provinsi',
    'kabupaten_kota',
    'email',
    'tahun',
    'modal_usaha',
    'omzet_tahunan',
    'tenaga_kerja',
  ];
  sheet.addRow(columns);
  const year = String(new Date().getFullYear() - 1);
  for (let i = 0; i < MEMBERS; i++) {
    sheet.addRow([
      memberName(i),
      'umkm',
      'perorangan',
      i === BAD.nib ? `77${RUN}01` : `77${RUN}${String(i).padStart(3, '0')}`,
      'Aceh',
      'Kabupaten Aceh Tamiang',
      i === BAD.email ? 'bukan-email' : '',
      year,
      i === BAD.capital ? 'banyak' : '50.000.000',
      '300000000',
      '3',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The error printed beside a labelled field of a form. */
const fieldError = (page: Page, label: string) =>
  page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

test('a site manager registers a UMKM, imports 1,000 members (3 bad) and exports them', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `UD Nilam Uji ${RUN}`;
  const nib = `78${RUN}123`;

  await login(page, demoUser('site_manager').email);
  await page.getByTestId('nav-organisations').click();
  await expectLoaded(page);

  // Register a UMKM with NIB, NPWP and NIK; the manager's only site is already chosen.
  await page.getByTestId('add-organisation').click();
  const form = page.getByTestId('organisation-form');
  await expect(form.getByLabel('Situs', { exact: true }).locator('option:checked')).toHaveText(
    /ATM-01/,
  );
  await form.getByLabel('Nama usaha').fill(name);
  await form.getByLabel('Bentuk usaha').selectOption('perorangan');
  await form.getByLabel('NIB', { exact: true }).fill(nib.slice(0, 12));
  await form.getByLabel('NPWP').fill('09.876.543.1-107.000');
  await form.getByLabel('Nama pemilik').fill('Rahmah');
  await form.getByLabel('NIK pemilik').fill('1116011507850001');
  // The NIK says 15 July 1985: a different birth date is a warning, not a refusal.
  await form.getByLabel('Tanggal lahir pemilik').fill('1985-07-16');

  // A 12-digit NIB is refused, said beside the field.
  await form.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(fieldError(page, 'NIB')).toHaveText('NIB harus 13 digit angka.');
  await expect(form.getByLabel('NIB', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('NIB', { exact: true }).fill(nib);
  await form.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.getByText(`${name} terdaftar.`, { exact: false })).toBeVisible();
  await expect(page.getByTestId('organisation-warnings')).toContainText(
    'Tanggal lahir dalam NIK tidak cocok dengan tanggal lahir pemilik.',
  );
  const profile = page.getByTestId('organisation-profile');
  await expect(profile).toContainText(nib);
  await expect(profile).toContainText('0098765431107000');

  // Import: check the file first — exactly the three bad cells — then the valid rows only.
  await page.getByTestId('nav-organisations').click();
  await page.getByTestId('open-transfer').click();
  await expectLoaded(page);
  const importer = page.getByTestId('members-import');
  const siteSelect = importer.getByLabel('Situs tujuan');
  const aceh = await siteSelect.locator('option', { hasText: 'ATM-01' }).textContent();
  await siteSelect.selectOption({ label: aceh ?? 'ATM-01' });
  await importer.getByTestId('import-file').setInputFiles({
    name: 'anggota-aceh.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await membersXlsx(),
  });
  await importer.getByRole('button', { name: 'Periksa' }).click();

  const preview = importer.getByTestId('import-preview');
  await expect(preview.getByTestId('import-counts')).toHaveText(
    '1.000 baris997 valid3 bermasalah',
    { timeout: 30_000 },
  );
  const problems = preview.getByTestId('import-problems').getByTestId('table-row');
  await expect(problems).toHaveCount(3);
  const cells = await Promise.all(
    (await problems.all()).map((row) => row.locator('td').allTextContents()),
  );
  expect(cells).toEqual([
    [String(BAD.nib + 2), 'nib', 'NIB harus 13 digit angka.'],
    [
      String(BAD.capital + 2),
      'modal_usaha',
      'Harus jumlah Rupiah bulat, mis. 150000000 atau 150.000.000.',
    ],
    [String(BAD.email + 2), 'email', 'Alamat e-mail tidak valid.'],
  ]);
  await expect(preview.getByTestId('import-all-or-nothing')).toBeDisabled();
  await expect(preview.getByTestId('all-or-nothing-why')).toContainText('3 baris bermasalah');

  await preview.getByRole('button', { name: 'Impor baris yang valid saja (997)' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('997 anggota diimpor.', {
    timeout: 30_000,
  });

  // Export as XLSX: the file holds the imported members and the one registered above.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toBe('anggota.xlsx');
  const workbook = new ExcelJS.Workbook();
  const bytes = await fs.readFile(await download.path());
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const nameColumn = header.indexOf('nama');
  expect(nameColumn).toBeGreaterThan(0);
  const names = new Set<string>();
  sheet.eachRow((row, number) => {
    if (number > 1) names.add(String(row.getCell(nameColumn).value));
  });
  const imported = Array.from({ length: MEMBERS }, (_, i) => i).filter(
    (i) => !(Object.values(BAD) as number[]).includes(i),
  );
  expect(imported.filter((i) => !names.has(memberName(i)))).toEqual([]);
  expect(names.has(memberName(BAD.nib))).toBe(false);
  expect(names.has(name)).toBe(true);
});
