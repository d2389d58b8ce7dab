/** API shapes of equipment: machines, status history, documents and photos. */
import { z } from 'zod';
import { page } from '../../contracts/api.contract.js';

/**
 * Process capabilities, a controlled list (mirrored by the check constraint of migration 0004;
 * extending it takes a migration).
 */
export const CAPABILITIES = [
  'distillation',
  'extraction',
  'separation',
  'evaporation',
  'drying',
  'kiln_drying',
  'grinding',
  'milling',
  'fermentation',
  'roasting',
  'winnowing',
  'refining',
  'pressing',
  'mixing',
  'cooking',
  'frying',
  'pasteurisation',
  'sterilisation',
  'homogenisation',
  'cooling',
  'freezing',
  'washing',
  'iodisation',
  'sorting',
  'weighing',
  'filling',
  'packaging',
  'labelling',
  'cutting',
  'sawing',
  'planing',
  'sanding',
  'carving',
  'cnc_milling',
  'laser_cutting',
  'laminating',
  'welding',
  'sewing',
  'weaving',
  'dyeing',
  'printing',
  'slaughtering',
  'composting',
] as const;
export const Capability = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof Capability>;

export const MACHINE_STATUSES = ['active', 'maintenance', 'broken', 'retired'] as const;
export const MachineStatus = z.enum(MACHINE_STATUSES);
export type MachineStatus = z.infer<typeof MachineStatus>;

export const Capacity = z.strictObject({
  value: z.number().positive().max(1e9),
  unit: z.string().trim().min(1).max(20).describe('e.g. kg, L, pcs, m³'),
  basis: z.enum(['per_hour', 'per_batch']),
});
const Rupiah = z.number().int().min(0).max(1e15);
const IsoDate = z.iso.date();
export const Specs = z
  .record(z.string().trim().min(1).max(60), z.union([z.string().max(200), z.number(), z.boolean()]))
  .refine((o) => Object.keys(o).length <= 50, { message: 'too_many_specs' })
  .describe('Technical specifications, e.g. {"power_kw": 7.5, "material": "SS304"}');

export const Machine = z.object({
  id: z.string().uuid(),
  siteId: z.string().uuid(),
  siteCode: z.string(),
  siteName: z.string(),
  clusterId: z.string().uuid(),
  clusterName: z.string(),
  programmeId: z.string().uuid().describe("The site's programme"),
  province: z.string(),
  code: z.string(),
  name: z.string(),
  capabilities: z.array(Capability),
  capacity: Capacity.nullable(),
  hourlyRate: z.number().int().nullable().describe('Integer Rupiah per hour'),
  batchRate: z.number().int().nullable().describe('Integer Rupiah per batch'),
  specs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  acquisitionValue: z.number().int().describe('Integer Rupiah'),
  acquiredOn: z.string().nullable(),
  fundingProgrammeId: z.string().uuid().nullable(),
  fundingProgrammeName: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  status: MachineStatus,
  updatedAt: z.string().datetime(),
});
export type Machine = z.infer<typeof Machine>;
export const MachineList = page(Machine);

export const EquipmentQuery = z.object({
  siteId: z.string().uuid().optional(),
  clusterId: z.string().uuid().optional(),
  programmeId: z
    .string()
    .uuid()
    .optional()
    .describe("Machines at the programme's sites or funded by it"),
  province: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional()
    .describe('Province code, e.g. 11'),
  status: MachineStatus.optional(),
  capability: Capability.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Search in name and code (trigram)'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Text = (max: number) => z.string().trim().min(1).max(max);
export const CreateMachineRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
  name: Text(160),
  capabilities: z
    .array(Capability)
    .min(1)
    .max(10)
    .refine((a) => new Set(a).size === a.length, { message: 'duplicate' }),
  capacity: Capacity.nullable().default(null),
  hourlyRate: Rupiah.nullable().default(null),
  batchRate: Rupiah.nullable().default(null),
  specs: Specs.default({}),
  acquisitionValue: Rupiah.default(0),
  acquiredOn: IsoDate.nullable().default(null),
  fundingProgrammeId: z.string().uuid().nullable().default(null),
  manufacturer: Text(120).nullable().default(null),
  model: Text(120).nullable().default(null),
  serialNumber: Text(120).nullable().default(null),
});
export type CreateMachineRequest = z.infer<typeof CreateMachineRequest>;

