/** API shapes of imports and exports. */
import { z } from 'zod';
import { IMPORT_STRATEGIES } from './imports.js';

export const ImportStrategy = z.enum(IMPORT_STRATEGIES);

export const RowProblem = z.object({
  row: z.number().int().describe('Spreadsheet row number; the header is row 1'),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type RowProblem = z.infer<typeof RowProblem>;

export const MemberImportQuery = z.object({
  siteId: z
    .string()
    .uuid()
    .optional()
    .describe('Register the members at this site (required for site staff)'),
  strategy: ImportStrategy.default('all_or_nothing').describe(
    'all_or_nothing: any bad row imports nothing; valid_only: skip bad rows',
  ),
});

export const ImportPreview = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  problems: z.array(RowProblem),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = ImportPreview.extend({
  applied: z.boolean().describe('false when all_or_nothing met a bad row: nothing was written'),
  imported: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const EquipmentImportQuery = z.object({
  strategy: ImportStrategy.default('all_or_nothing'),
});

export const EquipmentExportQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  siteId: z.string().uuid().optional(),
});

export const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const ExportQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  siteId: z.string().uuid().optional(),
  kind: z.enum(['umkm', 'cooperative', 'buyer', 'regional_government']).optional(),
});
