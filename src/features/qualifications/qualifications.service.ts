/**
 * Use cases of people, training and qualifications, and the daily expiry reminders.
 *
 * Scope: people follow their organisation (organisationScope: administrators all; programme
 * officers read their programme's site members; site staff read and change their sites'
 * members; members their own organisation). Outside it a person does not exist (404); read-only
 * callers get 403 on changes. Training sessions and grants belong to a site: its manager or
 * operator (or an administrator) acts there, and only for people of the site's member
 * organisations (administrators: any). Every change writes an audit row in its transaction.
 */
import type { Actor, ServiceContext } from '../../server/context.js';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import type { Db, Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueEmail } from '../jobs/jobs.service.js';
import { organisationsError } from '../organisations/organisations.errors.js';
import { sitesError } from '../sites/sites.errors.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import {
  effectiveDate,
  maskNik,
  organisationScope,
  seesOwnerNik,
  type OrganisationScope,
} from '../organisations/organisations.js';
import { siteVisibility } from '../registry/registry.js';
import {
  MACHINE_TYPES,
  type GrantQualificationRequest,
  type MachineType,
  type PeopleQuery,
  type Person,
  type PersonPatch,
  type PersonRequest,
  type Qualification,
  type QualificationQuery,
  type RecordUseRequest,
  type TrainingSession,
  type TrainingSessionQuery,
  type TrainingSessionRequest,
  type TrainingSessionSummary,
  type UpdateQualificationRulesRequest,
} from './qualifications.contract.js';
import { qualificationsError } from './qualifications.errors.js';
import * as repo from './qualifications.repository.js';
import {
  addDays,
  DEFAULT_MONTHS_WITHOUT_USE,
  dueReminders,
  expiresOn,
  lastUseAfter,
  localDate,
  normalisePerson,
  REMINDER_WINDOWS,
  reminderEmail,
  reminderKey,
  staffOf,
  statusOn,
  validOn,
  type PersonValues,
  type ReminderSubject,
} from './qualifications.js';

type UserCtx = ServiceContext & { actor: Actor };
interface FieldProblem {
  path: string;
  code: string;
}

/** Field problems for the edge to translate beside each field (validation_failed). */
const invalidFields = (fields: FieldProblem[]) => new DomainError('validation_failed', { fields });
const scopeOf = (actor: Actor) => organisationScope(actor.grants);
const months = DEFAULT_MONTHS_WITHOUT_USE;
/** The acting user for *_by columns (a system actor is no user). */
const userIdOf = (ctx: UserCtx) => (ctx.actor.via === 'system' ? null : ctx.actor.userId);

// People ------------------------------------------------------------------------------------------

/**
 * A person as the API shows it. The NIK is stored sealed (migration 0015) and opened here; it is
 * shown in full only to the organisation itself and administrators, masked to everyone else.
 */
function presentPerson(row: repo.PersonRow, scope: OrganisationScope, cipher: FieldCipher): Person {
  const full = seesOwnerNik(scope, row.organisation_id);
  const nik = repo.openPersonNik(cipher, row.nik_enc);
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    name: row.name,
    nik: nik && !full ? maskNik(nik) : nik,
    nikMasked: !!nik && !full,
    phone: row.phone,
    email: row.email,
    role: row.role,
    active: row.active,
    canEdit: !!row.writable,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * A write that another request may race on the same NIK: the unique index on the blind index
 * (people_nik_bidx_key) then refuses it, with the same error as the check before it.
 */
async function nikUnique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'people_nik_bidx_key')
      throw qualificationsError('person_nik_taken');
    throw err;
  }
}

/** The audit log keeps only a masked NIK (personal data). */
const auditablePerson = (v: PersonValues & { nik?: string | null }) =>
  v.nik ? { ...v, nik: maskNik(v.nik) } : v;

/** The organisation, for adding people: 404 outside the read scope, 403 when read-only. */
async function writableOrganisation(trx: Executor, id: string, scope: OrganisationScope) {
  const org = await findOrganisation(trx, id, scope, 'read', true);
  if (!org) throw organisationsError('organisation_not_found');
  if (!org.writable) throw new DomainError('forbidden');
  return org;
}