export const UpdateMachineRequest = z.strictObject({
  code: CreateMachineRequest.shape.code.optional(),
  name: Text(160).optional(),
  capabilities: CreateMachineRequest.shape.capabilities.optional(),
  capacity: Capacity.nullable().optional(),
  hourlyRate: Rupiah.nullable().optional(),
  batchRate: Rupiah.nullable().optional(),
  specs: Specs.optional(),
  acquisitionValue: Rupiah.optional(),
  acquiredOn: IsoDate.nullable().optional(),
  fundingProgrammeId: z.string().uuid().nullable().optional(),
  manufacturer: Text(120).nullable().optional(),
  model: Text(120).nullable().optional(),
  serialNumber: Text(120).nullable().optional(),
});
export type UpdateMachineRequest = z.infer<typeof UpdateMachineRequest>;

export const ChangeStatusRequest = z.strictObject({
  status: MachineStatus,
  reason: z.string().trim().max(500).nullable().default(null),
  outageUntil: z
    .string()
    .datetime({ offset: true })
    .nullable()
    .default(null)
    .describe(
      'maintenance or broken only: back in service by then (an outage from now until then). ' +
        'Without it the period is open: every booking still holding the machine is displaced.',
    ),
});

const Out = z.string().datetime();
/**
 * A booking a status change displaced through the bookings outage flow (cancelled, its member
 * notified), with the nearest free slots on equivalent machines — a subset of the bookings API's
 * shapes (this contract cannot import that one: it imports this).
 */
export const DisplacedBooking = z.object({
  booking: z.object({
    id: z.string().uuid(),
    status: z.string(),
    startsAt: Out,
    endsAt: Out,
    timeZone: z.string(),
    memberOrgId: z.string().uuid().nullable(),
    memberName: z.string().nullable(),
    personName: z.string().nullable(),
  }),
  alternatives: z.array(
    z.object({
      machineId: z.string().uuid(),
      machineCode: z.string(),
      machineName: z.string(),
      siteName: z.string(),
      timeZone: z.string(),
      startsAt: Out,
      endsAt: Out,
    }),
  ),
});
/**
 * The machine after a status change, the outages it created (maintenance, broken, retired take
 * the machine out from now) and the bookings they displaced; on the way back to active, the
 * outages the out-of-service change had created and that still stand are lifted.
 */
export const ChangeStatusResult = Machine.extend({
  outages: z.array(
    z.object({
      id: z.string().uuid(),
      outageKind: z.enum(['maintenance', 'breakdown']).nullable(),
      startsAt: Out,
      endsAt: Out,
    }),
  ),
  lifted: z.array(z.string().uuid()).describe('outages lifted by a return to active'),
  affected: z.array(DisplacedBooking),
});
export type ChangeStatusResult = z.infer<typeof ChangeStatusResult>;

export const StatusChange = z.object({
  from: MachineStatus.nullable(),
  to: MachineStatus,
  at: z.string().datetime(),
  reason: z.string().nullable(),
  by: z.string(),
});
export const StatusHistory = z.object({ items: z.array(StatusChange) });

export const DOCUMENT_KINDS = ['calibration_certificate', 'manual', 'warranty', 'other'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
/** The text fields of a document upload (multipart/form-data, beside the `file` part). */
export const UploadDocumentFields = z.strictObject({
  kind: DocumentKind,
  title: Text(200),
  number: Text(100).optional(),
  issuedOn: IsoDate.optional(),
  expiresOn: IsoDate.optional(),
});
export const MachineDocument = z.object({
  id: z.string().uuid(),
  machineId: z.string().uuid(),
  kind: DocumentKind,
  title: z.string(),
  number: z.string().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string().datetime(),
});
export type MachineDocument = z.infer<typeof MachineDocument>;
export const MachineDocumentList = z.object({ items: z.array(MachineDocument) });

export const ExpiringDocument = MachineDocument.extend({
  machineCode: z.string(),
  machineName: z.string(),
  siteId: z.string().uuid(),
  siteName: z.string(),
  daysLeft: z
    .number()
    .int()
    .describe("Days until expiry in the site's time zone; negative once expired"),
});
export const ExpiringDocumentList = z.object({ items: z.array(ExpiringDocument) });
export const ExpiringQuery = z.object({
  days: z.coerce.number().int().min(0).max(366).default(30),
  includeExpired: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const UploadPhotoFields = z.strictObject({ caption: Text(200).optional() });
export const MachinePhoto = z.object({
  id: z.string().uuid(),
  machineId: z.string().uuid(),
  caption: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string().datetime(),
});
export type MachinePhoto = z.infer<typeof MachinePhoto>;
export const MachinePhotoList = z.object({ items: z.array(MachinePhoto) });
