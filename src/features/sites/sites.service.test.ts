import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/db.js';
import { makeNetwork, makeUser } from '../../../test/factories.js';
import type { Actor } from '../../server/context.js';
import type { Database } from '../../server/db/connect.js';
import { DomainError } from '../../server/domain-error.js';
import { findActorByEmail } from '../accounts/accounts.service.js';
import {
  addNationalHolidays,
  deleteCluster,
  listHolidays,
  NATIONAL_HOLIDAYS,
  updateCluster,
} from './sites.service.js';

let d: Database;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Actor;
let mgrA: Actor;
let opA: Actor;

const actor = async (email: string, o: Parameters<typeof makeUser>[1] = {}) => {
  await makeUser(d.db, { email, ...o });
  return (await findActorByEmail(d.db, email, 'session'))!;
};

/** A use case in its own transaction, as the HTTP edge runs it. */
const run = <T>(work: (trx: Database['db']) => Promise<T>) =>
  d.db.transaction().execute((trx) => work(trx));

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'resolved';
};

beforeAll(async () => {
  d = await createTestDatabase();
  a = await makeNetwork(d.db);
  b = await makeNetwork(d.db);
  admin = await actor('admin@example.test');
  mgrA = await actor('mgr.a@example.test', {
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  opA = await actor('op.a@example.test', {
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
});
afterAll(() => d.close());

describe('adding the national holidays of a year', () => {
  it('adds what the site lacks, keeps what it has, and adds nothing the second time', async () => {
    await d.db
      .insertInto('site_holidays')
      .values({
        site_id: a.siteId,
        date: '2026-08-17',
        name: 'HUT RI (libur pabrik)',
        kind: 'local',
      })
      .execute();
    const ctx = { actor: mgrA, now: NOW };
    const first = await run((trx) => addNationalHolidays(trx, a.siteId, { year: 2026 }, ctx));
    const shipped = NATIONAL_HOLIDAYS.get(2026)!.holidays.length;
    expect(first).toMatchObject({ year: 2026, added: shipped - 1, skipped: 1, complete: true });
    const second = await run((trx) => addNationalHolidays(trx, a.siteId, { year: 2026 }, ctx));
    expect(second).toMatchObject({ added: 0, skipped: shipped });

    const { items } = await listHolidays(d.db, a.siteId, 2026, mgrA);
    expect(items).toHaveLength(shipped);
    expect(items.find((h) => h.date === '2026-08-17')).toMatchObject({
      name: 'HUT RI (libur pabrik)',
      kind: 'local',
    });
    const audit = await d.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where('action', '=', 'site.holidays_national_add')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(a.siteId);
    expect((audit[0]!.after as { added: unknown[] }).added).toHaveLength(shipped - 1);
  });

  it('refuses a year RPB has no list for, and sites the caller may not change', async () => {
    const ctx = { actor: admin, now: NOW };
    expect(
      await codeOf(run((trx) => addNationalHolidays(trx, a.siteId, { year: 2031 }, ctx))),
    ).toBe('national_holidays_unavailable');
    expect(
      await codeOf(
        run((trx) => addNationalHolidays(trx, b.siteId, { year: 2026 }, { actor: mgrA, now: NOW })),
      ),
    ).toBe('site_not_found');
    expect(
      await codeOf(
        run((trx) => addNationalHolidays(trx, a.siteId, { year: 2027 }, { actor: opA, now: NOW })),
      ),
    ).toBe('forbidden');
    expect((await listHolidays(d.db, b.siteId, 2026, admin)).items).toEqual([]);
    expect((await listHolidays(d.db, a.siteId, 2027, admin)).items).toEqual([]);
  });
});

describe('changing and removing clusters', () => {
  it('keeps a cluster with sites, removes an empty one, and audits both changes', async () => {
    const ctx = { actor: admin, now: NOW };
    expect(await codeOf(run((trx) => deleteCluster(trx, a.clusterId, ctx)))).toBe(
      'cluster_has_sites',
    );
    const empty = await d.db
      .insertInto('clusters')
      .values({
        programme_id: a.programmeId,
        name: 'Klaster Garam',
        commodity: 'Garam',
        province: 'Nusa Tenggara Timur',
        regency: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A cluster recorded before region codes keeps its region when only its name changes.
    const renamed = await run((trx) =>
      updateCluster(trx, empty.id, { name: 'Klaster Garam Kupang' }, ctx),
    );
    expect(renamed).toMatchObject({
      name: 'Klaster Garam Kupang',
      regionCode: null,
      province: 'Nusa Tenggara Timur',
    });
    await run((trx) => deleteCluster(trx, empty.id, ctx));
    expect(await codeOf(run((trx) => deleteCluster(trx, empty.id, ctx)))).toBe('cluster_not_found');
    const actions = await d.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', empty.id)
      .orderBy('at')
      .execute();
    expect(actions.map((r) => r.action)).toEqual(['cluster.update', 'cluster.delete']);
  });
});
