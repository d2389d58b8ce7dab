import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  b = await makeNetwork(t.database.db);
  await t.database.db
    .insertInto('site_members')
    .values({ site_id: b.siteId, organisation_id: a.orgId })
    .execute();
  await t.database.db
    .insertInto('machines')
    .values([
      {
        site_id: a.siteId,
        code: 'M1',
        name: 'Dryer',
        process: 'drying',
        acquisition_value: 250_000_000,
      },
      {
        site_id: a.siteId,
        code: 'M2',
        name: 'Old dryer',
        process: 'drying',
        acquisition_value: 50_000_000,
        status: 'retired',
      },
    ])
    .execute();
});
afterAll(() => t.close());

const namesFor = async (email: string) => {
  const s = await login(t.app, email, PASSWORD);
  const res = await as(t.app, s)({ method: 'GET', url: '/api/sites' });
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    machineCount: number;
    equipmentValue: number;
    timeZone: string;
  }[];
};

describe('site list scope', () => {
  it('shows a site manager only their own site, with machine counts and equipment value in Rupiah', async () => {
    await makeUser(t.database.db, {
      email: 'mgr.a@example.test',
      role: 'site_manager',
      scopeType: 'site',
      scopeId: a.siteId,
    });
    const sites = await namesFor('mgr.a@example.test');
    expect(sites.map((s) => s.id)).toEqual([a.siteId]);
    expect(sites[0]).toMatchObject({
      machineCount: 1,
      equipmentValue: 300_000_000,
      timeZone: 'Asia/Makassar',
    });
  });

  it('shows a UMKM member the sites it is registered at', async () => {
    await makeUser(t.database.db, {
      email: 'member.a@example.test',
      role: 'umkm_member',
      scopeType: 'organisation',
      scopeId: a.orgId,
    });
    expect((await namesFor('member.a@example.test')).map((s) => s.id)).toEqual([b.siteId]);
  });

  it("shows a programme officer their programme's sites, and an administrator every site", async () => {
    await makeUser(t.database.db, {
      email: 'officer.b@example.test',
      role: 'programme_officer',
      scopeType: 'programme',
      scopeId: b.programmeId,
    });
    expect((await namesFor('officer.b@example.test')).map((s) => s.id)).toEqual([b.siteId]);
    await makeUser(t.database.db, { email: 'root@example.test' });
    expect((await namesFor('root@example.test')).map((s) => s.id).sort()).toEqual(
      [a.siteId, b.siteId].sort(),
    );
  });
});

describe('scope options for granting roles', () => {
  it('lists programmes, sites or organisations by name for administrators, filtered by a search text', async () => {
    await makeUser(t.database.db, { email: 'granter@example.test' });
    const s = await login(t.app, 'granter@example.test', PASSWORD);
    const sites = (
      await as(t.app, s)({ method: 'GET', url: '/api/scope-options?type=site' })
    ).json();
    expect(sites.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [a.siteId, b.siteId].sort(),
    );
    const orgs = (
      await as(t.app, s)({ method: 'GET', url: '/api/scope-options?type=organisation&q=umkm' })
    ).json();
    expect(orgs.items.length).toBeGreaterThanOrEqual(2);
    expect(orgs.items[0]).toMatchObject({ detail: 'umkm', code: null });
    const none = (
      await as(t.app, s)({ method: 'GET', url: '/api/scope-options?type=programme&q=%25nothing' })
    ).json();
    expect(none.items).toEqual([]);
  });

  it('is refused to everyone else', async () => {
    await makeUser(t.database.db, { email: 'officer.x@example.test', role: 'programme_officer' });
    const s = await login(t.app, 'officer.x@example.test', PASSWORD);
    expect(
      (await as(t.app, s)({ method: 'GET', url: '/api/scope-options?type=site' })).statusCode,
    ).toBe(403);
  });
});

