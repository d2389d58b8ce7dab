/**
 * Use cases of UMKM self-registration. A visitor submits a business, the site to join and an
 * account in one transaction: the organisation (kind umkm, with its KBLI codes), the user
 * (no grant yet) and a pending request, and an e-mail to each of the site's managers. A
 * manager of that site (or an administrator) approves — the organisation becomes a member of
 * the site and the applicant gets umkm_member on it — or rejects with a reason; the applicant
 * is told by e-mail either way. Outside the scope a request does not exist (404).
 */
import type { Config } from '../../server/config.js';
import type { Actor, ServiceContext } from '../../server/context.js';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import type { Locale } from '../../contracts/api.contract.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import * as accountsRepo from '../accounts/accounts.repository.js';
import { hashPassword } from '../accounts/accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueEmail } from '../jobs/jobs.service.js';
import type { OrganisationWarningCode } from '../organisations/organisations.errors.js';
import * as orgRepo from '../organisations/organisations.repository.js';
import { effectiveDate, maskNik, type ProfileValues } from '../organisations/organisations.js';
import type {
  MyRegistration,
  RegisterRequest,
  Registration,
  RegistrationListQuery,
  RegistrationStatus,
} from './registrations.contract.js';
import { registrationsError } from './registrations.errors.js';
import * as repo from './registrations.repository.js';
import {
  canDecide,
  checkRegistration,
  decisionEmail,
  registrationScope,
  submittedEmail,
} from './registrations.js';

type UserCtx = ServiceContext & { actor: Actor };

export interface RegistrationsDeps {
  /** RPB_PUBLIC_URL: e-mails link to the app when it is known. */
  publicUrl: string | null;
  /** Seals the owner's NIK at rest and opens it for the managers' view. */
  cipher: FieldCipher;
}

export const registrationsDeps = (config: Config, cipher: FieldCipher): RegistrationsDeps => ({
  publicUrl: config.publicUrl,
  cipher,
});

const urlOf = (deps: RegistrationsDeps, path: string) =>
  deps.publicUrl ? `${deps.publicUrl.replace(/\/+$/, '')}${path}` : null;

/** The managers' page of the web app (src/web/app/nav.ts). */
const REGISTRATIONS_PAGE = '/registrations';

export const listPublicSites = async (db: Executor) => ({ items: await repo.publicSites(db) });

export interface WarningFinding {
  field: string;
  code: OrganisationWarningCode;
}

/** The audit log keeps only a masked NIK (personal data). */
const auditable = (v: ProfileValues) => ({
  ...v,
  ...(v.owner_nik ? { owner_nik: maskNik(v.owner_nik) } : {}),
});

