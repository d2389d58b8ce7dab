import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/db.js';
import { makeNetwork, makeUser } from '../../../test/factories.js';
import type { Database } from '../../server/db/connect.js';
import { MACHINE_TYPES } from './qualifications.contract.js';
import { hasValidQualification, queueExpiryReminders } from './qualifications.service.js';
import { addDays, addMonths } from './qualifications.js';

let d: Database;
let net: Awaited<ReturnType<typeof makeNetwork>>;
let other: Awaited<ReturnType<typeof makeNetwork>>;
const TODAY = '2026-07-21'; // NOW in WIB

beforeAll(async () => {
  d = await createTestDatabase();
  net = await makeNetwork(d.db);
  other = await makeNetwork(d.db);
});
afterAll(() => d.close());

const person = async (orgId: string, o: { email?: string; active?: boolean } = {}) =>
  (
    await d.db
      .insertInto('people')
      .values({
        organisation_id: orgId,
        name: `Pekerja ${Math.random().toString(36).slice(2, 6)}`,
        email: o.email ?? null,
        active: o.active ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

const qualification = async (
  personId: string,
  siteId: string,
  o: { machineType?: string; grantedOn: string; lastUsedOn?: string; revoked?: boolean },
) =>
  (
    await d.db
      .insertInto('qualifications')
      .values({
        person_id: personId,
        machine_type: o.machineType ?? 'drying',
        site_id: siteId,
        granted_by_label: 'test',
        granted_on: o.grantedOn,
        last_used_on: o.lastUsedOn ?? null,
        ...(o.revoked ? { revoked_at: NOW, revoked_reason: 'test' } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

describe('the database agrees with the rules', () => {
  it('takes as machine types exactly the capabilities machines accept', async () => {
    const defs = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def
      from pg_constraint where conrelid in ('machines'::regclass, 'qualifications'::regclass,
        'training_sessions'::regclass, 'qualification_rules'::regclass) and contype = 'c'
        and (pg_get_constraintdef(oid) like '%capabilities%' or pg_get_constraintdef(oid) like '%machine_type%')`.execute(
      d.db,
    );
    expect(defs.rows).toHaveLength(4);
    for (const { def } of defs.rows) {
      const listed = [...def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
      expect(new Set(listed)).toEqual(new Set(MACHINE_TYPES));
    }
  });

  it("adds calendar months like PostgreSQL's date + interval (end-of-month safe)", async () => {
    const starts = Array.from({ length: 70 }, (_, i) => addDays('2023-12-25', i)); // crosses Feb 2024
    const cases = starts.flatMap((s) => [1, 6, 12, 13, 25].map((m) => [s, m] as const));
    const rows = await sql<{
      i: number;
      v: string;
    }>`select i, (s::date + make_interval(months => m))::date::text as v
      from unnest(${cases.map((c) => c[0])}::text[], ${cases.map((c) => c[1])}::int[])
      with ordinality as t(s, m, i) order by i`.execute(d.db);
    expect(rows.rows.map((r) => r.v)).toEqual(cases.map(([s, m]) => addMonths(s, m)));
  });

  it('keeps at most one unrevoked qualification per person and machine type', async () => {
    const p = await person(net.orgId);
    await qualification(p, net.siteId, { grantedOn: '2026-01-01', revoked: true });
    await qualification(p, net.siteId, { grantedOn: '2026-02-01' });
    await expect(qualification(p, net.siteId, { grantedOn: '2026-03-01' })).rejects.toThrow(
      /qualifications_active_key/,
    );
    await expect(
      qualification(p, net.siteId, { grantedOn: '2026-03-01', machineType: 'teleporting' }),
    ).rejects.toThrow(/machine_type_check/);
  });
});

describe('hasValidQualification', () => {
  it('answers for a person and for any active person of an organisation, on a date', async () => {
    const orgId = (
      await d.db
        .insertInto('organisations')
        .values({ kind: 'umkm', name: 'Check Co' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // At a site without staff, so that the reminder tests below see none of these.
    const p = await person(orgId);
    const gone = await person(orgId, { active: false });
    await qualification(p, other.siteId, { grantedOn: '2025-08-31' }); // lapses 2026-08-31
    await qualification(gone, other.siteId, { grantedOn: '2026-07-01', machineType: 'roasting' });
    await d.db
      .insertInto('qualification_rules')
      .values({ machine_type: 'milling', months_without_use: 2 })
      .execute();
    await qualification(p, other.siteId, { grantedOn: '2026-06-30', machineType: 'milling' });

    expect(await hasValidQualification(d.db, { personId: p }, 'drying', TODAY)).toBe(true);
    expect(await hasValidQualification(d.db, { personId: p }, 'drying', '2026-08-30')).toBe(true);
    expect(await hasValidQualification(d.db, { personId: p }, 'drying', '2026-08-31')).toBe(false);
    expect(await hasValidQualification(d.db, { organisationId: orgId }, 'drying', TODAY)).toBe(
      true,
    );
    expect(await hasValidQualification(d.db, { personId: p }, 'cutting', TODAY)).toBe(false);
    // Inactive people do not count.
    expect(await hasValidQualification(d.db, { organisationId: orgId }, 'roasting', TODAY)).toBe(
      false,
    );
    // A two-month rule: granted 30 June, lapses 30 August.
    expect(await hasValidQualification(d.db, { personId: p }, 'milling', '2026-08-29')).toBe(true);
    expect(await hasValidQualification(d.db, { personId: p }, 'milling', '2026-08-30')).toBe(false);
  });
});

describe('expiry reminders', () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    // Recipients: the organisation's member user, the site's manager and operator, and a
    // manager of another site (who must get nothing).
    await d.db
      .updateTable('organisations')
      .set({ email: 'umkm@example.test', name: 'Kakao Jaya' })
      .where('id', '=', net.orgId)
      .execute();
    await d.db
      .updateTable('sites')
      .set({ name: 'RPB Jembrana' })
      .where('id', '=', net.siteId)
      .execute();
    await makeUser(d.db, {
      email: 'member@example.test',
      role: 'umkm_member',
      scopeType: 'organisation',
      scopeId: net.orgId,
    });
    await makeUser(d.db, {
      email: 'manager@example.test',
      role: 'site_manager',
      scopeType: 'site',
      scopeId: net.siteId,
    });
    await makeUser(d.db, {
      email: 'operator@example.test',
      role: 'site_operator',
      scopeType: 'site',
      scopeId: net.siteId,
    });
    await makeUser(d.db, {
      email: 'other.manager@example.test',
      role: 'site_manager',
      scopeType: 'site',
      scopeId: other.siteId,
    });

    const cert = (number: string, expires: string) =>
      d.db
        .insertInto('organisation_certificates')
        .values({
          organisation_id: net.orgId,
          type: 'halal',
          number,
          issuer: 'BPJPH',
          expires_on: expires,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const machine = async (code: string, status: 'active' | 'retired') =>
      (
        await d.db
          .insertInto('machines')
          .values({ site_id: net.siteId, code, name: `Mesin ${code}`, process: 'drying', status })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const doc = async (machineId: string, title: string, expires: string) =>
      (
        await d.db
          .insertInto('machine_documents')
          .values({
            machine_id: machineId,
            kind: 'calibration_certificate',
            title,
            expires_on: expires,
            filename: 'k.pdf',
            content_type: 'application/pdf',
            size_bytes: 4,
            file: Buffer.from('%PDF'),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const oven = await machine('OVN-01', 'active');
    const old = await machine('OVN-00', 'retired');
    const worker = await person(net.orgId, { email: 'worker@example.test' });
    const far = await person(net.orgId, { email: 'far@example.test' });
    ids = {
      certSoon: (await cert('H-1', '2026-08-20')).id, // 30 days: the 30-day reminder
      certFar: (await cert('H-2', '2026-09-30')).id, // 71 days: nothing
      certGone: (await cert('H-3', '2026-07-01')).id, // expired: nothing
      docSoon: await doc(oven, 'Kalibrasi 2025', '2026-07-26'), // 5 days: the 7-day reminder
      docRetired: await doc(old, 'Kalibrasi lama', '2026-07-26'), // retired machine: nothing
      // Granted 2025-08-10, never used: lapses 2026-08-10 (20 days): the 30-day reminder.
      qualSoon: await qualification(worker, net.siteId, { grantedOn: '2025-08-10' }),
      // Used 2026-07-01: lapses 2027-07-01: nothing.
      qualFar: await qualification(far, net.siteId, {
        grantedOn: '2025-08-10',
        lastUsedOn: '2026-07-01',
      }),
      qualRevoked: await qualification(far, net.siteId, {
        grantedOn: '2025-08-10',
        machineType: 'roasting',
        revoked: true,
      }),
    };
  });

  const outbox = () =>
    d.db
      .selectFrom('outbox_messages')
      .select(['to_address', 'subject', 'body_text', 'dedupe_key'])
      .where('dedupe_key', 'like', 'reminder:%')
      .orderBy('dedupe_key')
      .execute();
  const about = (rows: { dedupe_key: string | null; to_address: string }[], id: string) =>
    rows
      .filter((r) => r.dedupe_key!.includes(id))
      .map((r) => r.to_address)
      .sort();

  it('queues each due reminder to its recipients, and nothing for items far from expiry', async () => {
    const run = await queueExpiryReminders(d.db, NOW);
    expect(run).toEqual({
      today: TODAY,
      certificates: 1,
      machineDocuments: 1,
      qualifications: 1,
      queued: 2 + 1 + 3,
    });
    const rows = await outbox();
    expect(about(rows, ids.certSoon!)).toEqual(['member@example.test', 'umkm@example.test']);
    expect(about(rows, ids.docSoon!)).toEqual(['manager@example.test']);
    expect(about(rows, ids.qualSoon!)).toEqual([
      'member@example.test',
      'operator@example.test',
      'worker@example.test',
    ]);
    for (const k of ['certFar', 'certGone', 'docRetired', 'qualFar', 'qualRevoked'])
      expect(about(rows, ids[k]!)).toEqual([]);
    expect(rows.some((r) => r.to_address === 'other.manager@example.test')).toBe(false);

    const cert = rows.find((r) => r.dedupe_key!.includes(ids.certSoon!))!;
    expect(cert.dedupe_key).toContain(':2026-08-20:30d:');
    expect(cert.subject).toContain('Kakao Jaya');
    expect(cert.body_text).toContain('20 Agustus 2026 (30 hari lagi)');
    expect(cert.body_text).toContain('20 August 2026 (in 30 days)');
    const doc = rows.find((r) => r.dedupe_key!.includes(ids.docSoon!))!;
    expect(doc.dedupe_key).toContain(':7d:');
    expect(doc.body_text).toContain('OVN-01');
    expect(doc.body_text).toContain('RPB Jembrana');
    const qual = rows.find((r) => r.dedupe_key!.includes(ids.qualSoon!))!;
    expect(qual.body_text).toContain('10 Agustus 2026');
    expect(qual.body_text).toContain('RPB Jembrana');

    const audit = await d.db
      .selectFrom('audit_log')
      .select(['actor_label', 'after'])
      .where('action', '=', 'reminders.queue')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: 'system', after: { queued: 6 } });
  });

  it('queues nothing twice: a second run the same day, or the next day in the same window', async () => {
    const again = await queueExpiryReminders(d.db, NOW);
    expect(again.queued).toBe(0);
    const nextDay = await queueExpiryReminders(d.db, new Date(NOW.getTime() + 86_400_000));
    expect(nextDay.queued).toBe(0);
    expect(await outbox()).toHaveLength(6);
    expect(
      await d.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'reminders.queue')
        .execute(),
    ).toHaveLength(1);
  });

  it('sends the 7-day reminder when its window opens, and a new one after the expiry moves', async () => {
    // 2026-08-04: the qualification lapses in 6 days, the certificate in 16 (still 30-day).
    const later = new Date('2026-08-04T03:00:00Z');
    const run = await queueExpiryReminders(d.db, later);
    expect(run.queued).toBe(3);
    const rows = await outbox();
    expect(rows.filter((r) => r.dedupe_key!.includes(`${ids.qualSoon}:2026-08-10:7d`)).length).toBe(
      3,
    );
    // A renewed certificate (new expiry date) is a new item to remind about.
    await d.db
      .updateTable('organisation_certificates')
      .set({ expires_on: '2026-08-30' })
      .where('id', '=', ids.certSoon!)
      .execute();
    expect((await queueExpiryReminders(d.db, later)).queued).toBe(2);
  });
});
