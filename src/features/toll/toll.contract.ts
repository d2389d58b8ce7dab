/**
 * API shapes of toll processing (maklon): material received into custody, process jobs on
 * booked machines, output lots and by-products, handovers back to owners, stock per owner,
 * genealogy and recall. Quantities are kilograms with up to 3 decimals.
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';
import { Capability } from '../equipment/equipment.contract.js';

const Id = z.string().uuid();
const Out = z.string().datetime();
const Kg = z.number().positive().max(1_000_000).describe('kilograms, up to 3 decimals');
const text = (max: number) => z.string().trim().min(1).max(max);

export const LOT_STATUSES = [
  'quarantine',
  'released',
  'rejected',
  'downgraded',
  'scrapped',
  'returned',
  'consumed',
  'handed_over',
] as const;
export const LotStatus = z.enum(LOT_STATUSES);
export const LotKind = z.enum(['intake', 'output', 'byproduct']);
export const ProductType = z.string().regex(/^[a-z_]{2,40}$/);

export const IntakeRequest = z.strictObject({
  siteId: Id,
  ownerOrgId: Id,
  productType: ProductType,
  quantityKg: Kg,
  grade: z.string().trim().max(60).nullable().default(null),
  moisturePercent: z.number().min(0).max(100).nullable().default(null),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type IntakeRequest = z.infer<typeof IntakeRequest>;

export const LotSummary = z.object({
  id: Id,
  code: z.string(),
  kind: LotKind,
  siteId: Id,
  siteCode: z.string(),
  productType: z.string(),
  productName: z.string(),
  ownerOrgId: Id.nullable(),
  ownerName: z.string().nullable(),
  pooled: z.boolean(),
  quantityKg: z.number(),
  remainingKg: z.number(),
  status: LotStatus,
  grade: z.string().nullable(),
  moisturePercent: z.number().nullable(),
  jobId: Id.nullable(),
  receivedAt: Out,
  receivedBy: z.string(),
});
export type LotSummary = z.infer<typeof LotSummary>;

export const Lot = LotSummary.extend({
  notes: z.string().nullable(),
  owners: z.array(
    z.object({ ownerOrgId: Id, ownerName: z.string(), shareBp: z.number().int(), kg: z.number() }),
  ),
  consumedBy: z.array(z.object({ jobId: Id, kg: z.number() })),
  handovers: z.array(
    z.object({
      id: Id,
      toOrgId: Id,
      toName: z.string(),
      kg: z.number(),
      handedAt: Out,
      handedBy: z.string(),
      receivedByName: z.string(),
    }),
  ),
  canHandOver: z.boolean(),
  canEdit: z.boolean(),
});
export type Lot = z.infer<typeof Lot>;

export const LotQuery = PageQuery.extend({
  siteId: Id.optional(),
  ownerOrgId: Id.optional(),
  status: LotStatus.optional(),
  kind: LotKind.optional(),
  q: z.string().trim().max(60).optional().describe('lot code'),
});
export const LotList = page(LotSummary);
export const LotParams = z.object({ id: Id });

/** Photos of a lot (taken at intake: sacks, labels, condition), JPEG/PNG/WebP up to 5 MB. */
export const MAX_LOT_PHOTOS = 12;
export const LotPhoto = z.object({
  id: Id,
  lotId: Id,
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  sizeBytes: z.number().int(),
  uploadedAt: Out,
  uploadedBy: z.string().nullable(),
});
export type LotPhoto = z.infer<typeof LotPhoto>;
export const LotPhotoList = z.object({
  items: z.array(LotPhoto),
  canEdit: z.boolean().describe('the caller may add and remove photos (site staff)'),
});
export const LotPhotoParams = z.object({ id: Id, photoId: Id });

export const HandoverRequest = z.strictObject({
  kg: Kg,
  receivedByName: text(120),
  notes: z.string().trim().max(500).nullable().default(null),
});

export const StockQuery = z.object({ siteId: Id, ownerOrgId: Id.optional() });
export const Stock = z.object({
  items: z.array(
    z.object({
      ownerOrgId: Id,
      ownerName: z.string(),
      productType: z.string(),
      productName: z.string(),
      kg: z.number().describe("the owner's lots and its shares of pooled lots"),
      pooledKg: z.number().describe('of kg: shares of pooled lots'),
      lots: z.number().int().describe('lots counted (a pooled lot counts for each owner)'),
    }),
  ),
});