async function readablePerson(
  db: Executor,
  organisationId: string | undefined,
  personId: string,
  scope: OrganisationScope,
  lock = false,
) {
  const row = await repo.findPerson(db, personId, scope, 'read', {
    ...(organisationId ? { organisationId } : {}),
    lock,
  });
  if (!row) throw qualificationsError('person_not_found');
  return row;
}

async function writablePerson(
  trx: Executor,
  organisationId: string,
  personId: string,
  scope: OrganisationScope,
) {
  const row = await readablePerson(trx, organisationId, personId, scope, true);
  if (!row.writable) throw new DomainError('forbidden');
  return row;
}

function personValues(input: PersonPatch): PersonValues {
  const { values, problems } = normalisePerson(input);
  if (problems.length) throw invalidFields(problems);
  return values;
}

export async function browsePeople(
  db: Executor,
  actor: Actor,
  q: PeopleQuery,
  cipher: FieldCipher,
) {
  const scope = scopeOf(actor);
  // A search ranks by similarity: its cursor is (rank, name, id).
  const key = decodeCursor(q.cursor, q.q ? 3 : 2);
  const rows = await repo.listPeople(
    db,
    scope,
    q,
    key
      ? key.length === 3
        ? { rank: String(key[0]), name: String(key[1]), id: String(key[2]) }
        : { name: String(key[0]), id: String(key[1]) }
      : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => (q.q ? [r.rank ?? '0', r.name, r.id] : [r.name, r.id]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => presentPerson(r, scope, cipher)),
  };
}

export async function browseOrganisationPeople(
  db: Executor,
  organisationId: string,
  actor: Actor,
  q: Omit<PeopleQuery, 'organisationId' | 'siteId'>,
  cipher: FieldCipher,
) {
  if (!(await findOrganisation(db, organisationId, scopeOf(actor), 'read')))
    throw organisationsError('organisation_not_found');
  return browsePeople(db, actor, { ...q, organisationId }, cipher);
}

export async function getPerson(
  db: Executor,
  organisationId: string,
  personId: string,
  actor: Actor,
  cipher: FieldCipher,
) {
  const scope = scopeOf(actor);
  return presentPerson(await readablePerson(db, organisationId, personId, scope), scope, cipher);
}

export async function createPerson(
  trx: Executor,
  organisationId: string,
  input: PersonRequest,
  ctx: UserCtx,
  cipher: FieldCipher,
): Promise<Person> {
  const scope = scopeOf(ctx.actor);
  await writableOrganisation(trx, organisationId, scope);
  const values = personValues(input);
  if (values.nik && (await repo.nikTaken(trx, organisationId, values.nik, null, cipher)))
    throw qualificationsError('person_nik_taken');
  const { id } = await nikUnique(() =>
    repo.insertPerson(trx, organisationId, { ...values, name: input.name }, ctx.now, cipher),
  );
  await recordAudit(trx, ctx, {
    action: 'person.create',
    entityType: 'person',
    entityId: id,
    after: { organisationId, ...auditablePerson(values) },
  });
  return presentPerson((await repo.findPerson(trx, id, scope, 'read'))!, scope, cipher);
}

export async function updatePerson(
  trx: Executor,
  organisationId: string,
  personId: string,
  input: PersonPatch,
  ctx: UserCtx,
  cipher: FieldCipher,
): Promise<Person> {
  const scope = scopeOf(ctx.actor);
  const stored = await writablePerson(trx, organisationId, personId, scope);
  const before = { ...stored, nik: repo.openPersonNik(cipher, stored.nik_enc) };
  const values = personValues(input);
  if (values.nik && (await repo.nikTaken(trx, organisationId, values.nik, personId, cipher)))
    throw qualificationsError('person_nik_taken');
  await nikUnique(() => repo.updatePerson(trx, personId, values, ctx.now, cipher));
  await recordAudit(trx, ctx, {
    action: 'person.update',
    entityType: 'person',
    entityId: personId,
    before: auditablePerson(
      Object.fromEntries(
        Object.keys(values).map((k) => [k, before[k as keyof typeof before] ?? null]),
      ) as PersonValues,
    ),
    after: auditablePerson(values),
  });
  return presentPerson((await repo.findPerson(trx, personId, scope, 'read'))!, scope, cipher);
}

