/**
 * Demo data of a realistic RPB network: one Tugas Pembantuan programme, a patchouli-oil cluster
 * in Aceh Tamiang (WIB) and a cocoa cluster in Jembrana, Bali (WITA), their sites, machines,
 * cooperatives, UMKM members, a buyer, and one user per role. Loaded by `npm start` on an empty
 * embedded database (RPB_DEMO, on by default there) and by `rpb seed --demo`.
 *
 * Demo users are flagged `is_demo`: they cannot log in unless the server runs in demo mode.
 */
import { sql } from 'kysely';
import { createUser, type NewUser } from '../../features/accounts/accounts.service.js';
import { upsertFinancialYear } from '../../features/organisations/organisations.repository.js';
import { recomputeSizeClass } from '../../features/organisations/organisations.service.js';
import { effectiveDate } from '../../features/organisations/organisations.js';
import { completeJob, receiveMaterial, startJob } from '../../features/toll/toll.service.js';
import { issueCertificate, recordInspection } from '../../features/quality/quality.service.js';
import type { Actor, ServiceContext } from '../context.js';
import type { Db, Trx } from '../db/connect.js';

export const DEMO_PASSWORD = 'rpb-demo-2026';

export const DEMO_LOGINS = [
  { email: 'admin@demo.rpb.test', role: 'administrator' },
  { email: 'pejabat@demo.rpb.test', role: 'programme_officer' },
  { email: 'manajer.aceh@demo.rpb.test', role: 'site_manager' },
  { email: 'operator.aceh@demo.rpb.test', role: 'site_operator' },
  { email: 'manajer.bali@demo.rpb.test', role: 'site_manager' },
  { email: 'anggota@demo.rpb.test', role: 'umkm_member' },
  { email: 'anggota2@demo.rpb.test', role: 'umkm_member' },
  { email: 'pembeli@demo.rpb.test', role: 'buyer' },
] as const;

type OrgKind = 'umkm' | 'cooperative' | 'buyer' | 'regional_government';

async function org(
  trx: Trx,
  kind: OrgKind,
  name: string,
  province: string,
  regency: string,
  nib: string | null = null,
  npwp: string | null = null,
) {
  const row = await trx
    .insertInto('organisations')
    .values({ kind, name, province, regency, nib, npwp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface MachineSeed {
  code: string;
  name: string;
  process: string;
  capacity: number;
  unit: string;
  value: number;
  status?: 'active' | 'maintenance' | 'broken';
}

async function machines(trx: Trx, siteId: string, programmeId: string, list: MachineSeed[]) {
  await trx
    .insertInto('machines')
    .values(
      list.map((m) => ({
        site_id: siteId,
        code: m.code,
        name: m.name,
        process: m.process,
        capabilities: [m.process],
        capacity: m.capacity,
        // 'kg/batch' → unit 'kg' per batch; 'L/jam' → unit 'L' per hour.
        capacity_unit: m.unit.split('/')[0]!,
        capacity_basis: m.unit.endsWith('/jam') ? ('per_hour' as const) : ('per_batch' as const),
        acquisition_value: m.value,
        funding_programme_id: programmeId,
        acquired_on: '2024-11-15',
        status: m.status ?? 'active',
      })),
    )
    .execute();
}

/**
 * Opening hours (Friday with a long midday break for salat Jumat in Aceh) and the 2026
 * holidays and cuti bersama the managers entered from the SKB 3 Menteri (a few dates; Nyepi
 * closes the Bali site, and Aceh keeps Idulfitri cuti bersama).
 */
async function siteCalendars(trx: Trx, aceh: string, bali: string) {
  const days = (list: number[], opens: string, closes: string, site: string) =>
    list.map((weekday) => ({ site_id: site, weekday, opens, closes }));
  await trx
    .insertInto('site_opening_hours')
    .values([
      ...days([1, 2, 3, 4, 6], '08:00', '12:00', aceh),
      ...days([1, 2, 3, 4, 6], '13:00', '17:00', aceh),
      ...days([5], '08:00', '11:30', aceh),
      ...days([5], '14:00', '17:00', aceh),
      ...days([1, 2, 3, 4, 5, 6], '08:00', '16:00', bali),
    ])
    .execute();
  const national: [string, string][] = [
    ['2026-01-01', 'Tahun Baru 2026 Masehi'],
    ['2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
    ['2026-03-20', 'Idulfitri 1447 Hijriah'],
    ['2026-03-21', 'Idulfitri 1447 Hijriah'],
    ['2026-05-01', 'Hari Buruh Internasional'],
    ['2026-08-17', 'Hari Proklamasi Kemerdekaan RI'],
    ['2026-12-25', 'Kelahiran Yesus Kristus'],
  ];
  const leave: [string, string][] = [
    ['2026-03-23', 'Cuti bersama Idulfitri 1447 Hijriah'],
    ['2026-03-24', 'Cuti bersama Idulfitri 1447 Hijriah'],
    ['2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'],
  ];
  const rows = (site: string) => [
    ...national.map(([date, name]) => ({ site_id: site, date, name, kind: 'national' as const })),
    ...leave.map(([date, name]) => ({ site_id: site, date, name, kind: 'cuti_bersama' as const })),
  ];
  await trx
    .insertInto('site_holidays')
    .values([
      ...rows(aceh),
      ...rows(bali),
      {
        site_id: bali,
        date: '2026-03-18',
        name: 'Pengrupukan (sehari sebelum Nyepi)',
        kind: 'local',
      },
    ])
    .execute();
}

/** The programme's realisation: the buildings and every machine; a first status for each machine. */
async function investmentsAndHistory(
  trx: Trx,
  programmeId: string,
  aceh: string,
  bali: string,
  now: Date,
) {
  await trx
    .insertInto('investments')
    .values([
      {
        programme_id: programmeId,
        site_id: aceh,
        kind: 'building',
        description: 'Bangunan RPB, gudang dan instalasi listrik Bandar Pusaka',
        amount: 4_850_000_000,
        invested_on: '2024-09-30',
      },
      {
        programme_id: programmeId,
        site_id: bali,
        kind: 'building',
        description: 'Bangunan RPB dan ruang fermentasi Kaliakah',
        amount: 5_275_000_000,
        invested_on: '2024-10-15',
      },
    ])
    .execute();
  await sql`insert into investments (programme_id, site_id, machine_id, kind, description, amount, invested_on)
    select ${programmeId}, site_id, id, 'machine', 'Pengadaan ' || name, acquisition_value, date '2024-11-15'
    from machines where site_id in (${aceh}, ${bali})`.execute(trx);
  await sql`insert into machine_status_history (machine_id, from_status, to_status, at, reason, by_label)
    select id, null, 'active', ${now}::timestamptz - interval '200 days', 'serah terima', 'system'
    from machines where site_id in (${aceh}, ${bali})`.execute(trx);
  await sql`insert into machine_status_history (machine_id, from_status, to_status, at, reason, by_label)
    select id, 'active', status, ${now}::timestamptz - interval '3 days', 'perawatan berkala: ganti paking tutup ketel', 'operator.aceh@demo.rpb.test'
    from machines where site_id in (${aceh}, ${bali}) and status <> 'active'`.execute(trx);
}

export async function isEmpty(db: Db | Trx): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`select (select count(*) from users)::int + (select count(*) from programmes)::int as n`.execute(
    db,
  );
  return (r.rows[0]?.n ?? 0) === 0;
}

/** Loads the demo network in one transaction; returns false (and does nothing) if data exists. */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent starters on a shared server database.
    await sql`select pg_advisory_xact_lock(727201)`.execute(trx);
    if (!(await isEmpty(trx))) return false;
    await seedDemo(trx, now);
    return true;
  });
}

