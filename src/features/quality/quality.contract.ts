/**
 * API shapes of quality: standards (characteristics, specifications), inspection plans with
 * ISO 2859-1 sampling, inspection records, non-conformance with corrective actions, and
 * certificates of analysis with public verification.
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';
import { TimeZone } from '../registry/registry.contract.js';

const Id = z.string().uuid();
const Out = z.string().datetime();
const IsoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const STAGES = ['incoming', 'in_process', 'final'] as const;
export const Stage = z.enum(STAGES);
export const LEVELS = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'] as const;
/** ISO 2859-1 preferred AQL values (the same series as the sampling tables in quality.ts). */
// prettier-ignore
export const AQL_SERIES = [
  0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5,
  10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000,
] as const;

export const Characteristic = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['numeric', 'attribute']),
  unit: z.string().nullable(),
  physicalMin: z.number().nullable(),
  physicalMax: z.number().nullable(),
  testMethod: z.string().nullable(),
});
export const SpecItem = z.object({
  characteristic: Characteristic,
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  target: z.number().nullable(),
  expectedPass: z.boolean().nullable(),
});
export const Specification = z.object({
  id: Id,
  productType: z.string(),
  name: z.string(),
  source: z.string(),
  buyerOrgId: Id.nullable(),
  buyerName: z.string().nullable(),
  items: z.array(SpecItem),
  inspectionCount: z
    .number()
    .int()
    .describe('inspection records made against it; a used specification cannot change'),
  canEdit: z
    .boolean()
    .describe('administrators edit every specification, site managers the buyers’ ones'),
});
export type Specification = z.infer<typeof Specification>;
export const SpecificationParams = z.object({ id: Id });
export const SpecificationItems = z.object({
  items: z.array(Specification),
  characteristics: z.array(Characteristic),
  buyers: z
    .array(z.object({ id: Id, name: z.string() }))
    .describe('buyer organisations a specification may name (only for those who may add one)'),
  canCreate: z.boolean(),
});
export const SpecificationRequest = z.strictObject({
  productType: z.string().regex(/^[a-z_]{2,40}$/),
  name: text(200),
  source: text(200).describe('the standard or the buyer'),
  buyerOrgId: Id.nullable().default(null),
  items: z
    .array(
      z.strictObject({
        characteristicId: Id,
        unit: z
          .string()
          .trim()
          .max(40)
          .nullable()
          .default(null)
          .describe("when given, must be the characteristic's own unit"),
        lower: z.number().nullable().default(null),
        upper: z.number().nullable().default(null),
        target: z.number().nullable().default(null),
        expectedPass: z.boolean().nullable().default(null),
      }),
    )
    .min(1)
    .max(60),
});

export const InspectionPlan = z.object({
  id: Id,
  siteId: Id.nullable(),
  productType: z.string(),
  stage: Stage,
  specificationId: Id,
  specificationName: z.string(),
  inspectionLevel: z.enum(LEVELS),
  aql: z.number(),
  unitKg: z.number(),
  canEdit: z.boolean().describe('administrators: every plan; site managers: their sites’ plans'),
  reducedAllowed: z
    .boolean()
    .describe('the responsible authority allows reduced inspection (ISO 2859-1 9.3.3 c)'),
  reducedApprovedBy: z
    .string()
    .nullable()
    .describe('who made the latest decision on reduced inspection'),
  reducedApprovedAt: Out.nullable().describe('when the latest decision was made'),
});
export const InspectionPlanItems = z.object({ items: z.array(InspectionPlan) });
export const PlanParams = z.object({ id: Id });
export const InspectionPlanRequest = z.strictObject({
  siteId: Id.nullable().default(null),
  productType: z.string().regex(/^[a-z_]{2,40}$/),
  stage: Stage,
  specificationId: Id,
  inspectionLevel: z.enum(LEVELS).default('II'),
  aql: z.number().positive().max(1000).describe('one of the ISO 2859-1 preferred values'),
  unitKg: z.number().positive().max(100_000).default(1),
});
/** An edit retires the plan and starts its successor (the site stays; switching starts afresh). */
export const InspectionPlanUpdate = InspectionPlanRequest.omit({ siteId: true });

export const Sampling = z.object({
  planId: Id.nullable(),
  stage: Stage,
  lotSizeUnits: z.number().int(),
  severity: z.enum(['normal', 'tightened', 'reduced']),
  codeLetter: z.string().nullable(),
  sampleSize: z.number().int().nullable(),
  accept: z.number().int().nullable(),
  reject: z.number().int().nullable(),
  hundredPercent: z.boolean(),
  discontinued: z.boolean(),
  /** Why there is no sample to take (discontinued inspection), in the caller's language. */
  notice: z.string().nullable(),
  /** The caller may restart discontinued inspection (a manager of the lot's site). */
  canRestart: z.boolean(),
});
/**
 * The responsible authority's decision on reduced inspection under a plan (ISO 2859-1 9.3.3 c).
 * The plan is not retired: the switching history goes on.
 */
export const PlanReducedRequest = z.strictObject({
  allowed: z.boolean(),
  reason: z.string().trim().min(1).max(500).describe('why (the record of the decision)'),
});
/** Restart inspection under a discontinued plan (ISO 2859-1 9.4), at tightened inspection. */
export const SamplingRestartRequest = z.strictObject({
  stage: Stage,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('what the supplier did to improve (the record of the restart)'),
});

