/** HTTP routes of imports (multipart upload) and exports (file download). */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../../contracts/api.contract.js';
import { DomainError } from '../../server/domain-error.js';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { isKnownCode, messageOf } from '../../server/http/error-map.js';
import { sendDownload } from '../../server/http/download.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import { DEFAULT_READ_LIMITS, writeCsv, writeXlsx } from '../../server/tabular/tabular.js';
import {
  EquipmentExportQuery,
  EquipmentImportQuery,
  ExportQuery,
  ImportPreview,
  ImportResult,
  MemberImportQuery,
  TemplateQuery,
} from './imports.contract.js';
import { importsError } from './imports.errors.js';
import { EQUIPMENT_COLUMNS, MEMBER_COLUMNS, type RowProblem } from './imports.js';
import {
  exportEquipment,
  exportMembers,
  importEquipment,
  importMembers,
  previewEquipment,
  previewMembers,
  type UploadedFile,
} from './imports.service.js';

const tags = ['imports'];
const importers = rolesOnly('administrator', 'site_manager', 'site_operator');
const equipmentImporters = rolesOnly('administrator', 'site_manager');

/** The importable tables: their URL name, sheet and file names, and columns. */
const TABLES = [
  {
    path: 'members',
    sheet: 'Anggota',
    file: 'anggota',
    columns: MEMBER_COLUMNS,
    access: importers,
  },
  {
    path: 'equipment',
    sheet: 'Peralatan',
    file: 'peralatan',
    columns: EQUIPMENT_COLUMNS,
    access: equipmentImporters,
  },
] as const;

const translate = (problems: RowProblem[], locale: Locale) =>
  problems.map((p) => ({
    row: p.row,
    column: p.column,
    code: p.code,
    message: isKnownCode(p.code) ? messageOf(p.code, locale, p.params) : p.code,
  }));

const translated = <T extends { problems: RowProblem[] }>(result: T, locale: Locale) => ({
  ...result,
  problems: translate(result.problems, locale),
});

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

export function importsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Everyone may export what they may read; their scope decides which rows.
  r.get('/api/exports/members', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Members you can see, as XLSX or CSV (the import columns)',
      querystring: ExportQuery,
    },
    handler: async (req, reply) => {
      const { bytes } = await exportMembers(
        app.deps.db,
        req.query,
        userContextOf(req).actor,
        app.deps.dataCipher,
      );
      return sendDownload(reply, 'anggota', req.query.format, bytes);
    },
  });
  r.get('/api/exports/equipment', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Machines you can see, as XLSX or CSV (the import columns)',
      querystring: EquipmentExportQuery,
    },
    handler: async (req, reply) => {
      const { bytes } = await exportEquipment(app.deps.db, req.query, userContextOf(req).actor);
      return sendDownload(reply, 'peralatan', req.query.format, bytes);
    },
  });
  for (const t of TABLES) {
    r.get(`/api/imports/${t.path}/template`, {
      config: { access: t.access },
      schema: {
        tags,
        summary: `An empty ${t.path} file with the expected columns`,
        querystring: TemplateQuery,
      },
      handler: async (req, reply) => {
        const bytes =
          req.query.format === 'csv'
            ? writeCsv(t.columns, [])
            : await writeXlsx(t.sheet, t.columns, []);
        return sendDownload(reply, `template-${t.file}`, req.query.format, bytes);
      },
    });
  }

  // Uploads live in their own context so that only these routes accept multipart bodies.
  void app.register(async (scoped) => {
    await scoped.register(multipart, {
      limits: { fileSize: DEFAULT_READ_LIMITS.maxBytes, files: 1, fields: 0 },
    });
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    const upload = { consumes: ['multipart/form-data'], tags };
    s.post('/api/imports/members/preview', {
      config: { access: importers },
      schema: {
        ...upload,
        summary:
          'Check a members file (multipart field "file", XLSX or CSV): every bad cell, nothing written',
        querystring: MemberImportQuery.pick({ siteId: true }),
        response: { 200: ImportPreview },
      },
      handler: async (req) =>
        translated(
          await previewMembers(app.deps.db, await uploadedFile(req), req.query, userContextOf(req)),
          req.locale,
        ),
    });
    s.post('/api/imports/members', {
      config: { access: importers },
      schema: {
        ...upload,
        summary:
          'Import a members file in one transaction: all rows or none, or only the valid rows',
        querystring: MemberImportQuery,
        response: { 200: ImportResult },
      },
      handler: async (req) => {
        const file = await uploadedFile(req);
        return translated(
          await inTransaction(req, (trx) =>
            importMembers(trx, file, req.query, userContextOf(req), app.deps.dataCipher),
          ),
          req.locale,
        );
      },
    });
    s.post('/api/imports/equipment/preview', {
      config: { access: equipmentImporters },
      schema: {
        ...upload,
        summary:
          "Check an equipment file (column kode_situs names each row's site): every bad cell, nothing written",
        response: { 200: ImportPreview },
      },
      handler: async (req) =>
        translated(
          await previewEquipment(app.deps.db, await uploadedFile(req), userContextOf(req)),
          req.locale,
        ),
    });
    s.post('/api/imports/equipment', {
      config: { access: equipmentImporters },
      schema: {
        ...upload,
        summary:
          'Import an equipment file in one transaction: all rows or none, or only the valid rows',
        querystring: EquipmentImportQuery,
        response: { 200: ImportResult },
      },
      handler: async (req) => {
        const file = await uploadedFile(req);
        return translated(
          await inTransaction(req, (trx) =>
            importEquipment(trx, file, req.query, userContextOf(req)),
          ),
          req.locale,
        );
      },
    });
  });
}
