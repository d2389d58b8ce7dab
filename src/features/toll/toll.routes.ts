/** HTTP routes of toll processing: intake, lots, stock, jobs, handovers, genealogy, recall. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticated } from '../../server/http/access.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import { readUpload, sendFile, uploadContext, uploadSchema } from '../../server/http/upload.js';
import {
  CompleteJobRequest,
  Genealogy,
  HandoverRequest,
  IntakeRequest,
  Job,
  JobList,
  JobParams,
  JobQuery,
  JobRequest,
  Lot,
  LotList,
  LotParams,
  LotPhoto,
  LotPhotoList,
  LotPhotoParams,
  LotQuery,
  ProductTypeItems,
  Recall,
  RecallQuery,
  SiteParams,
  SiteStaffItems,
  Stock,
  StockQuery,
} from './toll.contract.js';
import { OkResponse } from '../../contracts/api.contract.js';
import * as svc from './toll.service.js';

const tags = ['toll processing'];

export function tollRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;

  r.get('/api/product-types', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'The product types lots, specifications and inspection plans use',
      response: { 200: ProductTypeItems },
    },
    handler: async (req) => svc.listProductTypes(db, userContextOf(req).actor),
  });
  r.get('/api/sites/:id/staff', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        "A site's managers and operators (to pick a job's operator or an action's owner); 404 outside your sites",
      params: SiteParams,
      response: { 200: SiteStaffItems },
    },
    handler: async (req) => svc.listSiteStaff(db, req.params.id, userContextOf(req).actor),
  });
  r.post('/api/lots/intake', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        "Receive a member's material into custody (site staff); the lot waits in quarantine when an incoming plan covers it",
      body: IntakeRequest,
      response: { 201: Lot },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) => svc.receiveMaterial(trx, req.body, userContextOf(req))),
        ),
  });
  r.get('/api/lots', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Lots you may see (members: their own), newest first',
      querystring: LotQuery,
      response: { 200: LotList },
    },
    handler: async (req) => svc.browseLots(db, req.query, userContextOf(req).actor),
  });
  r.get('/api/lots/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One lot: quantities, owners, consumption, handovers',
      params: LotParams,
      response: { 200: Lot },
    },
    handler: async (req) => svc.getLot(db, req.params.id, userContextOf(req).actor),
  });
  r.get('/api/lots/:id/photos', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A lot's photos (taken at intake), oldest first",
      params: LotParams,
      response: { 200: LotPhotoList },
    },
    handler: async (req) => svc.lotPhotos(db, req.params.id, userContextOf(req).actor),
  });
  r.get('/api/lots/:id/photos/:photoId/file', {
    config: { access: authenticated },
    schema: { tags, summary: 'One photo of a lot (the image)', params: LotPhotoParams },
    handler: async (req, reply) =>
      sendFile(
        reply,
        await svc.lotPhotoFile(db, req.params.id, req.params.photoId, userContextOf(req).actor),
        'inline',
      ),
  });
  r.delete('/api/lots/:id/photos/:photoId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Remove a photo of a lot (site staff)',
      params: LotPhotoParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        svc.deleteLotPhoto(trx, req.params.id, req.params.photoId, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });
  uploadContext(app, (scoped) => {
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/lots/:id/photos', {
      config: { access: authenticated },
      schema: {
        ...uploadSchema(
          tags,
          'Add a photo to a lot (site staff; JPEG, PNG or WebP, at most 5 MB)',
          '',
        ),
        params: LotParams,
        response: { 201: LotPhoto },
      },
      handler: async (req, reply) => {
        const { file } = await readUpload(req, z.object({}));
        const photo = await inTransaction(req, (trx) =>
          svc.addLotPhoto(trx, req.params.id, file, userContextOf(req)),
        );
        return reply.status(201).send(photo);
      },
    });
  });
  r.post('/api/lots/:id/handovers', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Hand (part of) a released lot back to its owner; refused unless the lot passed the quality gate',
      params: LotParams,
      body: HandoverRequest,
      response: { 201: Lot },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.handOver(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });
  r.get('/api/lots/:id/genealogy', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Everything upstream (inputs, owners, jobs, machines) and downstream (outputs, handovers) of a lot',
      params: LotParams,
      response: { 200: Genealogy },
    },
    handler: async (req) => svc.genealogy(db, req.params.id, userContextOf(req).actor),
  });
  r.get('/api/recall', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Every lot touched by an intake lot, or made on a machine within a period',
      querystring: RecallQuery,
      response: { 200: Recall },
    },
    handler: async (req) => svc.recall(db, req.query, userContextOf(req).actor),
  });
  r.get('/api/stock', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Material in custody at a site per owner and product',
      querystring: StockQuery,
      response: { 200: Stock },
    },
    handler: async (req) => svc.stock(db, req.query, userContextOf(req).actor),
  });
  r.post('/api/jobs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Open a process job on a booking and consume its input lots (owners mix only when pooled)',
      body: JobRequest,
      response: { 201: Job },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await inTransaction(req, (trx) => svc.startJob(trx, req.body, userContextOf(req)))),
  });
  r.get('/api/jobs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Process jobs of the sites you see',
      querystring: JobQuery,
      response: { 200: JobList },
    },
    handler: async (req) => svc.browseJobs(db, req.query, userContextOf(req).actor),
  });
  r.get('/api/jobs/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One process job with inputs, outputs and yield per owner',
      params: JobParams,
      response: { 200: Job },
    },
    handler: async (req) => svc.getJob(db, req.params.id, userContextOf(req).actor),
  });
  r.post('/api/jobs/:id/complete', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Record outputs, by-products, waste and utility readings; quantities must balance',
      params: JobParams,
      body: CompleteJobRequest,
      response: { 200: Job },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.completeJob(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });
}