export async function deletePerson(
  trx: Executor,
  organisationId: string,
  personId: string,
  ctx: UserCtx,
  cipher: FieldCipher,
) {
  const before = await writablePerson(trx, organisationId, personId, scopeOf(ctx.actor));
  if (await repo.personInUse(trx, personId)) throw qualificationsError('person_in_use');
  await repo.deletePerson(trx, personId);
  await recordAudit(trx, ctx, {
    action: 'person.delete',
    entityType: 'person',
    entityId: personId,
    before: {
      organisationId,
      ...auditablePerson({
        name: before.name,
        nik: repo.openPersonNik(cipher, before.nik_enc),
        phone: before.phone,
        email: before.email,
        role: before.role,
        active: before.active,
      }),
    },
  });
}

// Sites -----------------------------------------------------------------------------------------

/** A site the actor is staff of: 404 when they cannot see it, 403 when they only see it. */
async function staffSite(db: Executor, siteId: string, actor: Actor) {
  const site = await repo.findSite(db, siteId, siteVisibility(actor));
  if (!site) throw sitesError('site_not_found');
  if (!staffOf(scopeOf(actor), site.id)) throw new DomainError('forbidden');
  return site;
}

/**
 * A person who may be trained or qualified at a site: in the actor's scope (else 404), active,
 * and of one of the site's member organisations unless the actor is an administrator.
 */
async function personForSite(
  trx: Executor,
  personId: string,
  siteId: string,
  scope: OrganisationScope,
) {
  const person = await repo.findPerson(trx, personId, scope, 'read', { lock: true });
  if (!person) throw qualificationsError('person_not_found');
  if (!scope.writeAll && !(await repo.isSiteMember(trx, siteId, person.organisation_id)))
    throw qualificationsError('person_not_member');
  if (!person.active) throw qualificationsError('person_inactive');
  return person;
}

// Training ----------------------------------------------------------------------------------------

const sessionOut = (r: repo.SessionRow, scope: OrganisationScope) => ({
  id: r.id,
  siteId: r.site_id,
  siteName: r.site_name,
  machineType: r.machine_type as MachineType,
  heldOn: r.held_on,
  trainer: { id: r.trainer_user_id, name: r.trainer_name },
  title: r.title,
  notes: r.notes,
  canEdit: staffOf(scope, r.site_id),
});

async function visibleSession(db: Executor, id: string, actor: Actor) {
  const row = await repo.findSession(db, id, siteVisibility(actor));
  if (!row) throw qualificationsError('training_session_not_found');
  return row;
}

export async function getSession(db: Executor, id: string, actor: Actor): Promise<TrainingSession> {
  const scope = scopeOf(actor);
  const row = await visibleSession(db, id, actor);
  const attendance = await repo.attendanceOf(db, id, scope);
  return {
    ...sessionOut(row, scope),
    attendance: attendance.map((a) => ({
      personId: a.person_id,
      personName: a.person_name,
      organisationId: a.organisation_id,
      organisationName: a.organisation_name,
      passed: a.passed,
      recordedAt: a.recorded_at.toISOString(),
    })),
  };
}

export async function browseSessions(db: Executor, actor: Actor, q: TrainingSessionQuery) {
  const scope = scopeOf(actor);
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listSessions(
    db,
    siteVisibility(actor),
    q,
    key ? { heldOn: String(key[0]), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.held_on, r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r): TrainingSessionSummary => ({
      ...sessionOut(r, scope),
      attendees: r.attendees,
      passed: r.passed,
    })),
  };
}

