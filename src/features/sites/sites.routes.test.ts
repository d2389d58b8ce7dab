import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let mgrA: Session;
let opA: Session;
let officerB: Session;

const sessionFor = async (email: string, o: Parameters<typeof makeUser>[1] = {}) => {
  await makeUser(t.database.db, { email, ...o });
  return login(t.app, email, PASSWORD);
};

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  b = await makeNetwork(t.database.db);
  admin = await sessionFor('admin@example.test');
  mgrA = await sessionFor('mgr.a@example.test', {
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  opA = await sessionFor('op.a@example.test', {
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  officerB = await sessionFor('officer.b@example.test', {
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: b.programmeId,
  });
});
afterAll(() => t.close());

const auditOf = (action: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('regions', () => {
  it('lists provinces, children of a region, and loads a district’s villages on first request', async () => {
    const provinces = (
      await as(t.app, mgrA)({ method: 'GET', url: '/api/regions?limit=200' })
    ).json();
    expect(provinces.items).toHaveLength(38);
    expect(provinces.items.find((p: { code: string }) => p.code === '61')).toMatchObject({
      name: 'Kalimantan Barat',
      level: 'province',
    });
    const villages = await as(t.app, mgrA)({ method: 'GET', url: '/api/regions?parent=61.71.01' });
    expect(villages.statusCode).toBe(200);
    expect(villages.json().items[0]).toMatchObject({
      code: '61.71.01.1002',
      level: 'village',
      name: 'Benuamelayu Laut',
      parentCode: '61.71.01',
    });
    const unknown = await as(t.app, mgrA)({ method: 'GET', url: '/api/regions?parent=99.99' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('region_not_found');
  });
});

describe('site details', () => {
  it('derives the time zone from the region (Kalimantan Barat → Asia/Pontianak), allows an override and audits', async () => {
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `/api/sites/${a.siteId}`,
      payload: {
        regionCode: '61.71.01.1003', // a village: loaded lazily, then checked
        address: 'Jl. Tanjungpura 1',
        contacts: [
          { name: 'Siti', role: 'manajer', phone: '+62 812-3456-7890', email: 'Siti@Example.test' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      regionCode: '61.71.01.1003',
      province: 'Kalimantan Barat',
      regency: 'Kota Pontianak',
      timeZone: 'Asia/Pontianak',
      timeZoneOverridden: false,
      canEdit: true,
      contacts: [{ name: 'Siti', email: 'siti@example.test' }],
    });
    expect(res.json().regions.map((r: { level: string }) => r.level)).toEqual([
      'province',
      'regency',
      'district',
      'village',
    ]);
    const over = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `/api/sites/${a.siteId}`,
      payload: { timeZone: 'Asia/Jakarta' },
    });
    expect(over.json()).toMatchObject({ timeZone: 'Asia/Jakarta', timeZoneOverridden: true });
    const back = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `/api/sites/${a.siteId}`,
      payload: { timeZone: null },
    });
    expect(back.json()).toMatchObject({ timeZone: 'Asia/Pontianak', timeZoneOverridden: false });
    const audit = await auditOf('site.update');
    expect(audit).toHaveLength(3);
    expect(audit[0]!.after).toMatchObject({
      timeZone: 'Asia/Pontianak',
      regionCode: '61.71.01.1003',
    });
  });

  it('refuses an unknown region code with a translated message and changes nothing', async () => {
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `/api/sites/${a.siteId}`,
      payload: { regionCode: '61.99', name: 'Renamed' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    // The user's own language (Indonesian) wins over Accept-Language.
    expect(res.json().error).toMatchObject({ code: 'region_not_found' });
    expect(res.json().error.message).toContain('61.99');
    const site = (await as(t.app, mgrA)({ method: 'GET', url: `/api/sites/${a.siteId}` })).json();
    expect(site.name).not.toBe('Renamed');
    const level = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `/api/sites/${a.siteId}`,
      payload: { regionCode: '61' },
    });
    expect(level.json().error.code).toBe('region_level_not_allowed');
  });

  it('replaces opening hours, refusing overlaps without losing the old ones', async () => {
    const url = `/api/sites/${a.siteId}/opening-hours`;
    const ok = await as(
      t.app,
      mgrA,
    )({
      method: 'PUT',
      url,
      payload: {
        intervals: [
          { weekday: 5, opens: '08:00', closes: '11:30' },
          { weekday: 5, opens: '13:00', closes: '16:00' },
          { weekday: 1, opens: '08:00', closes: '16:00' },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().intervals).toHaveLength(3);
    const bad = await as(
      t.app,
      mgrA,
    )({
      method: 'PUT',
      url,
      payload: {
        intervals: [
          { weekday: 2, opens: '08:00', closes: '12:00' },
          { weekday: 2, opens: '11:00', closes: '13:00' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('opening_hours_overlap');
    const inverted = await as(
      t.app,
      mgrA,
    )({
      method: 'PUT',
      url,
      payload: { intervals: [{ weekday: 2, opens: '17:00', closes: '08:00' }] },
    });
    expect(inverted.json().error.code).toBe('opening_hours_invalid');
    const site = (await as(t.app, mgrA)({ method: 'GET', url: `/api/sites/${a.siteId}` })).json();
    expect(site.openingHours).toEqual([
      { weekday: 1, opens: '08:00', closes: '16:00' },
      { weekday: 5, opens: '08:00', closes: '11:30' },
      { weekday: 5, opens: '13:00', closes: '16:00' },
    ]);
  });

  it('the database itself refuses overlapping intervals (exclusion constraint)', async () => {
    const insert = (opens: string, closes: string) =>
      t.database.db
        .insertInto('site_opening_hours')
        .values({ site_id: b.siteId, weekday: 3, opens, closes })
        .execute();
    await insert('08:00', '12:00');
    await expect(insert('11:00', '14:00')).rejects.toThrow(/exclusion|conflicting/i);
    await expect(insert('14:00', '13:00')).rejects.toThrow(/check/i);
  });
});

describe('translated errors', () => {
  it('answers in the user’s language: English for an English-speaking administrator', async () => {
    const en = await sessionFor('admin.en@example.test', { locale: 'en' });
    const res = await as(
      t.app,
      en,
    )({
      method: 'PATCH',
      url: `/api/sites/${a.siteId}`,
      payload: { regionCode: '61.99' },
    });
    expect(res.json().error.message).toBe(
      'The region code 61.99 is not in the Kemendagri region data.',
    );
    const hours = await as(
      t.app,
      en,
    )({
      method: 'PUT',
      url: `/api/sites/${a.siteId}/opening-hours`,
      payload: { intervals: [{ weekday: 8, opens: '8:00', closes: '12:00' }] },
    });
    expect(hours.statusCode).toBe(400);
    expect(
      hours
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['intervals.0.opens', 'intervals.0.weekday']);
  });
});

describe('holidays', () => {
  it('adds, changes, lists per year, refuses a second holiday on a date, copies and deletes', async () => {
    const url = `/api/sites/${a.siteId}/holidays`;
    const nyepi = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url,
      payload: { date: '2026-03-19', name: 'Hari Suci Nyepi', kind: 'national' },
    });
    expect(nyepi.statusCode).toBe(201);
    const dup = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url,
      payload: { date: '2026-03-19', name: 'Lagi', kind: 'local' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('holiday_date_taken');
    await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url,
      payload: { date: '2026-03-20', name: 'Cuti bersama Idulfitri', kind: 'cuti_bersama' },
    });
    await as(
      t.app,
      mgrA,
    )({ method: 'POST', url, payload: { date: '2025-12-25', name: 'Natal', kind: 'national' } });
    const badDate = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url, payload: { date: '2026-02-30', name: 'x', kind: 'local' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details.fields[0].path).toBe('date');

    const patched = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `${url}/${nyepi.json().id}`,
      payload: { name: 'Nyepi (Tahun Baru Saka 1948)' },
    });
    expect(patched.json()).toMatchObject({
      date: '2026-03-19',
      name: 'Nyepi (Tahun Baru Saka 1948)',
    });
    const y2026 = (await as(t.app, opA)({ method: 'GET', url: `${url}?year=2026` })).json();
    expect(y2026.items.map((h: { date: string }) => h.date)).toEqual(['2026-03-19', '2026-03-20']);

    const copy = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: `/api/sites/${b.siteId}/holidays/copy`,
      payload: { fromSiteId: a.siteId, year: 2026 },
    });
    expect(copy.json()).toEqual({ copied: 2, skipped: 0 });

    const del = await as(t.app, mgrA)({ method: 'DELETE', url: `${url}/${nyepi.json().id}` });
    expect(del.statusCode).toBe(200);
    expect((await auditOf('site.holiday_delete')).length).toBe(1);
  });
});

describe('national holidays', () => {
  it('adds the shipped list of a year once, keeping dates the site already has', async () => {
    const nationalUrl = `/api/sites/${a.siteId}/holidays/national`;
    // Site A already has 2026-03-20 (from the holidays test) under its own name.
    const first = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: nationalUrl, payload: { year: 2026 } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ year: 2026, added: 24, skipped: 1, complete: true });
    expect(first.json().source).toContain('SKB');
    const again = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: nationalUrl, payload: { year: 2026 } });
    expect(again.json()).toMatchObject({ added: 0, skipped: 25 });

    const items = (
      await as(t.app, opA)({ method: 'GET', url: `/api/sites/${a.siteId}/holidays?year=2026` })
    ).json().items as { date: string; name: string; kind: string }[];
    expect(items).toHaveLength(25);
    expect(items.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(8);
    expect(items.find((h) => h.date === '2026-03-20')?.name).toBe('Cuti bersama Idulfitri');
    expect(items.find((h) => h.date === '2026-03-21')).toMatchObject({
      name: 'Idulfitri 1447 Hijriah',
      kind: 'national',
    });
    // One audit row: the second call changed nothing.
    const audit = await auditOf('site.holidays_national_add');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ year: 2026 });

    const partial = await as(
      t.app,
      admin,
    )({ method: 'POST', url: nationalUrl, payload: { year: 2027 } });
    expect(partial.json()).toMatchObject({ year: 2027, complete: false, skipped: 0 });
  });

  it('refuses a year without a shipped list with a translated error', async () => {
    const nationalUrl = `/api/sites/${a.siteId}/holidays/national`;
    const none = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: nationalUrl, payload: { year: 2030 } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({
      code: 'national_holidays_unavailable',
      message:
        'Daftar libur nasional dan cuti bersama tahun 2030 belum tersedia di RPB (tersedia: 2026, 2027).',
    });
    const en = await sessionFor('admin.national.en@example.test', { locale: 'en' });
    const english = await as(
      t.app,
      en,
    )({ method: 'POST', url: nationalUrl, payload: { year: 2030 } });
    expect(english.json().error.message).toBe(
      'The list of national holidays and collective leave for 2030 is not available in RPB (available: 2026, 2027).',
    );
    const bad = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: nationalUrl, payload: { year: 1999 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('year');
  });

  it('is for those who may edit the site: 404 outside the scope, 403 for readers', async () => {
    const post = (s: Session, siteId: string) =>
      as(
        t.app,
        s,
      )({
        method: 'POST',
        url: `/api/sites/${siteId}/holidays/national`,
        payload: { year: 2026 },
      });
    expect((await post(mgrA, b.siteId)).statusCode).toBe(404);
    expect((await post(opA, a.siteId)).statusCode).toBe(403);
    expect((await post(officerB, b.siteId)).statusCode).toBe(403);
    const items = (
      await as(t.app, admin)({ method: 'GET', url: `/api/sites/${b.siteId}/holidays?year=2026` })
    ).json().items;
    expect(items).toHaveLength(2); // only what the holidays test copied there
  });
});