export async function submitRegistration(
  trx: Executor,
  input: RegisterRequest & { locale: Locale },
  ctx: ServiceContext,
  deps: RegistrationsDeps,
) {
  const site = await repo.findSite(trx, input.siteId);
  const { values, kbli, warnings, problems } = checkRegistration(input);
  if (!site) problems.push({ path: 'siteId', code: 'registration_site_unknown' });
  for (const code of kbli) {
    if (!(await orgRepo.findKbli(trx, code)))
      problems.push({ path: 'kbli', code: 'kbli_unknown', params: { code } });
  }
  if (problems.length || !site) throw new DomainError('validation_failed', { fields: problems });
  // Specific refusals, each naming its field; the NIB and the e-mail are unique in the
  // database too, so a race between two submissions ends in a conflict, never a duplicate.
  if (values.nib && (await orgRepo.nibTakenBy(trx, values.nib, null)))
    throw new DomainError('nib_taken', { field: 'nib' });
  if (await accountsRepo.findUserByEmail(trx, input.applicantEmail))
    throw new DomainError('email_taken', { field: 'applicantEmail' });

  const user = await accountsRepo.insertUser(trx, {
    email: input.applicantEmail,
    name: input.applicantName,
    passwordHash: await hashPassword(input.password),
    locale: input.locale,
    now: ctx.now,
  });
  if (!user) throw new DomainError('email_taken', { field: 'applicantEmail' });
  const { id: organisationId } = await orgRepo.insertOrganisation(
    trx,
    { ...values, kind: 'umkm', name: input.name },
    ctx.now,
    deps.cipher,
  );
  for (const code of kbli) await orgRepo.addKbli(trx, organisationId, code, ctx.now);
  const registration = await repo.insertRegistration(trx, {
    organisationId,
    siteId: site.id,
    applicantUserId: user.id,
    now: ctx.now,
  });

  // The applicant acts from the public page: the audit rows name their new account.
  const applicant: ServiceContext = {
    ...ctx,
    actor: {
      userId: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      grants: [],
      via: 'session',
    },
  };
  await recordAudit(trx, applicant, {
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    after: { email: user.email, name: user.name, locale: user.locale, grants: [] },
  });
  await recordAudit(trx, applicant, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: organisationId,
    after: { ...auditable(values), kind: 'umkm', name: input.name, kbli },
  });
  await recordAudit(trx, applicant, {
    action: 'registration.submit',
    entityType: 'member_registration',
    entityId: registration.id,
    after: { organisationId, siteId: site.id, applicantUserId: user.id, status: 'pending' },
  });

  const mail = submittedEmail({
    organisationName: input.name,
    nib: values.nib ?? '',
    siteName: site.name,
    siteCode: site.code,
    applicantName: user.name,
    applicantEmail: user.email,
    url: urlOf(deps, REGISTRATIONS_PAGE),
  });
  for (const to of await repo.siteManagerEmails(trx, site.id)) {
    await queueEmail(
      trx,
      { to, ...mail, dedupeKey: `registration.submitted:${registration.id}:${to}` },
      ctx.now,
    );
  }
  return {
    id: registration.id,
    status: registration.status,
    site: { id: site.id, code: site.code, name: site.name, timeZone: site.time_zone },
    submittedAt: registration.submitted_at.toISOString(),
    warnings: warnings as WarningFinding[],
  };
}

const siteOf = (r: repo.RegistrationRow) => ({
  id: r.site_id,
  code: r.site_code,
  name: r.site_name,
  timeZone: r.site_time_zone,
});

// The applicant's own view --------------------------------------------------------------------

const mine = (r: repo.RegistrationRow): MyRegistration => ({
  id: r.id,
  status: r.status,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  site: siteOf(r),
  submittedAt: r.submitted_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
  rejectReason: r.reject_reason,
});

export async function myRegistrations(db: Executor, actor: Actor) {
  return { items: (await repo.registrationsOf(db, actor.userId)).map(mine) };
}

// Managers ------------------------------------------------------------------------------------

function present(
  r: repo.RegistrationRow,
  kbli: { code: string; title: string }[],
  fullNik: boolean,
  cipher: FieldCipher,
): Registration {
  const ownerNik = orgRepo.openOwnerNik(cipher, r.owner_nik_enc);
  return {
    id: r.id,
    status: r.status,
    site: siteOf(r),
    organisation: {
      id: r.organisation_id,
      name: r.organisation_name,
      legalForm: r.legal_form as Registration['organisation']['legalForm'],
      nib: r.nib,
      npwp: r.npwp,
      address: r.address,
      province: r.province,
      regency: r.regency,
      regionCode: r.region_code,
      phone: r.phone,
      email: r.email,
      ownerName: r.owner_name,
      ownerNik: ownerNik && !fullNik ? maskNik(ownerNik) : ownerNik,
      kbli,
    },
    applicant: { name: r.applicant_name, email: r.applicant_email },
    submittedAt: r.submitted_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decided_by_email,
    rejectReason: r.reject_reason,
  };
}