export async function createSession(
  trx: Executor,
  input: TrainingSessionRequest,
  ctx: UserCtx,
): Promise<TrainingSession> {
  await staffSite(trx, input.siteId, ctx.actor);
  const trainerId = input.trainerUserId ?? ctx.actor.userId;
  if (!(await repo.findActiveUser(trx, trainerId)))
    throw invalidFields([{ path: 'trainerUserId', code: 'trainer_not_found' }]);
  const { id } = await repo.insertSession(
    trx,
    {
      siteId: input.siteId,
      machineType: input.machineType,
      heldOn: input.heldOn,
      trainerUserId: trainerId,
      title: input.title,
      notes: input.notes,
      createdBy: userIdOf(ctx),
    },
    ctx.now,
  );
  await recordAudit(trx, ctx, {
    action: 'training_session.create',
    entityType: 'training_session',
    entityId: id,
    after: { ...input, trainerUserId: trainerId },
  });
  return getSession(trx, id, ctx.actor);
}

/** The session, for recording attendance: visible, and the actor is staff of its site. */
async function sessionForChange(trx: Executor, id: string, actor: Actor) {
  const session = await visibleSession(trx, id, actor);
  if (!staffOf(scopeOf(actor), session.site_id)) throw new DomainError('forbidden');
  return session;
}

export async function recordAttendance(
  trx: Executor,
  sessionId: string,
  personId: string,
  input: { passed: boolean },
  ctx: UserCtx,
): Promise<TrainingSession> {
  const scope = scopeOf(ctx.actor);
  const session = await sessionForChange(trx, sessionId, ctx.actor);
  if (session.held_on > localDate(ctx.now, session.time_zone))
    throw qualificationsError('training_in_future');
  await personForSite(trx, personId, session.site_id, scope);
  const before = await repo.findAttendance(trx, sessionId, personId);
  if (before?.passed && !input.passed && (await repo.attendanceUsed(trx, sessionId, personId)))
    throw qualificationsError('attendance_in_use');
  await repo.upsertAttendance(
    trx,
    { sessionId, personId, passed: input.passed, by: userIdOf(ctx) },
    ctx.now,
  );
  await recordAudit(trx, ctx, {
    action: 'training_attendance.record',
    entityType: 'training_session',
    entityId: sessionId,
    before: before ? { personId, passed: before.passed } : null,
    after: { personId, passed: input.passed },
  });
  return getSession(trx, sessionId, ctx.actor);
}

export async function removeAttendance(
  trx: Executor,
  sessionId: string,
  personId: string,
  ctx: UserCtx,
): Promise<TrainingSession> {
  const scope = scopeOf(ctx.actor);
  await sessionForChange(trx, sessionId, ctx.actor);
  if (!(await repo.findPerson(trx, personId, scope, 'read')))
    throw qualificationsError('person_not_found');
  const before = await repo.findAttendance(trx, sessionId, personId);
  if (!before) throw qualificationsError('attendance_not_found');
  if (await repo.attendanceUsed(trx, sessionId, personId))
    throw qualificationsError('attendance_in_use');
  await repo.deleteAttendance(trx, sessionId, personId);
  await recordAudit(trx, ctx, {
    action: 'training_attendance.remove',
    entityType: 'training_session',
    entityId: sessionId,
    before: { personId, passed: before.passed },
  });
  return getSession(trx, sessionId, ctx.actor);
}

// Qualifications ------------------------------------------------------------------------------

const factsOf = (r: repo.QualificationRow) => ({
  grantedOn: r.granted_on,
  lastUsedOn: r.last_used_on,
  revoked: r.revoked_at !== null,
});

function presentQualification(
  r: repo.QualificationRow,
  scope: OrganisationScope,
  now: Date,
): Qualification {
  const today = localDate(now, r.time_zone);
  const facts = factsOf(r);
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    machineType: r.machine_type as MachineType,
    siteId: r.site_id,
    siteName: r.site_name,
    grantedBy: r.granted_by_label,
    grantedOn: r.granted_on,
    lastUsedOn: r.last_used_on,
    trainingSessionId: r.training_session_id,
    monthsWithoutUse: r.months,
    expiresOn: expiresOn(facts, r.months),
    valid: validOn(facts, r.months, today),
    status: statusOn(facts, r.months, today),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
    revokedReason: r.revoked_reason,
    canEdit: staffOf(scope, r.site_id),
  };
}

