/**
 * API shapes of organisations: UMKM, cooperatives, buyers and regional governments, their
 * identifiers, KBLI codes, yearly financials and size class, products and certificates.
 * Identifiers are accepted as typed (separators allowed) and checked by the service, which
 * answers each problem with its own translated message beside the field.
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';

export const ORGANISATION_KINDS = ['umkm', 'cooperative', 'buyer', 'regional_government'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);

export const LEGAL_FORMS = [
  'perorangan',
  'cv',
  'pt',
  'pt_perorangan',
  'koperasi',
  'firma',
  'yayasan',
  'bumdes',
  'pemerintah',
  'other',
] as const;
export const LegalForm = z.enum(LEGAL_FORMS);

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export const SizeClassSchema = z.enum(SIZE_CLASSES);

export const CERTIFICATE_TYPES = ['SNI', 'halal', 'PIRT', 'BPOM_MD', 'ISO_9001'] as const;
export const CertificateType = z.enum(CERTIFICATE_TYPES);

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Ident = z.string().trim().max(40);
/** Integer Rupiah. */
const Rupiah = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().min(1).max(max);

const profileFields = {
  name: text(200),
  legalForm: LegalForm.nullable().optional(),
  nib: Ident.nullable().optional().describe('13 digits'),
  nibIssuedOn: IsoDate.nullable().optional(),
  npwp: Ident.nullable()
    .optional()
    .describe('15-digit NPWP, 16-digit NPWP16 or NIK, or 22-digit NITKU'),
  address: text(500).nullable().optional(),
  province: text(100).nullable().optional(),
  regency: text(100).nullable().optional(),
  regionCode: z.string().trim().max(20).nullable().optional().describe('Kemendagri kode wilayah'),
  phone: z.string().trim().max(30).nullable().optional(),
  email: z.string().trim().toLowerCase().email().max(254).nullable().optional(),
  ownerName: text(120).nullable().optional(),
  ownerNik: Ident.nullable().optional().describe('16 digits'),
  ownerBirthDate: IsoDate.nullable().optional(),
};

export const CreateOrganisationRequest = z.strictObject({
  kind: OrganisationKind,
  ...profileFields,
  siteId: z
    .string()
    .uuid()
    .optional()
    .describe('Register the organisation as a member of this site (required for site staff)'),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequest>;

export const UpdateOrganisationRequest = z.strictObject({
  ...profileFields,
  name: text(200).optional(),
});
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;

export const KbliCode = z.object({ code: z.string(), title: z.string() });
export type KbliCode = z.infer<typeof KbliCode>;
/** An organisation's KBLI codes, all of them (a handful): the answer to adding or removing one. */
export const KbliList = z.object({ items: z.array(KbliCode) });
/** A page of the KBLI 2020 reference list, by code. */
export const KbliPage = page(KbliCode);
export const KbliQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const Organisation = z.object({
  id: z.string().uuid(),
  kind: OrganisationKind,
  name: z.string(),
  legalForm: LegalForm.nullable(),
  nib: z.string().nullable(),
  nibIssuedOn: z.string().nullable(),
  npwp: z.string().nullable().describe('Canonical 16-digit NPWP'),
  npwp15Legacy: z.string().nullable(),
  nitku: z.string().nullable(),
  address: z.string().nullable(),
  province: z.string().nullable(),
  regency: z.string().nullable(),
  regionCode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerNik: z
    .string()
    .nullable()
    .describe('Masked (3201********0001) unless you are the organisation or an administrator'),
  ownerNikMasked: z.boolean(),
  ownerBirthDate: z.string().nullable(),
  sizeClass: SizeClassSchema.nullable(),
  kbli: z.array(KbliCode),
  canEdit: z.boolean(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type Organisation = z.infer<typeof Organisation>;

export const Warning = z.object({ code: z.string(), field: z.string(), message: z.string() });
export type Warning = z.infer<typeof Warning>;
/** A saved organisation and soft findings (e.g. a NIK that does not match the birth date). */
export const OrganisationSaved = z.object({
  organisation: Organisation,
  warnings: z.array(Warning),
});

export const OrganisationSummary = z.object({
  id: z.string().uuid(),
  kind: OrganisationKind,
  name: z.string(),
  nib: z.string().nullable(),
  province: z.string().nullable(),
  regency: z.string().nullable(),
  sizeClass: SizeClassSchema.nullable(),
});
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;
export const OrganisationList = page(OrganisationSummary);

export const OrganisationListQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().describe('Part of the name or NIB'),
  kind: OrganisationKind.optional(),
  province: z.string().trim().max(100).optional(),
  programmeId: z.string().uuid().optional(),
  clusterId: z.string().uuid().optional(),
  siteId: z.string().uuid().optional(),
  sizeClass: SizeClassSchema.optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const FinancialYearRequest = z.strictObject({
  capital: Rupiah.nullable().default(null).describe('Modal usaha excl. land and buildings'),
  annualSales: Rupiah.nullable().default(null),
  workers: z.number().int().min(0).max(1_000_000).nullable().default(null),
});
export const FinancialYear = z.object({
  year: z.number().int(),
  capital: z.number().int().nullable(),
  annualSales: z.number().int().nullable(),
  workers: z.number().int().nullable(),
});
export const SizeClassChange = z.object({
  fromClass: SizeClassSchema.nullable(),
  toClass: SizeClassSchema,
  rule: z.string(),
  basis: z.enum(['sales', 'capital']),
  financialYear: z.number().int(),
  effectiveOn: z.string(),
  movedUp: z.boolean().describe('"Naik kelas": the class went up'),
});
export const Financials = z.object({
  sizeClass: SizeClassSchema.nullable(),
  years: z.array(FinancialYear),
  changes: z.array(SizeClassChange),
});
export const FinancialYearSaved = z.object({
  year: FinancialYear,
  sizeClass: SizeClassSchema.nullable(),
  change: SizeClassChange.nullable(),
});

export const AddKbliRequest = z.strictObject({ code: z.string().trim().max(10) });

export const ProductRequest = z.strictObject({
  name: text(200),
  description: text(2000).nullable().default(null),
  unit: text(40).nullable().default(null),
});
export const ProductPatch = z.strictObject({
  name: text(200).optional(),
  description: text(2000).nullable().optional(),
  unit: text(40).nullable().optional(),
});
export const Product = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string().nullable(),
});
export const ProductList = page(Product);

export const CertificateRequest = z.strictObject({
  type: CertificateType,
  number: text(100),
  issuer: text(200),
  issuedOn: IsoDate.nullable().default(null),
  expiresOn: IsoDate.nullable().default(null),
  productId: z.string().uuid().nullable().default(null),
});
export const CertificatePatch = z.strictObject({
  number: text(100).optional(),
  issuer: text(200).optional(),
  issuedOn: IsoDate.nullable().optional(),
  expiresOn: IsoDate.nullable().optional(),
  productId: z.string().uuid().nullable().optional(),
});
export const Certificate = z.object({
  id: z.string().uuid(),
  type: CertificateType,
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  productId: z.string().uuid().nullable(),
  file: z.object({ name: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
});
export const CertificateList = page(Certificate);

export const OrgParams = z.object({ id: z.string().uuid() });
export const FinancialParams = OrgParams.extend({
  year: z.coerce.number().int().min(1900).max(2100),
});
export const KbliParams = OrgParams.extend({ code: z.string().max(10) });
export const ProductParams = OrgParams.extend({ productId: z.string().uuid() });
export const CertificateParams = OrgParams.extend({ certificateId: z.string().uuid() });
