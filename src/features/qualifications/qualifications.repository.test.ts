/**
 * A person's NIK at rest (migration 0015): sealed with AES-256-GCM under the data key like the
 * owner's NIK of an organisation, uniqueness per organisation on the blind index, plain NIKs
 * from before 0015 sealed by the shared start-up step — on the real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { freshDatabaseEnv } from '../../../test/db.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';
import { loadConfig } from '../../server/config.js';
import { resolveDataKey, TEST_DATA_KEY } from '../../server/crypto/data-key.js';
import { openDatabase, type Executor } from '../../server/db/connect.js';
import { migrate } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations/index.js';
import { prepareDataKey } from '../../server/runtime.js';
import { OWNER_NIK } from '../organisations/organisations.repository.js';
import { sealPlainNiks } from '../organisations/organisations.service.js';
import { PERSON_NIK } from './qualifications.repository.js';

// NIKs of women born 1 and 2 February 1990 (day + 40) registered in 51.01.02 (Jembrana).
const NIK = '5101024102900001';
const NIK2 = '5101024202900002';
const NIK3 = '5101024102900003';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let mgrA: Session;
let mgrAEn: Session;
let memberA: Session;

const people = (orgId: string) => `/api/organisations/${orgId}/people`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  await db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  await makeUser(db, { email: 'root@example.test' });
  await makeUser(db, {
    email: 'mgr.a@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'mgr.a.en@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
    locale: 'en',
  });
  await makeUser(db, {
    email: 'member.a@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: a.orgId,
  });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  mgrAEn = await login(t.app, 'mgr.a.en@example.test', PASSWORD);
  memberA = await login(t.app, 'member.a@example.test', PASSWORD);
});
afterAll(() => t.close());

/** The whole stored row as text, as a dump or a database reader would see it. */
const rawRow = async (db: Executor, id: string) =>
  (
    await sql<{
      j: string;
    }>`select row_to_json(p)::text as j from people p where id = ${id}`.execute(db)
  ).rows[0]!.j;

