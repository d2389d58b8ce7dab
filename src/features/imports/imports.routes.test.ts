import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  login,
  multipartFile,
  type Session,
  type TestApp,
} from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';
import { readTable, writeCsv, writeXlsx } from '../../server/tabular/tabular.js';
import { OWNER_NIK } from '../organisations/organisations.repository.js';
import { EQUIPMENT_COLUMNS, MEMBER_COLUMNS } from './imports.js';

let t: TestApp;
let net: Awaited<ReturnType<typeof makeNetwork>>;
let other: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let manager: Session;

beforeAll(async () => {
  t = await createTestApp();
  net = await makeNetwork(t.database.db);
  other = await makeNetwork(t.database.db);
  await makeUser(t.database.db, { email: 'import.admin@example.test' });
  await makeUser(t.database.db, {
    email: 'import.mgr@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: net.siteId,
  });
  admin = await login(t.app, 'import.admin@example.test', PASSWORD);
  manager = await login(t.app, 'import.mgr@example.test', PASSWORD);
});
afterAll(() => t.close());

/** A valid NIB for row i: 13 digits, unique per test file. */
const nib = (i: number, base = 9120000000000) => String(base + i);

function membersRows(n: number, base: number) {
  return Array.from({ length: n }, (_, i) => ({
    nama: `UMKM Uji ${base}-${i}`,
    jenis: 'umkm',
    bentuk_usaha: 'perorangan',
    nib: nib(i, base),
    npwp: '',
    provinsi: 'Bali',
    kabupaten_kota: 'Kabupaten Jembrana',
    kbli: i % 2 ? '10731' : '',
    tahun: '2025',
    modal_usaha: String(50_000_000 + i),
    omzet_tahunan: i === 0 ? '2.000.000.001' : '300000000',
    tenaga_kerja: '3',
  }));
}

const post = (
  s: Session,
  url: string,
  file: { payload: Buffer; headers: Record<string, string> },
  locale = 'id',
) =>
  as(
    t.app,
    s,
  )({
    method: 'POST',
    url,
    payload: file.payload,
    headers: { ...file.headers, 'accept-language': locale },
  });