async function readableQualification(
  db: Executor,
  id: string,
  scope: OrganisationScope,
  lock = false,
) {
  const row = await repo.findQualification(db, id, scope, months, lock);
  if (!row) throw qualificationsError('qualification_not_found');
  return row;
}

export async function getQualification(db: Executor, id: string, actor: Actor, now: Date) {
  const scope = scopeOf(actor);
  return presentQualification(await readableQualification(db, id, scope), scope, now);
}

/** A use case's date: today at the site if not given, never after it. */
function siteDate(given: string | undefined, today: string, path: string): string {
  if (given !== undefined && given > today) throw invalidFields([{ path, code: 'date_in_future' }]);
  return given ?? today;
}

const LAPSED_REASON = 'Kedaluwarsa; diganti pemberian baru / Lapsed; superseded by a new grant';

export async function grantQualification(
  trx: Executor,
  input: GrantQualificationRequest,
  ctx: UserCtx,
): Promise<Qualification> {
  const scope = scopeOf(ctx.actor);
  const site = await staffSite(trx, input.siteId, ctx.actor);
  const person = await personForSite(trx, input.personId, site.id, scope);
  const today = localDate(ctx.now, site.time_zone);
  const grantedOn = siteDate(input.grantedOn, today, 'grantedOn');
  if (input.trainingSessionId) {
    const a = await repo.findAttendance(trx, input.trainingSessionId, person.id);
    if (!a) throw qualificationsError('attendance_not_found');
    const problems: FieldProblem[] = [];
    if (!a.passed) problems.push({ path: 'trainingSessionId', code: 'attendance_not_passed' });
    if (a.machine_type !== input.machineType)
      problems.push({ path: 'trainingSessionId', code: 'attendance_machine_type' });
    if (a.held_on > grantedOn)
      problems.push({ path: 'grantedOn', code: 'granted_before_training' });
    if (problems.length) throw invalidFields(problems);
  }
  const current = await repo.findUnrevoked(trx, person.id, input.machineType, months);
  if (current) {
    if (validOn(factsOf(current), current.months, today) || current.granted_on > grantedOn)
      throw qualificationsError('qualification_held', { qualificationId: current.id });
    // A lapsed qualification is closed for the record, so that the new one is the active one.
    await repo.revokeQualification(
      trx,
      current.id,
      { by: userIdOf(ctx), reason: LAPSED_REASON },
      ctx.now,
    );
    await recordAudit(trx, ctx, {
      action: 'qualification.supersede',
      entityType: 'qualification',
      entityId: current.id,
      before: { expiresOn: expiresOn(factsOf(current), current.months) },
      after: { revokedReason: LAPSED_REASON },
    });
  }
  const { id } = await repo.insertQualification(
    trx,
    {
      personId: person.id,
      machineType: input.machineType,
      siteId: site.id,
      grantedBy: userIdOf(ctx),
      grantedByLabel: ctx.actor.name,
      grantedOn,
      trainingSessionId: input.trainingSessionId,
    },
    ctx.now,
  );
  await recordAudit(trx, ctx, {
    action: 'qualification.grant',
    entityType: 'qualification',
    entityId: id,
    after: {
      personId: person.id,
      machineType: input.machineType,
      siteId: site.id,
      grantedOn,
      trainingSessionId: input.trainingSessionId,
    },
  });
  return presentQualification(
    await readableQualification(trx, id, { ...scope, readAll: true }),
    scope,
    ctx.now,
  );
}

