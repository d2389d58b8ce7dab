/**
 * The owner's NIK at rest (issue 3): sealed with AES-256-GCM under the data key, a blind index
 * for lookups, plain NIKs from before migration 0012 sealed by the start-up step — on the
 * real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { freshDatabaseEnv } from '../../../test/db.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { DATA_KEY_FILE, resolveDataKey, TEST_DATA_KEY } from '../../server/crypto/data-key.js';
import { createFieldCipher, FieldDecryptError } from '../../server/crypto/field-cipher.js';
import { openDatabase, type Executor } from '../../server/db/connect.js';
import { migrate } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations/index.js';
import { prepareDataKey } from '../../server/runtime.js';
import { findActorByEmail } from '../accounts/accounts.service.js';
import { OWNER_NIK } from './organisations.repository.js';
import { getOrganisation, sealPlainNiks } from './organisations.service.js';

// A NIK of a woman born 1 February 1990 (day 01 + 40 = 41) registered in 51.01.02 (Jembrana).
const NIK = '5101024102900001';
const NIK2 = '5101024102900002';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let mgrA: Session;
let mgrB: Session;

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  const b = await makeNetwork(t.database.db);
  await makeUser(t.database.db, { email: 'root@example.test' });
  for (const [email, siteId] of [
    ['mgr.a@example.test', a.siteId],
    ['mgr.b@example.test', b.siteId],
  ] as const)
    await makeUser(t.database.db, {
      email,
      role: 'site_manager',
      scopeType: 'site',
      scopeId: siteId,
    });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  mgrB = await login(t.app, 'mgr.b@example.test', PASSWORD);
});
afterAll(() => t.close());

/** The whole stored row as text, as a dump or a database reader would see it. */
const rawRow = async (db: Executor, id: string) =>
  (
    await sql<{
      j: string;
    }>`select row_to_json(o)::text as j from organisations o where id = ${id}`.execute(db)
  ).rows[0]!.j;

/** Rows as they were before migration 0012: plain NIKs (0012 forbids writing new ones). */
async function insertLegacyPlain(db: Executor, rows: { name: string; nik: string }[]) {
  await sql`alter table organisations drop constraint organisations_owner_nik_plain_gone`.execute(
    db,
  );
  const ids = await db
    .insertInto('organisations')
    .values(rows.map((r) => ({ kind: 'umkm' as const, name: r.name, owner_nik: r.nik })))
    .returning('id')
    .execute();
  await sql`alter table organisations add constraint organisations_owner_nik_plain_gone
    check (owner_nik is null) not valid`.execute(db);
  return ids.map((r) => r.id);
}

describe('the owner NIK at rest', () => {
  let orgId: string;

  it('stores only the sealed NIK and its blind index; the plain value is nowhere in the row or the audit log', async () => {
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: '/api/organisations',
      payload: { kind: 'umkm', name: 'Kopi Pekutatan', ownerNik: NIK, siteId: a.siteId },
    });
    expect(res.statusCode).toBe(201);
    orgId = res.json().organisation.id;
    // Site staff see it masked, as before; administrators see it whole.
    expect(res.json().organisation).toMatchObject({
      ownerNik: '5101********0001',
      ownerNikMasked: true,
    });
    const full = await as(t.app, admin)({ method: 'GET', url: `/api/organisations/${orgId}` });
    expect(full.json()).toMatchObject({ ownerNik: NIK, ownerNikMasked: false });

    const db = t.database.db;
    const row = await db
      .selectFrom('organisations')
      .select(['owner_nik', 'owner_nik_enc', 'owner_nik_bidx'])
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(row.owner_nik).toBeNull();
    expect(row.owner_nik_enc).toMatch(/^v1:/);
    expect(row.owner_nik_bidx).toBe(t.app.deps.dataCipher.blindIndex(NIK, OWNER_NIK));
    expect(t.app.deps.dataCipher.decrypt(row.owner_nik_enc!, OWNER_NIK)).toBe(NIK);
    expect(await rawRow(db, orgId)).not.toContain(NIK);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where coalesce(after::text, '') || coalesce(before::text, '') like ${`%${NIK}%`}`.execute(db);
    expect(audit.rows[0]!.n).toBe(0);

    // A change of the NIK seals the new one; clearing it clears both columns.
    const patch = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/organisations/${orgId}`,
      payload: { ownerNik: NIK2 },
    });
    expect(patch.json().organisation.ownerNik).toBe(NIK2);
    expect(await rawRow(db, orgId)).not.toContain(NIK2);
    await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/organisations/${orgId}`, payload: { ownerNik: null } });
    expect(
      await db
        .selectFrom('organisations')
        .select(['owner_nik_enc', 'owner_nik_bidx'])
        .where('id', '=', orgId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ owner_nik_enc: null, owner_nik_bidx: null });
    await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/organisations/${orgId}`, payload: { ownerNik: NIK } });
  });

  it('finds the organisation by the full NIK through the blind index, only within scope', async () => {
    const names = async (s: Session, q: string) =>
      (await as(t.app, s)({ method: 'GET', url: `/api/organisations?q=${encodeURIComponent(q)}` }))
        .json()
        .items.map((o: { name: string }) => o.name);
    expect(await names(admin, NIK)).toEqual(['Kopi Pekutatan']);
    expect(await names(admin, '5101 0241 0290 0001')).toEqual(['Kopi Pekutatan']);
    expect(await names(mgrA, NIK)).toEqual(['Kopi Pekutatan']);
    expect(await names(mgrB, NIK)).toEqual([]);
    // Only an exact match: part of a NIK finds nothing (the index says nothing about parts).
    expect(await names(admin, NIK.slice(0, 12))).toEqual([]);
    // The registry's one search box too.
    const search = await as(t.app, admin)({ method: 'GET', url: `/api/search?q=${NIK}` });
    expect(search.statusCode).toBe(200);
    expect(search.json().organisations.map((o: { title: string }) => o.title)).toEqual([
      'Kopi Pekutatan',
    ]);
  });

  it('refuses a plain NIK written straight into the table', async () => {
    await expect(
      t.database.db
        .updateTable('organisations')
        .set({ owner_nik: NIK })
        .where('id', '=', orgId)
        .execute(),
    ).rejects.toThrow(/organisations_owner_nik_plain_gone/);
  });

  it('cannot be read under another key: reading fails and the start-up check refuses to start', async () => {
    const wrong = createFieldCipher(randomBytes(32));
    const root = (await findActorByEmail(t.database.db, 'root@example.test', 'session'))!;
    await expect(getOrganisation(t.database.db, orgId, root, wrong)).rejects.toThrow(
      FieldDecryptError,
    );
    expect(
      (await getOrganisation(t.database.db, orgId, root, t.app.deps.dataCipher)).ownerNik,
    ).toBe(NIK);
    await expect(
      prepareDataKey(t.database, { key: randomBytes(32), source: 'environment' }, t.clock.now()),
    ).rejects.toThrow(/^invalid RPB_DATA_KEY: it does not decrypt the NIKs stored/);
  });

  it('seals NIKs left in plain text at start-up, once, and clears the plain column', async () => {
    const db = t.database.db;
    const ids = await insertLegacyPlain(db, [
      { name: 'Lama Satu', nik: NIK },
      { name: 'Lama Dua', nik: NIK2 },
    ]);
    expect(await rawRow(db, ids[0]!)).toContain(NIK);

    const cipher = await prepareDataKey(
      t.database,
      { key: TEST_DATA_KEY, source: 'test' },
      t.clock.now(),
    );
    for (const [i, id] of ids.entries()) {
      const row = await db
        .selectFrom('organisations')
        .select(['owner_nik', 'owner_nik_enc', 'owner_nik_bidx'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.owner_nik).toBeNull();
      expect(cipher.decrypt(row.owner_nik_enc!, OWNER_NIK)).toBe([NIK, NIK2][i]);
      expect(row.owner_nik_bidx).toBe(cipher.blindIndex([NIK, NIK2][i]!, OWNER_NIK));
      expect(await rawRow(db, id)).not.toMatch(/510102410290000[12]/);
    }
    const audit = await db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'organisation.owner_nik_sealed')
      .execute();
    expect(audit).toEqual([{ after: { count: 2 } }]);
    // Nothing left: a second start (or a second process) seals nothing.
    expect(
      await db
        .transaction()
        .execute((trx) => sealPlainNiks(trx, cipher, { actor: null, now: t.clock.now() })),
    ).toBe(0);
    // The sealed rows are read like any other (administrator: in full).
    const one = await as(t.app, admin)({ method: 'GET', url: `/api/organisations/${ids[1]}` });
    expect(one.json().ownerNik).toBe(NIK2);
  });
});

