/**
 * API shapes of money: site billing policy, PPN rates, tariffs, priced items, subsidies, hour
 * packs, charges, the month-end invoicing run, invoices and credit notes, payments,
 * statements, claim reports and exports. Amounts are whole Rupiah as JSON integers (safe up to
 * 9 × 10^15); dates are site-local calendar dates (YYYY-MM-DD).
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';

const Id = z.string().uuid();
const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('YYYY-MM');
const Rupiah = z.number().int().min(0).max(9_000_000_000_000_000).describe('whole Rupiah');
const text = (max: number) => z.string().trim().min(1).max(max);
const Out = z.string().datetime();

export const CUSTOMER_CLASSES = [
  'member_micro',
  'member_small',
  'member_medium',
  'member_large',
  'non_member',
] as const;
export const CustomerClass = z.enum(CUSTOMER_CLASSES);
export const TARIFF_BASES = ['per_hour', 'per_batch', 'per_kg'] as const;
export const TariffBasis = z.enum(TARIFF_BASES);

// Site policy ----------------------------------------------------------------------------------

export const BillingSettingsRequest = z.strictObject({
  pkp: z.boolean(),
  sellerName: text(200),
  sellerNpwp: z
    .string()
    .trim()
    .max(30)
    .nullable()
    .default(null)
    .describe('15 or 16 digits; separators allowed'),
  sellerAddress: z.string().trim().max(500).nullable().default(null),
  bankAccount: z.string().trim().max(200).nullable().default(null),
  chargeBasis: z.enum(['actual', 'booked']).describe('bill checked-in time, or booked time'),
  rounding: z.enum(['slot_up', 'minute']),
  noShowPercent: z.number().int().min(0).max(100),
  lateCancelPercent: z.number().int().min(0).max(100),
  lateCancelWindowMinutes: z.number().int().min(0).max(20160),
  paymentTermsDays: z.number().int().min(0).max(120),
});
export type BillingSettingsRequest = z.infer<typeof BillingSettingsRequest>;
export const BillingSettings = BillingSettingsRequest.extend({
  siteId: Id,
  sellerNpwp: z.string().nullable(),
  sellerAddress: z.string().nullable(),
  bankAccount: z.string().nullable(),
  isDefault: z.boolean(),
  canEdit: z.boolean(),
});
export type BillingSettings = z.infer<typeof BillingSettings>;
export const SiteParams = z.object({ id: Id });

export const PpnRate = z.object({
  validFrom: IsoDate,
  ratePercent: z.number(),
  dppNumerator: z.number().int(),
  dppDenominator: z.number().int(),
  source: z.string(),
});
export const PpnRateItems = z.object({ items: z.array(PpnRate) });
export const PpnRateRequest = z.strictObject({
  validFrom: IsoDate,
  rateBp: z.number().int().min(0).max(10_000).describe('basis points: 1200 = 12%'),
  dppNumerator: z.number().int().min(1).max(1000),
  dppDenominator: z.number().int().min(1).max(1000),
  source: text(300),
});

// Tariffs and priced items ---------------------------------------------------------------------

export const TariffRequest = z.strictObject({
  basis: TariffBasis,
  customerClass: CustomerClass,
  unitPrice: Rupiah,
  operatorFeePerHour: Rupiah.default(0),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().default(null).describe('last valid day (inclusive); null: open'),
});
export type TariffRequest = z.infer<typeof TariffRequest>;
export const Tariff = TariffRequest.extend({ id: Id, machineId: Id, validTo: IsoDate.nullable() });
export type Tariff = z.infer<typeof Tariff>;
export const TariffItems = z.object({ items: z.array(Tariff), canEdit: z.boolean() });
export const MachineParams = z.object({ id: Id });
export const TariffParams = z.object({ id: Id });
export const TariffEndRequest = z.strictObject({ validTo: IsoDate });

export const PricedItemRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{1,30}$/),
  name: text(120),
  unit: text(20),
  unitPrice: Rupiah,
  taxable: z.boolean().default(true),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().default(null),
});
export const PricedItem = PricedItemRequest.extend({
  id: Id,
  siteId: Id,
  validTo: IsoDate.nullable(),
});
export const PricedItemItems = z.object({ items: z.array(PricedItem) });

// Subsidies and packs --------------------------------------------------------------------------

export const SubsidyRequest = z.strictObject({
  programmeId: Id,
  siteId: Id.nullable().default(null).describe("null: every site of the programme's clusters"),
  name: text(200),
  percent: z.number().int().min(1).max(100),
  classes: z.array(CustomerClass).min(1),
  maxHoursPerMonth: z.number().int().min(1).max(744).nullable().default(null),
  maxAmountPerMonth: Rupiah.nullable().default(null),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().default(null),
});
export type SubsidyRequest = z.infer<typeof SubsidyRequest>;
export const Subsidy = SubsidyRequest.extend({
  id: Id,
  programmeName: z.string(),
  siteId: Id.nullable(),
  maxHoursPerMonth: z.number().nullable(),
  maxAmountPerMonth: z.number().nullable(),
  validTo: IsoDate.nullable(),
});
export const SubsidyItems = z.object({ items: z.array(Subsidy) });
export const SubsidyQuery = z.object({ programmeId: Id.optional() });
export const ClaimQuery = z.object({
  month: Month,
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const ClaimLine = z.object({
  usageDate: IsoDate,
  siteCode: z.string(),
  memberName: z.string(),
  machineName: z.string().nullable(),
  description: z.string(),
  minutes: z.number().int(),
  gross: Rupiah,
  subsidy: Rupiah,
  invoiceNumber: z.string().nullable(),
});
export const ClaimReport = z.object({
  subsidyId: Id,
  subsidyName: z.string(),
  programmeName: z.string(),
  month: Month,
  lines: z.array(ClaimLine),
  totalMinutes: z.number().int(),
  totalGross: Rupiah,
  totalSubsidy: Rupiah,
});

export const HourPackRequest = z.strictObject({
  siteId: Id,
  memberOrgId: Id,
  machineId: Id.nullable().default(null).describe('null: any machine of the site'),
  name: text(120),
  hours: z.number().int().min(1).max(2000),
  price: Rupiah,
  validFrom: IsoDate,
  validTo: IsoDate,
});
export const HourPack = z.object({
  id: Id,
  siteId: Id,
  memberOrgId: Id,
  memberName: z.string(),
  machineId: Id.nullable(),
  machineName: z.string().nullable(),
  name: z.string(),
  minutesTotal: z.number().int(),
  minutesUsed: z.number().int(),
  price: Rupiah,
  validFrom: IsoDate,
  validTo: IsoDate,
});
export const HourPackItems = z.object({ items: z.array(HourPack) });
export const MemberQuery = z.object({ siteId: Id.optional(), memberOrgId: Id.optional() });

// Charges and the invoicing run ----------------------------------------------------------------

export const ChargeRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('item'),
    siteId: Id,
    memberOrgId: Id,
    pricedItemId: Id,
    quantity: z.number().positive().max(1_000_000),
    usageDate: IsoDate,
    bookingId: Id.nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('adjustment'),
    siteId: Id,
    memberOrgId: Id,
    description: text(300),
    amount: Rupiah.min(1),
    taxable: z.boolean().default(true),
    usageDate: IsoDate,
  }),
]);
export type ChargeRequest = z.infer<typeof ChargeRequest>;
export const Charge = z.object({
  id: Id,
  siteId: Id,
  memberOrgId: Id,
  memberName: z.string(),
  bookingId: Id.nullable(),
  machineName: z.string().nullable(),
  kind: z.enum(['usage', 'operator_fee', 'no_show', 'late_cancel', 'item', 'pack', 'adjustment']),
  description: z.string(),
  usageDate: IsoDate,
  quantity: z.number(),
  unit: z.string(),
  unitPrice: Rupiah,
  gross: Rupiah,
  discount: Rupiah,
  subsidy: Rupiah,
  packMinutes: z.number().int(),
  net: Rupiah,
  taxable: z.boolean(),
  invoiceId: Id.nullable(),
});
export type Charge = z.infer<typeof Charge>;
export const ChargeQuery = PageQuery.extend({
  siteId: Id.optional(),
  memberOrgId: Id.optional(),
  month: Month.optional(),
  uninvoiced: z.coerce.boolean().optional(),
});
export const ChargeList = page(Charge);

export const InvoicingRunRequest = z.strictObject({
  month: Month,
  dryRun: z.boolean().default(true).describe('true: a preview — nothing is written'),
});
export const RunWarning = z.object({
  bookingId: Id.nullable(),
  code: z.string(),
  message: z.string(),
});

// Invoices -------------------------------------------------------------------------------------

export const InvoiceLine = z.object({
  position: z.number().int(),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  unitPrice: Rupiah,
  gross: Rupiah,
  discount: Rupiah,
  subsidy: Rupiah,
  net: Rupiah,
  taxable: z.boolean(),
});
export const Party = z.object({
  name: z.string(),
  npwp: z.string().nullable(),
  address: z.string().nullable(),
  bankAccount: z.string().nullable().describe("the seller's account for transfers"),
});
export const INVOICE_STATUSES = ['open', 'overdue', 'paid', 'credited', 'credit_note'] as const;
export const Invoice = z.object({
  id: Id,
  kind: z.enum(['invoice', 'credit_note']),
  number: z.string(),
  siteId: Id,
  siteCode: z.string(),
  memberOrgId: Id,
  memberName: z.string(),
  issuedOn: IsoDate,
  dueOn: IsoDate,
  periodFrom: IsoDate.nullable(),
  periodTo: IsoDate.nullable(),
  seller: Party,
  buyer: Party,
  pkp: z.boolean(),
  ppnRatePercent: z.number(),
  dppFactor: z.string().describe('e.g. "11/12"'),
  subtotal: Rupiah,
  discounts: Rupiah,
  subsidies: Rupiah,
  net: Rupiah,
  dpp: Rupiah,
  ppn: Rupiah,
  total: Rupiah,
  amountInWords: z.string().describe('terbilang'),
  paid: Rupiah,
  credited: Rupiah,
  outstanding: Rupiah,
  status: z.enum(INVOICE_STATUSES),
  creditedInvoiceId: Id.nullable(),
  creditNoteId: Id.nullable(),
  reason: z.string().nullable(),
  canManage: z.boolean().describe('the caller may record payments and credit notes on it'),
  lines: z.array(InvoiceLine),
  createdAt: Out,
});
export type Invoice = z.infer<typeof Invoice>;
export const InvoiceQuery = PageQuery.extend({
  siteId: Id.optional(),
  memberOrgId: Id.optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const InvoiceList = page(Invoice);
export const InvoiceParams = z.object({ id: Id });
export const CreditNoteRequest = z.strictObject({ reason: text(500) });

export const InvoicingRunResult = z.object({
  month: Month,
  dryRun: z.boolean(),
  chargesCreated: z.number().int(),
  warnings: z.array(RunWarning),
  invoices: z.array(Invoice),
  total: Rupiah,
});

// Payments and statements ----------------------------------------------------------------------

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'virtual_account', 'qris'] as const;
export const PaymentRequest = z.strictObject({
  siteId: Id,
  memberOrgId: Id,
  method: z.enum(PAYMENT_METHODS),
  reference: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .default(null)
    .describe('transfer, VA or QRIS reference; required except for cash'),
  amount: Rupiah.min(1),
  receivedOn: IsoDate,
  notes: z.string().trim().max(500).nullable().default(null),
  allocations: z
    .array(z.strictObject({ invoiceId: Id, amount: Rupiah.min(1) }))
    .nullable()
    .default(null)
    .describe('null: oldest open invoices first'),
});
export type PaymentRequest = z.infer<typeof PaymentRequest>;
export const Payment = z.object({
  id: Id,
  siteId: Id,
  memberOrgId: Id,
  memberName: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  amount: Rupiah,
  receivedOn: IsoDate,
  notes: z.string().nullable(),
  allocations: z.array(z.object({ invoiceId: Id, number: z.string(), amount: Rupiah })),
  unallocated: Rupiah,
  createdAt: Out,
});
export const PaymentQuery = PageQuery.extend({
  siteId: Id.optional(),
  memberOrgId: Id.optional(),
  invoiceId: Id.optional().describe('payments allocated to this invoice'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const PaymentList = page(Payment);

export const StatementQuery = z.object({
  siteId: Id.optional(),
  from: IsoDate,
  to: IsoDate,
});
export const OrgParams = z.object({ id: Id });
export const Statement = z.object({
  memberOrgId: Id,
  memberName: z.string(),
  from: IsoDate,
  to: IsoDate,
  opening: z.number().int(),
  entries: z.array(
    z.object({
      date: IsoDate,
      kind: z.enum(['invoice', 'credit_note', 'payment']),
      reference: z.string(),
      debit: Rupiah,
      credit: Rupiah,
      balance: z.number().int(),
    }),
  ),
  closing: z.number().int().describe('positive: the member owes; negative: credit in its favour'),
});

// Exports and reports --------------------------------------------------------------------------

export const ExportQuery = z.object({
  siteId: Id.optional(),
  from: IsoDate,
  to: IsoDate,
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});
export const RevenueQuery = z.object({
  siteId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export const Revenue = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      month: Month,
      siteId: Id,
      siteCode: z.string(),
      machineId: Id.nullable(),
      machineName: z.string().nullable(),
      net: Rupiah,
      subsidies: Rupiah,
    }),
  ),
  total: Rupiah,
});
