import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, NOW, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let mgrA: Session;
let officerB: Session;

// A NIK of a woman born 1 February 1990 (day 01 + 40 = 41) registered in 51.01.02 (Jembrana).
const NIK = '5101024102900001';

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  b = await makeNetwork(t.database.db);
  await t.database.db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  await makeUser(t.database.db, { email: 'root@example.test' });
  await makeUser(t.database.db, {
    email: 'mgr.a@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(t.database.db, {
    email: 'officer.b@example.test',
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: b.programmeId,
  });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  officerB = await login(t.app, 'officer.b@example.test', PASSWORD);
});
afterAll(() => t.close());

const create = (s: Session, payload: object, headers?: Record<string, string>) =>
  as(
    t.app,
    s,
  )({ method: 'POST', url: '/api/organisations', payload, ...(headers ? { headers } : {}) });

describe('identifiers', () => {
  it('refuses bad identifiers field by field, translated, and saves nothing', async () => {
    const before = await t.database.db.selectFrom('organisations').select('id').execute();
    const res = await create(admin, {
      kind: 'umkm',
      name: 'Kakao Jaya',
      nib: '12345',
      npwp: '01.312.166.1-091.000',
      ownerNik: '5101020000000001',
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    expect(err.details.fields).toEqual([
      { path: 'nib', code: 'nib_format', message: 'NIB harus 13 digit angka.' },
      expect.objectContaining({ path: 'npwp', code: 'npwp_check_digit' }),
      expect.objectContaining({ path: 'ownerNik', code: 'nik_birth_date' }),
    ]);
    const en = await create(
      admin,
      { kind: 'umkm', name: 'X', nib: 'abc' },
      { 'accept-language': 'en' },
    );
    // A logged-in user's own language wins (Indonesian here); the English text exists too.
    expect(en.json().error.details.fields[0].code).toBe('nib_format');
    const after = await t.database.db.selectFrom('organisations').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('normalises NIB and NPWP, keeps the legacy 15 digits, and warns on a NIK mismatch', async () => {
    const res = await create(admin, {
      kind: 'umkm',
      name: 'Cokelat Jembrana',
      nib: '9120 0010 1234 5',
      npwp: '01.312.166.0-091.000',
      ownerNik: NIK,
      ownerBirthDate: '1991-02-01',
      regionCode: '51.01',
      phone: '0812-3456-7890',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.organisation).toMatchObject({
      nib: '9120001012345',
      npwp: '0013121660091000',
      npwp15Legacy: '013121660091000',
      phone: '+6281234567890',
      ownerNik: NIK,
      ownerNikMasked: false,
    });
    expect(body.warnings).toEqual([
      expect.objectContaining({ code: 'nik_birth_date_mismatch', field: 'ownerNik' }),
    ]);
    const dup = await create(admin, { kind: 'umkm', name: 'Other', nib: '9120001012345' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('nib_taken');
  });
});

describe('scope', () => {
  it('lets a site manager register a UMKM at their site only, and see only their members', async () => {
    const refused = await create(mgrA, { kind: 'umkm', name: 'Nowhere' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].code).toBe('site_required');
    expect(
      (await create(mgrA, { kind: 'umkm', name: 'Elsewhere', siteId: b.siteId })).statusCode,
    ).toBe(404);
    const ok = await create(mgrA, {
      kind: 'umkm',
      name: 'Madu Hutan',
      siteId: a.siteId,
      ownerNik: NIK,
    });
    expect(ok.statusCode).toBe(201);
    const list = (await as(t.app, mgrA)({ method: 'GET', url: '/api/organisations' })).json();
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [a.orgId, ok.json().organisation.id].sort(),
    );
  });

  it("answers 404 for another site's member on every endpoint, and masks the NIK for staff", async () => {
    const call = as(t.app, mgrA);
    const base = `/api/organisations/${b.orgId}`;
    for (const [method, url, payload] of [
      ['GET', base],
      ['PATCH', base, { name: 'Hacked' }],
      ['GET', `${base}/financials`],
      ['PUT', `${base}/financials/2025`, { capital: 1 }],
      ['POST', `${base}/kbli`, { code: '10731' }],
      ['GET', `${base}/products`],
      ['POST', `${base}/products`, { name: 'P' }],
      ['GET', `${base}/certificates`],
      ['POST', `${base}/certificates`, { type: 'halal', number: '1', issuer: 'BPJPH' }],
    ] as const) {
      const res = await call({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('organisation_not_found');
    }
    const own = (await call({ method: 'GET', url: '/api/organisations' })).json().items;
    const madu = own.find((o: { name: string }) => o.name === 'Madu Hutan');
    const one = (await call({ method: 'GET', url: `/api/organisations/${madu.id}` })).json();
    expect(one).toMatchObject({
      ownerNik: '5101********0001',
      ownerNikMasked: true,
      canEdit: true,
    });
  });

  it("lets a programme officer read their programme's members but not change them", async () => {
    const call = as(t.app, officerB);
    const list = (await call({ method: 'GET', url: '/api/organisations' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([b.orgId]);
    expect((await call({ method: 'GET', url: `/api/organisations/${a.orgId}` })).statusCode).toBe(
      404,
    );
    const patch = await call({
      method: 'PATCH',
      url: `/api/organisations/${b.orgId}`,
      payload: { name: 'X' },
    });
    expect(patch.statusCode).toBe(403);
  });
});

describe('financials and size class', () => {
  it('classifies at the PP 7/2021 boundaries and records every change of class', async () => {
    const org = (await create(admin, { kind: 'umkm', name: 'Garam Pangkep' })).json().organisation;
    const put = (year: number, body: object) =>
      as(
        t.app,
        admin,
      )({ method: 'PUT', url: `/api/organisations/${org.id}/financials/${year}`, payload: body });
    // Capital exactly Rp1 M is still micro (bounds are inclusive).
    let r = (await put(2023, { capital: 1_000_000_000 })).json();
    expect(r).toMatchObject({
      sizeClass: 'micro',
      change: { fromClass: null, toClass: 'micro', basis: 'capital' },
    });
    // Sales decide once known: Rp2 M + 1 is small.
    r = (await put(2024, { capital: 500_000_000, annualSales: 2_000_000_001 })).json();
    expect(r.change).toMatchObject({
      fromClass: 'micro',
      toClass: 'small',
      basis: 'sales',
      movedUp: true,
    });
    // The same class again records nothing.
    r = (await put(2024, { capital: 500_000_000, annualSales: 15_000_000_000 })).json();
    expect(r).toMatchObject({ sizeClass: 'small', change: null });
    r = (await put(2025, { annualSales: 15_000_000_001 })).json();
    expect(r.sizeClass).toBe('medium');
    const fin = (
      await as(t.app, admin)({ method: 'GET', url: `/api/organisations/${org.id}/financials` })
    ).json();
    expect(fin.changes.map((c: { toClass: string }) => c.toClass)).toEqual([
      'micro',
      'small',
      'medium',
    ]);
    expect(fin.changes[2]).toMatchObject({
      rule: 'PP 7/2021',
      financialYear: 2025,
      effectiveOn: '2026-07-21',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', org.id)
      .execute();
    expect(audit.filter((x) => x.action === 'organisation.size_class_change')).toHaveLength(3);
    expect(audit.filter((x) => x.action === 'organisation.financials_save')).toHaveLength(4);
    const neg = await put(2022, { capital: -1 });
    expect(neg.statusCode).toBe(400);
  });
});

describe('KBLI, products and certificates', () => {
  it('attaches only known KBLI codes and looks them up', async () => {
    const call = as(t.app, admin);
    const url = `/api/organisations/${a.orgId}/kbli`;
    expect((await call({ method: 'POST', url, payload: { code: '10731' } })).json().items).toEqual([
      { code: '10731', title: 'Industri Kakao' },
    ]);
    const unknown = await call({ method: 'POST', url, payload: { code: '99999' } });
    expect(unknown.json().error.details.fields[0]).toMatchObject({
      path: 'code',
      code: 'kbli_unknown',
    });
    const bad = await call({ method: 'POST', url, payload: { code: '1073' } });
    expect(bad.json().error.details.fields[0].message).toBe('Kode KBLI harus 5 digit angka.');
    const found = (await call({ method: 'GET', url: '/api/kbli?q=cokelat' })).json();
    expect(found.items.map((k: { code: string }) => k.code)).toContain('10732');
    expect((await call({ method: 'DELETE', url: `${url}/10731` })).json().items).toEqual([]);
  });

  it('knows the whole KBLI 2020 list: trade and agriculture codes are found and attached', async () => {
    const call = as(t.app, admin);
    const lookup = async (q: string) =>
      (await call({ method: 'GET', url: `/api/kbli?q=${encodeURIComponent(q)}` })).json().items;
    // By code prefix first (47914's title names 47911 too).
    expect((await lookup('47911'))[0]).toEqual({
      code: '47911',
      title:
        'Perdagangan Eceran Melalui Media untuk Komoditi Makanan, Minuman, Tembakau, Kimia, Farmasi, Kosmetik dan Alat Laboratorium',
    });
    expect(await lookup('01111')).toEqual([{ code: '01111', title: 'Pertanian Jagung' }]);
    expect((await lookup('jagung')).map((k: { code: string }) => k.code)).toContain('01111');
    const url = `/api/organisations/${a.orgId}/kbli`;
    for (const code of ['47911', '01111', '82920'])
      expect((await call({ method: 'POST', url, payload: { code } })).statusCode, code).toBe(200);
    const attached = (await call({ method: 'GET', url: `/api/organisations/${a.orgId}` })).json();
    expect(attached.kbli.map((k: { code: string }) => k.code)).toEqual(['01111', '47911', '82920']);
    for (const code of ['47911', '01111', '82920'])
      await call({ method: 'DELETE', url: `${url}/${code}` });

    // The table: every code of the list, each with its section; 0003's titles kept.
    const db = t.database.db;
    const counts = await sql<{ all: number; with_section: number; sections: number }>`
      select count(*)::int as all, count(section)::int as with_section,
             count(distinct section)::int as sections
      from kbli_codes`.execute(db);
    expect(counts.rows).toEqual([{ all: 1786, with_section: 1786, sections: 21 }]);
    const cocoa = await db
      .selectFrom('kbli_codes')
      .select(['title', 'section'])
      .where('code', '=', '10732')
      .executeTakeFirstOrThrow();
    expect(cocoa).toEqual({
      title: 'Industri Makanan dari Cokelat dan Kembang Gula dari Cokelat',
      section: 'C',
    });
  });

  it('keeps products and certificates, refusing an expiry before issue', async () => {
    const call = as(t.app, mgrA);
    const base = `/api/organisations/${a.orgId}`;
    const p = await call({
      method: 'POST',
      url: `${base}/products`,
      payload: { name: 'Cokelat batang', unit: 'pcs' },
    });
    expect(p.statusCode).toBe(201);
    expect(
      (await call({ method: 'POST', url: `${base}/products`, payload: { name: 'COKELAT BATANG' } }))
        .statusCode,
    ).toBe(409);
    const bad = await call({
      method: 'POST',
      url: `${base}/certificates`,
      payload: {
        type: 'halal',
        number: 'ID123',
        issuer: 'BPJPH',
        issuedOn: '2025-01-01',
        expiresOn: '2024-12-31',
      },
    });
    expect(bad.json().error.details.fields[0].code).toBe('certificate_dates');
    const c = await call({
      method: 'POST',
      url: `${base}/certificates`,
      payload: {
        type: 'halal',
        number: 'ID123',
        issuer: 'BPJPH',
        issuedOn: '2025-01-01',
        expiresOn: '2029-01-01',
        productId: p.json().id,
      },
    });
    expect(c.statusCode).toBe(201);
    const boundary = '----rpb';
    const pdf = Buffer.from('%PDF-1.4 test');
    const upload = await t.app.inject({
      method: 'PUT',
      url: `${base}/certificates/${c.json().id}/file`,
      headers: {
        cookie: mgrA.cookie,
        'x-csrf-token': mgrA.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="halal.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json().file).toEqual({
      name: 'halal.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const file = await call({ method: 'GET', url: `${base}/certificates/${c.json().id}/file` });
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
  });
});

describe('pages of the small lists', () => {
  /** Every item of a list, fetched `limit` at a time by following nextCursor. */
  const allPages = async (s: Session, url: string, limit: number) => {
    const pages: unknown[][] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await as(
        t.app,
        s,
      )({
        method: 'GET',
        url: `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: unknown[]; nextCursor: string | null };
      expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
      pages.push(body.items);
      cursor = body.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  };

  it('pages the KBLI list by code', async () => {
    const whole = (
      await as(t.app, admin)({ method: 'GET', url: '/api/kbli?q=107&limit=100' })
    ).json() as { items: { code: string }[]; nextCursor: string | null };
    expect(whole.items.length).toBeGreaterThan(5);
    expect(whole.nextCursor).toBeNull();
    const pages = await allPages(admin, '/api/kbli?q=107', 2);
    expect(pages[0]).toHaveLength(2);
    expect(pages.flat()).toEqual(whole.items);
    const bad = await as(t.app, admin)({ method: 'GET', url: '/api/kbli?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_cursor');
  });

  it("pages an organisation's products by name and its certificates by type and number", async () => {
    const call = as(t.app, admin);
    const base = `/api/organisations/${b.orgId}`;
    for (const name of ['Kakao fermentasi', 'Bubuk kakao', 'Lemak kakao']) {
      await call({ method: 'POST', url: `${base}/products`, payload: { name } });
    }
    const products = await allPages(admin, `${base}/products`, 2);
    expect(products.map((p) => p.length)).toEqual([2, 1]);
    expect(products.flat().map((p) => (p as { name: string }).name)).toEqual([
      'Bubuk kakao',
      'Kakao fermentasi',
      'Lemak kakao',
    ]);
    for (const [type, number] of [
      ['halal', 'ID-2'],
      ['SNI', 'SNI-9'],
      ['halal', 'ID-1'],
    ]) {
      await call({
        method: 'POST',
        url: `${base}/certificates`,
        payload: { type, number, issuer: 'Penerbit' },
      });
    }
    const certificates = await allPages(admin, `${base}/certificates`, 2);
    expect(certificates.map((p) => p.length)).toEqual([2, 1]);
    // The order of types follows the database's collation; the pages must follow it too.
    const whole = (await call({ method: 'GET', url: `${base}/certificates?limit=100` })).json();
    expect(certificates.flat()).toEqual(whole.items);
    expect(
      (whole.items as { type: string; number: string }[])
        .filter((c) => c.type === 'halal')
        .map((c) => c.number),
    ).toEqual(['ID-1', 'ID-2']);
  });
});

describe('search and pages', () => {
  it('finds by part of the name or NIB and pages by name with a cursor', async () => {
    const call = as(t.app, admin);
    for (const n of ['Tenun Ikat Sumba', 'Tenun Songket', 'Tenun Lurik']) {
      await create(admin, { kind: 'umkm', name: n, province: 'NTT' });
    }
    const p1 = (await call({ method: 'GET', url: '/api/organisations?q=tenun&limit=2' })).json();
    expect(p1.items.map((i: { name: string }) => i.name)).toEqual([
      'Tenun Ikat Sumba',
      'Tenun Lurik',
    ]);
    const p2 = (
      await call({
        method: 'GET',
        url: `/api/organisations?q=tenun&limit=2&cursor=${p1.nextCursor}`,
      })
    ).json();
    expect(p2).toMatchObject({ items: [{ name: 'Tenun Songket' }], nextCursor: null });
    const byNib = (await call({ method: 'GET', url: '/api/organisations?q=91200010' })).json();
    expect(byNib.items.map((i: { name: string }) => i.name)).toEqual(['Cokelat Jembrana']);
    const bySite = (
      await call({ method: 'GET', url: `/api/organisations?siteId=${b.siteId}` })
    ).json();
    expect(bySite.items.map((i: { id: string }) => i.id)).toEqual([b.orgId]);
    const byProgramme = (
      await call({
        method: 'GET',
        url: `/api/organisations?programmeId=${b.programmeId}&kind=umkm`,
      })
    ).json();
    expect(byProgramme.items.map((i: { id: string }) => i.id)).toEqual([b.orgId]);
    expect(NOW).toBeInstanceOf(Date);
  });
});
