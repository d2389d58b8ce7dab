/**
 * SQL of people, training sessions and attendance, qualifications and their rules, and the
 * expiry scans behind reminders. Scope is the organisations' scope (inScope on `o`); a
 * qualification's expiry in SQL is PostgreSQL's month arithmetic, the same as addMonths().
 */
import { sql, type RawBuilder } from 'kysely';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import { afterKey } from '../../server/db/pagination.js';
import type { Executor } from '../../server/db/connect.js';
import { PERSON_NIK_COLUMN } from '../../server/db/sealed-columns.js';
import {
  afterRanked,
  CONTAINS_RANK,
  rankedSearch,
  textContains,
  textFuzzy,
  textRank,
} from '../../server/db/text-search.js';
import { inScope } from '../organisations/organisations.repository.js';
import type { OrganisationScope } from '../organisations/organisations.js';
import type { SiteVisibility } from '../registry/registry.js';
import { siteVisibleSql } from '../sites/sites.repository.js';
import type { PersonValues } from './qualifications.js';

// Sites and users -------------------------------------------------------------------------------

/** A site the actor can see (siteVisibility of the registry). */
export const findSite = (db: Executor, id: string, v: SiteVisibility) =>
  db
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .select(['s.id', 's.name', 's.code', 's.time_zone'])
    .where('s.id', '=', id)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .executeTakeFirst();

