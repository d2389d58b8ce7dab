/** HTTP routes of organisations (profiles, financials and size class, KBLI, products, certificates). */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkResponse, PageQuery } from '../../contracts/api.contract.js';
import { DomainError } from '../../server/domain-error.js';
import { authenticated, publicAccess, rolesOnly } from '../../server/http/access.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import {
  AddKbliRequest,
  Certificate,
  CertificateList,
  CertificateParams,
  CertificatePatch,
  CertificateRequest,
  CreateOrganisationRequest,
  FinancialParams,
  Financials,
  FinancialYearRequest,
  FinancialYearSaved,
  KbliList,
  KbliPage,
  KbliParams,
  KbliQuery,
  Organisation,
  OrganisationList,
  OrganisationListQuery,
  OrganisationSaved,
  OrgParams,
  Product,
  ProductList,
  ProductParams,
  ProductPatch,
  ProductRequest,
  UpdateOrganisationRequest,
} from './organisations.contract.js';
import { organisationsWarnings } from './organisations.errors.js';
import * as svc from './organisations.service.js';

const tags = ['organisations'];

const withWarnings = (
  req: FastifyRequest,
  r: { organisation: Organisation; warnings: svc.WarningFinding[] },
) => ({
  organisation: r.organisation,
  warnings: r.warnings.map((w) => ({
    code: w.code,
    field: w.field,
    message: organisationsWarnings[w.code][req.locale],
  })),
});

