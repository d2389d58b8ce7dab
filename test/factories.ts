/** Object factories with sensible defaults: a test names only what it cares about. */
import type { Role, ScopeType } from '../src/features/accounts/accounts.contract.js';
import { createUser } from '../src/features/accounts/accounts.service.js';
import type { Executor } from '../src/server/db/connect.js';
import { NOW } from './app.js';

let n = 0;
const next = () => ++n;

export const PASSWORD = 'correct horse battery';

export async function makeUser(
  db: Executor,
  o: {
    email?: string;
    role?: Role;
    scopeType?: ScopeType;
    scopeId?: string | null;
    password?: string;
    locale?: 'id' | 'en';
    isDemo?: boolean;
    name?: string;
  } = {},
) {
  const i = next();
  const role = o.role ?? 'administrator';
  return createUser(
    db,
    {
      email: o.email ?? `user${i}@example.test`,
      name: o.name ?? `User ${i}`,
      password: o.password ?? PASSWORD,
      locale: o.locale ?? 'id',
      isDemo: o.isDemo ?? false,
      grants: [{ role, scopeType: o.scopeType ?? 'system', scopeId: o.scopeId ?? null }],
    },
    { actor: null, now: NOW },
  );
}

/**
 * A machine's booking rules as PUT /api/machines/{id}/booking-rules takes them: a 30-minute
 * grid, 30 min–8 h, an hour's lead, 60 days ahead, no approval, qualification or quota.
 */
export const bookingRules = (over: Record<string, unknown> = {}) => ({
  slotMinutes: 30,
  minMinutes: 30,
  maxMinutes: 480,
  leadMinutes: 60,
  horizonDays: 60,
  approvalRequired: false,
  qualificationRequired: false,
  serviceModeAllowed: true,
  noShowGraceMinutes: 30,
  offerHoldMinutes: 120,
  weeklyHours: { micro: null, small: null, medium: null, large: null },
  ...over,
});

/**
 * A machine at a site: a dryer unless the capabilities say otherwise, named "Pengering <code>"
 * unless a name is given.
 */
export async function makeMachine(
  db: Executor,
  siteId: string,
  code: string,
  o: { status?: 'active' | 'retired'; capabilities?: string[]; name?: string } = {},
) {
  const capabilities = o.capabilities ?? ['drying'];
  const row = await db
    .insertInto('machines')
    .values({
      site_id: siteId,
      code,
      name: o.name ?? `Pengering ${code}`,
      process: capabilities[0]!,
      capabilities,
      status: o.status ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeNetwork(db: Executor) {
  const i = next();
  const programme = await db
    .insertInto('programmes')
    .values({
      code: `P-${i}`,
      name: `Programme ${i}`,
      funding_source: 'apbn_tp',
      year: 2025,
      budget: 1_000_000_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cluster = await db
    .insertInto('clusters')
    .values({
      programme_id: programme.id,
      name: `Cluster ${i}`,
      commodity: 'Kakao',
      province: 'Bali',
      regency: 'Kabupaten Jembrana',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const site = await db
    .insertInto('sites')
    .values({
      cluster_id: cluster.id,
      code: `S-${i}`,
      name: `Site ${i}`,
      province: 'Bali',
      regency: 'Kabupaten Jembrana',
      time_zone: 'Asia/Makassar',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = await db
    .insertInto('organisations')
    .values({ kind: 'umkm', name: `UMKM ${i}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { programmeId: programme.id, clusterId: cluster.id, siteId: site.id, orgId: org.id };
}
