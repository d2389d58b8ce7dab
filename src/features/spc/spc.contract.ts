/** API shapes of statistical process control over inspection results. */
import { z } from 'zod';

const Id = z.string().uuid();

export const SpcQuery = z.object({
  characteristicId: Id,
  productType: z.string().regex(/^[a-z_]{2,40}$/),
  machineId: Id.optional(),
  siteId: Id.optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  chart: z.enum(['imr', 'xbar', 'p']).default('imr'),
  subgroupSize: z.coerce.number().int().min(2).max(10).default(5),
  baseline: z.coerce
    .number()
    .int()
    .min(2)
    .max(100_000)
    .optional()
    .describe('limits from the first N points (phase I)'),
  maxPoints: z.coerce.number().int().min(50).max(10_000).default(2000),
});
export type SpcQuery = z.infer<typeof SpcQuery>;

const Lines = z.object({ centre: z.number(), ucl: z.number(), lcl: z.number() });
export const SpcChart = z.object({
  chart: z.enum(['imr', 'xbar', 'p']),
  n: z.number().int().describe('measurements (imr), subgroups (xbar) or samples (p)'),
  unit: z.string().nullable(),
  limits: Lines.nullable(),
  secondary: Lines.nullable().describe('moving range (imr) or range (xbar) chart'),
  points: z.array(
    z.object({
      index: z.number().int(),
      at: z.string().datetime(),
      value: z.number(),
      secondary: z.number().nullable(),
      lotCode: z.string(),
      rules: z.array(z.number().int()),
    }),
  ),
  violations: z.array(
    z.object({ rule: z.number().int(), index: z.number().int(), side: z.enum(['above', 'below']) }),
  ),
  spec: z
    .object({ lower: z.number().nullable(), upper: z.number().nullable(), source: z.string() })
    .nullable(),
  capability: z
    .object({
      mean: z.number(),
      sdOverall: z.number(),
      sigmaWithin: z.number(),
      cp: z.number().nullable(),
      cpk: z.number().nullable(),
      pp: z.number().nullable(),
      ppk: z.number().nullable(),
    })
    .nullable(),
});
export type SpcChart = z.infer<typeof SpcChart>;
