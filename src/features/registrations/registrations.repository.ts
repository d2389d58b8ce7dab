/** SQL of UMKM self-registration: the public site list, requests, and who to notify. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';
import type { RegistrationStatus } from './registrations.contract.js';
import type { RegistrationScope } from './registrations.js';

/** Every site, with only what may be shown to a visitor (code, name, region). */
export const publicSites = (db: Executor) =>
  db
    .selectFrom('sites')
    .select(['id', 'code', 'name', 'province', 'regency'])
    .orderBy('province')
    .orderBy('name')
    .orderBy('id')
    .execute();

export const findSite = (db: Executor, id: string) =>
  db
    .selectFrom('sites')
    .select(['id', 'code', 'name', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirst();

export const insertRegistration = (
  db: Executor,
  r: { organisationId: string; siteId: string; applicantUserId: string; now: Date },
) =>
  db
    .insertInto('member_registrations')
    .values({
      organisation_id: r.organisationId,
      site_id: r.siteId,
      applicant_user_id: r.applicantUserId,
      submitted_at: r.now,
    })
    .returning(['id', 'status', 'submitted_at'])
    .executeTakeFirstOrThrow();

const base = (db: Executor) =>
  db
    .selectFrom('member_registrations as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .innerJoin('sites as s', 's.id', 'r.site_id')
    .innerJoin('users as a', 'a.id', 'r.applicant_user_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select([
      'r.id',
      'r.status',
      'r.site_id',
      'r.organisation_id',
      'r.applicant_user_id',
      'r.submitted_at',
      'r.decided_at',
      'r.reject_reason',
      's.code as site_code',
      's.name as site_name',
      's.time_zone as site_time_zone',
      'o.name as organisation_name',
      'o.legal_form',
      'o.nib',
      'o.npwp',
      'o.address',
      'o.province',
      'o.regency',
      'o.region_code',
      'o.phone',
      'o.email',
      'o.owner_name',
      'o.owner_nik_enc',
      'a.name as applicant_name',
      'a.email as applicant_email',
      'a.locale as applicant_locale',
      'd.email as decided_by_email',
    ]);

export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

/**
 * One request, if it lies in the scope; `lock` takes a row lock so that two managers deciding
 * at once are serialised (the second sees the first one's decision).
 */
export async function findRegistration(
  db: Executor,
  id: string,
  scope: RegistrationScope,
  lock = false,
) {
  if (!scope.all && scope.siteIds.length === 0) return undefined;
  if (lock) {
    const locked = await db
      .selectFrom('member_registrations')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return undefined;
  }
  return base(db)
    .where('r.id', '=', id)
    .$if(!scope.all, (q) => q.where('r.site_id', 'in', scope.siteIds))
    .executeTakeFirst();
}

/** A page of requests in the scope, oldest first (first come, first decided). */
export function listRegistrations(
  db: Executor,
  scope: RegistrationScope,
  q: { status: RegistrationStatus; siteId?: string | undefined },
  after: { submittedAt: Date; id: string } | null,
  limit: number,
) {
  let query = base(db)
    .where('r.status', '=', q.status)
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .limit(limit + 1);
  if (!scope.all) {
    if (scope.siteIds.length === 0) return Promise.resolve([]);
    query = query.where('r.site_id', 'in', scope.siteIds);
  }
  if (q.siteId) query = query.where('r.site_id', '=', q.siteId);
  if (after) {
    query = query.where(
      sql<boolean>`(r.submitted_at, r.id) > (${after.submittedAt}, ${after.id}::uuid)`,
    );
  }
  return query.execute();
}

/** An applicant's own requests, newest first. */
export const registrationsOf = (db: Executor, userId: string) =>
  base(db)
    .where('r.applicant_user_id', '=', userId)
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id')
    .execute();

export const decideRegistration = (
  db: Executor,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; now: Date; reason: string | null },
) =>
  db
    .updateTable('member_registrations')
    .set({ status: d.status, decided_by: d.by, decided_at: d.now, reject_reason: d.reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();

/** E-mail addresses of the enabled managers of a site. */
export const siteManagerEmails = async (db: Executor, siteId: string) =>
  (
    await db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select('u.email')
      .where('g.role', '=', 'site_manager')
      .where('g.site_id', '=', siteId)
      .where('u.disabled_at', 'is', null)
      .orderBy('u.email')
      .execute()
  ).map((r) => r.email);

/** KBLI codes (with titles) of several organisations, in one query. */
export async function kbliOfMany(db: Executor, organisationIds: string[]) {
  const out = new Map<string, { code: string; title: string }[]>();
  if (organisationIds.length === 0) return out;
  const rows = await db
    .selectFrom('organisation_kbli as ok')
    .innerJoin('kbli_codes as k', 'k.code', 'ok.code')
    .select(['ok.organisation_id', 'k.code', 'k.title'])
    .where('ok.organisation_id', 'in', organisationIds)
    .orderBy('k.code')
    .execute();
  for (const r of rows) {
    out.set(r.organisation_id, [
      ...(out.get(r.organisation_id) ?? []),
      { code: r.code, title: r.title },
    ]);
  }
  return out;
}
