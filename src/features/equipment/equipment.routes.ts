/** HTTP routes of equipment: machines, status, documents and photos (multipart uploads). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OkResponse } from '../../contracts/api.contract.js';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import { readUpload, sendFile, uploadContext, uploadSchema } from '../../server/http/upload.js';
import {
  ChangeStatusRequest,
  ChangeStatusResult,
  CreateMachineRequest,
  EquipmentQuery,
  ExpiringDocumentList,
  ExpiringQuery,
  Machine,
  MachineDocument,
  MachineDocumentList,
  MachineList,
  MachinePhoto,
  MachinePhotoList,
  StatusHistory,
  UpdateMachineRequest,
  UploadDocumentFields,
  UploadPhotoFields,
} from './equipment.contract.js';
import * as equipment from './equipment.service.js';

const tags = ['equipment'];
const Id = z.object({ id: z.string().uuid() });
const SiteId = z.object({ siteId: z.string().uuid() });
const FileParams = z.object({ id: z.string().uuid(), fileId: z.string().uuid() });
const managers = rolesOnly('administrator', 'site_manager');
const operators = rolesOnly('administrator', 'site_manager', 'site_operator');

const uploadDoc = (summary: string, fields: string) => uploadSchema(tags, summary, fields);

export function equipmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/equipment', {
    // Every role reads the machines of the sites it can see (members and buyers look for machines).
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Machines you can see, by name; filter and search',
      querystring: EquipmentQuery,
      response: { 200: MachineList },
    },
    handler: async (req) =>
      equipment.browseEquipment(app.deps.db, userContextOf(req).actor, req.query),
  });

  r.get('/api/equipment/documents/expiring', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Machine documents expiring within N days (for reminders)',
      querystring: ExpiringQuery,
      response: { 200: ExpiringDocumentList },
    },
    handler: async (req) => {
      const ctx = userContextOf(req);
      return equipment.expiringDocuments(
        app.deps.db,
        ctx.actor,
        ctx.now,
        req.query.days,
        req.query.includeExpired,
      );
    },
  });

  r.post('/api/sites/:siteId/equipment', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Add a machine to a site (administrators, its manager)',
      params: SiteId,
      body: CreateMachineRequest,
      response: { 201: Machine },
    },
    handler: async (req, reply) => {
      const m = await inTransaction(req, (trx) =>
        equipment.createMachine(trx, req.params.siteId, req.body, userContextOf(req)),
      );
      return reply.status(201).send(m);
    },
  });

  r.get('/api/equipment/:id', {
    config: { access: authenticated },
    schema: { tags, summary: 'A machine', params: Id, response: { 200: Machine } },
    handler: async (req) =>
      equipment.getMachine(app.deps.db, req.params.id, userContextOf(req).actor),
  });

  r.patch('/api/equipment/:id', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Change a machine (administrators, its site manager)',
      params: Id,
      body: UpdateMachineRequest,
      response: { 200: Machine },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        equipment.updateMachine(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.post('/api/equipment/:id/status', {
    config: { access: operators },
    schema: {
      tags,
      summary: "Change a machine's status (operators: active, maintenance, broken)",
      params: Id,
      body: ChangeStatusRequest,
      response: { 200: ChangeStatusResult },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        equipment.changeStatus(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.get('/api/equipment/:id/status-history', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A machine's status changes, newest first",
      params: Id,
      response: { 200: StatusHistory },
    },
    handler: async (req) =>
      equipment.statusHistory(app.deps.db, req.params.id, userContextOf(req).actor),
  });

  r.get('/api/equipment/:id/documents', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A machine's documents",
      params: Id,
      response: { 200: MachineDocumentList },
    },
    handler: async (req) =>
      equipment.listDocuments(app.deps.db, req.params.id, userContextOf(req).actor),
  });

  r.get('/api/equipment/:id/documents/:fileId/file', {
    config: { access: authenticated },
    schema: { tags, summary: 'Download a document', params: FileParams },
    handler: async (req, reply) =>
      sendFile(
        reply,
        await equipment.documentFile(
          app.deps.db,
          req.params.id,
          req.params.fileId,
          userContextOf(req).actor,
        ),
        'attachment',
      ),
  });

  r.delete('/api/equipment/:id/documents/:fileId', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Remove a document',
      params: FileParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        equipment.deleteDocument(trx, req.params.id, req.params.fileId, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });

  r.get('/api/equipment/:id/photos', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A machine's photos",
      params: Id,
      response: { 200: MachinePhotoList },
    },
    handler: async (req) =>
      equipment.listPhotos(app.deps.db, req.params.id, userContextOf(req).actor),
  });

  r.get('/api/equipment/:id/photos/:fileId/file', {
    config: { access: authenticated },
    schema: { tags, summary: 'Download a photo', params: FileParams },
    handler: async (req, reply) =>
      sendFile(
        reply,
        await equipment.photoFile(
          app.deps.db,
          req.params.id,
          req.params.fileId,
          userContextOf(req).actor,
        ),
        'inline',
      ),
  });

  r.delete('/api/equipment/:id/photos/:fileId', {
    config: { access: managers },
    schema: { tags, summary: 'Remove a photo', params: FileParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        equipment.deletePhoto(trx, req.params.id, req.params.fileId, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });

  // Uploads live in their own context so that only these routes accept multipart bodies.
  uploadContext(app, (scoped) => {
    const u = scoped.withTypeProvider<ZodTypeProvider>();
    u.post('/api/equipment/:id/documents', {
      config: { access: managers },
      schema: {
        ...uploadDoc(
          'Upload a document (PDF, JPEG, PNG or WebP, at most 10 MB)',
          'kind, title, number?, issuedOn?, expiresOn? (YYYY-MM-DD)',
        ),
        params: Id,
        response: { 201: MachineDocument },
      },
      handler: async (req, reply) => {
        const { fields, file } = await readUpload(req, UploadDocumentFields);
        const doc = await inTransaction(req, (trx) =>
          equipment.uploadDocument(trx, req.params.id, fields, file, userContextOf(req)),
        );
        return reply.status(201).send(doc);
      },
    });

    u.post('/api/equipment/:id/photos', {
      config: { access: managers },
      schema: {
        ...uploadDoc('Upload a photo (JPEG, PNG or WebP, at most 5 MB)', 'caption?'),
        params: Id,
        response: { 201: MachinePhoto },
      },
      handler: async (req, reply) => {
        const { fields, file } = await readUpload(req, UploadPhotoFields);
        const photo = await inTransaction(req, (trx) =>
          equipment.uploadPhoto(trx, req.params.id, fields, file, userContextOf(req)),
        );
        return reply.status(201).send(photo);
      },
    });
  });
}