export const LotParams = z.object({ id: Id });
export const SamplingQuery = z.object({ stage: Stage.default('final') });

export const InspectionRequest = z.strictObject({
  stage: Stage,
  specificationId: Id.nullable()
    .default(null)
    .describe('default: the plan covering the lot at this stage'),
  results: z
    .array(
      z.strictObject({
        characteristicId: Id,
        value: z.number().nullable().default(null),
        passed: z.boolean().nullable().default(null).describe('attribute characteristics'),
      }),
    )
    .min(1)
    .max(60),
  sampleSize: z.number().int().positive().nullable().default(null),
  defectives: z.number().int().min(0).nullable().default(null),
  notes: z.string().trim().max(1000).nullable().default(null),
  supersedesId: Id.nullable().default(null).describe('a correction: the record it replaces'),
});
export type InspectionRequest = z.infer<typeof InspectionRequest>;

/** A laboratory report attached to an inspection (PDF or image, at most 10 MB; append-only). */
export const LabReport = z.object({
  id: Id,
  inspectionId: Id,
  filename: z.string(),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']),
  sizeBytes: z.number().int(),
  uploadedAt: Out,
  uploadedBy: z.string(),
});
export type LabReport = z.infer<typeof LabReport>;
export const InspectionParams = z.object({ id: Id });
export const LabReportParams = z.object({ id: Id, reportId: Id });

export const Inspection = z.object({
  id: Id,
  lotId: Id,
  lotCode: z.string(),
  stage: Stage,
  specificationId: Id,
  specificationName: z.string(),
  specificationSource: z.string(),
  verdict: z.enum(['pass', 'fail']),
  sampleSize: z.number().int().nullable(),
  defectives: z.number().int().nullable(),
  results: z.array(
    z.object({
      characteristicId: Id,
      code: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      value: z.number().nullable(),
      passed: z.boolean(),
      lower: z.number().nullable(),
      upper: z.number().nullable(),
    }),
  ),
  inspector: z.string(),
  inspectedAt: Out,
  supersedesId: Id.nullable(),
  supersededById: Id.nullable(),
  notes: z.string().nullable(),
  nonConformanceId: Id.nullable(),
  labReports: z.array(LabReport).describe('lab reports attached to this record, oldest first'),
});
export type Inspection = z.infer<typeof Inspection>;
export const InspectionItems = z.object({ items: z.array(Inspection) });

// Non-conformance --------------------------------------------------------------------------------

export const DISPOSITIONS = ['rework', 'downgrade', 'scrap', 'return'] as const;
export const NonConformance = z.object({
  id: Id,
  siteId: Id,
  lotId: Id,
  lotCode: z.string(),
  inspectionId: Id.nullable(),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  disposition: z.enum(DISPOSITIONS).nullable(),
  rootCause: z.string().nullable(),
  verification: z.string().nullable(),
  openedAt: Out,
  closedAt: Out.nullable(),
  actions: z.array(
    z.object({
      id: Id,
      description: z.string(),
      ownerUserId: Id.nullable(),
      ownerName: z.string().nullable(),
      dueOn: IsoDate,
      doneAt: Out.nullable(),
    }),
  ),
  canEdit: z.boolean(),
});
export const NcQuery = PageQuery.extend({
  siteId: Id.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export const NcList = page(NonConformance);
export const NcParams = z.object({ id: Id });
export const NcUpdate = z.strictObject({
  disposition: z.enum(DISPOSITIONS).nullable().optional(),
  rootCause: z.string().trim().max(2000).nullable().optional(),
  verification: z.string().trim().max(2000).nullable().optional(),
});
export const NcActionRequest = z.strictObject({
  description: text(500),
  ownerUserId: Id.nullable().default(null),
  dueOn: IsoDate,
});
export const ActionParams = z.object({ id: Id });

// Certificates -----------------------------------------------------------------------------------

export const Certificate = z.object({
  id: Id,
  number: z.string(),
  lotId: Id,
  lotCode: z.string(),
  issuedAt: Out,
  verifyUrl: z.string(),
  contentSha256: z.string(),
});
export const CertificateParams = z.object({ id: Id });
export const CertificatePdfQuery = z.object({ lang: z.enum(['id', 'en']).default('id') });
export const PublicTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
export const CertificateVerification = z.object({
  genuine: z.boolean().describe('the stored content still matches the hash it was issued with'),
  number: z.string(),
  issuedAt: Out,
  timeZone: TimeZone.describe("the issuing site's IANA time zone, to show the times in"),
  lotCode: z.string(),
  product: z.string(),
  quantityKg: z.number(),
  owner: z.string().nullable(),
  site: z.string(),
  specification: z.string(),
  standard: z.string(),
  verdict: z.string(),
  results: z.array(
    z.object({
      name: z.string(),
      unit: z.string().nullable(),
      value: z.string(),
      requirement: z.string().describe('in Indonesian'),
      requirementEn: z.string().describe('the same requirement in English'),
      passed: z.boolean(),
    }),
  ),
});