export async function revokeQualification(
  trx: Executor,
  id: string,
  reason: string,
  ctx: UserCtx,
): Promise<Qualification> {
  const scope = scopeOf(ctx.actor);
  const q = await readableQualification(trx, id, scope, true);
  if (!staffOf(scope, q.site_id)) throw new DomainError('forbidden');
  if (q.revoked_at) throw qualificationsError('qualification_revoked');
  await repo.revokeQualification(trx, id, { by: userIdOf(ctx), reason }, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'qualification.revoke',
    entityType: 'qualification',
    entityId: id,
    before: { revokedAt: null },
    after: { reason },
  });
  return presentQualification(await readableQualification(trx, id, scope), scope, ctx.now);
}

/** Records a use of a qualification at a site (shared by the endpoint and booking check-in). */
/**
 * Moves a qualification's last use to `on` (a site-local date) when that is later, with an
 * audit row; refuses a revoked or expired qualification and a use before the grant.
 */
async function applyUse(
  trx: Executor,
  q: repo.QualificationRow,
  siteId: string,
  on: string,
  ctx: UserCtx,
): Promise<void> {
  const facts = factsOf(q);
  if (facts.revoked) throw qualificationsError('qualification_revoked');
  if (on < q.granted_on) throw invalidFields([{ path: 'on', code: 'use_before_grant' }]);
  if (!validOn(facts, q.months, on))
    throw qualificationsError('qualification_expired', { expiresOn: expiresOn(facts, q.months) });
  const next = lastUseAfter(q.last_used_on, on);
  if (next === q.last_used_on) return;
  await repo.setLastUsed(trx, q.id, next, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'qualification.use',
    entityType: 'qualification',
    entityId: q.id,
    before: { lastUsedOn: q.last_used_on, expiresOn: expiresOn(facts, q.months) },
    after: {
      lastUsedOn: next,
      siteId,
      expiresOn: expiresOn({ ...facts, lastUsedOn: next }, q.months),
    },
  });
}

async function useQualification(
  trx: Executor,
  q: repo.QualificationRow,
  input: RecordUseRequest,
  ctx: UserCtx,
): Promise<Qualification> {
  const scope = scopeOf(ctx.actor);
  const siteId = input.siteId ?? q.site_id;
  const site =
    siteId === q.site_id && staffOf(scope, siteId)
      ? { id: q.site_id, time_zone: q.time_zone }
      : await staffSite(trx, siteId, ctx.actor);
  if (
    site.id !== q.site_id &&
    !scope.writeAll &&
    !(await repo.isSiteMember(trx, site.id, q.organisation_id))
  )
    throw qualificationsError('person_not_member');
  const on = siteDate(input.on, localDate(ctx.now, site.time_zone), 'on');
  await applyUse(trx, q, site.id, on, ctx);
  return presentQualification(
    await readableQualification(trx, q.id, { ...scope, readAll: true }),
    scope,
    ctx.now,
  );
}

export async function recordQualificationUse(
  trx: Executor,
  id: string,
  input: RecordUseRequest,
  ctx: UserCtx,
): Promise<Qualification> {
  const q = await readableQualification(trx, id, scopeOf(ctx.actor), true);
  return useQualification(trx, q, input, ctx);
}

/**
 * A booking's check-in counts as a use of the worker's qualification on that machine type.
 * The check-in was authorised already (the member itself, or the site's staff), so no staff
 * rights are asked here; a qualification that is missing, revoked or expired records nothing.
 */
export async function recordUseAtCheckIn(
  trx: Executor,
  personId: string,
  machineType: MachineType,
  use: { siteId: string; on: string },
  ctx: UserCtx,
): Promise<boolean> {
  const current = await repo.findUnrevoked(trx, personId, machineType, months);
  if (!current) return false;
  const facts = factsOf(current);
  if (facts.revoked || use.on < current.granted_on || !validOn(facts, current.months, use.on))
    return false;
  await applyUse(trx, current, use.siteId, use.on, ctx);
  return true;
}

/**
 * Whether a person (or, for an organisation, any of its active people) holds a qualification
 * on the machine type that is valid on `on` (YYYY-MM-DD). For the booking check.
 */
