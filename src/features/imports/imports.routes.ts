/** HTTP routes of imports (multipart upload) and exports (file download). */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../../contracts/api.contract.js';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { isKnownCode, messageOf } from '../../server/http/error-map.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import { DEFAULT_READ_LIMITS, writeCsv, writeXlsx } from '../../server/tabular/tabular.js';
import { DomainError } from '../../server/domain-error.js';
import { ExportQuery, ImportPreview, ImportResult, MemberImportQuery } from './imports.contract.js';
import { importsError } from './imports.errors.js';
import { MEMBER_COLUMNS, type RowProblem } from './imports.js';
import {
  exportMembers,
  importMembers,
  previewMembers,
  type UploadedFile,
} from './imports.service.js';
import { z } from 'zod';

const tags = ['imports'];
const importers = rolesOnly('administrator', 'site_manager', 'site_operator');

const translate = (problems: RowProblem[], locale: Locale) =>
  problems.map((p) => ({
    row: p.row,
    column: p.column,
    code: p.code,
    message: isKnownCode(p.code) ? messageOf(p.code, locale, p.params) : p.code,
  }));

async function uploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  const part = await req.file();
  if (!part) throw importsError('import_file_missing');
  try {
    return { bytes: await part.toBuffer(), filename: part.filename };
  } catch {
    throw new DomainError('table_too_large', {
      maxMegabytes: DEFAULT_READ_LIMITS.maxBytes / 1024 / 1024,
    });
  }
}

const download = (name: string, format: 'xlsx' | 'csv') =>
  `attachment; filename="${name}.${format}"`;

export function importsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/exports/members', {
    // Everyone may export what they may read; the scope decides which members.
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Members you can see, as XLSX or CSV (the import columns)',
      querystring: ExportQuery,
    },
    handler: async (req, reply) => {
      const { bytes, contentType } = await exportMembers(
        app.deps.db,
        req.query,
        userContextOf(req).actor,
      );
      return reply
        .type(contentType)
        .header('content-disposition', download('anggota', req.query.format))
        .send(Buffer.from(bytes));
    },
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/imports/members/template', {
    config: { access: importers },
    schema: {
      tags,
      summary: 'An empty members file with the expected columns',
      querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    },
    handler: async (req, reply) => {
      const csv = req.query.format === 'csv';
      const bytes = csv
        ? writeCsv(MEMBER_COLUMNS, [])
        : await writeXlsx('Anggota', MEMBER_COLUMNS, []);
      return reply
        .type(
          csv
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', download('template-anggota', req.query.format))
        .send(Buffer.from(bytes));
    },
  });

  // Uploads live in their own context so that only these routes accept multipart bodies.
  void app.register(async (scoped) => {
    await scoped.register(multipart, {
      limits: { fileSize: DEFAULT_READ_LIMITS.maxBytes, files: 1, fields: 0 },
    });
    const r = scoped.withTypeProvider<ZodTypeProvider>();
    r.post('/api/imports/members/preview', {
      config: { access: importers },
      schema: {
        tags,
        summary:
          'Check a members file (multipart field "file", XLSX or CSV): every bad cell, nothing written',
        consumes: ['multipart/form-data'],
        querystring: MemberImportQuery.pick({ siteId: true }),
        response: { 200: ImportPreview },
      },
      handler: async (req) => {
        const file = await uploadedFile(req);
        const result = await previewMembers(app.deps.db, file, req.query, userContextOf(req));
        return { ...result, problems: translate(result.problems, req.locale) };
      },
    });
    r.post('/api/imports/members', {
      config: { access: importers },
      schema: {
        tags,
        summary:
          'Import a members file in one transaction: all rows or none, or only the valid rows',
        consumes: ['multipart/form-data'],
        querystring: MemberImportQuery,
        response: { 200: ImportResult },
      },
      handler: async (req) => {
        const file = await uploadedFile(req);
        const result = await inTransaction(req, (trx) =>
          importMembers(trx, file, req.query, userContextOf(req)),
        );
        return { ...result, problems: translate(result.problems, req.locale) };
      },
    });
  });
}
