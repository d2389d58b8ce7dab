/**
 * API shapes of UMKM self-registration: the public form (a business, the site to join and the
 * applicant's account), the public list of sites to choose from, the applicant's own view of
 * their request, and the managers' list with approve/reject.
 *
 * The business fields are the staff form's (CreateOrganisationRequest) with the identifiers a
 * self-registered UMKM must give made required; they are checked by the same pure rules, so
 * the same mistake gets the same translated message beside the same field.
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';
import { Email, PASSWORD_MIN_LENGTH } from '../accounts/accounts.contract.js';
import {
  CreateOrganisationRequest,
  KbliCode,
  LegalForm,
  Warning,
} from '../organisations/organisations.contract.js';
import { TimeZone } from '../registry/registry.contract.js';

export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** At most this many KBLI codes on the form (OSS licenses rarely carry more). */
export const MAX_REGISTRATION_KBLI = 20;

const required = (max: number) => z.string().trim().min(1).max(max);

export const RegisterRequest = CreateOrganisationRequest.omit({ kind: true, siteId: true }).extend({
  nib: required(40).describe('13 digits (separators allowed)'),
  npwp: required(40).describe('15-digit NPWP, 16-digit NPWP16 or NIK, or 22-digit NITKU'),
  ownerName: required(120),
  ownerNik: required(40).describe("The owner's NIK, 16 digits"),
  kbli: z
    .array(z.string().trim().max(10))
    .min(1)
    .max(MAX_REGISTRATION_KBLI)
    .describe('KBLI 2020 codes (5 digits) from GET /api/kbli'),
  siteId: z.string().uuid().describe('The site to join, from GET /api/registrations/sites'),
  applicantName: required(120).describe('The person registering (becomes the account name)'),
  applicantEmail: Email.describe('Login e-mail of the new account'),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/** What a visitor may see of a site: enough to choose it, nothing about its people or assets. */
export const PublicSite = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  province: z.string(),
  regency: z.string(),
});
export type PublicSite = z.infer<typeof PublicSite>;
export const PublicSiteList = z.object({ items: z.array(PublicSite) });

/** The site of a request; times are shown in its zone. */
const SiteRef = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  timeZone: TimeZone,
});

/** The answer to a submission: only what the applicant just sent, nothing else. */
export const RegistrationSubmitted = z.object({
  id: z.string().uuid(),
  status: RegistrationStatus,
  site: SiteRef,
  submittedAt: z.string().datetime(),
  warnings: z.array(Warning).describe('Soft findings, e.g. a NIK whose birth date differs'),
});

/** An applicant's own request, as they see it after logging in. */
export const MyRegistration = z.object({
  id: z.string().uuid(),
  status: RegistrationStatus,
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  site: SiteRef,
  submittedAt: z.string().datetime(),
  decidedAt: z.string().datetime().nullable(),
  rejectReason: z.string().nullable(),
});
export type MyRegistration = z.infer<typeof MyRegistration>;
export const MyRegistrationList = z.object({ items: z.array(MyRegistration) });

/** A request as a site's manager (or an administrator) sees it, to decide on it. */
export const Registration = z.object({
  id: z.string().uuid(),
  status: RegistrationStatus,
  site: SiteRef,
  organisation: z.object({
    id: z.string().uuid(),
    name: z.string(),
    legalForm: LegalForm.nullable(),
    nib: z.string().nullable(),
    npwp: z.string().nullable(),
    address: z.string().nullable(),
    province: z.string().nullable(),
    regency: z.string().nullable(),
    regionCode: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    ownerName: z.string().nullable(),
    ownerNik: z.string().nullable().describe('Masked (3201********0001) except for administrators'),
    kbli: z.array(KbliCode),
  }),
  applicant: z.object({ name: z.string(), email: z.string() }),
  submittedAt: z.string().datetime(),
  decidedAt: z.string().datetime().nullable(),
  decidedBy: z.string().nullable().describe('E-mail of who decided'),
  rejectReason: z.string().nullable(),
});
export type Registration = z.infer<typeof Registration>;
export const RegistrationList = page(Registration);

export const RegistrationListQuery = PageQuery.extend({
  status: RegistrationStatus.default('pending'),
  siteId: z.string().uuid().optional(),
});
export type RegistrationListQuery = z.infer<typeof RegistrationListQuery>;

export const RegistrationParams = z.object({ id: z.string().uuid() });

export const RejectRegistrationRequest = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Sent to the applicant'),
});
