import { expect, test } from '@playwright/test';
import { expectLoaded, login } from './support.js';

test('the Aceh operator records a use of an expiring qualification and it leaves the expiring list', async ({
  page,
}) => {
  await login(page, 'operator.aceh@demo.rpb.test');
  await page.getByTestId('nav-training').click();
  await expect(page.locator('h1')).toHaveText('Pelatihan & kualifikasi');
  await expectLoaded(page);

  // The demo session of the operator's site, with its attendance.
  const sessions = page.getByTestId('session-table');
  const sessionLink = sessions.getByRole('link', {
    name: 'Pengoperasian ketel suling nilam dan K3 uap',
  });
  await expect(sessionLink).toBeVisible();
  await sessionLink.click();
  await expectLoaded(page);
  const attendance = page.getByTestId('attendance-table');
  await expect(attendance.getByText('Nurul Aini')).toBeVisible();
  await page.getByRole('link', { name: 'Kembali ke pelatihan' }).click();
  await expectLoaded(page);

  // Nurul Aini has not used the still since her training: her qualification lapses soon.
  const qualifications = page.getByTestId('training-qualifications');
  await qualifications.getByTestId('qualification-filter-expiring').click();
  await expectLoaded(page);
  const row = qualifications.getByTestId('table-row').filter({ hasText: 'Nurul Aini' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('qualification-expiry')).toHaveAttribute('data-status', 'expiring');

  await row.getByTestId('record-use').click();
  await expect(
    qualifications.getByText('Pemakaian oleh Nurul Aini tercatat', { exact: false }),
  ).toBeVisible();
  await expectLoaded(page);
  await expect(
    qualifications.getByTestId('table-row').filter({ hasText: 'Nurul Aini' }),
  ).toHaveCount(0);

  // Still qualified, now valid for the whole period again.
  await qualifications.getByTestId('qualification-filter-all').click();
  await expectLoaded(page);
  const again = qualifications.getByTestId('table-row').filter({ hasText: 'Nurul Aini' });
  await expect(again.getByTestId('qualification-status')).toHaveText('Berlaku');
  await expect(again.getByTestId('qualification-expiry')).toHaveAttribute('data-status', 'valid');
});

test('a site manager adds a worker, cannot delete one with training but deactivates her, and opens qualifications', async ({
  page,
}) => {
  const name = `Pekerja Uji ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await login(page, 'manajer.aceh@demo.rpb.test');
  await page.getByTestId('nav-organisations').click();
  await expectLoaded(page);
  await page.getByRole('link', { name: 'CV Nilam Harum Tamiang' }).first().click();
  await expectLoaded(page);
  const people = page.getByTestId('organisation-people');
  await expect(people.getByRole('link', { name: 'Nurul Aini' })).toBeVisible();

  // A new worker, then deleted again (no records yet).
  await people.getByTestId('add-person').click();
  const form = people.getByTestId('person-form');
  await form.getByLabel('Nama').fill(name);
  await form.getByLabel('Telepon').fill('0812 6500 9988');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(people.getByRole('link', { name })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await people.getByRole('button', { name: `Hapus ${name}` }).click();
  await expect(people.getByRole('link', { name })).toHaveCount(0);

  // Nurul Aini has training records: deleting is refused, deactivating is offered.
  page.once('dialog', (dialog) => void dialog.accept());
  await people.getByRole('button', { name: 'Hapus Nurul Aini' }).click();
  await expect(people.getByTestId('error-banner')).toHaveAttribute('data-code', 'person_in_use');
  await people.getByTestId('person-deactivate-instead').click();
  await expect(people.getByRole('link', { name: 'Nurul Aini' })).toHaveCount(0);
  await people.getByRole('button', { name: 'Nonaktif', exact: true }).click();
  const inactive = people.getByTestId('table-row').filter({ hasText: 'Nurul Aini' });
  await inactive.getByTestId('person-reactivate').click();
  await expect(inactive).toHaveCount(0);

  // Her qualifications, from her name.
  await people.getByRole('button', { name: 'Aktif', exact: true }).click();
  await people.getByRole('link', { name: 'Nurul Aini' }).click();
  await expect(page.locator('h1')).toHaveText('Nurul Aini');
  await expectLoaded(page);
  const qualification = page.getByTestId('person-qualifications').getByTestId('table-row');
  await expect(qualification).toHaveCount(1);
  await expect(qualification.getByTestId('qualification-status')).toHaveText('Berlaku');
});
