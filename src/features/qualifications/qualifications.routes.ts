/** HTTP routes of people, training sessions, qualifications and qualification rules. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkResponse } from '../../contracts/api.contract.js';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import {
  AttendanceParams,
  AttendanceRequest,
  GrantQualificationRequest,
  OrganisationPeopleQuery,
  OrgParams,
  PeopleQuery,
  Person,
  PersonList,
  PersonParams,
  PersonPatch,
  PersonRequest,
  Qualification,
  QualificationItems,
  QualificationList,
  QualificationParams,
  QualificationQuery,
  QualificationRuleList,
  RecordUseRequest,
  RevokeQualificationRequest,
  SessionParams,
  TrainingSession,
  TrainingSessionList,
  TrainingSessionQuery,
  TrainingSessionRequest,
  UpdateQualificationRulesRequest,
} from './qualifications.contract.js';
import * as svc from './qualifications.service.js';

const tags = ['qualifications'];
const siteStaff = rolesOnly('administrator', 'site_manager', 'site_operator');

export function qualificationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const now = () => app.deps.clock.now();
  // People's NIKs are stored sealed: the use cases that read or write one get the data cipher.
  const cipher = app.deps.dataCipher;

  // People ------------------------------------------------------------------------------------

  r.get('/api/people', {
    // Which people a caller sees follows organisationScope() (as organisations do).
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'People you can see, by name; search by name, filter by organisation or site',
      querystring: PeopleQuery,
      response: { 200: PersonList },
    },
    handler: async (req) => svc.browsePeople(db, userContextOf(req).actor, req.query, cipher),
  });

  r.get('/api/organisations/:id/people', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "An organisation's owner and workers",
      params: OrgParams,
      querystring: OrganisationPeopleQuery,
      response: { 200: PersonList },
    },
    handler: async (req) =>
      svc.browseOrganisationPeople(db, req.params.id, userContextOf(req).actor, req.query, cipher),
  });

  r.post('/api/organisations/:id/people', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Add a person (owner or worker); the NIK is checked and stored as 16 digits',
      params: OrgParams,
      body: PersonRequest,
      response: { 201: Person },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createPerson(trx, req.params.id, req.body, userContextOf(req), cipher),
          ),
        ),
  });

  r.get('/api/organisations/:id/people/:personId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One person (404 outside your scope)',
      params: PersonParams,
      response: { 200: Person },
    },
    handler: async (req) =>
      svc.getPerson(db, req.params.id, req.params.personId, userContextOf(req).actor, cipher),
  });

  r.patch('/api/organisations/:id/people/:personId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Change a person (deactivate with active: false)',
      params: PersonParams,
      body: PersonPatch,
      response: { 200: Person },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.updatePerson(
          trx,
          req.params.id,
          req.params.personId,
          req.body,
          userContextOf(req),
          cipher,
        ),
      ),
  });

  r.delete('/api/organisations/:id/people/:personId', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Delete a person without training or qualification records',
      params: PersonParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        svc.deletePerson(trx, req.params.id, req.params.personId, userContextOf(req), cipher),
      );
      return { ok: true as const };
    },
  });

  r.get('/api/organisations/:id/people/:personId/qualifications', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A person's qualifications (revoked ones last) with expiry and validity",
      params: PersonParams,
      response: { 200: QualificationItems },
    },
    handler: async (req) =>
      svc.personQualifications(
        db,
        req.params.id,
        req.params.personId,
        userContextOf(req).actor,
        now(),
      ),
  });

  // Training ----------------------------------------------------------------------------------

  r.get('/api/training-sessions', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Training sessions at sites you can see, latest first',
      querystring: TrainingSessionQuery,
      response: { 200: TrainingSessionList },
    },
    handler: async (req) => svc.browseSessions(db, userContextOf(req).actor, req.query),
  });

  r.post('/api/training-sessions', {
    config: { access: siteStaff },
    schema: {
      tags,
      summary: 'Record a training session on a machine type at your site',
      body: TrainingSessionRequest,
      response: { 201: TrainingSession },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) => svc.createSession(trx, req.body, userContextOf(req))),
        ),
  });

  r.get('/api/training-sessions/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One training session with the attendance you may see',
      params: SessionParams,
      response: { 200: TrainingSession },
    },
    handler: async (req) => svc.getSession(db, req.params.id, userContextOf(req).actor),
  });

  r.put('/api/training-sessions/:id/attendance/:personId', {
    config: { access: siteStaff },
    schema: {
      tags,
      summary: "Record a person's attendance and whether they passed",
      params: AttendanceParams,
      body: AttendanceRequest,
      response: { 200: TrainingSession },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.recordAttendance(trx, req.params.id, req.params.personId, req.body, userContextOf(req)),
      ),
  });

  r.delete('/api/training-sessions/:id/attendance/:personId', {
    config: { access: siteStaff },
    schema: {
      tags,
      summary: 'Remove an attendance no qualification rests on',
      params: AttendanceParams,
      response: { 200: TrainingSession },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.removeAttendance(trx, req.params.id, req.params.personId, userContextOf(req)),
      ),
  });

  // Qualifications ----------------------------------------------------------------------------

  r.get('/api/qualifications', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Qualifications of people you can see, soonest expiry first',
      querystring: QualificationQuery,
      response: { 200: QualificationList },
    },
    handler: async (req) =>
      svc.browseQualifications(db, userContextOf(req).actor, req.query, now()),
  });

  r.post('/api/qualifications', {
    config: { access: siteStaff },
    schema: {
      tags,
      summary: 'Grant a qualification at your site to a person of a member organisation',
      body: GrantQualificationRequest,
      response: { 201: Qualification },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.grantQualification(trx, req.body, userContextOf(req)),
          ),
        ),
  });

  r.get('/api/qualifications/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One qualification with its expiry and validity',
      params: QualificationParams,
      response: { 200: Qualification },
    },
    handler: async (req) =>
      svc.getQualification(db, req.params.id, userContextOf(req).actor, now()),
  });

  r.post('/api/qualifications/:id/revoke', {
    config: { access: siteStaff },
    schema: {
      tags,
      summary: 'Revoke a qualification granted at your site',
      params: QualificationParams,
      body: RevokeQualificationRequest,
      response: { 200: Qualification },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.revokeQualification(trx, req.params.id, req.body.reason, userContextOf(req)),
      ),
  });

  r.post('/api/qualifications/:id/use', {
    config: { access: siteStaff },
    schema: {
      tags,
      summary: 'Record a use (moves the expiry on); refused when revoked or lapsed',
      params: QualificationParams,
      body: RecordUseRequest,
      response: { 200: Qualification },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.recordQualificationUse(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  // Rules -------------------------------------------------------------------------------------

  r.get('/api/qualification-rules', {
    // Read by everyone who sees qualifications (their expiry follows from it).
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Months a qualification lasts without use, per machine type',
      response: { 200: QualificationRuleList },
    },
    handler: async () => svc.listRules(db),
  });

  r.put('/api/qualification-rules', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Set the months per machine type (null returns a type to the default)',
      body: UpdateQualificationRulesRequest,
      response: { 200: QualificationRuleList },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.updateRules(trx, req.body, userContextOf(req))),
  });
}