export async function hasValidQualification(
  db: Executor,
  who: { personId: string } | { organisationId: string },
  machineType: MachineType,
  on: string,
): Promise<boolean> {
  const rows = await repo.unrevokedFor(db, who, machineType, months);
  return rows.some((r) => validOn(factsOf(r), r.months, on));
}

export async function personQualifications(
  db: Executor,
  organisationId: string,
  personId: string,
  actor: Actor,
  now: Date,
) {
  const scope = scopeOf(actor);
  await readablePerson(db, organisationId, personId, scope);
  const rows = await repo.personQualifications(db, personId, months);
  return { items: rows.map((r) => presentQualification(r, scope, now)) };
}

export async function browseQualifications(
  db: Executor,
  actor: Actor,
  q: QualificationQuery,
  now: Date,
) {
  const scope = scopeOf(actor);
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listQualifications(
    db,
    scope,
    q,
    now,
    months,
    key ? { expiresOn: String(key[0]), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.expires_on, r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => presentQualification(r, scope, now)),
  };
}

// Rules -----------------------------------------------------------------------------------------

export async function listRules(db: Executor) {
  const rows = new Map((await repo.listRules(db)).map((r) => [r.machine_type, r]));
  return {
    defaultMonths: DEFAULT_MONTHS_WITHOUT_USE,
    items: MACHINE_TYPES.map((t) => {
      const r = rows.get(t);
      return {
        machineType: t,
        monthsWithoutUse: r?.months_without_use ?? DEFAULT_MONTHS_WITHOUT_USE,
        isDefault: !r,
        updatedAt: r ? r.updated_at.toISOString() : null,
      };
    }),
  };
}

export async function updateRules(
  trx: Executor,
  input: UpdateQualificationRulesRequest,
  ctx: UserCtx,
) {
  if (!scopeOf(ctx.actor).writeAll) throw new DomainError('forbidden');
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  input.items.forEach((it, i) => {
    if (seen.has(it.machineType))
      problems.push({ path: `items.${i}.machineType`, code: 'rule_duplicate_type' });
    seen.add(it.machineType);
  });
  if (problems.length) throw invalidFields(problems);
  const before = new Map((await repo.listRules(trx)).map((r) => [r.machine_type, r]));
  for (const it of input.items) {
    const old = before.get(it.machineType)?.months_without_use ?? null;
    if (old === it.monthsWithoutUse) continue;
    if (it.monthsWithoutUse === null) await repo.deleteRule(trx, it.machineType);
    else await repo.upsertRule(trx, it.machineType, it.monthsWithoutUse, userIdOf(ctx), ctx.now);
    await recordAudit(trx, ctx, {
      action: 'qualification_rule.update',
      entityType: 'qualification_rule',
      entityId: it.machineType,
      before: { monthsWithoutUse: old },
      after: { monthsWithoutUse: it.monthsWithoutUse },
    });
  }
  return listRules(trx);
}

// Expiry reminders ----------------------------------------------------------------------------

export const REMINDERS_QUEUE = 'reminders.expiry';

export interface ReminderRun {
  today: string;
  certificates: number;
  machineDocuments: number;
  qualifications: number;
  /** E-mails newly put in the outbox (a reminder already queued is not queued again). */
  queued: number;
}

const uniqueAddresses = (list: (string | null | undefined)[]) => [
  ...new Set(list.filter((x): x is string => !!x).map((x) => x.toLowerCase())),
];

function groupBy<T>(rows: T[], key: (r: T) => string | null, value: (r: T) => string) {
  const m = new Map<string, string[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    m.set(k, [...(m.get(k) ?? []), value(r)]);
  }
  return m;
}

/**
 * Queues the expiry reminders due today (WIB, the programme-wide date) in one transaction:
 * organisation certificates (to the organisation's e-mail and its member users), machine
 * documents (to the site's managers) and qualifications (to the person, the organisation's
 * member users and the granting site's operators). Each reminder has a dedupe key per item,
 * expiry date, window and recipient, so a second run on the same day (or the next day, in the
 * same window) queues nothing; a changed expiry date is a new reminder.
 */