async function seedDemo(trx: Trx, now: Date): Promise<void> {
  const ctx: ServiceContext = { actor: null, now };

  const programme = await trx
    .insertInto('programmes')
    .values({
      code: 'RPB-TP-2024',
      name: 'RPB Tugas Pembantuan 2024',
      funding_source: 'apbn_tp',
      year: 2024,
      budget: 24_500_000_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Aceh Tamiang — patchouli (nilam) oil distillation, WIB.
  const pemkabTamiang = await org(
    trx,
    'regional_government',
    'Pemerintah Kabupaten Aceh Tamiang',
    'Aceh',
    'Kabupaten Aceh Tamiang',
  );
  const kopTamiang = await org(
    trx,
    'cooperative',
    'Koperasi Produsen Aroma Tamiang Makmur',
    'Aceh',
    'Kabupaten Aceh Tamiang',
    '9120301726154',
    '015432180107000',
  );
  const clusterAceh = await trx
    .insertInto('clusters')
    .values({
      programme_id: programme.id,
      name: 'Klaster Nilam Aceh Tamiang',
      commodity: 'Nilam (minyak atsiri)',
      province: 'Aceh',
      regency: 'Kabupaten Aceh Tamiang',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const siteAceh = await trx
    .insertInto('sites')
    .values({
      cluster_id: clusterAceh.id,
      code: 'ATM-01',
      name: 'RPB Nilam Bandar Pusaka',
      operator_org_id: kopTamiang,
      asset_owner_org_id: pemkabTamiang,
      province: 'Aceh',
      regency: 'Kabupaten Aceh Tamiang',
      region_code: '11.16',
      address: 'Desa Perupuk, Kecamatan Bandar Pusaka, Aceh Tamiang',
      time_zone: 'Asia/Jakarta',
      contacts: JSON.stringify([
        { name: 'Teuku Rizal', role: 'Manajer RPB', phone: '+62 812-6000-1101', email: null },
      ]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await machines(trx, siteAceh.id, programme.id, [
    {
      code: 'KTL-100A',
      name: 'Ketel suling nilam 100 kg A',
      process: 'distillation',
      capacity: 100,
      unit: 'kg/batch',
      value: 385_000_000,
    },
    {
      code: 'KTL-100B',
      name: 'Ketel suling nilam 100 kg B',
      process: 'distillation',
      capacity: 100,
      unit: 'kg/batch',
      value: 385_000_000,
    },
    {
      code: 'KTL-050A',
      name: 'Ketel suling nilam 50 kg A',
      process: 'distillation',
      capacity: 50,
      unit: 'kg/batch',
      value: 210_000_000,
    },
    {
      code: 'KTL-050B',
      name: 'Ketel suling nilam 50 kg B',
      process: 'distillation',
      capacity: 50,
      unit: 'kg/batch',
      value: 210_000_000,
      status: 'maintenance',
    },
    {
      code: 'PGR-01',
      name: 'Pengering rak daun nilam',
      process: 'drying',
      capacity: 300,
      unit: 'kg/batch',
      value: 96_500_000,
    },
    {
      code: 'SEP-01',
      name: 'Pemisah minyak (separator) stainless',
      process: 'separation',
      capacity: 40,
      unit: 'L/jam',
      value: 47_250_000,
    },
  ]);

  // Jembrana — cocoa fermentation, drying and chocolate, WITA.
  const pemkabJembrana = await org(
    trx,
    'regional_government',
    'Pemerintah Kabupaten Jembrana',
    'Bali',
    'Kabupaten Jembrana',
  );
  const kopJembrana = await org(
    trx,
    'cooperative',
    'Koperasi Kakao Kerta Semaya Samaniya',
    'Bali',
    'Kabupaten Jembrana',
    '8120016253918',
    '021876543904000',
  );
  const clusterBali = await trx
    .insertInto('clusters')
    .values({
      programme_id: programme.id,
      name: 'Klaster Kakao Jembrana',
      commodity: 'Kakao',
      province: 'Bali',
      regency: 'Kabupaten Jembrana',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const siteBali = await trx
    .insertInto('sites')
    .values({
      cluster_id: clusterBali.id,
      code: 'JBR-01',
      name: 'RPB Kakao Kaliakah',
      operator_org_id: kopJembrana,
      asset_owner_org_id: pemkabJembrana,
      province: 'Bali',
      regency: 'Kabupaten Jembrana',
      region_code: '51.01',
      address: 'Desa Kaliakah, Kecamatan Negara, Jembrana',
      time_zone: 'Asia/Makassar',
      contacts: JSON.stringify([
        { name: 'I Made Suarjana', role: 'Manajer RPB', phone: '+62 813-3700-2202', email: null },
      ]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await machines(trx, siteBali.id, programme.id, [
    {
      code: 'FRM-01',
      name: 'Kotak fermentasi kakao 6 × 500 kg',
      process: 'fermentation',
      capacity: 3000,
      unit: 'kg/batch',
      value: 128_000_000,
    },
    {
      code: 'DRY-01',
      name: 'Pengering biji kakao tenaga surya',
      process: 'drying',
      capacity: 1000,
      unit: 'kg/batch',
      value: 264_000_000,
    },
    {
      code: 'DRY-02',
      name: 'Pengering mekanis biji kakao',
      process: 'drying',
      capacity: 500,
      unit: 'kg/batch',
      value: 198_500_000,
    },
    {
      code: 'RST-01',
      name: 'Mesin sangrai kakao 25 kg',
      process: 'roasting',
      capacity: 25,
      unit: 'kg/batch',
      value: 156_000_000,
    },
    {
      code: 'WNW-01',
      name: 'Pemecah dan pemisah kulit (winnower)',
      process: 'winnowing',
      capacity: 100,
      unit: 'kg/jam',
      value: 89_750_000,
    },
    {
      code: 'RFN-01',
      name: 'Refiner-conche cokelat 50 kg',
      process: 'refining',
      capacity: 50,
      unit: 'kg/batch',
      value: 342_000_000,
    },
  ]);

  await siteCalendars(trx, siteAceh.id, siteBali.id);
  await investmentsAndHistory(trx, programme.id, siteAceh.id, siteBali.id, now);

  // UMKM members.
  const nilamHarum = await org(
    trx,
    'umkm',
    'CV Nilam Harum Tamiang',
    'Aceh',
    'Kabupaten Aceh Tamiang',
    '9120208371645',
    '027311549107000',
  );
  const atsiriPusaka = await org(
    trx,
    'umkm',
    'UD Atsiri Bandar Pusaka',
    'Aceh',
    'Kabupaten Aceh Tamiang',
    '9120105558120',
  );
  const taniSepakat = await org(
    trx,
    'umkm',
    'Kelompok Tani Nilam Sepakat',
    'Aceh',
    'Kabupaten Aceh Tamiang',
  );
  const kakaoLestari = await org(
    trx,
    'umkm',
    'UD Kakao Lestari Jembrana',
    'Bali',
    'Kabupaten Jembrana',
    '8120310094427',
    '031277458904000',
  );
  const subakMertha = await org(
    trx,
    'umkm',
    'Subak Abian Mertha Sari',
    'Bali',
    'Kabupaten Jembrana',
  );
  const cokelatNegara = await org(
    trx,
    'umkm',
    'CV Cokelat Negara Bali',
    'Bali',
    'Kabupaten Jembrana',
    '8120405512306',
  );
  await trx
    .insertInto('site_members')
    .values([
      { site_id: siteAceh.id, organisation_id: nilamHarum },
      { site_id: siteAceh.id, organisation_id: atsiriPusaka },
      { site_id: siteAceh.id, organisation_id: taniSepakat },
      { site_id: siteBali.id, organisation_id: kakaoLestari },
      { site_id: siteBali.id, organisation_id: subakMertha },
      { site_id: siteBali.id, organisation_id: cokelatNegara },
    ])
    .execute();

  const buyer = await org(
    trx,
    'buyer',
    'PT Nusantara Aroma Industri',
    'Jawa Barat',
    'Kota Bekasi',
    '9120000123456',
    '013456789415000',
  );

  const users: NewUser[] = [
    {
      email: 'admin@demo.rpb.test',
      name: 'Admin RPB',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'administrator', scopeType: 'system', scopeId: null }],
    },
    {
      email: 'pejabat@demo.rpb.test',
      name: 'Ratna Sari (Kementerian UMKM)',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'programme_officer', scopeType: 'programme', scopeId: programme.id }],
    },
    {
      email: 'manajer.aceh@demo.rpb.test',
      name: 'Teuku Rizal',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'site_manager', scopeType: 'site', scopeId: siteAceh.id }],
    },
    {
      email: 'operator.aceh@demo.rpb.test',
      name: 'Cut Nurhayati',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'site_operator', scopeType: 'site', scopeId: siteAceh.id }],
    },
    {
      email: 'manajer.bali@demo.rpb.test',
      name: 'I Made Suarjana',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'site_manager', scopeType: 'site', scopeId: siteBali.id }],
    },
    {
      email: 'anggota@demo.rpb.test',
      name: 'Zulkifli (CV Nilam Harum)',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'umkm_member', scopeType: 'organisation', scopeId: nilamHarum }],
    },
    {
      email: 'anggota2@demo.rpb.test',
      name: 'Fauziah (UD Atsiri Bandar Pusaka)',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'umkm_member', scopeType: 'organisation', scopeId: atsiriPusaka }],
    },
    {
      email: 'pembeli@demo.rpb.test',
      name: 'Dewi Lestari (PT Nusantara Aroma)',
      locale: 'id',
      password: DEMO_PASSWORD,
      grants: [{ role: 'buyer', scopeType: 'organisation', scopeId: buyer }],
    },
  ];
  const created = new Map<string, string>();
  for (const u of users)
    created.set(u.email, (await createUser(trx, { ...u, isDemo: true }, ctx)).id);

  await membersAtWork(trx, ctx, {
    siteAceh: siteAceh.id,
    siteBali: siteBali.id,
    nilamHarum,
    atsiriPusaka,
    kakaoLestari,
    trainerAceh: created.get('operator.aceh@demo.rpb.test')!,
    trainerBali: created.get('manajer.bali@demo.rpb.test')!,
  });
  await machinesInUse(trx, now, {
    siteAceh: siteAceh.id,
    siteBali: siteBali.id,
    nilamHarum,
    atsiriPusaka,
    taniSepakat,
    kakaoLestari,
    operatorAceh: created.get('operator.aceh@demo.rpb.test')!,
    managerAceh: created.get('manajer.aceh@demo.rpb.test')!,
  });
  await tollAndQuality(trx, now, {
    siteAceh: siteAceh.id,
    nilamHarum,
    atsiriPusaka,
    operator: {
      id: created.get('operator.aceh@demo.rpb.test')!,
      email: 'operator.aceh@demo.rpb.test',
    },
  });
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What a few months of use leave behind: financial years with a recorded move up a size class,
 * certificates (one expiring soon), workers, a training session and qualifications (one
 * lapsing soon) — so that every registry screen shows real data on first start.
 */