describe('scope', () => {
  it('hides other sites (404) and refuses writes to those who may only read (403)', async () => {
    expect(
      (await as(t.app, mgrA)({ method: 'GET', url: `/api/sites/${b.siteId}` })).statusCode,
    ).toBe(404);
    for (const req of [
      { method: 'PATCH' as const, url: `/api/sites/${b.siteId}`, payload: { name: 'x' } },
      {
        method: 'PUT' as const,
        url: `/api/sites/${b.siteId}/opening-hours`,
        payload: { intervals: [] },
      },
      {
        method: 'POST' as const,
        url: `/api/sites/${b.siteId}/holidays`,
        payload: { date: '2026-01-01', name: 'Tahun Baru', kind: 'national' },
      },
      { method: 'GET' as const, url: `/api/sites/${b.siteId}/holidays?year=2026` },
    ]) {
      const res = await as(t.app, mgrA)(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // The operator of A and the officer of B can read but not change.
    expect(
      (await as(t.app, opA)({ method: 'GET', url: `/api/sites/${a.siteId}` })).json().canEdit,
    ).toBe(false);
    expect(
      (
        await as(
          t.app,
          opA,
        )({ method: 'PATCH', url: `/api/sites/${a.siteId}`, payload: { name: 'x' } })
      ).statusCode,
    ).toBe(403);
    expect(
      (await as(t.app, officerB)({ method: 'GET', url: `/api/sites/${b.siteId}` })).statusCode,
    ).toBe(200);
    expect(
      (await as(t.app, officerB)({ method: 'GET', url: `/api/sites/${a.siteId}` })).statusCode,
    ).toBe(404);
    expect(
      (
        await as(
          t.app,
          officerB,
        )({ method: 'PATCH', url: `/api/sites/${b.siteId}`, payload: { name: 'x' } })
      ).statusCode,
    ).toBe(403);
  });
});

describe('clusters', () => {
  it('administrators create clusters in a regency; lists are scoped and filter by programme and province', async () => {
    const res = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/clusters',
      payload: {
        programmeId: b.programmeId,
        name: 'Klaster Lidah Buaya Pontianak',
        commodity: 'Lidah buaya',
        regionCode: '61.71',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      province: 'Kalimantan Barat',
      regency: 'Kota Pontianak',
      siteCount: 0,
    });
    const byProvince = (
      await as(t.app, admin)({ method: 'GET', url: '/api/clusters?province=61' })
    ).json();
    expect(byProvince.items.map((c: { id: string }) => c.id)).toEqual([res.json().id]);
    const officer = (await as(t.app, officerB)({ method: 'GET', url: '/api/clusters' })).json();
    expect(officer.items.map((c: { id: string }) => c.id).sort()).toEqual(
      [b.clusterId, res.json().id].sort(),
    );
    const mgr = (await as(t.app, mgrA)({ method: 'GET', url: '/api/clusters' })).json();
    expect(mgr.items.map((c: { id: string }) => c.id)).toEqual([a.clusterId]);
    expect(
      (await as(t.app, mgrA)({ method: 'POST', url: '/api/clusters', payload: res.json() }))
        .statusCode,
    ).toBe(403);
    expect((await auditOf('cluster.create')).length).toBe(1);
  });

  it('administrators change a cluster with the checks of creation, and audit it', async () => {
    const created = (
      await as(
        t.app,
        admin,
      )({
        method: 'POST',
        url: '/api/clusters',
        payload: {
          programmeId: a.programmeId,
          name: 'Klaster Kopi',
          commodity: 'Kopi',
          regionCode: '61.71',
        },
      })
    ).json();
    const url = `/api/clusters/${created.id}`;
    const res = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url,
      payload: { name: 'Klaster Kakao Jembrana', commodity: 'Kakao', regionCode: '51.01' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: created.id,
      programmeId: a.programmeId,
      name: 'Klaster Kakao Jembrana',
      commodity: 'Kakao',
      regionCode: '51.01',
      province: 'Bali',
      regency: 'Kabupaten Jembrana',
      siteCount: 0,
    });
    const nameOnly = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url, payload: { name: 'Klaster B' } });
    expect(nameOnly.json()).toMatchObject({
      name: 'Klaster B',
      commodity: 'Kakao',
      regionCode: '51.01',
    });

    const level = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url, payload: { regionCode: '61.71.01' } });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.code).toBe('region_level_not_allowed');
    const unknown = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url, payload: { regionCode: '61.99' } });
    expect(unknown.json().error.code).toBe('region_not_found');
    const empty = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url, payload: { name: ' ', programmeId: b.programmeId } });
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['name', 'programmeId']);
    const missing = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: '/api/clusters/00000000-0000-4000-8000-000000000000',
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('cluster_not_found');

    const audit = await auditOf('cluster.update');
    expect(audit).toHaveLength(2);
    expect(audit[0]!.before).toMatchObject({ name: 'Klaster Kopi', regionCode: '61.71' });
    expect(audit[0]!.after).toMatchObject({ name: 'Klaster Kakao Jembrana', regionCode: '51.01' });

    const removed = await as(t.app, admin)({ method: 'DELETE', url });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ok: true });
    const list = (
      await as(t.app, admin)({ method: 'GET', url: `/api/clusters?programmeId=${a.programmeId}` })
    ).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([a.clusterId]);
    expect((await as(t.app, admin)({ method: 'DELETE', url })).statusCode).toBe(404);
    const deleted = await auditOf('cluster.delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.before).toMatchObject({ id: created.id, name: 'Klaster B' });
  });

  it('refuses to remove a cluster that still has sites, with a translated message', async () => {
    const res = await as(t.app, admin)({ method: 'DELETE', url: `/api/clusters/${a.clusterId}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'cluster_has_sites',
      message: expect.stringContaining('masih memiliki 1 lokasi RPB') as unknown,
      details: { count: 1 },
    });
    const en = await sessionFor('admin.clusters.en@example.test', { locale: 'en' });
    const english = await as(t.app, en)({ method: 'DELETE', url: `/api/clusters/${a.clusterId}` });
    expect(english.json().error.message).toMatch(
      /^The cluster .+ cannot be removed: it still has 1 site\(s\)\.$/,
    );
    const still = await t.database.db
      .selectFrom('clusters')
      .select('id')
      .where('id', '=', a.clusterId)
      .executeTakeFirst();
    expect(still).toBeDefined();
  });

  it('lets only administrators change or remove clusters, as for creating them', async () => {
    for (const s of [mgrA, opA, officerB]) {
      for (const clusterId of [a.clusterId, b.clusterId]) {
        const patch = await as(
          t.app,
          s,
        )({ method: 'PATCH', url: `/api/clusters/${clusterId}`, payload: { name: 'x' } });
        expect(patch.statusCode).toBe(403);
        const del = await as(t.app, s)({ method: 'DELETE', url: `/api/clusters/${clusterId}` });
        expect(del.statusCode).toBe(403);
      }
    }
    const names = await t.database.db.selectFrom('clusters').select('name').execute();
    expect(names.map((c) => c.name)).not.toContain('x');
  });

  it('pages clusters of the same name without losing one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await as(
        t.app,
        admin,
      )({
        method: 'POST',
        url: '/api/clusters',
        payload: {
          programmeId: a.programmeId,
          name: 'Klaster Sama',
          commodity: 'Garam',
          regionCode: '53',
        },
      });
      ids.push(res.json().id as string);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `q=Sama&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await as(t.app, admin)({ method: 'GET', url: `/api/clusters?${qs}` })).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    for (const id of ids) await as(t.app, admin)({ method: 'DELETE', url: `/api/clusters/${id}` });
  });
});