export function organisationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const cipher = app.deps.dataCipher;

  r.get('/api/organisations', {
    // Every role may list; which organisations it sees is decided by organisationScope().
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Organisations you can see, by name; search and filters',
      querystring: OrganisationListQuery,
      response: { 200: OrganisationList },
    },
    handler: async (req) =>
      svc.browseOrganisations(db, userContextOf(req).actor, req.query, cipher),
  });

  r.post('/api/organisations', {
    // Administrators register any organisation; site staff a UMKM at one of their sites.
    config: { access: rolesOnly('administrator', 'site_manager', 'site_operator') },
    schema: {
      tags,
      summary: 'Register an organisation (site staff: as a member of their site)',
      body: CreateOrganisationRequest,
      response: { 201: OrganisationSaved },
    },
    handler: async (req, reply) => {
      const saved = await inTransaction(req, (trx) =>
        svc.createOrganisation(trx, req.body, userContextOf(req), cipher),
      );
      return reply.status(201).send(withWarnings(req, saved));
    },
  });

  r.get('/api/organisations/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One organisation (404 outside your scope)',
      params: OrgParams,
      response: { 200: Organisation },
    },
    handler: async (req) =>
      svc.getOrganisation(db, req.params.id, userContextOf(req).actor, cipher),
  });

  r.patch('/api/organisations/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Change an organisation profile; NIK mismatches come back as warnings',
      params: OrgParams,
      body: UpdateOrganisationRequest,
      response: { 200: OrganisationSaved },
    },
    handler: async (req) =>
      withWarnings(
        req,
        await inTransaction(req, (trx) =>
          svc.updateOrganisation(trx, req.params.id, req.body, userContextOf(req), cipher),
        ),
      ),
  });

  r.get('/api/organisations/:id/financials', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Yearly capital, sales and workers; the size class and its changes',
      params: OrgParams,
      response: { 200: Financials },
    },
    handler: async (req) => svc.getFinancials(db, req.params.id, userContextOf(req).actor),
  });

  r.put('/api/organisations/:id/financials/:year', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Record one year of financials; recomputes the size class (PP 7/2021)',
      params: FinancialParams,
      body: FinancialYearRequest,
      response: { 200: FinancialYearSaved },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.saveFinancialYear(trx, req.params.id, req.params.year, req.body, userContextOf(req)),
      ),
  });

  r.post('/api/organisations/:id/kbli', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Add a KBLI 2020 code',
      params: OrgParams,
      body: AddKbliRequest,
      response: { 200: KbliList },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.addKbli(trx, req.params.id, req.body.code, userContextOf(req)),
      ),
  });

  r.delete('/api/organisations/:id/kbli/:code', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Remove a KBLI code',
      params: KbliParams,
      response: { 200: KbliList },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.removeKbli(trx, req.params.id, req.params.code, userContextOf(req)),
      ),
  });

  r.get('/api/kbli', {
    // Public: KBLI 2020 is BPS reference data, and the self-registration form (before any
    // login) picks its codes from this list.
    config: { access: publicAccess },
    schema: {
      tags,
      summary: 'Look up KBLI 2020 codes by code prefix or title',
      querystring: KbliQuery,
      response: { 200: KbliPage },
    },
    handler: async (req) => svc.lookupKbli(db, req.query),
  });

  r.get('/api/organisations/:id/products', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Products, by name',
      params: OrgParams,
      querystring: PageQuery,
      response: { 200: ProductList },
    },
    handler: async (req) =>
      svc.listProducts(db, req.params.id, userContextOf(req).actor, req.query),
  });

  r.post('/api/organisations/:id/products', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Add a product',
      params: OrgParams,
      body: ProductRequest,
      response: { 201: Product },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createProduct(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });

  r.patch('/api/organisations/:id/products/:productId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Change a product',
      params: ProductParams,
      body: ProductPatch,
      response: { 200: Product },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.updateProduct(trx, req.params.id, req.params.productId, req.body, userContextOf(req)),
      ),
  });

  r.delete('/api/organisations/:id/products/:productId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Remove a product',
      params: ProductParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        svc.deleteProduct(trx, req.params.id, req.params.productId, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });

  r.get('/api/organisations/:id/certificates', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Certificates (SNI, halal, P-IRT, BPOM MD, ISO 9001), by type and number',
      params: OrgParams,
      querystring: PageQuery,
      response: { 200: CertificateList },
    },
    handler: async (req) =>
      svc.listCertificates(db, req.params.id, userContextOf(req).actor, req.query),
  });

  r.post('/api/organisations/:id/certificates', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Record a certificate (number, issuer, dates)',
      params: OrgParams,
      body: CertificateRequest,
      response: { 201: Certificate },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createCertificate(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });

  r.patch('/api/organisations/:id/certificates/:certificateId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Change a certificate',
      params: CertificateParams,
      body: CertificatePatch,
      response: { 200: Certificate },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.updateCertificate(
          trx,
          req.params.id,
          req.params.certificateId,
          req.body,
          userContextOf(req),
        ),
      ),
  });

  r.delete('/api/organisations/:id/certificates/:certificateId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Remove a certificate',
      params: CertificateParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        svc.deleteCertificate(trx, req.params.id, req.params.certificateId, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });

  r.get('/api/organisations/:id/certificates/:certificateId/file', {
    config: { access: authenticated },
    schema: { tags, summary: 'Download the certificate file', params: CertificateParams },
    handler: async (req, reply) => {
      const f = await svc.getCertificateFile(
        db,
        req.params.id,
        req.params.certificateId,
        userContextOf(req).actor,
      );
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.name.replace(/[^\w.-]/g, '_')}"`)
        .send(f.data);
    },
  });

  // The upload route lives in its own context so that only it accepts multipart bodies.
  void app.register(async (scoped) => {
    await scoped.register(multipart, {
      limits: { fileSize: svc.CERTIFICATE_FILE_MAX, files: 1, fields: 0 },
    });
    scoped
      .withTypeProvider<ZodTypeProvider>()
      .put('/api/organisations/:id/certificates/:certificateId/file', {
        config: { access: authenticated },
        schema: {
          tags,
          summary:
            'Attach the scanned certificate (multipart field "file": PDF, JPEG or PNG, ≤ 5 MB)',
          consumes: ['multipart/form-data'],
          params: CertificateParams,
          response: { 200: Certificate },
        },
        handler: async (req) => {
          const part = await req.file();
          if (!part) throw new DomainError('validation_failed', { fields: [] });
          let data: Buffer;
          try {
            data = await part.toBuffer();
          } catch {
            throw new DomainError('certificate_file_too_large');
          }
          return inTransaction(req, (trx) =>
            svc.attachCertificateFile(
              trx,
              req.params.id,
              req.params.certificateId,
              { data, name: part.filename, contentType: part.mimetype },
              userContextOf(req),
            ),
          );
        },
      });
  });
}