// Jobs -----------------------------------------------------------------------------------------

export const JobRequest = z.strictObject({
  bookingId: Id,
  operatorUserId: Id.nullable()
    .default(null)
    .describe("default: the booking's operator, else who checked it in, else the caller"),
  inputs: z
    .array(z.strictObject({ lotId: Id, kg: Kg }))
    .min(1)
    .max(50),
  pooled: z.boolean().default(false).describe('true: inputs of several owners, outputs shared'),
  process: Capability.nullable()
    .default(null)
    .describe("one of the machine's capabilities; may be left out when it has only one"),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export const CompleteJobRequest = z.strictObject({
  outputs: z
    .array(
      z.strictObject({
        kind: z.enum(['output', 'byproduct']),
        productType: ProductType,
        kg: Kg,
        grade: z.string().trim().max(60).nullable().default(null),
      }),
    )
    .min(1)
    .max(20),
  wasteKg: z.number().min(0).max(1_000_000),
  statedGainKg: z.number().min(0).max(1_000_000).nullable().default(null),
  kwh: z.number().min(0).max(1_000_000).nullable().default(null),
  lpgKg: z.number().min(0).max(100_000).nullable().default(null),
  waterM3: z.number().min(0).max(100_000).nullable().default(null),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export const Job = z.object({
  id: Id,
  siteId: Id,
  bookingId: Id,
  machineId: Id,
  machineName: z.string(),
  process: z.string(),
  pooled: z.boolean(),
  status: z.enum(['open', 'completed']),
  operatorName: z.string().nullable(),
  startedAt: Out.nullable(),
  endedAt: Out.nullable(),
  inputs: z.array(
    z.object({
      lotId: Id,
      code: z.string(),
      ownerName: z.string().nullable(),
      productType: z.string(),
      kg: z.number(),
    }),
  ),
  outputs: z.array(LotSummary),
  wasteKg: z.number().nullable(),
  statedGainKg: z.number().nullable(),
  kwh: z.number().nullable(),
  lpgKg: z.number().nullable(),
  waterM3: z.number().nullable(),
  yields: z.array(
    z.object({
      ownerOrgId: Id,
      ownerName: z.string(),
      inputKg: z.number(),
      outputKg: z.number(),
      yieldPercent: z.number(),
    }),
  ),
  notes: z.string().nullable(),
  canEdit: z.boolean().describe('the caller may complete this job (site staff, job open)'),
});
export type Job = z.infer<typeof Job>;
export const JobParams = z.object({ id: Id });
export const JobQuery = PageQuery.extend({
  siteId: Id.optional(),
  bookingId: Id.optional(),
  status: z.enum(['open', 'completed']).optional(),
});
export const JobList = page(Job);

// Genealogy and recall -------------------------------------------------------------------------

export const GenealogyNode = z.object({
  lot: LotSummary,
  depth: z.number().int().describe('negative: upstream; positive: downstream'),
  viaJobId: Id.nullable(),
  machineName: z.string().nullable(),
  operatorName: z.string().nullable(),
  bookingId: Id.nullable(),
});
export const Genealogy = z.object({
  lot: LotSummary,
  upstream: z.array(GenealogyNode),
  downstream: z.array(GenealogyNode),
  handovers: z.array(
    z.object({ lotId: Id, lotCode: z.string(), toName: z.string(), kg: z.number(), handedAt: Out }),
  ),
});
export const RecallQuery = z
  .object({
    lotId: Id.optional(),
    machineId: Id.optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .refine((v) => !!v.lotId !== !!v.machineId, { message: 'lot_or_machine', path: ['lotId'] });
export const Recall = z.object({
  items: z.array(LotSummary.extend({ handedOverKg: z.number(), handedTo: z.array(z.string()) })),
});

// Reference lists ------------------------------------------------------------------------------

export const ProductTypeItems = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string().describe("in the caller's language"),
      nameId: z.string(),
      nameEn: z.string(),
    }),
  ),
});
export const SiteParams = z.object({ id: Id });
export const STAFF_ROLES = ['site_manager', 'site_operator'] as const;
export const SiteStaffItems = z.object({
  items: z.array(
    z.object({
      userId: Id,
      name: z.string(),
      roles: z.array(z.enum(STAFF_ROLES)),
    }),
  ),
});
