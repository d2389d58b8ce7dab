/** HTTP routes of quality: standards, plans, sampling, inspections, NCs, certificates. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticated, publicAccess } from '../../server/http/access.js';
import { sendDownload } from '../../server/http/download.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import { readUpload, sendFile, uploadContext, uploadSchema } from '../../server/http/upload.js';
import {
  ActionParams,
  Certificate,
  CertificateParams,
  CertificatePdfQuery,
  CertificateVerification,
  Inspection,
  InspectionItems,
  InspectionParams,
  InspectionPlanItems,
  InspectionPlanRequest,
  InspectionPlanUpdate,
  InspectionRequest,
  LabReport,
  LabReportParams,
  LotParams,
  NcActionRequest,
  NcList,
  NcParams,
  NcQuery,
  NcUpdate,
  NonConformance,
  PlanParams,
  PlanReducedRequest,
  PublicTokenParams,
  Sampling,
  SamplingQuery,
  SamplingRestartRequest,
  Specification,
  SpecificationItems,
  SpecificationParams,
  SpecificationRequest,
} from './quality.contract.js';
import * as svc from './quality.service.js';

const tags = ['quality'];

export function qualityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const base = (req: FastifyRequest) =>
    app.deps.config.publicUrl ?? `${req.protocol}://${req.host}`;

  r.get('/api/specifications', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Specifications (SNI and buyers) with their characteristics and limits',
      response: { 200: SpecificationItems },
    },
    handler: async (req) => svc.listSpecifications(db, userContextOf(req).actor),
  });
  r.post('/api/specifications', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "Add a specification (e.g. a buyer's) from the library of characteristics",
      body: SpecificationRequest,
      response: { 201: Specification },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createSpecification(trx, req.body, userContextOf(req)),
          ),
        ),
  });
  r.get('/api/inspection-plans', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Active inspection plans per product and stage',
      response: { 200: InspectionPlanItems },
    },
    handler: async (req) => svc.listPlans(db, userContextOf(req).actor),
  });
  r.put('/api/specifications/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Change a specification (administrators; site managers for buyers’ ones) while no inspection uses it',
      params: SpecificationParams,
      body: SpecificationRequest,
      response: { 200: Specification },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.updateSpecification(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });
  r.put('/api/inspection-plans/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Change a plan: it is retired and a successor for the same site takes its place (switching starts afresh)',
      params: PlanParams,
      body: InspectionPlanUpdate,
      response: { 200: InspectionPlanItems },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.updatePlan(trx, req.params.id, req.body, userContextOf(req))),
  });
  r.post('/api/inspection-plans/:id/reduced', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'The responsible authority allows or withdraws reduced inspection under a plan (ISO 2859-1 9.3.3 c; administrators, site managers); the switching history goes on',
      params: PlanParams,
      body: PlanReducedRequest,
      response: { 200: InspectionPlanItems },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.setPlanReduced(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });
  r.post('/api/inspection-plans', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Add an inspection plan (level, AQL) for a product and stage',
      body: InspectionPlanRequest,
      response: { 201: InspectionPlanItems },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await inTransaction(req, (trx) => svc.createPlan(trx, req.body, userContextOf(req)))),
  });
  r.get('/api/lots/:id/sampling', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'The ISO 2859-1 sample size and Ac/Re for this lot now (with switching)',
      params: LotParams,
      querystring: SamplingQuery,
      response: { 200: Sampling },
    },
    handler: async (req) =>
      svc.samplingFor(db, req.params.id, req.query.stage, userContextOf(req).actor),
  });
  r.post('/api/lots/:id/sampling/restart', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Restart discontinued inspection under the plan covering this lot, at tightened (ISO 2859-1 9.4; site managers)',
      params: LotParams,
      body: SamplingRestartRequest,
      response: { 200: Sampling },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.restartSampling(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });
  r.get('/api/lots/:id/inspections', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A lot's inspection records (corrections link to what they replace)",
      params: LotParams,
      response: { 200: InspectionItems },
    },
    handler: async (req) => svc.lotInspections(db, req.params.id, userContextOf(req).actor),
  });
  r.post('/api/lots/:id/inspections', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Record an inspection: automatic verdicts, the quality gate, an NC when it fails',
      params: LotParams,
      body: InspectionRequest,
      response: { 201: Inspection },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.recordInspection(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });
  r.get('/api/inspections/:id/lab-reports/:reportId/file', {
    config: { access: authenticated },
    schema: { tags, summary: "Download an inspection's lab report", params: LabReportParams },
    handler: async (req, reply) =>
      sendFile(
        reply,
        await svc.labReportFile(db, req.params.id, req.params.reportId, userContextOf(req).actor),
        'attachment',
      ),
  });
  uploadContext(app, (scoped) => {
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/inspections/:id/lab-reports', {
      config: { access: authenticated },
      schema: {
        ...uploadSchema(
          tags,
          'Attach a lab report to an inspection (site staff; PDF, JPEG, PNG or WebP, at most 10 MB); the signed record itself never changes',
          '',
        ),
        params: InspectionParams,
        response: { 201: LabReport },
      },
      handler: async (req, reply) => {
        const { file } = await readUpload(req, z.object({}));
        const report = await inTransaction(req, (trx) =>
          svc.addLabReport(trx, req.params.id, file, userContextOf(req)),
        );
        return reply.status(201).send(report);
      },
    });
  });
  r.get('/api/non-conformances', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Non-conformances of the sites you see',
      querystring: NcQuery,
      response: { 200: NcList },
    },
    handler: async (req) => svc.browseNcs(db, req.query, userContextOf(req).actor),
  });
  r.get('/api/non-conformances/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One non-conformance with its actions',
      params: NcParams,
      response: { 200: NonConformance },
    },
    handler: async (req) => svc.getNc(db, req.params.id, userContextOf(req).actor),
  });
  r.patch('/api/non-conformances/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Set disposition, root cause, verification',
      params: NcParams,
      body: NcUpdate,
      response: { 200: NonConformance },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.updateNc(trx, req.params.id, req.body, userContextOf(req))),
  });
  r.post('/api/non-conformances/:id/actions', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Add a corrective action with an owner and a due date',
      params: NcParams,
      body: NcActionRequest,
      response: { 201: NonConformance },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.addNcAction(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });
  r.post('/api/nc-actions/:id/done', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Mark a corrective action done',
      params: ActionParams,
      response: { 200: NonConformance },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.completeNcAction(trx, req.params.id, userContextOf(req))),
  });
  r.post('/api/non-conformances/:id/close', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Close (needs disposition, root cause, actions done, verification)',
      params: NcParams,
      response: { 200: NonConformance },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.closeNc(trx, req.params.id, userContextOf(req))),
  });
  r.post('/api/lots/:id/certificate', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Issue the certificate of analysis of a released lot',
      params: LotParams,
      response: { 201: Certificate },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.issueCertificate(trx, req.params.id, userContextOf(req), base(req)),
          ),
        ),
  });
  r.get('/api/lots/:id/certificate', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A lot's certificate",
      params: LotParams,
      response: { 200: Certificate },
    },
    handler: async (req) =>
      svc.certificateOf(db, req.params.id, userContextOf(req).actor, base(req)),
  });
  r.get('/api/certificates/:id/pdf', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'The certificate PDF in Indonesian or English, with its verification QR code',
      params: CertificateParams,
      querystring: CertificatePdfQuery,
    },
    handler: async (req, reply) => {
      const { number, bytes } = await svc.certificatePdf(
        db,
        req.params.id,
        req.query.lang,
        userContextOf(req).actor,
        base(req),
      );
      return sendDownload(reply, number.replace(/\//g, '-'), 'pdf', bytes);
    },
  });
  r.get('/api/public/certificates/:token', {
    // Public: the QR code's secret is the credential; anyone holding the paper may check it.
    config: { access: publicAccess },
    schema: {
      tags,
      summary: 'Verify a certificate: its content as issued and whether it is unchanged',
      params: PublicTokenParams,
      response: { 200: CertificateVerification },
    },
    handler: async (req) => svc.verifyCertificate(db, req.params.token),
  });
}