async function membersAtWork(
  trx: Trx,
  ctx: ServiceContext,
  ids: {
    siteAceh: string;
    siteBali: string;
    nilamHarum: string;
    atsiriPusaka: string;
    kakaoLestari: string;
    trainerAceh: string;
    trainerBali: string;
  },
) {
  const today = effectiveDate(ctx.now);
  const thisYear = Number(today.slice(0, 4));
  // CV Nilam Harum grew from micro to small: sales above Rp2 M in the latest year.
  await upsertFinancialYear(
    trx,
    ids.nilamHarum,
    thisYear - 2,
    { capital: 180_000_000, annualSales: 1_450_000_000, workers: 6 },
    ctx.now,
  );
  const first = await recomputeSizeClass(trx, ids.nilamHarum, null, ctx);
  await upsertFinancialYear(
    trx,
    ids.nilamHarum,
    thisYear - 1,
    { capital: 320_000_000, annualSales: 2_650_000_000, workers: 11 },
    ctx.now,
  );
  await recomputeSizeClass(trx, ids.nilamHarum, first.sizeClass, ctx);
  await upsertFinancialYear(
    trx,
    ids.kakaoLestari,
    thisYear - 1,
    { capital: 95_000_000, annualSales: 640_000_000, workers: 5 },
    ctx.now,
  );
  await recomputeSizeClass(trx, ids.kakaoLestari, null, ctx);

  await trx
    .insertInto('organisation_certificates')
    .values([
      {
        organisation_id: ids.nilamHarum,
        type: 'SNI',
        number: 'SPPT-SNI 06-2385-2006/0412',
        issuer: 'LSPro Balai Riset dan Standardisasi Industri Banda Aceh',
        issued_on: addDays(today, -400),
        expires_on: addDays(today, 695),
      },
      {
        organisation_id: ids.nilamHarum,
        type: 'halal',
        number: 'ID11110004123450824',
        issuer: 'BPJPH',
        issued_on: addDays(today, -1440),
        expires_on: addDays(today, 20),
      },
      {
        organisation_id: ids.kakaoLestari,
        type: 'PIRT',
        number: '2055101010123-29',
        issuer: 'Dinas Kesehatan Kabupaten Jembrana',
        issued_on: addDays(today, -300),
        expires_on: addDays(today, 1525),
      },
    ])
    .execute();

  const people = await trx
    .insertInto('people')
    .values([
      { organisation_id: ids.nilamHarum, name: 'Zulkifli', role: 'owner', phone: '+6281265001122' },
      { organisation_id: ids.atsiriPusaka, name: 'Fauzan Hakim', role: 'worker' },
      {
        organisation_id: ids.nilamHarum,
        name: 'Rahmad Hidayat',
        role: 'worker',
        phone: '+6282160554433',
      },
      { organisation_id: ids.nilamHarum, name: 'Nurul Aini', role: 'worker' },
      {
        organisation_id: ids.kakaoLestari,
        name: 'I Ketut Arsana',
        role: 'worker',
        phone: '+6281337224455',
      },
    ])
    .returning(['id', 'name'])
    .execute();
  const person = (name: string) => people.find((p) => p.name === name)!.id;

  const sessions = await trx
    .insertInto('training_sessions')
    .values([
      {
        site_id: ids.siteAceh,
        machine_type: 'distillation',
        held_on: addDays(today, -330),
        trainer_user_id: ids.trainerAceh,
        title: 'Pengoperasian ketel suling nilam dan K3 uap',
        created_by: ids.trainerAceh,
      },
      {
        site_id: ids.siteBali,
        machine_type: 'drying',
        held_on: addDays(today, -40),
        trainer_user_id: ids.trainerBali,
        title: 'Pengering biji kakao: kadar air dan keamanan',
        created_by: ids.trainerBali,
      },
    ])
    .returning(['id', 'site_id', 'held_on'])
    .execute();
  const aceh = sessions.find((s) => s.site_id === ids.siteAceh)!;
  const bali = sessions.find((s) => s.site_id === ids.siteBali)!;
  await trx
    .insertInto('training_attendance')
    .values([
      {
        session_id: aceh.id,
        person_id: person('Rahmad Hidayat'),
        passed: true,
        recorded_by: ids.trainerAceh,
      },
      {
        session_id: aceh.id,
        person_id: person('Nurul Aini'),
        passed: true,
        recorded_by: ids.trainerAceh,
      },
      {
        session_id: bali.id,
        person_id: person('I Ketut Arsana'),
        passed: true,
        recorded_by: ids.trainerBali,
      },
    ])
    .execute();
  await trx
    .insertInto('qualifications')
    .values([
      // Used recently: valid for a year from its last use.
      {
        person_id: person('Rahmad Hidayat'),
        machine_type: 'distillation',
        site_id: ids.siteAceh,
        granted_by: ids.trainerAceh,
        granted_by_label: 'operator.aceh@demo.rpb.test',
        granted_on: addDays(today, -330),
        last_used_on: addDays(today, -12),
        training_session_id: aceh.id,
      },
      {
        person_id: person('Fauzan Hakim'),
        machine_type: 'distillation',
        site_id: ids.siteAceh,
        granted_by: ids.trainerAceh,
        granted_by_label: 'operator.aceh@demo.rpb.test',
        granted_on: addDays(today, -90),
        last_used_on: addDays(today, -6),
      },
      // Never used since the training: lapses within the month (shows in "expiring").
      {
        person_id: person('Nurul Aini'),
        machine_type: 'distillation',
        site_id: ids.siteAceh,
        granted_by: ids.trainerAceh,
        granted_by_label: 'operator.aceh@demo.rpb.test',
        granted_on: addDays(today, -340),
        last_used_on: null,
        training_session_id: aceh.id,
      },
      {
        person_id: person('I Ketut Arsana'),
        machine_type: 'drying',
        site_id: ids.siteBali,
        granted_by: ids.trainerBali,
        granted_by_label: 'manajer.bali@demo.rpb.test',
        granted_on: addDays(today, -40),
        last_used_on: addDays(today, -3),
        training_session_id: bali.id,
      },
    ])
    .execute();
}