describe('search across the registry', () => {
  it('finds organisations, people and equipment in one query, within the searcher’s scope', async () => {
    const db = t.database.db;
    const org = await db
      .insertInto('organisations')
      .values({ kind: 'umkm', name: 'Koperasi Kakao Sejahtera', nib: '9129999999999' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('site_members')
      .values({ site_id: a.siteId, organisation_id: org.id })
      .execute();
    await db
      .insertInto('people')
      .values({ organisation_id: org.id, name: 'Ni Kadek Kakaowati', role: 'worker' } as never)
      .execute();
    await db
      .insertInto('machines')
      .values({
        site_id: a.siteId,
        code: 'KKO-1',
        name: 'Pengering kakao',
        process: 'drying',
        acquisition_value: 1,
      })
      .execute();

    await makeUser(db, { email: 'searcher@example.test' });
    const admin = await login(t.app, 'searcher@example.test', PASSWORD);
    const res = await as(t.app, admin)({ method: 'GET', url: '/api/search?q=kakao' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.organisations.map((h: { title: string }) => h.title)).toContain(
      'Koperasi Kakao Sejahtera',
    );
    expect(body.people.map((h: { title: string }) => h.title)).toEqual(['Ni Kadek Kakaowati']);
    expect(body.equipment.map((h: { title: string }) => h.title)).toEqual(['Pengering kakao']);

    await makeUser(db, {
      email: 'mgr.b.search@example.test',
      role: 'site_manager',
      scopeType: 'site',
      scopeId: b.siteId,
    });
    const other = await login(t.app, 'mgr.b.search@example.test', PASSWORD);
    const scoped = (await as(t.app, other)({ method: 'GET', url: '/api/search?q=kakao' })).json();
    expect(scoped).toEqual({ organisations: [], people: [], equipment: [] });
    const short = await as(t.app, admin)({ method: 'GET', url: '/api/search?q=k' });
    expect(short.statusCode).toBe(400);
  });

  it('tolerates typos in organisation and people names and ranks hits by similarity', async () => {
    const db = t.database.db;
    const orgs = await db
      .insertInto('organisations')
      .values(
        ['UD Nilam Harum', 'Minyak Nilan Aceh', 'Nilam Wangi', 'Kopi Gayo Harun'].map((name) => ({
          kind: 'umkm' as const,
          name,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    const orgId = orgs.find((o) => o.name === 'Kopi Gayo Harun')!.id;
    await db
      .insertInto('people')
      .values(
        ['Nilam Harum', 'Harun Saputra', 'Nila Sari'].map(
          (name) => ({ organisation_id: orgId, name, role: 'worker' }) as never,
        ),
      )
      .execute();
    await makeUser(db, { email: 'typo.searcher@example.test' });
    const admin = await login(t.app, 'typo.searcher@example.test', PASSWORD);
    const search = async (q: string) =>
      (
        await as(t.app, admin)({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })
      ).json() as Record<'organisations' | 'people', { title: string }[]>;
    const titles = (hits: { title: string }[]) => hits.map((h) => h.title);

    // Two typos ("nilan harun" for "Nilam Harum"): found, and the closest comes first.
    const typo = await search('nilan harun');
    expect(titles(typo.people)[0]).toBe('Nilam Harum');
    expect(titles(typo.organisations)[0]).toBe('UD Nilam Harum');
    // A name that is not close is not a hit (no match on a single shared word fragment).
    expect(titles(typo.people)).not.toContain('Nila Sari');

    // Ranked by similarity, not by name: the exact word beats the typo ("Minyak Nilan…" sorts
    // first by name).
    const ranked = await search('nilam');
    expect(titles(ranked.organisations)).toEqual([
      'Nilam Wangi',
      'UD Nilam Harum',
      'Minyak Nilan Aceh',
    ]);

    // The lists page through the ranked order with their cursors (rank, name, id).
    const pages = async (url: string) => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await as(
          t.app,
          admin,
        )({ method: 'GET', url: `${url}&limit=1${cursor ? `&cursor=${cursor}` : ''}` });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { items: { name: string }[]; nextCursor: string | null };
        names.push(...body.items.map((i) => i.name));
        cursor = body.nextCursor;
      } while (cursor);
      return names;
    };
    expect(await pages('/api/organisations?q=nilam')).toEqual(titles(ranked.organisations));
    expect((await pages('/api/people?q=nilan%20harun'))[0]).toBe('Nilam Harum');
    // A name-order cursor is refused by a search (and the other way round), never misread.
    const plain = (
      await as(t.app, admin)({ method: 'GET', url: '/api/organisations?limit=1' })
    ).json();
    const mixed = await as(
      t.app,
      admin,
    )({ method: 'GET', url: `/api/organisations?q=nilam&limit=1&cursor=${plain.nextCursor}` });
    expect(mixed.statusCode).toBe(400);
  });
});