describe('creating and listing sites', () => {
  it('creates a site with a derived zone (Papua Barat Daya → Asia/Jayapura) and filters the site list', async () => {
    const res = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/sites',
      payload: { clusterId: b.clusterId, code: 'SRG-01', name: 'RPB Sorong', regionCode: '96.71' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      timeZone: 'Asia/Jayapura',
      timeZoneOverridden: false,
      province: 'Papua Barat Daya',
    });
    const dup = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/sites',
      payload: { clusterId: b.clusterId, code: 'SRG-01', name: 'Again', regionCode: '96.71' },
    });
    expect(dup.json().error.code).toBe('site_code_taken');
    expect(
      (await as(t.app, mgrA)({ method: 'POST', url: '/api/sites', payload: {} })).statusCode,
    ).toBe(403);
    const list = async (qs: string) =>
      (
        (await as(t.app, admin)({ method: 'GET', url: `/api/sites?${qs}` })).json().items as {
          code: string;
        }[]
      ).map((x) => x.code);
    expect(await list('province=96')).toEqual(['SRG-01']);
    expect(await list('q=sorong')).toEqual(['SRG-01']);
    expect(await list(`clusterId=${b.clusterId}`)).toHaveLength(2);
    expect(await list(`programmeId=${a.programmeId}`)).toHaveLength(1);
    expect((await auditOf('site.create')).length).toBe(1);
  });
});