describe('a database from before migration 0012', () => {
  it('keeps its NIKs through the migration and the start-up step, and refuses to start without its key', async () => {
    const fresh = await freshDatabaseEnv();
    const key = randomBytes(32);
    // The embedded database keeps its key in a file; a server gets RPB_DATA_KEY.
    const env: Record<string, string> = fresh.env.DATABASE_URL
      ? { ...fresh.env, RPB_DATA_KEY: key.toString('base64') }
      : fresh.env;
    const config = loadConfig(env);
    const database = await openDatabase(config.database);
    try {
      const upTo = migrations.findIndex((m) => m.name === '0012-registry-kbli-nik');
      await migrate(database.pool, migrations.slice(0, upTo));
      const { id } = await database.db
        .insertInto('organisations')
        .values({ kind: 'umkm', name: 'Sebelum Enkripsi', owner_nik: NIK })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(await migrate(database.pool)).toContain('0012-registry-kbli-nik');
      // After the migration the plain NIK is still there (the migration has no key) …
      expect(
        (
          await database.db
            .selectFrom('organisations')
            .select('owner_nik')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).owner_nik,
      ).toBe(NIK);
      const resolved = resolveDataKey(config);
      expect(resolved.source).toBe(fresh.env.DATABASE_URL ? 'environment' : 'new-key-file');
      // … and the start-up step seals it.
      const cipher = await prepareDataKey(database, resolved, new Date());
      const row = await database.db
        .selectFrom('organisations')
        .select(['owner_nik', 'owner_nik_enc'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.owner_nik).toBeNull();
      expect(cipher.decrypt(row.owner_nik_enc!, OWNER_NIK)).toBe(NIK);
      expect(await rawRow(database.db, id)).not.toContain(NIK);

      if (fresh.env.DATABASE_URL) {
        // Another key refuses to start.
        const other = resolveDataKey(
          loadConfig({ ...fresh.env, RPB_DATA_KEY: randomBytes(32).toString('hex') }),
        );
        await expect(prepareDataKey(database, other, new Date())).rejects.toThrow(ConfigError);
      } else {
        // A lost key file: a new one would make the stored NIKs unreadable, so the start is
        // refused and the new file removed again (the next start refuses the same way).
        const file = path.join(fresh.env.RPB_DATA_DIR!, DATA_KEY_FILE);
        fs.rmSync(file);
        const lost = resolveDataKey(config);
        expect(lost.source).toBe('new-key-file');
        await expect(prepareDataKey(database, lost, new Date())).rejects.toThrow(
          /^missing data key file .*data-key: the database holds encrypted NIKs/,
        );
        expect(fs.existsSync(file)).toBe(false);
      }
    } finally {
      await database.close();
      await fresh.cleanup();
    }
  }, 120_000);
});