describe('members import', () => {
  it('previews exactly the bad rows with translated messages and writes nothing', async () => {
    const rows = membersRows(20, 9121000000000);
    rows[3]!.nib = '12345';
    rows[9]!.modal_usaha = 'banyak';
    rows[15]!.nib = rows[14]!.nib; // duplicate within the file
    const file = multipartFile('anggota.xlsx', await writeXlsx('Anggota', MEMBER_COLUMNS, rows));
    const res = await post(admin, `/api/imports/members/preview?siteId=${net.siteId}`, file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ totalRows: 20, validRows: 17, invalidRows: 3 });
    expect(body.problems).toEqual([
      { row: 5, column: 'nib', code: 'nib_format', message: 'NIB harus 13 digit angka.' },
      {
        row: 11,
        column: 'modal_usaha',
        code: 'import_rupiah',
        message: expect.stringContaining('Rupiah bulat'),
      },
      {
        row: 17,
        column: 'nib',
        code: 'import_duplicate_in_file',
        message: expect.stringContaining('baris 16'),
      },
    ]);
    const count = await t.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', 'like', 'UMKM Uji 9121%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('imports nothing from a file with bad rows when asked for all or nothing, and the valid rows when asked', async () => {
    const rows = membersRows(10, 9122000000000);
    rows[4]!.npwp = '01.312.166.1-091.000';
    const bytes = writeCsv(MEMBER_COLUMNS, rows);
    const none = (
      await post(
        admin,
        `/api/imports/members?siteId=${net.siteId}&strategy=all_or_nothing`,
        multipartFile('a.csv', bytes),
        'en',
      )
    ).json();
    expect(none).toMatchObject({ applied: false, imported: 0, invalidRows: 1 });
    expect(none.problems[0]).toMatchObject({
      row: 6,
      column: 'npwp',
      // The administrator's profile says Indonesian, which wins over Accept-Language.
      message: 'Digit pemeriksa NPWP salah; periksa kembali nomornya.',
    });
    const some = (
      await post(
        admin,
        `/api/imports/members?siteId=${net.siteId}&strategy=valid_only`,
        multipartFile('a.csv', bytes),
      )
    ).json();
    expect(some).toMatchObject({ applied: true, imported: 9, invalidRows: 1 });
    // Imported members are members of the site, with their KBLI, financial year and size class.
    const first = await t.database.db
      .selectFrom('organisations')
      .select(['id', 'size_class'])
      .where('nib', '=', nib(0, 9122000000000))
      .executeTakeFirstOrThrow();
    expect(first.size_class).toBe('small'); // sales of Rp2.000.000.001
    const member = await t.database.db
      .selectFrom('site_members')
      .select('site_id')
      .where('organisation_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(member.site_id).toBe(net.siteId);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', first.id)
      .execute();
    expect(audit).toEqual([
      { action: 'organisation.create', actor_label: 'import.admin@example.test' },
    ]);
    // Importing the same file again: every NIB is now taken.
    const again = (
      await post(
        admin,
        `/api/imports/members/preview?siteId=${net.siteId}`,
        multipartFile('a.csv', bytes),
      )
    ).json();
    expect(again.validRows).toBe(0);
    expect(again.problems.filter((p: { code: string }) => p.code === 'nib_taken')).toHaveLength(9);
  });

  it('exports what it imported so that it reads back identically, as XLSX and CSV', async () => {
    const rows = membersRows(6, 9123000000000).map((r) => ({ ...r, npwp: '', kbli: r.kbli }));
    await post(
      admin,
      `/api/imports/members?siteId=${other.siteId}&strategy=all_or_nothing`,
      multipartFile('b.xlsx', await writeXlsx('A', MEMBER_COLUMNS, rows)),
    );
    for (const format of ['xlsx', 'csv'] as const) {
      const res = await as(
        t.app,
        admin,
      )({ method: 'GET', url: `/api/exports/members?format=${format}&siteId=${other.siteId}` });
      expect(res.statusCode).toBe(200);
      const table = await readTable(res.rawPayload, `export.${format}`, MEMBER_COLUMNS);
      expect(
        table.rows.map((r) => [r.nama, r.nib, r.kbli, r.modal_usaha, r.omzet_tahunan]),
      ).toEqual(
        rows
          .map((r) => [
            r.nama,
            r.nib,
            r.kbli,
            r.modal_usaha,
            String(Number(r.omzet_tahunan.replace(/\./g, ''))),
          ])
          .sort((a, b) => a[0]!.localeCompare(b[0]!)),
      );
      // Re-importing the export is refused only because the NIBs now exist — the format is identical.
      const check = (
        await post(
          admin,
          `/api/imports/members/preview`,
          multipartFile(`export.${format}`, res.rawPayload),
        )
      ).json();
      expect(check.problems.every((p: { code: string }) => p.code === 'nib_taken')).toBe(true);
    }
  });

  it('lets a site manager import only into their own site and export only their members', async () => {
    const bytes = writeCsv(MEMBER_COLUMNS, membersRows(2, 9124000000000));
    const noSite = await post(manager, '/api/imports/members', multipartFile('c.csv', bytes));
    expect(noSite.json().error.code).toBe('import_site_required');
    const otherSite = await post(
      manager,
      `/api/imports/members?siteId=${other.siteId}`,
      multipartFile('c.csv', bytes),
    );
    expect(otherSite.statusCode).toBe(404);
    const exported = await as(
      t.app,
      manager,
    )({ method: 'GET', url: '/api/exports/members?format=csv' });
    const table = await readTable(exported.rawPayload, 'e.csv', MEMBER_COLUMNS);
    expect(table.rows.every((r) => !r.nama!.startsWith('UMKM Uji 9123'))).toBe(true); // other site's
    expect(table.rows.some((r) => r.nama!.startsWith('UMKM Uji 9122'))).toBe(true); // own site's
  });

  it('refuses files that are not XLSX/CSV, unknown columns, and members without the role', async () => {
    const pdf = await post(
      admin,
      '/api/imports/members/preview',
      multipartFile('anggota.pdf', new TextEncoder().encode('%PDF-1.7')),
    );
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('table_unsupported_format');
    const cols = await post(
      admin,
      '/api/imports/members/preview',
      multipartFile('a.csv', new TextEncoder().encode('nama,nib,warna\nA,1,merah\n')),
    );
    expect(cols.json().error).toMatchObject({
      code: 'table_unknown_columns',
      message: expect.stringContaining('warna'),
    });
    await makeUser(t.database.db, {
      email: 'import.member@example.test',
      role: 'umkm_member',
      scopeType: 'organisation',
      scopeId: net.orgId,
    });
    const member = await login(t.app, 'import.member@example.test', PASSWORD);
    expect(
      (
        await post(
          member,
          '/api/imports/members/preview',
          multipartFile('a.csv', writeCsv(MEMBER_COLUMNS, [])),
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('equipment import and export', () => {
  const rows = (siteCode: string) => [
    {
      kode_situs: siteCode,
      kode: 'DRY-9',
      nama: 'Pengering surya',
      kemampuan: 'drying',
      kapasitas: '1000',
      satuan_kapasitas: 'kg',
      basis_kapasitas: 'per_batch',
      tarif_per_jam: '',
      tarif_per_batch: '150.000',
      nilai_perolehan: '264000000',
      tanggal_perolehan: '2024-03-01',
      kode_program: '',
      pabrikan: 'CV Teknik',
      model: 'SD-1',
      nomor_seri: 'X1',
      spesifikasi: 'daya_kw=7.5; bahan=SS304',
    },
    {
      kode_situs: siteCode,
      kode: 'RST-9',
      nama: 'Mesin sangrai',
      kemampuan: 'roasting',
      kapasitas: '25,5',
      satuan_kapasitas: 'kg',
      basis_kapasitas: 'per_batch',
      tarif_per_jam: '50000',
      tarif_per_batch: '',
      nilai_perolehan: '',
      tanggal_perolehan: '',
      kode_program: '',
      pabrikan: '',
      model: '',
      nomor_seri: '',
      spesifikasi: '',
    },
  ];

  it('checks every cell, imports machines at the sites the manager runs, and exports them back identically', async () => {
    const site = await t.database.db
      .selectFrom('sites')
      .select('code')
      .where('id', '=', net.siteId)
      .executeTakeFirstOrThrow();
    const otherSite = await t.database.db
      .selectFrom('sites')
      .select('code')
      .where('id', '=', other.siteId)
      .executeTakeFirstOrThrow();
    const bad = [
      ...rows(site.code),
      { ...rows(site.code)[0]!, kode: 'DRY-9' },
      { ...rows(otherSite.code)[0]!, kode: 'X-1' },
      {
        ...rows(site.code)[1]!,
        kode: 'bad code',
        kemampuan: 'juggling',
        kapasitas: '-1',
        spesifikasi: 'nonsense',
      },
    ];
    const file = multipartFile('alat.xlsx', await writeXlsx('Peralatan', EQUIPMENT_COLUMNS, bad));
    const preview = (await post(manager, '/api/imports/equipment/preview', file)).json();
    expect(preview).toMatchObject({ totalRows: 5, validRows: 2, invalidRows: 3 });
    expect(
      preview.problems.map((p: { row: number; column: string; code: string }) => [
        p.row,
        p.column,
        p.code,
      ]),
    ).toEqual([
      [4, 'kode', 'import_duplicate_in_file'],
      [5, 'kode_situs', 'import_site_unknown'], // not the manager's site
      [6, 'kode', 'import_machine_code'],
      [6, 'kemampuan', 'import_choice'],
      [6, 'kapasitas', 'import_decimal'],
      [6, 'spesifikasi', 'import_specs'],
    ]);
    const none = (
      await post(manager, '/api/imports/equipment?strategy=all_or_nothing', file)
    ).json();
    expect(none).toMatchObject({ applied: false, imported: 0 });
    const ok = (await post(manager, '/api/imports/equipment?strategy=valid_only', file)).json();
    expect(ok).toMatchObject({ applied: true, imported: 2 });
    const history = await t.database.db
      .selectFrom('machines')
      .select(['code', 'capacity', 'batch_rate'])
      .where('site_id', '=', net.siteId)
      .where('code', 'in', ['DRY-9', 'RST-9'])
      .orderBy('code')
      .execute();
    expect(history.map((m) => [m.code, Number(m.capacity)])).toEqual([
      ['DRY-9', 1000],
      ['RST-9', 25.5],
    ]);

    for (const format of ['xlsx', 'csv'] as const) {
      const res = await as(
        t.app,
        manager,
      )({ method: 'GET', url: `/api/exports/equipment?format=${format}&siteId=${net.siteId}` });
      expect(res.statusCode).toBe(200);
      const table = await readTable(res.rawPayload, `e.${format}`, EQUIPMENT_COLUMNS);
      const byCode = Object.fromEntries(table.rows.map((r) => [r.kode, r]));
      expect(byCode['DRY-9']).toMatchObject({
        kode_situs: site.code,
        kemampuan: 'drying',
        kapasitas: '1000',
        basis_kapasitas: 'per_batch',
        tarif_per_batch: '150000',
        nilai_perolehan: '264000000',
        tanggal_perolehan: '2024-03-01',
        spesifikasi: 'bahan=SS304; daya_kw=7.5',
      });
      expect(byCode['RST-9']).toMatchObject({ kapasitas: '25.5', tarif_per_jam: '50000' });
      // Re-importing the export is refused only because the codes are now taken.
      const again = (
        await post(
          manager,
          '/api/imports/equipment/preview',
          multipartFile(`e.${format}`, res.rawPayload),
        )
      ).json();
      expect(again.problems.every((p: { code: string }) => p.code === 'machine_code_taken')).toBe(
        true,
      );
    }
  });
});

describe('members import: NIK at rest and the full KBLI list', () => {
  it('seals imported NIKs, accepts any KBLI 2020 code, and exports NIKs in full or masked by scope', async () => {
    const NIKS = ['5101024102900001', '5101021708450002'];
    const rows = membersRows(2, 9124000000000).map((r, i) => ({
      ...r,
      nama: `UMKM NIK ${i}`,
      nama_pemilik: `Pemilik ${i}`,
      nik_pemilik: NIKS[i]!,
      // A trade and an agriculture code, outside the 255 manufacturing codes of 0003.
      kbli: i === 0 ? '47911 01111' : '46100',
    }));
    const res = await post(
      admin,
      `/api/imports/members?siteId=${net.siteId}&strategy=all_or_nothing`,
      multipartFile('nik.csv', Buffer.from(writeCsv(MEMBER_COLUMNS, rows))),
    );
    expect(res.json()).toMatchObject({ applied: true, imported: 2, problems: [] });

    const db = t.database.db;
    const stored = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'owner_nik', 'owner_nik_enc', 'owner_nik_bidx'])
      .where('name', 'in', ['UMKM NIK 0', 'UMKM NIK 1'])
      .orderBy('name')
      .execute();
    for (const [i, r] of stored.entries()) {
      expect(r.owner_nik).toBeNull();
      expect(JSON.stringify(r)).not.toContain(NIKS[i]);
      expect(t.app.deps.dataCipher.decrypt(r.owner_nik_enc!, OWNER_NIK)).toBe(NIKS[i]);
      expect(r.owner_nik_bidx).toBe(t.app.deps.dataCipher.blindIndex(NIKS[i]!, OWNER_NIK));
    }
    const kbli = await db
      .selectFrom('organisation_kbli')
      .select('code')
      .where('organisation_id', '=', stored[0]!.id)
      .orderBy('code')
      .execute();
    expect(kbli.map((k) => k.code)).toEqual(['01111', '47911']);

    const exported = async (s: Session) => {
      const out = await as(
        t.app,
        s,
      )({
        method: 'GET',
        url: `/api/exports/members?format=csv&siteId=${net.siteId}`,
      });
      const table = await readTable(out.rawPayload, 'export.csv', MEMBER_COLUMNS);
      return table.rows
        .filter((r) => (r.nama ?? '').startsWith('UMKM NIK'))
        .map((r) => [r.nama, r.nik_pemilik, r.kbli]);
    };
    expect(await exported(admin)).toEqual([
      ['UMKM NIK 0', NIKS[0], '01111 47911'],
      ['UMKM NIK 1', NIKS[1], '46100'],
    ]);
    expect(await exported(manager)).toEqual([
      ['UMKM NIK 0', '5101********0001', '01111 47911'],
      ['UMKM NIK 1', '5101********0002', '46100'],
    ]);
  });
});