/**
 * A month of machine time at Aceh Tamiang: booking rules, completed bookings with check-in/out,
 * a no-show, upcoming bookings, a request waiting for approval, planned maintenance, and one
 * booking starting on the next half hour (so the operator can check it in at once).
 * Times are on the site's half-hour grid in WIB; rows are written directly (past bookings
 * cannot go through the booking rules).
 */
async function machinesInUse(
  trx: Trx,
  now: Date,
  ids: {
    siteAceh: string;
    siteBali: string;
    nilamHarum: string;
    atsiriPusaka: string;
    taniSepakat: string;
    kakaoLestari: string;
    operatorAceh: string;
    managerAceh: string;
  },
) {
  await trx
    .updateTable('sites')
    .set({ latitude: 4.2536, longitude: 98.0394 })
    .where('id', '=', ids.siteAceh)
    .execute();
  await trx
    .updateTable('sites')
    .set({ latitude: -8.3569, longitude: 114.6186 })
    .where('id', '=', ids.siteBali)
    .execute();
  const machineRows = await trx
    .selectFrom('machines')
    .select(['id', 'code'])
    .where('site_id', 'in', [ids.siteAceh, ids.siteBali])
    .execute();
  const m = (code: string) => machineRows.find((r) => r.code === code)!.id;
  const rules = {
    slot_minutes: 30,
    min_minutes: 60,
    max_minutes: 480,
    lead_minutes: 60,
    horizon_days: 60,
    approval_required: false,
    qualification_required: true,
    service_mode_allowed: true,
    no_show_grace_minutes: 30,
    offer_hold_minutes: 120,
    weekly_hours_micro: 16,
    weekly_hours_small: 24,
    weekly_hours_medium: null,
    weekly_hours_large: null,
    updated_by: ids.managerAceh,
  };
  await trx
    .insertInto('machine_booking_rules')
    .values([
      { ...rules, machine_id: m('KTL-100A') },
      { ...rules, machine_id: m('KTL-100B') },
      // The small kettle is shared by many groups: the manager approves each request.
      { ...rules, machine_id: m('KTL-050A'), approval_required: true },
      // The dryer needs no certificate: anyone may load the racks.
      { ...rules, machine_id: m('PGR-01'), qualification_required: false, min_minutes: 30 },
    ])
    .execute();

  const WIB = 7 * 3_600_000;
  const DAY = 86_400_000;
  const localDay = (offset: number) =>
    new Date(now.getTime() + WIB + offset * DAY).toISOString().slice(0, 10);
  const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);
  /** The n-th working day (Monday–Thursday) from today, forwards (n > 0) or backwards. */
  const workday = (n: number) => {
    let found = 0;
    for (let d = Math.sign(n); ; d += Math.sign(n)) {
      const date = localDay(d);
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (wd >= 1 && wd <= 4 && ++found === Math.abs(n)) return date;
    }
  };
  const base = {
    kind: 'booking' as const,
    mode: 'self' as const,
    created_at: now,
    updated_at: now,
  };
  const rows = [];
  // Completed distillation runs over the past four weeks (each batch 6 hours with the break).
  for (let i = 1; i <= 8; i++) {
    const date = workday(-i);
    const org = i % 3 === 0 ? ids.atsiriPusaka : ids.nilamHarum;
    rows.push({
      ...base,
      machine_id: m(i % 2 ? 'KTL-100A' : 'KTL-100B'),
      member_org_id: org,
      status: 'completed' as const,
      starts_at: at(date, '08:00'),
      ends_at: at(date, '12:00'),
      checked_in_at: at(date, '08:10'),
      checked_in_by: ids.operatorAceh,
      checked_out_at: at(date, '11:45'),
      checked_out_by: ids.operatorAceh,
      booked_by: null,
      booked_by_label: 'demo',
    });
  }
  const missed = workday(-2);
  rows.push({
    ...base,
    machine_id: m('PGR-01'),
    member_org_id: ids.taniSepakat,
    status: 'no_show' as const,
    starts_at: at(missed, '13:00'),
    ends_at: at(missed, '15:00'),
    no_show_at: at(missed, '13:30'),
    booked_by: null,
    booked_by_label: 'demo',
  });
  // Coming up.
  const soon = workday(3);
  rows.push(
    {
      ...base,
      machine_id: m('KTL-100A'),
      member_org_id: ids.nilamHarum,
      status: 'confirmed' as const,
      starts_at: at(soon, '08:00'),
      ends_at: at(soon, '12:00'),
      booked_by: null,
      booked_by_label: 'anggota@demo.rpb.test',
    },
    {
      ...base,
      machine_id: m('KTL-050A'),
      member_org_id: ids.atsiriPusaka,
      status: 'requested' as const,
      starts_at: at(soon, '13:00'),
      ends_at: at(soon, '16:00'),
      booked_by: null,
      booked_by_label: 'anggota2@demo.rpb.test',
    },
    {
      ...base,
      machine_id: m('PGR-01'),
      member_org_id: ids.taniSepakat,
      mode: 'service' as const,
      operator_user_id: ids.operatorAceh,
      status: 'confirmed' as const,
      starts_at: at(soon, '08:00'),
      ends_at: at(soon, '11:00'),
      booked_by: ids.operatorAceh,
      booked_by_label: 'operator.aceh@demo.rpb.test',
      notes: 'Daun nilam 250 kg, kadar air awal ±60%',
    },
  );
  // Starting on the next half hour, two hours long: the operator can check it in at once
  // (check-in opens 30 minutes early) and it cannot turn into a no-show before that. Just
  // before local midnight it starts on the half hour before instead, so it stays "today".
  const next = Math.ceil(now.getTime() / 1_800_000) * 1_800_000;
  const sameDay = new Date(next + WIB).toISOString().slice(0, 10) === localDay(0);
  const slot = sameDay ? next : next - 1_800_000;
  rows.push({
    ...base,
    machine_id: m('KTL-100B'),
    member_org_id: ids.nilamHarum,
    status: 'confirmed' as const,
    starts_at: new Date(slot),
    ends_at: new Date(slot + 2 * 3_600_000),
    booked_by: null,
    booked_by_label: 'anggota@demo.rpb.test',
  });
  // Last month, for the month-end run: four distillation runs and a drying job.
  const lastMonth = new Date(Date.parse(`${localDay(0).slice(0, 7)}-01T00:00:00Z`) - DAY)
    .toISOString()
    .slice(0, 7);
  const previous: [string, string, string, string, string][] = [
    // day, machine, member, checked in, checked out
    ['05', 'KTL-100A', ids.nilamHarum, '08:00', '12:00'],
    ['06', 'KTL-100A', ids.nilamHarum, '08:00', '11:30'],
    ['07', 'KTL-100B', ids.atsiriPusaka, '08:00', '12:00'],
    ['12', 'PGR-01', ids.taniSepakat, '13:00', '15:00'],
    ['13', 'KTL-100B', ids.atsiriPusaka, '13:00', '16:00'],
  ];
  for (const [day, code, org, from, to] of previous) {
    const date = `${lastMonth}-${day}`;
    rows.push({
      ...base,
      machine_id: m(code),
      member_org_id: org,
      status: 'completed' as const,
      starts_at: at(date, from),
      ends_at: at(date, to),
      checked_in_at: at(date, from),
      checked_in_by: ids.operatorAceh,
      checked_out_at: at(date, to),
      checked_out_by: ids.operatorAceh,
      booked_by: null,
      booked_by_label: 'demo',
    });
  }
  await trx.insertInto('bookings').values(rows).execute();
  await moneyRules(trx, now, { ...ids, machine: m, lastMonth });
  // Planned maintenance of the separator next week.
  const service = workday(5);
  await trx
    .insertInto('bookings')
    .values({
      machine_id: m('SEP-01'),
      kind: 'outage',
      outage_kind: 'maintenance',
      reason: 'Penggantian gasket dan kalibrasi termometer',
      status: 'confirmed',
      starts_at: at(service, '08:00'),
      ends_at: at(service, '17:00'),
      booked_by: ids.managerAceh,
      booked_by_label: 'manajer.aceh@demo.rpb.test',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * How Aceh Tamiang bills: the cooperative is a PKP (PPN 12% × DPP 11/12), tariffs per hour by
 * member class for the kettles and the dryer, a programme subsidy of 50% for micro members (up
 * to 8 hours a month), and a 5-hour pack for UD Atsiri Bandar Pusaka. Bali stays non-PKP with
 * the registry rates. Last month's use is left for the month-end run (nothing invoiced yet).
 */
async function moneyRules(
  trx: Trx,
  now: Date,
  ids: {
    siteAceh: string;
    siteBali: string;
    atsiriPusaka: string;
    managerAceh: string;
    machine: (code: string) => string;
    lastMonth: string;
  },
) {
  const programme = await trx
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .select('c.programme_id')
    .where('s.id', '=', ids.siteAceh)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('site_billing_settings')
    .values([
      {
        site_id: ids.siteAceh,
        pkp: true,
        seller_name: 'Koperasi Produsen Aroma Tamiang Makmur',
        seller_npwp: '0015432180107000',
        seller_address: 'Desa Perupuk, Kecamatan Bandar Pusaka, Kabupaten Aceh Tamiang, Aceh 24478',
        bank_account:
          'Bank Aceh Syariah 010.01.02.123456-7 a.n. Kop. Produsen Aroma Tamiang Makmur',
        updated_by: ids.managerAceh,
      },
      {
        site_id: ids.siteBali,
        pkp: false,
        seller_name: 'Koperasi Kakao Kerta Semaya Samaniya',
        seller_address: 'Jl. Raya Denpasar–Gilimanuk, Kaliakah, Negara, Jembrana, Bali',
      },
    ])
    .execute();
  const from = `${ids.lastMonth.slice(0, 4)}-01-01`;
  const prices: [string, number, number, number, number][] = [
    // machine, micro, small, medium, non-member (Rupiah per hour)
    ['KTL-100A', 75_000, 90_000, 110_000, 150_000],
    ['KTL-100B', 75_000, 90_000, 110_000, 150_000],
    ['KTL-050A', 50_000, 60_000, 75_000, 100_000],
    ['PGR-01', 25_000, 30_000, 35_000, 50_000],
  ];
  const classes = ['member_micro', 'member_small', 'member_medium', 'non_member'] as const;
  await trx
    .insertInto('tariffs')
    .values(
      prices.flatMap(([code, ...p]) =>
        classes.map((c, i) => ({
          machine_id: ids.machine(code),
          basis: 'per_hour' as const,
          customer_class: c,
          unit_price: p[i]!,
          operator_fee_per_hour: code === 'PGR-01' ? 20_000 : 35_000,
          valid_from: from,
          created_by: ids.managerAceh,
        })),
      ),
    )
    .execute();
  await trx
    .insertInto('priced_items')
    .values([
      {
        site_id: ids.siteAceh,
        code: 'KWH',
        name: 'Listrik PLN',
        unit: 'kWh',
        unit_price: 1_699,
        valid_from: from,
      },
      {
        site_id: ids.siteAceh,
        code: 'AIR',
        name: 'Air proses',
        unit: 'm³',
        unit_price: 7_500,
        valid_from: from,
      },
      {
        site_id: ids.siteAceh,
        code: 'BOTOL-100',
        name: 'Botol kaca amber 100 ml',
        unit: 'pcs',
        unit_price: 4_500,
        valid_from: from,
      },
    ])
    .execute();
  await trx
    .insertInto('subsidies')
    .values({
      programme_id: programme.programme_id,
      site_id: null,
      name: 'Subsidi sewa mesin UMKM mikro (Tugas Pembantuan)',
      percent: 50,
      classes: ['member_micro'],
      max_minutes_per_month: 8 * 60,
      valid_from: from,
      valid_to: `${ids.lastMonth.slice(0, 4)}-12-31`,
    })
    .execute();
  await trx
    .insertInto('hour_packs')
    .values({
      site_id: ids.siteAceh,
      member_org_id: ids.atsiriPusaka,
      name: 'Paket hemat ketel 5 jam',
      minutes_total: 300,
      price: 340_000,
      valid_from: `${ids.lastMonth}-01`,
      valid_to: new Date(now.getTime() + 60 * 86_400_000).toISOString().slice(0, 10),
      created_by: ids.managerAceh,
    })
    .execute();
}

/**
 * Maklon at Aceh Tamiang, done through the real use cases as the site operator: CV Nilam
 * Harum's leaves distilled into a released, certified oil lot (handed back in part); UD Atsiri
 * Bandar Pusaka's oil rejected on patchouli alcohol with an open non-conformance; and leaves of
 * both waiting in custody.
 */
async function tollAndQuality(
  trx: Trx,
  now: Date,
  ids: {
    siteAceh: string;
    nilamHarum: string;
    atsiriPusaka: string;
    operator: { id: string; email: string };
  },
) {
  const actor: Actor = {
    userId: ids.operator.id,
    email: ids.operator.email,
    name: 'Cut Nurhayati',
    locale: 'id',
    grants: [{ role: 'site_operator', scopeType: 'site', scopeId: ids.siteAceh, scopeName: null }],
    via: 'system',
  };
  const chars = Object.fromEntries(
    (await trx.selectFrom('characteristics').select(['id', 'code']).execute()).map((c) => [
      c.code,
      c.id,
    ]),
  );
  const oil = (pa: number) => [
    { characteristicId: chars.oil_colour!, value: null, passed: true },
    { characteristicId: chars.oil_specific_gravity!, value: 0.958, passed: null },
    { characteristicId: chars.oil_refractive_index!, value: 1.51, passed: null },
    { characteristicId: chars.oil_solubility_ethanol!, value: null, passed: true },
    { characteristicId: chars.oil_acid_value!, value: 5.2, passed: null },
    { characteristicId: chars.oil_ester_value!, value: 11.4, passed: null },
    { characteristicId: chars.oil_patchouli_alcohol!, value: pa, passed: null },
    { characteristicId: chars.oil_alpha_copaene!, value: 0.35, passed: null },
    { characteristicId: chars.oil_iron!, value: 14, passed: null },
  ];
  const completed = async (orgId: string) =>
    (
      await trx
        .selectFrom('bookings as b')
        .innerJoin('machines as m', 'm.id', 'b.machine_id')
        .select('b.id')
        .where('b.member_org_id', '=', orgId)
        .where('b.status', '=', 'completed')
        .where('m.site_id', '=', ids.siteAceh)
        .where('m.code', 'like', 'KTL-%')
        .orderBy('b.starts_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  const run = async (
    orgId: string,
    leavesKg: number,
    oilKg: number,
    pa: number,
    minutesAgo: number,
  ) => {
    const ctx = { actor, now: new Date(now.getTime() - minutesAgo * 60_000) };
    const leaves = await receiveMaterial(
      trx,
      {
        siteId: ids.siteAceh,
        ownerOrgId: orgId,
        productType: 'patchouli_leaves',
        quantityKg: leavesKg,
        grade: 'daun kering',
        moisturePercent: 14,
        notes: null,
      },
      ctx,
    );
    const job = await startJob(
      trx,
      {
        bookingId: await completed(orgId),
        inputs: [{ lotId: leaves.id, kg: leavesKg }],
        pooled: false,
        notes: null,
      },
      ctx,
    );
    const done = await completeJob(
      trx,
      job.id,
      {
        outputs: [
          { kind: 'output', productType: 'patchouli_oil', kg: oilKg, grade: null },
          {
            kind: 'byproduct',
            productType: 'distillation_residue',
            kg: Math.round(leavesKg * 0.85),
            grade: null,
          },
        ],
        wasteKg: Math.round(leavesKg * 0.15 - oilKg),
        statedGainKg: null,
        kwh: 38.4,
        lpgKg: 21,
        waterM3: 2.8,
        notes: null,
      },
      ctx,
    );
    const lot = done.outputs.find((o) => o.productType === 'patchouli_oil')!;
    await recordInspection(
      trx,
      lot.id,
      {
        stage: 'final',
        specificationId: null,
        results: oil(pa),
        sampleSize: null,
        defectives: null,
        notes: null,
        supersedesId: null,
      },
      ctx,
    );
    return lot;
  };
  const good = await run(ids.nilamHarum, 500, 11.5, 32.6, 300);
  await issueCertificate(
    trx,
    good.id,
    { actor, now: new Date(now.getTime() - 240 * 60_000) },
    'http://localhost:3000',
  );
  await run(ids.atsiriPusaka, 400, 8.2, 27.9, 120);
  for (const [orgId, kg] of [
    [ids.nilamHarum, 300],
    [ids.atsiriPusaka, 250],
  ] as const)
    await receiveMaterial(
      trx,
      {
        siteId: ids.siteAceh,
        ownerOrgId: orgId,
        productType: 'patchouli_leaves',
        quantityKg: kg,
        grade: null,
        moisturePercent: 16,
        notes: null,
      },
      { actor, now },
    );
}
