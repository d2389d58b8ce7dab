/** Types of the organisation API shapes, from the contract schemas (see lib/contracts.ts). */
import type { z } from 'zod';
import type {
  Certificate,
  FinancialYear,
  FinancialYearSaved,
  Financials,
  KbliCode,
  Organisation,
  OrganisationSaved,
  OrganisationSummary,
  Product,
  SizeClassChange,
  Warning,
} from '../../lib/contracts.js';
import type {
  CERTIFICATE_TYPES,
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  SIZE_CLASSES,
} from '../../lib/contracts.js';

export type OrganisationT = z.infer<typeof Organisation>;
export type OrganisationSummaryT = z.infer<typeof OrganisationSummary>;
export type OrganisationSavedT = z.infer<typeof OrganisationSaved>;
export type WarningT = z.infer<typeof Warning>;
export type FinancialsT = z.infer<typeof Financials>;
export type FinancialYearT = z.infer<typeof FinancialYear>;
export type FinancialYearSavedT = z.infer<typeof FinancialYearSaved>;
export type SizeClassChangeT = z.infer<typeof SizeClassChange>;
export type KbliCodeT = z.infer<typeof KbliCode>;
export type ProductT = z.infer<typeof Product>;
export type CertificateT = z.infer<typeof Certificate>;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export type LegalForm = (typeof LEGAL_FORMS)[number];
export type SizeClass = (typeof SIZE_CLASSES)[number];
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
