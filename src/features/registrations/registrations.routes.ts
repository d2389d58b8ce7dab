/**
 * HTTP routes of UMKM self-registration. Two are public — the site list and the submission
 * (rate-limited per client IP like the login, with the same RPB_LOGIN_RATE_LIMIT) — and answer
 * only what the visitor sent or may see; the rest need a login.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authenticated, publicAccess, rolesOnly } from '../../server/http/access.js';
import { contextOf, inTransaction, userContextOf } from '../../server/http/request-context.js';
import { OUTBOX_QUEUE } from '../jobs/jobs.service.js';
import { organisationsWarnings } from '../organisations/organisations.errors.js';
import {
  MyRegistrationList,
  PublicSiteList,
  RegisterRequest,
  Registration,
  RegistrationList,
  RegistrationListQuery,
  RegistrationParams,
  RegistrationSubmitted,
  RejectRegistrationRequest,
} from './registrations.contract.js';
import * as svc from './registrations.service.js';

const tags = ['registrations'];
/** Who decides: administrators anywhere, site managers at their sites (scoped by the service). */
const DECIDERS = rolesOnly('administrator', 'site_manager');

export function registrationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const deps = svc.registrationsDeps(app.deps.config, app.deps.dataCipher);

  r.get('/api/registrations/sites', {
    // Public: a visitor chooses the site to join. Only code, name and region are shown.
    config: { access: publicAccess },
    schema: {
      tags,
      summary: 'Sites a UMKM can ask to join (public: code, name and region only)',
      response: { 200: PublicSiteList },
    },
    handler: async () => svc.listPublicSites(db),
  });

  r.post('/api/registrations', {
    // Public: the visitor has no account yet. Each submission hashes a password, so it is
    // limited per client IP like the login.
    config: {
      access: publicAccess,
      rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary:
        'Register a UMKM, its applicant account and a request to join a site (pending approval)',
      body: RegisterRequest,
      response: { 201: RegistrationSubmitted },
    },
    handler: async (req, reply) => {
      const saved = await inTransaction(req, (trx) =>
        svc.submitRegistration(trx, { ...req.body, locale: req.locale }, contextOf(req), deps),
      );
      app.deps.nudge(OUTBOX_QUEUE);
      return reply.status(201).send({
        ...saved,
        warnings: saved.warnings.map((w) => ({
          code: w.code,
          field: w.field,
          message: organisationsWarnings[w.code][req.locale],
        })),
      });
    },
  });

  r.get('/api/registrations/mine', {
    // Every signed-in user may ask; most have none. An applicant waiting for approval has no
    // grant yet, so this cannot require a role.
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Your own registration requests and their status',
      response: { 200: MyRegistrationList },
    },
    handler: async (req) => svc.myRegistrations(db, userContextOf(req).actor),
  });

  r.get('/api/registrations', {
    config: { access: DECIDERS },
    schema: {
      tags,
      summary: 'Registration requests of the sites you manage (pending by default), oldest first',
      querystring: RegistrationListQuery,
      response: { 200: RegistrationList },
    },
    handler: async (req) =>
      svc.browseRegistrations(db, userContextOf(req).actor, req.query, deps.cipher),
  });

  r.post('/api/registrations/:id/approve', {
    config: { access: DECIDERS },
    schema: {
      tags,
      summary: 'Approve: the organisation joins the site and the applicant becomes its member',
      params: RegistrationParams,
      response: { 200: Registration },
    },
    handler: async (req) => {
      const result = await inTransaction(req, (trx) =>
        svc.approveRegistration(trx, req.params.id, userContextOf(req), deps),
      );
      app.deps.nudge(OUTBOX_QUEUE);
      return result;
    },
  });

  r.post('/api/registrations/:id/reject', {
    config: { access: DECIDERS },
    schema: {
      tags,
      summary: 'Reject with a reason (sent to the applicant)',
      params: RegistrationParams,
      body: RejectRegistrationRequest,
      response: { 200: Registration },
    },
    handler: async (req) => {
      const result = await inTransaction(req, (trx) =>
        svc.rejectRegistration(trx, req.params.id, req.body.reason, userContextOf(req), deps),
      );
      app.deps.nudge(OUTBOX_QUEUE);
      return result;
    },
  });
}
