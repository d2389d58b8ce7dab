/**
 * Pure rules of UMKM self-registration: who may see and decide a site's requests, checking a
 * submitted form with the organisations' own identifier rules (so a mistake gets the very
 * message the staff form gives), and the e-mails of submission and decision. No I/O.
 */
import type { Grant } from '../accounts/accounts.contract.js';
import {
  checkKbliFormat,
  normaliseProfile,
  type ProfileValues,
} from '../organisations/organisations.js';
import type { RegisterRequest, RegistrationStatus } from './registrations.contract.js';

/** Whose requests an actor may see and decide: administrators all, a site's managers theirs. */
export interface RegistrationScope {
  all: boolean;
  siteIds: string[];
}

export function registrationScope(grants: readonly Pick<Grant, 'role' | 'scopeId'>[]) {
  const scope: RegistrationScope = { all: false, siteIds: [] };
  for (const g of grants) {
    if (g.role === 'administrator') scope.all = true;
    else if (g.role === 'site_manager' && g.scopeId) scope.siteIds.push(g.scopeId);
  }
  return scope;
}

export const canDecide = (scope: RegistrationScope, siteId: string): boolean =>
  scope.all || scope.siteIds.includes(siteId);

export interface FieldProblem {
  path: string;
  code: string;
  params?: Record<string, string>;
}

/**
 * Checks the business part of a registration with normaliseProfile (NIB, NPWP, NIK, phone,
 * region code) and the KBLI codes' format, collecting every problem at once. Whether each KBLI
 * code is in the shipped KBLI 2020 list is a table lookup, left to the service.
 */
export function checkRegistration(input: RegisterRequest): {
  values: ProfileValues;
  kbli: string[];
  warnings: { field: string; code: string }[];
  problems: FieldProblem[];
} {
  const { values, warnings, problems } = normaliseProfile(input, null);
  const all: FieldProblem[] = [...problems];
  const kbli: string[] = [];
  for (const raw of input.kbli) {
    const f = checkKbliFormat(raw);
    if (!f.ok) all.push({ path: 'kbli', code: f.reason });
    else if (!kbli.includes(f.value)) kbli.push(f.value);
  }
  return { values, kbli, warnings, problems: all };
}

// E-mails -------------------------------------------------------------------------------------

/** Indonesian first, English below, like every e-mail of RPB. */
const bilingual = (id: string, en: string) => `${id}\n\n---\n\n${en}\n`;
const linkLine = (url: string | null, id: string, en: string) =>
  url ? { id: `\n\n${id}: ${url}`, en: `\n\n${en}: ${url}` } : { id: '', en: '' };

/** To each manager of the site: a new request waits for their decision. */
export function submittedEmail(r: {
  organisationName: string;
  nib: string;
  siteName: string;
  siteCode: string;
  applicantName: string;
  applicantEmail: string;
  /** The managers' registrations page, when the public URL is known. */
  url: string | null;
}): { subject: string; text: string } {
  const link = linkLine(r.url, 'Buka daftar pendaftaran', 'Open the registrations');
  return {
    subject: `Pendaftaran anggota baru di ${r.siteName}: ${r.organisationName}`,
    text: bilingual(
      `${r.applicantName} (${r.applicantEmail}) mendaftarkan ${r.organisationName} (NIB ${r.nib}) ` +
        `sebagai anggota UMKM di ${r.siteName} (${r.siteCode}). Pendaftaran ini menunggu ` +
        `persetujuan Anda: periksa datanya lalu setujui atau tolak di menu Pendaftaran RPB.` +
        link.id,
      `${r.applicantName} (${r.applicantEmail}) registered ${r.organisationName} (NIB ${r.nib}) ` +
        `as a UMKM member of ${r.siteName} (${r.siteCode}). The registration waits for your ` +
        `approval: check it, then approve or reject it under Registrations in RPB.` +
        link.en,
    ),
  };
}

/** To the applicant: the site's decision, with the reason of a rejection. */
export function decisionEmail(r: {
  status: Exclude<RegistrationStatus, 'pending'>;
  applicantName: string;
  organisationName: string;
  siteName: string;
  reason: string | null;
  url: string | null;
}): { subject: string; text: string } {
  const link = linkLine(r.url, 'Masuk ke RPB', 'Log in to RPB');
  if (r.status === 'approved') {
    return {
      subject: `Pendaftaran ${r.organisationName} di ${r.siteName} disetujui`,
      text: bilingual(
        `Halo ${r.applicantName},\n\nPendaftaran ${r.organisationName} sebagai anggota UMKM di ` +
          `${r.siteName} telah disetujui. Masuk ke RPB dengan e-mail dan kata sandi Anda untuk ` +
          `melengkapi profil usaha dan menggunakan situs.` +
          link.id,
        `Hello ${r.applicantName},\n\nThe registration of ${r.organisationName} as a UMKM member ` +
          `of ${r.siteName} has been approved. Log in to RPB with your e-mail and password to ` +
          `complete the business profile and use the site.` +
          link.en,
      ),
    };
  }
  return {
    subject: `Pendaftaran ${r.organisationName} di ${r.siteName} ditolak`,
    text: bilingual(
      `Halo ${r.applicantName},\n\nPendaftaran ${r.organisationName} sebagai anggota UMKM di ` +
        `${r.siteName} ditolak oleh pengelola situs dengan alasan:\n\n${r.reason ?? ''}\n\n` +
        `Hubungi pengelola situs bila ada pertanyaan.` +
        link.id,
      `Hello ${r.applicantName},\n\nThe registration of ${r.organisationName} as a UMKM member ` +
        `of ${r.siteName} was rejected by the site's management, for this reason:\n\n` +
        `${r.reason ?? ''}\n\nContact the site's management if you have questions.` +
        link.en,
    ),
  };
}