const sealedOf = (db: Executor, id: string) =>
  db
    .selectFrom('people')
    .select(['nik', 'nik_enc', 'nik_bidx'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The audit rows that mention a NIK in full (there must be none). */
const auditMentions = async (db: Executor, nik: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from audit_log
      where coalesce(after::text, '') || coalesce(before::text, '') like ${`%${nik}%`}`.execute(db)
  ).rows[0]!.n;

/** Rows as they were before migration 0015: plain NIKs (0015 forbids writing new ones). */
async function insertLegacyPlain(
  db: Executor,
  rows: { orgId: string; name: string; nik: string }[],
) {
  await sql`alter table people drop constraint people_nik_plain_gone`.execute(db);
  const ids = await db
    .insertInto('people')
    .values(rows.map((r) => ({ organisation_id: r.orgId, name: r.name, nik: r.nik })))
    .returning('id')
    .execute();
  await sql`alter table people add constraint people_nik_plain_gone
    check (nik is null) not valid`.execute(db);
  return ids.map((r) => r.id);
}

describe("a person's NIK at rest", () => {
  let ani: string;

  it('round-trips through the API while the row holds only the sealed NIK and its blind index', async () => {
    const db = t.database.db;
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: 'Ani Lestari', nik: '5101 0241 0290 0001' },
    });
    expect(res.statusCode).toBe(201);
    ani = res.json().id;
    // Site staff see it masked, as before; the organisation itself and administrators in full.
    expect(res.json()).toMatchObject({ nik: '5101********0001', nikMasked: true });
    for (const s of [memberA, admin]) {
      const own = await as(t.app, s)({ method: 'GET', url: `${people(a.orgId)}/${ani}` });
      expect(own.json()).toMatchObject({ nik: NIK, nikMasked: false });
    }
    const listed = async (s: Session) =>
      (await as(t.app, s)({ method: 'GET', url: `${people(a.orgId)}?limit=50` }))
        .json()
        .items.find((p: { id: string }) => p.id === ani);
    expect(await listed(mgrA)).toMatchObject({ nik: '5101********0001', nikMasked: true });
    expect(await listed(memberA)).toMatchObject({ nik: NIK, nikMasked: false });

    const row = await sealedOf(db, ani);
    expect(row.nik).toBeNull();
    expect(row.nik_enc).toMatch(/^v1:/);
    expect(t.app.deps.dataCipher.decrypt(row.nik_enc!, PERSON_NIK)).toBe(NIK);
    expect(row.nik_bidx).toBe(t.app.deps.dataCipher.blindIndex(NIK, PERSON_NIK));
    // The purpose is bound in: the same NIK as an owner's NIK has another index and a person's
    // sealed NIK does not open as an owner's.
    expect(row.nik_bidx).not.toBe(t.app.deps.dataCipher.blindIndex(NIK, OWNER_NIK));
    expect(() => t.app.deps.dataCipher.decrypt(row.nik_enc!, OWNER_NIK)).toThrow();
    expect(await rawRow(db, ani)).not.toContain(NIK);
    expect(await auditMentions(db, NIK)).toBe(0);

    // A change seals the new NIK; clearing it clears both columns.
    const patch = await as(
      t.app,
      memberA,
    )({ method: 'PATCH', url: `${people(a.orgId)}/${ani}`, payload: { nik: NIK2 } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ nik: NIK2, nikMasked: false });
    expect(await rawRow(db, ani)).not.toContain(NIK2);
    expect(await auditMentions(db, NIK2)).toBe(0);
    // A change of something else keeps the NIK (and its audit row keeps only the masked one).
    const rename = await as(
      t.app,
      mgrA,
    )({ method: 'PATCH', url: `${people(a.orgId)}/${ani}`, payload: { name: 'Ani L.' } });
    expect(rename.json()).toMatchObject({ name: 'Ani L.', nik: '5101********0002' });
    await as(
      t.app,
      memberA,
    )({ method: 'PATCH', url: `${people(a.orgId)}/${ani}`, payload: { nik: null } });
    expect(await sealedOf(db, ani)).toEqual({ nik: null, nik_enc: null, nik_bidx: null });
    const back = await as(
      t.app,
      memberA,
    )({ method: 'PATCH', url: `${people(a.orgId)}/${ani}`, payload: { nik: NIK } });
    expect(back.json()).toMatchObject({ nik: NIK });
  });

  it('refuses a duplicate NIK within one organisation through the blind index, with the translated error', async () => {
    const db = t.database.db;
    const call = as(t.app, mgrA);
    const dup = await call({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: 'Orang Lain', nik: '5101-0241-0290-0001' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'person_nik_taken',
      message: 'NIK ini sudah tercatat untuk orang lain di organisasi ini.',
    });
    const en = await as(
      t.app,
      mgrAEn,
    )({ method: 'POST', url: people(a.orgId), payload: { name: 'Orang Lain', nik: NIK } });
    expect(en.json().error.message).toBe(
      'This NIK is already recorded for another person of this organisation.',
    );
    // A change onto another person's NIK is refused the same way; keeping one's own is not.
    const budi = (
      await call({ method: 'POST', url: people(a.orgId), payload: { name: 'Budi', nik: NIK3 } })
    ).json().id;
    const onto = await call({
      method: 'PATCH',
      url: `${people(a.orgId)}/${budi}`,
      payload: { nik: NIK },
    });
    expect(onto.statusCode).toBe(409);
    expect(onto.json().error.code).toBe('person_nik_taken');
    const same = await call({
      method: 'PATCH',
      url: `${people(a.orgId)}/${budi}`,
      payload: { nik: NIK3 },
    });
    expect(same.statusCode).toBe(200);
    // The same human may work for another member organisation.
    const other = await as(
      t.app,
      admin,
    )({ method: 'POST', url: people(b.orgId), payload: { name: 'Ani di B', nik: NIK } });
    expect(other.statusCode).toBe(201);
    // The database holds the rule on every path: a second row with the same blind index in
    // the same organisation is refused by the unique index.
    await expect(
      db
        .insertInto('people')
        .values({
          organisation_id: a.orgId,
          name: 'Langsung',
          nik_enc: t.app.deps.dataCipher.encrypt(NIK, PERSON_NIK),
          nik_bidx: t.app.deps.dataCipher.blindIndex(NIK, PERSON_NIK),
        })
        .execute(),
    ).rejects.toThrow(/people_nik_bidx_key/);
  });

  it('gives the same error when a concurrent write takes the NIK after the check', async () => {
    const db = t.database.db;
    const call = as(t.app, mgrA);
    const cipher = t.app.deps.dataCipher;
    const nik = '5101024102900005';
    const cita = (
      await call({ method: 'POST', url: people(a.orgId), payload: { name: 'Cita' } })
    ).json().id;
    if (t.database.kind === 'pglite') {
      // One session: no second transaction can hold a row while a request runs. The index
      // still refuses the second row (covered above); here the change simply succeeds.
      const ok = await call({
        method: 'PATCH',
        url: `${people(a.orgId)}/${cita}`,
        payload: { nik },
      });
      expect(ok.statusCode).toBe(200);
      return;
    }
    // Another transaction has inserted the NIK and not committed: the request's check does not
    // see it, its write waits on the unique index and fails once the other commits.
    const other = await t.database.pool.connect();
    try {
      await other.query('begin');
      await other.query(
        'insert into people (organisation_id, name, nik_enc, nik_bidx) values ($1, $2, $3, $4)',
        [a.orgId, 'Bersamaan', cipher.encrypt(nik, PERSON_NIK), cipher.blindIndex(nik, PERSON_NIK)],
      );
      const pending = call({
        method: 'PATCH',
        url: `${people(a.orgId)}/${cita}`,
        payload: { nik },
      });
      // Wait until the request's update is blocked on the other transaction's row (so it has
      // passed the check that could not see it).
      let blocked = false;
      for (let i = 0; i < 200 && !blocked; i++) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'
            and query like 'update "people"%'`.execute(db);
        blocked = waiting.rows[0]!.n > 0;
        if (!blocked) await new Promise((r) => setTimeout(r, 50));
      }
      await other.query('commit');
      expect(blocked).toBe(true);
      const res = await pending;
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('person_nik_taken');
    } finally {
      other.release();
    }
  });

  it('refuses a plain NIK written straight into the table', async () => {
    await expect(
      t.database.db.updateTable('people').set({ nik: NIK }).where('id', '=', ani).execute(),
    ).rejects.toThrow(/people_nik_plain_gone/);
    await expect(
      t.database.db
        .insertInto('people')
        .values({ organisation_id: b.orgId, name: 'Polos', nik: NIK3 })
        .execute(),
    ).rejects.toThrow(/people_nik_plain_gone/);
  });

  it('refuses to start under another key when only people hold sealed NIKs', async () => {
    // No organisation of this database has an owner NIK: the check must look at people too.
    const owners = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('owner_nik_enc', 'is not', null)
      .execute();
    expect(owners).toEqual([]);
    await expect(
      prepareDataKey(t.database, { key: randomBytes(32), source: 'environment' }, t.clock.now()),
    ).rejects.toThrow(/^invalid RPB_DATA_KEY: it does not decrypt the NIKs stored/);
  });

  it('seals NIKs left in plain text at start-up with the shared step, once', async () => {
    const db = t.database.db;
    const c = await as(
      t.app,
      admin,
    )({ method: 'POST', url: '/api/organisations', payload: { kind: 'umkm', name: 'Lama' } });
    const oldOrg = c.json().organisation.id as string;
    // The same NIK in two organisations (allowed), and one more.
    const ids = await insertLegacyPlain(db, [
      { orgId: oldOrg, name: 'Lama Satu', nik: NIK },
      { orgId: b.orgId, name: 'Lama Dua', nik: NIK2 },
      { orgId: a.orgId, name: 'Lama Tiga', nik: '5101024102900004' },
    ]);
    expect(await rawRow(db, ids[0]!)).toContain(NIK);

    const cipher = await prepareDataKey(
      t.database,
      { key: TEST_DATA_KEY, source: 'test' },
      t.clock.now(),
    );
    for (const [i, id] of ids.entries()) {
      const nik = [NIK, NIK2, '5101024102900004'][i]!;
      const row = await sealedOf(db, id);
      expect(row.nik).toBeNull();
      expect(cipher.decrypt(row.nik_enc!, PERSON_NIK)).toBe(nik);
      expect(row.nik_bidx).toBe(cipher.blindIndex(nik, PERSON_NIK));
      expect(await rawRow(db, id)).not.toContain(nik);
    }
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'after'])
      .where('action', 'like', '%_sealed')
      .execute();
    expect(audit).toEqual([
      { action: 'person.nik_sealed', entity_type: 'person', after: { count: 3 } },
    ]);
    // Nothing left: a second start (or a second process) seals nothing.
    expect(
      await db
        .transaction()
        .execute((trx) => sealPlainNiks(trx, cipher, { actor: null, now: t.clock.now() })),
    ).toBe(0);
    // The sealed rows read like any other, and count for uniqueness.
    const one = await as(t.app, admin)({ method: 'GET', url: `${people(oldOrg)}/${ids[0]}` });
    expect(one.json()).toMatchObject({ nik: NIK, nikMasked: false });
    const masked = await as(t.app, mgrA)({ method: 'GET', url: `${people(a.orgId)}/${ids[2]}` });
    expect(masked.json()).toMatchObject({ nik: '5101********0004', nikMasked: true });
    const dup = await as(
      t.app,
      admin,
    )({ method: 'POST', url: people(oldOrg), payload: { name: 'Baru', nik: NIK } });
    expect(dup.json().error.code).toBe('person_nik_taken');
  });
});