export const isSiteMember = async (db: Executor, siteId: string, organisationId: string) =>
  !!(await db
    .selectFrom('site_members')
    .select('site_id')
    .where('site_id', '=', siteId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst());

export const findActiveUser = (db: Executor, id: string) =>
  db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();

// People ------------------------------------------------------------------------------------------

const personColumns = [
  'p.id',
  'p.organisation_id',
  'o.name as organisation_name',
  'p.name',
  'p.nik_enc',
  'p.phone',
  'p.email',
  'p.role',
  'p.active',
  'p.created_at',
  'p.updated_at',
] as const;

/** A person in the actor's scope (`mode`), optionally of one organisation, with `writable`. */
export async function findPerson(
  db: Executor,
  personId: string,
  scope: OrganisationScope,
  mode: 'read' | 'write',
  opts: { organisationId?: string; lock?: boolean } = {},
) {
  let q = db
    .selectFrom('people as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(personColumns)
    .select(inScope(scope, 'write').as('writable'))
    .where('p.id', '=', personId)
    .where(inScope(scope, mode));
  if (opts.organisationId) q = q.where('p.organisation_id', '=', opts.organisationId);
  if (opts.lock) q = q.forUpdate('p');
  return q.executeTakeFirst();
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

// A person's NIK at rest (migration 0015): sealed like the owner's NIK of an organisation.

/** The purpose bound into a sealed person NIK (associated data) and into its blind index. */
export const PERSON_NIK = PERSON_NIK_COLUMN.purpose;

/**
 * Person values as stored: the plain NIK becomes its sealed form and its blind index (the
 * plain column `nik` is never written; migration 0015 forbids it).
 */
export function storedPerson<T extends PersonValues>(v: T, cipher: FieldCipher) {
  const { nik, ...rest } = v;
  if (nik === undefined) return rest;
  return {
    ...rest,
    nik_enc: nik === null ? null : cipher.encrypt(nik, PERSON_NIK),
    nik_bidx: nik === null ? null : personNikIndex(cipher, nik),
  };
}

/** The plain NIK of a stored person (throws FieldDecryptError under a wrong key). */
export const openPersonNik = (cipher: FieldCipher, sealed: string | null): string | null =>
  sealed === null ? null : cipher.decrypt(sealed, PERSON_NIK);

/** The blind index to look a person's NIK up by. */
export const personNikIndex = (cipher: FieldCipher, nik: string) =>
  cipher.blindIndex(nik, PERSON_NIK);

export const insertPerson = (
  db: Executor,
  organisationId: string,
  v: PersonValues & { name: string },
  now: Date,
  cipher: FieldCipher,
) =>
  db
    .insertInto('people')
    .values({
      ...storedPerson(v, cipher),
      name: v.name,
      organisation_id: organisationId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const updatePerson = (
  db: Executor,
  id: string,
  v: PersonValues,
  now: Date,
  cipher: FieldCipher,
) =>
  db
    .updateTable('people')
    .set({ ...storedPerson(v, cipher), updated_at: now })
    .where('id', '=', id)
    .execute();

export const deletePerson = (db: Executor, id: string) =>
  db.deleteFrom('people').where('id', '=', id).execute();

/** Another person of the organisation has this NIK (an exact match on the blind index). */
export const nikTaken = async (
  db: Executor,
  organisationId: string,
  nik: string,
  exceptId: string | null,
  cipher: FieldCipher,
) =>
  !!(await db
    .selectFrom('people')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('nik_bidx', '=', personNikIndex(cipher, nik))
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst());

/** Training or qualification records rest on the person (they cannot be deleted). */
export const personInUse = async (db: Executor, id: string) => {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(
            eb.selectFrom('training_attendance').select('person_id').where('person_id', '=', id),
          ),
          eb.exists(
            eb.selectFrom('qualifications').select('person_id').where('person_id', '=', id),
          ),
        ])
        .as('used'),
    ])
    .executeTakeFirstOrThrow();
  return !!row.used;
};

export interface PeopleFilters {
  q?: string | undefined;
  organisationId?: string | undefined;
  siteId?: string | undefined;
  active?: boolean | undefined;
}

/**
 * A page of people in scope, by name then id. A search text matches the name typo-tolerantly
 * (substring or trigram word similarity, served by the trigram index; see db/text-search) and
 * ranks the page by similarity (rank desc, then name, id; the cursor carries the rank).
 */
export async function listPeople(
  db: Executor,
  scope: OrganisationScope,
  f: PeopleFilters,
  after: { name: string; id: string; rank?: string | undefined } | null,
  limit: number,
) {
  const filtered = () => {
    let q = db
      .selectFrom('people as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(personColumns)
      .select(inScope(scope, 'write').as('writable'))
      .where(inScope(scope, 'read'));
    if (f.organisationId) q = q.where('p.organisation_id', '=', f.organisationId);
    if (f.active !== undefined) q = q.where('p.active', '=', f.active);
    if (f.siteId) {
      q = q.where(sql<boolean>`exists (select 1 from site_members sm
        where sm.organisation_id = p.organisation_id and sm.site_id = ${f.siteId})`);
    }
    return q;
  };
  const afterName = (a: { name: string; id: string }) =>
    afterKey(['p.name', 'p.id'], [a.name, a.id], 'asc');

  if (!f.q) {
    let q = filtered()
      .select(sql<string | null>`null::text`.as('rank'))
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(limit + 1);
    if (after) q = q.where(afterName(after));
    return q.execute();
  }
  const text = f.q;
  return rankedSearch(limit, after, (step, take) => {
    if (step === 'contains') {
      let q = filtered()
        .select(sql<string>`${CONTAINS_RANK}::text`.as('rank'))
        .where(textContains('p.name', text))
        .orderBy('p.name')
        .orderBy('p.id')
        .limit(take);
      if (after) q = q.where(afterName(after));
      return q.execute();
    }
    let q = filtered()
      .select(textRank('p.name', text).as('rank'))
      .where(textFuzzy('p.name', text))
      .where(sql<boolean>`not ${textContains('p.name', text)}`)
      .orderBy(textRank('p.name', text), 'desc')
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(take);
    if (after?.rank !== undefined && after.rank !== CONTAINS_RANK)
      q = q.where(afterRanked('p.name', text, 'p.id', { ...after, rank: after.rank }));
    return q.execute();
  });
}

// Training ------------------------------------------------------------------------------------

export const insertSession = (
  db: Executor,
  v: {
    siteId: string;
    machineType: string;
    heldOn: string;
    trainerUserId: string;
    title: string;
    notes: string | null;
    createdBy: string | null;
  },
  now: Date,
) =>
  db
    .insertInto('training_sessions')
    .values({
      site_id: v.siteId,
      machine_type: v.machineType,
      held_on: v.heldOn,
      trainer_user_id: v.trainerUserId,
      title: v.title,
      notes: v.notes,
      created_by: v.createdBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

const sessionQuery = (db: Executor) =>
  db
    .selectFrom('training_sessions as t')
    .innerJoin('sites as s', 's.id', 't.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .innerJoin('users as u', 'u.id', 't.trainer_user_id')
    .select([
      't.id',
      't.site_id',
      's.name as site_name',
      's.time_zone',
      't.machine_type',
      sql<string>`t.held_on::text`.as('held_on'),
      't.trainer_user_id',
      'u.name as trainer_name',
      't.title',
      't.notes',
      sql<number>`(select count(*)::int from training_attendance a where a.session_id = t.id)`.as(
        'attendees',
      ),
      sql<number>`(select count(*)::int from training_attendance a
        where a.session_id = t.id and a.passed)`.as('passed'),
    ]);

/** A session on a site the actor can see. */
export const findSession = (db: Executor, id: string, v: SiteVisibility) =>
  sessionQuery(db)
    .where('t.id', '=', id)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .executeTakeFirst();
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function listSessions(
  db: Executor,
  v: SiteVisibility,
  f: { siteId?: string | undefined; machineType?: string | undefined },
  after: { heldOn: string; id: string } | null,
  limit: number,
) {
  let q = sessionQuery(db)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .orderBy('t.held_on', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1);
  if (f.siteId) q = q.where('t.site_id', '=', f.siteId);
  if (f.machineType) q = q.where('t.machine_type', '=', f.machineType);
  if (after) {
    q = q.where(sql<boolean>`(t.held_on, t.id) < (${after.heldOn}::date, ${after.id}::uuid)`);
  }
  return q.execute();
}

/** The attendance of a session, limited to people whose organisation is in the actor's scope. */
export const attendanceOf = (db: Executor, sessionId: string, scope: OrganisationScope) =>
  db
    .selectFrom('training_attendance as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'a.person_id',
      'p.name as person_name',
      'p.organisation_id',
      'o.name as organisation_name',
      'a.passed',
      'a.recorded_at',
    ])
    .where('a.session_id', '=', sessionId)
    .where(inScope(scope, 'read'))
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();

export const findAttendance = (db: Executor, sessionId: string, personId: string) =>
  db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as t', 't.id', 'a.session_id')
    .select(['a.passed', 't.machine_type', sql<string>`t.held_on::text`.as('held_on'), 't.site_id'])
    .where('a.session_id', '=', sessionId)
    .where('a.person_id', '=', personId)
    .executeTakeFirst();

export const upsertAttendance = (
  db: Executor,
  v: { sessionId: string; personId: string; passed: boolean; by: string | null },
  now: Date,
) =>
  db
    .insertInto('training_attendance')
    .values({
      session_id: v.sessionId,
      person_id: v.personId,
      passed: v.passed,
      recorded_at: now,
      recorded_by: v.by,
    })
    .onConflict((oc) =>
      oc
        .columns(['session_id', 'person_id'])
        .doUpdateSet({ passed: v.passed, recorded_at: now, recorded_by: v.by }),
    )
    .execute();

export const deleteAttendance = (db: Executor, sessionId: string, personId: string) =>
  db
    .deleteFrom('training_attendance')
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .execute();

/** A qualification rests on this attendance. */
export const attendanceUsed = async (db: Executor, sessionId: string, personId: string) =>
  !!(await db
    .selectFrom('qualifications')
    .select('id')
    .where('training_session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .executeTakeFirst());

// Qualifications ------------------------------------------------------------------------------

/** The day a qualification lapses, in SQL (PostgreSQL month arithmetic = addMonths()). */
const expirySql = (defaultMonths: number): RawBuilder<string> =>
  sql<string>`((coalesce(q.last_used_on, q.granted_on)
    + make_interval(months => coalesce(r.months_without_use, ${defaultMonths}::int)))::date)`;

/** Today at the qualification's site. */
const siteToday = (now: Date): RawBuilder<string> =>
  sql<string>`((${now.toISOString()}::timestamptz at time zone s.time_zone)::date)`;

const qualificationQuery = (db: Executor, defaultMonths: number) =>
  db
    .selectFrom('qualifications as q')
    .innerJoin('people as p', 'p.id', 'q.person_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('sites as s', 's.id', 'q.site_id')
    .leftJoin('qualification_rules as r', 'r.machine_type', 'q.machine_type')
    .select([
      'q.id',
      'q.person_id',
      'p.name as person_name',
      'p.email as person_email',
      'p.active as person_active',
      'p.organisation_id',
      'o.name as organisation_name',
      'q.machine_type',
      'q.site_id',
      's.name as site_name',
      's.time_zone',
      'q.granted_by_label',
      sql<string>`q.granted_on::text`.as('granted_on'),
      sql<string | null>`q.last_used_on::text`.as('last_used_on'),
      'q.training_session_id',
      'q.revoked_at',
      'q.revoked_reason',
      sql<number>`coalesce(r.months_without_use, ${defaultMonths}::int)`.as('months'),
      sql<string>`${expirySql(defaultMonths)}::text`.as('expires_on'),
    ]);

export async function findQualification(
  db: Executor,
  id: string,
  scope: OrganisationScope,
  defaultMonths: number,
  lock = false,
) {
  let q = qualificationQuery(db, defaultMonths)
    .where('q.id', '=', id)
    .where(inScope(scope, 'read'));
  if (lock) q = q.forUpdate('q');
  return q.executeTakeFirst();
}
export type QualificationRow = NonNullable<Awaited<ReturnType<typeof findQualification>>>;

/** The unrevoked qualification of a person on a machine type (at most one), locked. */
export const findUnrevoked = (
  db: Executor,
  personId: string,
  machineType: string,
  defaultMonths: number,
) =>
  qualificationQuery(db, defaultMonths)
    .where('q.person_id', '=', personId)
    .where('q.machine_type', '=', machineType)
    .where('q.revoked_at', 'is', null)
    .forUpdate('q')
    .executeTakeFirst();

/** Unrevoked qualifications of an active person, or of any active person of an organisation. */
export const unrevokedFor = (
  db: Executor,
  who: { personId: string } | { organisationId: string },
  machineType: string,
  defaultMonths: number,
) =>
  qualificationQuery(db, defaultMonths)
    .where('q.machine_type', '=', machineType)
    .where('q.revoked_at', 'is', null)
    .where('p.active', '=', true)
    .where(
      'personId' in who
        ? sql<boolean>`q.person_id = ${who.personId}`
        : sql<boolean>`p.organisation_id = ${who.organisationId}`,
    )
    .execute();

export const insertQualification = (
  db: Executor,
  v: {
    personId: string;
    machineType: string;
    siteId: string;
    grantedBy: string | null;
    grantedByLabel: string;
    grantedOn: string;
    trainingSessionId: string | null;
  },
  now: Date,
) =>
  db
    .insertInto('qualifications')
    .values({
      person_id: v.personId,
      machine_type: v.machineType,
      site_id: v.siteId,
      granted_by: v.grantedBy,
      granted_by_label: v.grantedByLabel,
      granted_on: v.grantedOn,
      training_session_id: v.trainingSessionId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const revokeQualification = (
  db: Executor,
  id: string,
  v: { by: string | null; reason: string },
  now: Date,
) =>
  db
    .updateTable('qualifications')
    .set({ revoked_at: now, revoked_by: v.by, revoked_reason: v.reason, updated_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();

export const setLastUsed = (db: Executor, id: string, on: string, now: Date) =>
  db
    .updateTable('qualifications')
    .set({ last_used_on: on, updated_at: now })
    .where('id', '=', id)
    .execute();

export const personQualifications = (db: Executor, personId: string, defaultMonths: number) =>
  qualificationQuery(db, defaultMonths)
    .where('q.person_id', '=', personId)
    .orderBy(sql`q.revoked_at is not null`)
    .orderBy('q.machine_type')
    .orderBy('q.granted_on', 'desc')
    .execute();

export interface QualificationFilters {
  siteId?: string | undefined;
  personId?: string | undefined;
  organisationId?: string | undefined;
  machineType?: string | undefined;
  status?: 'valid' | 'expired' | 'revoked' | undefined;
  expiringWithinDays?: number | undefined;
}

/** A page of qualifications in scope, soonest expiry first (then id). */
export async function listQualifications(
  db: Executor,
  scope: OrganisationScope,
  f: QualificationFilters,
  now: Date,
  defaultMonths: number,
  after: { expiresOn: string; id: string } | null,
  limit: number,
) {
  const expiry = expirySql(defaultMonths);
  const today = siteToday(now);
  let q = qualificationQuery(db, defaultMonths)
    .where(inScope(scope, 'read'))
    .orderBy(expiry)
    .orderBy('q.id')
    .limit(limit + 1);
  if (f.siteId) q = q.where('q.site_id', '=', f.siteId);
  if (f.personId) q = q.where('q.person_id', '=', f.personId);
  if (f.organisationId) q = q.where('p.organisation_id', '=', f.organisationId);
  if (f.machineType) q = q.where('q.machine_type', '=', f.machineType);
  if (f.status === 'revoked') q = q.where('q.revoked_at', 'is not', null);
  if (f.status === 'valid') {
    q = q.where(sql<boolean>`q.revoked_at is null and q.granted_on <= ${today}
      and ${today} < ${expiry}`);
  }
  if (f.status === 'expired') {
    q = q.where(sql<boolean>`q.revoked_at is null and ${expiry} <= ${today}`);
  }
  if (f.expiringWithinDays !== undefined) {
    q = q.where(sql<boolean>`q.revoked_at is null and q.granted_on <= ${today}
      and ${today} < ${expiry} and ${expiry} <= ${today} + ${f.expiringWithinDays}::int`);
  }
  if (after) {
    q = q.where(sql<boolean>`(${expiry}, q.id) > (${after.expiresOn}::date, ${after.id}::uuid)`);
  }
  return q.execute();
}

// Rules -----------------------------------------------------------------------------------------

export const listRules = (db: Executor) =>
  db
    .selectFrom('qualification_rules')
    .select(['machine_type', 'months_without_use', 'updated_at'])
    .orderBy('machine_type')
    .execute();

export const upsertRule = (
  db: Executor,
  machineType: string,
  months: number,
  by: string | null,
  now: Date,
) =>
  db
    .insertInto('qualification_rules')
    .values({
      machine_type: machineType,
      months_without_use: months,
      updated_by: by,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('machine_type')
        .doUpdateSet({ months_without_use: months, updated_by: by, updated_at: now }),
    )
    .execute();

export const deleteRule = (db: Executor, machineType: string) =>
  db.deleteFrom('qualification_rules').where('machine_type', '=', machineType).execute();

// Expiry scans (reminders) ------------------------------------------------------------------

/** Certificates expiring after `from` and at the latest on `to`. */
export const certificatesExpiring = (db: Executor, from: string, to: string) =>
  db
    .selectFrom('organisation_certificates as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.type',
      'c.number',
      sql<string>`c.expires_on::text`.as('expires_on'),
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.email as organisation_email',
    ])
    .where(sql<boolean>`c.expires_on > ${from}::date and c.expires_on <= ${to}::date`)
    .orderBy('c.expires_on')
    .orderBy('c.id')
    .execute();

/** Documents of machines still in service expiring after `from` and at the latest on `to`. */
export const machineDocumentsExpiring = (db: Executor, from: string, to: string) =>
  db
    .selectFrom('machine_documents as d')
    .innerJoin('machines as m', 'm.id', 'd.machine_id')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .select([
      'd.id',
      'd.title',
      'd.kind',
      sql<string>`d.expires_on::text`.as('expires_on'),
      'm.code as machine_code',
      'm.name as machine_name',
      's.id as site_id',
      's.name as site_name',
    ])
    .where(sql<boolean>`d.expires_on > ${from}::date and d.expires_on <= ${to}::date`)
    .where('m.status', '<>', 'retired')
    .orderBy('d.expires_on')
    .orderBy('d.id')
    .execute();

/** Unrevoked qualifications of active people lapsing after `from` and at the latest on `to`. */
export const qualificationsExpiring = (
  db: Executor,
  from: string,
  to: string,
  defaultMonths: number,
) => {
  const expiry = expirySql(defaultMonths);
  return qualificationQuery(db, defaultMonths)
    .where('q.revoked_at', 'is', null)
    .where('p.active', '=', true)
    .where(sql<boolean>`${expiry} > ${from}::date and ${expiry} <= ${to}::date`)
    .orderBy(expiry)
    .orderBy('q.id')
    .execute();
};

/** E-mail addresses of enabled users holding a role on organisations. */
export const organisationUserEmails = (
  db: Executor,
  organisationIds: string[],
  role: 'umkm_member',
) =>
  organisationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['g.organisation_id', 'u.email'])
        .where('g.role', '=', role)
        .where('g.organisation_id', 'in', organisationIds)
        .where('u.disabled_at', 'is', null)
        .orderBy('u.email')
        .execute();

/** E-mail addresses of enabled users holding a role on sites. */
export const siteUserEmails = (
  db: Executor,
  siteIds: string[],
  role: 'site_manager' | 'site_operator',
) =>
  siteIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['g.site_id', 'u.email'])
        .where('g.role', '=', role)
        .where('g.site_id', 'in', siteIds)
        .where('u.disabled_at', 'is', null)
        .orderBy('u.email')
        .execute();
