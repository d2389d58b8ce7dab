/** API shapes of programmes and their investments (realisation = sum of investments). */
import { z } from 'zod';
import { page } from '../../contracts/api.contract.js';

/** APBN Tugas Pembantuan, DAK, LPDB, CSR/TJSL, regional budget (APBD). */
export const FUNDING_SOURCES = ['apbn_tp', 'dak', 'lpdb', 'csr', 'apbd'] as const;
export const FundingSource = z.enum(FUNDING_SOURCES);
export type FundingSource = z.infer<typeof FundingSource>;

const Rupiah = z.number().int().min(0).max(1e15);

export const Programme = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  fundingSource: FundingSource,
  year: z.number().int(),
  budget: z.number().int().describe('Integer Rupiah'),
  realisation: z.number().int().describe('Sum of the investments, integer Rupiah'),
  remaining: z.number().int(),
  realisationPercent: z.number().nullable(),
  description: z.string().nullable(),
  investmentCount: z.number().int(),
  clusterCount: z.number().int(),
  updatedAt: z.string().datetime(),
});
export type Programme = z.infer<typeof Programme>;
export const ProgrammeList = page(Programme);
export const ProgrammeQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  fundingSource: FundingSource.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreateProgrammeRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/)
    .describe('e.g. RPB-TP-2024'),
  name: z.string().trim().min(1).max(160),
  fundingSource: FundingSource,
  year: z.number().int().min(2000).max(2100),
  budget: Rupiah,
  description: z.string().trim().max(2000).nullable().default(null),
});
export const UpdateProgrammeRequest = z.strictObject({
  code: CreateProgrammeRequest.shape.code.optional(),
  name: z.string().trim().min(1).max(160).optional(),
  fundingSource: FundingSource.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  budget: Rupiah.optional(),
  description: z.string().trim().max(2000).nullable().optional(),
});
export type UpdateProgrammeRequest = z.infer<typeof UpdateProgrammeRequest>;

export const INVESTMENT_KINDS = ['machine', 'building', 'land', 'training', 'other'] as const;
export const InvestmentKind = z.enum(INVESTMENT_KINDS);

export const Investment = z.object({
  id: z.string().uuid(),
  programmeId: z.string().uuid(),
  kind: InvestmentKind,
  description: z.string(),
  amount: z.number().int(),
  investedOn: z.string(),
  siteId: z.string().uuid().nullable(),
  siteName: z.string().nullable(),
  machineId: z.string().uuid().nullable(),
  machineName: z.string().nullable(),
  createdAt: z.string().datetime(),
});
export type Investment = z.infer<typeof Investment>;
export const InvestmentList = page(Investment);

export const CreateInvestmentRequest = z.strictObject({
  kind: InvestmentKind,
  description: z.string().trim().min(1).max(300),
  amount: z.number().int().min(1).max(1e15),
  investedOn: z.iso.date(),
  siteId: z.string().uuid().nullable().default(null),
  machineId: z.string().uuid().nullable().default(null).describe('Only for kind "machine"'),
});
export type CreateInvestmentRequest = z.infer<typeof CreateInvestmentRequest>;