describe('a database from before migration 0015', () => {
  it("keeps people's NIKs through the migration and the start-up step", async () => {
    const fresh = await freshDatabaseEnv();
    const key = randomBytes(32);
    const env: Record<string, string> = fresh.env.DATABASE_URL
      ? { ...fresh.env, RPB_DATA_KEY: key.toString('base64') }
      : fresh.env;
    const config = loadConfig(env);
    const database = await openDatabase(config.database);
    try {
      const upTo = migrations.findIndex((m) => m.name === '0015-people-nik');
      expect(upTo).toBeGreaterThan(0);
      await migrate(database.pool, migrations.slice(0, upTo));
      const orgs = await database.db
        .insertInto('organisations')
        .values([
          { kind: 'umkm', name: 'Sebelum Satu' },
          { kind: 'umkm', name: 'Sebelum Dua' },
        ])
        .returning('id')
        .execute();
      const persons = await database.db
        .insertInto('people')
        .values([
          { organisation_id: orgs[0]!.id, name: 'Satu', nik: NIK },
          { organisation_id: orgs[1]!.id, name: 'Dua', nik: NIK },
          { organisation_id: orgs[1]!.id, name: 'Tiga', nik: null },
        ])
        .returning('id')
        .execute();
      expect(await migrate(database.pool)).toContain('0015-people-nik');
      // The migration has no key: the plain NIKs are still there …
      const before = await database.db
        .selectFrom('people')
        .select('nik')
        .where('id', '=', persons[0]!.id)
        .executeTakeFirstOrThrow();
      expect(before.nik).toBe(NIK);
      // … and the start-up step seals them.
      const cipher = await prepareDataKey(database, resolveDataKey(config), new Date());
      for (const p of persons.slice(0, 2)) {
        const row = await sealedOf(database.db, p.id);
        expect(row.nik).toBeNull();
        expect(cipher.decrypt(row.nik_enc!, PERSON_NIK)).toBe(NIK);
        expect(await rawRow(database.db, p.id)).not.toContain(NIK);
      }
      expect(await sealedOf(database.db, persons[2]!.id)).toEqual({
        nik: null,
        nik_enc: null,
        nik_bidx: null,
      });
      // Uniqueness now sits on the blind index only.
      const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes
        where tablename = 'people' and indexname like 'people_nik%' order by indexname`.execute(
        database.db,
      );
      expect(indexes.rows.map((r) => r.indexname)).toEqual(['people_nik_bidx_key']);
    } finally {
      await database.close();
      await fresh.cleanup();
    }
  }, 120_000);
});
