import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/db.js';
import { ROLES } from '../../features/accounts/accounts.contract.js';
import type { Database } from '../db/connect.js';
import { DEMO_LOGINS, seedDemoIfEmpty } from './demo-data.js';

let d: Database;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(() => d.close());

describe('demo data', () => {
  it('loads a programme, two sites in WIB and WITA with machines and members, and one user per role — once', async () => {
    expect(await seedDemoIfEmpty(d.db, NOW)).toBe(true);
    expect(await seedDemoIfEmpty(d.db, NOW)).toBe(false);
    const sites = await d.db
      .selectFrom('sites')
      .select(['code', 'time_zone'])
      .orderBy('code')
      .execute();
    expect(sites).toEqual([
      { code: 'ATM-01', time_zone: 'Asia/Jakarta' },
      { code: 'JBR-01', time_zone: 'Asia/Makassar' },
    ]);
    const counts = await sql<{
      machines: number;
      members: number;
    }>`select (select count(*) from machines)::int as machines, (select count(*) from site_members)::int as members`.execute(
      d.db,
    );
    expect(counts.rows[0]!.machines).toBeGreaterThanOrEqual(10);
    expect(counts.rows[0]!.members).toBeGreaterThanOrEqual(6);
    const roles = await d.db.selectFrom('role_grants').select('role').distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    const users = await d.db.selectFrom('users').select(['email', 'is_demo']).execute();
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_LOGINS.map((l) => l.email).sort());
    expect(users.every((u) => u.is_demo)).toBe(true);
  });
});

describe('demo data in use', () => {
  it('shows a member that moved up a size class, a certificate and a qualification about to expire', async () => {
    const changes = await d.db
      .selectFrom('size_class_changes as c')
      .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select(['o.name', 'c.from_class', 'c.to_class'])
      .where('o.name', '=', 'CV Nilam Harum Tamiang')
      .orderBy('c.recorded_at')
      .orderBy('c.id')
      .execute();
    expect(changes.map((c) => [c.from_class, c.to_class])).toEqual([
      [null, 'micro'],
      ['micro', 'small'],
    ]);
    const soon = await d.db
      .selectFrom('organisation_certificates')
      .select('type')
      .where('expires_on', '<=', '2026-08-31')
      .execute();
    expect(soon.map((c) => c.type)).toEqual(['halal']);
    const quals = await d.db.selectFrom('qualifications').select('machine_type').execute();
    expect(quals.map((q) => q.machine_type).sort()).toEqual([
      'distillation',
      'distillation',
      'distillation',
      'drying',
    ]);
  });

  it('has machine time in use: rules, past and coming bookings, one in progress, an outage', async () => {
    const rows = await d.db
      .selectFrom('bookings')
      .select(['kind', 'status', 'starts_at', 'ends_at'])
      .execute();
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    expect(count('completed')).toBe(13);
    expect(count('no_show')).toBe(1);
    expect(count('requested')).toBe(1);
    expect(rows.filter((r) => r.kind === 'outage')).toHaveLength(1);
    // One booking starts within half an hour of the seed time: it can be checked in at once.
    const seed = NOW.getTime();
    expect(
      rows.filter(
        (r) =>
          r.status === 'confirmed' &&
          r.starts_at.getTime() >= seed &&
          r.starts_at.getTime() - seed <= 1_800_000,
      ),
    ).toHaveLength(1);
    const rules = await d.db.selectFrom('machine_booking_rules').select('machine_id').execute();
    expect(rules).toHaveLength(4);
  });
});

describe('demo money', () => {
  it("last month's use at Aceh Tamiang previews as PKP invoices for three members", async () => {
    const { runInvoicing } = await import('../../features/billing/billing.service.js');
    const site = await d.db
      .selectFrom('sites')
      .select('id')
      .where('code', '=', 'ATM-01')
      .executeTakeFirstOrThrow();
    const admin = await d.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', 'admin@demo.rpb.test')
      .executeTakeFirstOrThrow();
    const lastMonth = new Date(
      Date.parse(`${NOW.toISOString().slice(0, 7)}-01T00:00:00Z`) - 86_400_000,
    )
      .toISOString()
      .slice(0, 7);
    const res = await runInvoicing(
      d.db,
      site.id,
      { month: lastMonth, dryRun: true },
      {
        now: NOW,
        actor: {
          userId: admin.id,
          email: admin.email,
          name: 'Admin',
          locale: 'id',
          via: 'cli',
          grants: [{ role: 'administrator', scopeType: 'system', scopeId: null, scopeName: null }],
        },
      },
      (code) => code,
    );
    expect(res.warnings).toEqual([]);
    expect(res.invoices.map((i) => i.memberName).sort()).toEqual([
      'CV Nilam Harum Tamiang',
      'Kelompok Tani Nilam Sepakat',
      'UD Atsiri Bandar Pusaka',
    ]);
    expect(res.invoices.every((i) => i.pkp && i.ppn > 0 && i.total === i.net + i.ppn)).toBe(true);
    // Nothing issued: the demo leaves the run to the manager.
    expect(await d.db.selectFrom('invoices').select('id').execute()).toEqual([]);
  });
});

describe('demo toll processing', () => {
  it('has a certified oil lot, a rejected one with an open NC, and leaves in custody', async () => {
    const lots = await d.db.selectFrom('lots').select(['product_type', 'status']).execute();
    const oil = lots
      .filter((l) => l.product_type === 'patchouli_oil')
      .map((l) => l.status)
      .sort();
    expect(oil).toEqual(['rejected', 'released']);
    expect(
      lots.filter((l) => l.product_type === 'patchouli_leaves' && l.status === 'released'),
    ).toHaveLength(2);
    expect(await d.db.selectFrom('certificates').select('number').execute()).toHaveLength(1);
    expect(await d.db.selectFrom('non_conformances').select('status').execute()).toEqual([
      { status: 'open' },
    ]);
  });
});