export async function browseRegistrations(
  db: Executor,
  actor: Actor,
  q: RegistrationListQuery,
  cipher: FieldCipher,
) {
  const scope = registrationScope(actor.grants);
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listRegistrations(
    db,
    scope,
    { status: q.status, siteId: q.siteId },
    key ? { submittedAt: new Date(String(key[0])), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.submitted_at.toISOString(), r.id]);
  const kbli = await repo.kbliOfMany(
    db,
    page.items.map((r) => r.organisation_id),
  );
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => present(r, kbli.get(r.organisation_id) ?? [], scope.all, cipher)),
  };
}

/** The request for a decision: 404 outside the scope, 409 once decided. Locks the row. */
async function pending(trx: Executor, id: string, actor: Actor) {
  const scope = registrationScope(actor.grants);
  const row = await repo.findRegistration(trx, id, scope, true);
  if (!row || !canDecide(scope, row.site_id)) throw registrationsError('registration_not_found');
  if (row.status !== 'pending') throw registrationsError('registration_decided');
  return { row, scope };
}

async function decided(
  trx: Executor,
  id: string,
  scope: ReturnType<typeof registrationScope>,
  cipher: FieldCipher,
) {
  const row = (await repo.findRegistration(trx, id, scope))!;
  const kbli = await repo.kbliOfMany(trx, [row.organisation_id]);
  return present(row, kbli.get(row.organisation_id) ?? [], scope.all, cipher);
}

async function tellApplicant(
  trx: Executor,
  row: repo.RegistrationRow,
  status: Exclude<RegistrationStatus, 'pending'>,
  reason: string | null,
  ctx: ServiceContext,
  deps: RegistrationsDeps,
) {
  await queueEmail(
    trx,
    {
      to: row.applicant_email,
      ...decisionEmail({
        status,
        applicantName: row.applicant_name,
        organisationName: row.organisation_name,
        siteName: row.site_name,
        reason,
        url: urlOf(deps, '/login'),
      }),
      dedupeKey: `registration.${status}:${row.id}`,
    },
    ctx.now,
  );
}

export async function approveRegistration(
  trx: Executor,
  id: string,
  ctx: UserCtx,
  deps: RegistrationsDeps,
): Promise<Registration> {
  const { row, scope } = await pending(trx, id, ctx.actor);
  const joinedOn = effectiveDate(ctx.now);
  await orgRepo.addSiteMember(trx, row.site_id, row.organisation_id, joinedOn);
  await accountsRepo.insertGrant(
    trx,
    row.applicant_user_id,
    'umkm_member',
    'organisation',
    row.organisation_id,
  );
  await repo.decideRegistration(trx, id, {
    status: 'approved',
    by: ctx.actor.userId,
    now: ctx.now,
    reason: null,
  });
  await recordAudit(trx, ctx, {
    action: 'registration.approve',
    entityType: 'member_registration',
    entityId: id,
    before: { status: 'pending' },
    after: {
      status: 'approved',
      membership: { siteId: row.site_id, organisationId: row.organisation_id, joinedOn },
      grant: {
        userId: row.applicant_user_id,
        role: 'umkm_member',
        organisationId: row.organisation_id,
      },
    },
  });
  await tellApplicant(trx, row, 'approved', null, ctx, deps);
  return decided(trx, id, scope, deps.cipher);
}

export async function rejectRegistration(
  trx: Executor,
  id: string,
  reason: string,
  ctx: UserCtx,
  deps: RegistrationsDeps,
): Promise<Registration> {
  const { row, scope } = await pending(trx, id, ctx.actor);
  await repo.decideRegistration(trx, id, {
    status: 'rejected',
    by: ctx.actor.userId,
    now: ctx.now,
    reason,
  });
  await recordAudit(trx, ctx, {
    action: 'registration.reject',
    entityType: 'member_registration',
    entityId: id,
    before: { status: 'pending' },
    after: { status: 'rejected', reason },
  });
  await tellApplicant(trx, row, 'rejected', reason, ctx, deps);
  return decided(trx, id, scope, deps.cipher);
}