export async function queueExpiryReminders(db: Db, now: Date): Promise<ReminderRun> {
  return db.transaction().execute(async (trx) => {
    const today = effectiveDate(now);
    const until = addDays(today, Math.max(...REMINDER_WINDOWS));
    let queued = 0;
    const send = async (
      kind: ReminderSubject['kind'],
      id: string,
      item: { expiresOn: string; window: number; daysLeft: number },
      subject: ReminderSubject,
      to: string[],
    ) => {
      const mail = reminderEmail(subject, item.expiresOn, item.daysLeft);
      for (const address of to) {
        const stored = await queueEmail(
          trx,
          {
            to: address,
            ...mail,
            dedupeKey: reminderKey(kind, id, item.expiresOn, item.window, address),
          },
          now,
        );
        if (stored) queued++;
      }
    };

    const certificates = dueReminders(
      (await repo.certificatesExpiring(trx, today, until)).map((c) => ({
        ...c,
        expiresOn: c.expires_on,
      })),
      today,
    );
    const certMembers = groupBy(
      await repo.organisationUserEmails(
        trx,
        [...new Set(certificates.map((c) => c.organisation_id))],
        'umkm_member',
      ),
      (r) => r.organisation_id,
      (r) => r.email,
    );
    for (const c of certificates) {
      await send(
        'certificate',
        c.id,
        c,
        {
          kind: 'certificate',
          type: c.type,
          number: c.number,
          organisationName: c.organisation_name,
        },
        uniqueAddresses([c.organisation_email, ...(certMembers.get(c.organisation_id) ?? [])]),
      );
    }

    const documents = dueReminders(
      (await repo.machineDocumentsExpiring(trx, today, until)).map((d) => ({
        ...d,
        expiresOn: d.expires_on,
      })),
      today,
    );
    const managers = groupBy(
      await repo.siteUserEmails(trx, [...new Set(documents.map((d) => d.site_id))], 'site_manager'),
      (r) => r.site_id,
      (r) => r.email,
    );
    for (const d of documents) {
      await send(
        'machine_document',
        d.id,
        d,
        {
          kind: 'machine_document',
          title: d.title,
          documentKind: d.kind,
          machineCode: d.machine_code,
          machineName: d.machine_name,
          siteName: d.site_name,
        },
        uniqueAddresses(managers.get(d.site_id) ?? []),
      );
    }

    // The SQL prefilter uses PostgreSQL's month arithmetic; the due decision uses the rule.
    const qualifications = dueReminders(
      (await repo.qualificationsExpiring(trx, today, until, months)).map((q) => ({
        ...q,
        expiresOn: expiresOn(factsOf(q), q.months),
      })),
      today,
    );
    const qualMembers = groupBy(
      await repo.organisationUserEmails(
        trx,
        [...new Set(qualifications.map((q) => q.organisation_id))],
        'umkm_member',
      ),
      (r) => r.organisation_id,
      (r) => r.email,
    );
    const operators = groupBy(
      await repo.siteUserEmails(
        trx,
        [...new Set(qualifications.map((q) => q.site_id))],
        'site_operator',
      ),
      (r) => r.site_id,
      (r) => r.email,
    );
    for (const q of qualifications) {
      await send(
        'qualification',
        q.id,
        q,
        {
          kind: 'qualification',
          machineType: q.machine_type,
          personName: q.person_name,
          organisationName: q.organisation_name,
          siteName: q.site_name,
        },
        uniqueAddresses([
          q.person_email,
          ...(qualMembers.get(q.organisation_id) ?? []),
          ...(operators.get(q.site_id) ?? []),
        ]),
      );
    }

    const run: ReminderRun = {
      today,
      certificates: certificates.length,
      machineDocuments: documents.length,
      qualifications: qualifications.length,
      queued,
    };
    if (queued > 0) {
      await recordAudit(
        trx,
        { actor: null, now },
        {
          action: 'reminders.queue',
          entityType: 'outbox',
          after: run,
        },
      );
    }
    return run;
  });
}
