/** HTTP routes of programmes and their investments. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageQuery } from '../../contracts/api.contract.js';
import { rolesOnly } from '../../server/http/access.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import {
  CreateInvestmentRequest,
  CreateProgrammeRequest,
  Investment,
  InvestmentList,
  Programme,
  ProgrammeList,
  ProgrammeQuery,
  UpdateProgrammeRequest,
} from './programmes.contract.js';
import * as programmes from './programmes.service.js';

const tags = ['programmes'];
const Id = z.object({ id: z.string().uuid() });
const readers = rolesOnly('administrator', 'programme_officer');
const writers = rolesOnly('administrator');

export function programmesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/programmes', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'Programmes you can read, newest year first, with realisation',
      querystring: ProgrammeQuery,
      response: { 200: ProgrammeList },
    },
    handler: async (req) =>
      programmes.browseProgrammes(app.deps.db, userContextOf(req).actor, req.query),
  });

  r.post('/api/programmes', {
    config: { access: writers },
    schema: {
      tags,
      summary: 'Create a programme (administrators)',
      body: CreateProgrammeRequest,
      response: { 201: Programme },
    },
    handler: async (req, reply) => {
      const p = await inTransaction(req, (trx) =>
        programmes.createProgramme(trx, req.body, userContextOf(req)),
      );
      return reply.status(201).send(p);
    },
  });

  r.get('/api/programmes/:id', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'A programme with its realisation',
      params: Id,
      response: { 200: Programme },
    },
    handler: async (req) =>
      programmes.getProgramme(app.deps.db, req.params.id, userContextOf(req).actor),
  });

  r.patch('/api/programmes/:id', {
    config: { access: writers },
    schema: {
      tags,
      summary: 'Change a programme (administrators)',
      params: Id,
      body: UpdateProgrammeRequest,
      response: { 200: Programme },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        programmes.updateProgramme(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.get('/api/programmes/:id/investments', {
    config: { access: readers },
    schema: {
      tags,
      summary: "A programme's investments, newest first",
      params: Id,
      querystring: PageQuery,
      response: { 200: InvestmentList },
    },
    handler: async (req) =>
      programmes.browseInvestments(app.deps.db, req.params.id, userContextOf(req).actor, req.query),
  });

  r.post('/api/programmes/:id/investments', {
    config: { access: writers },
    schema: {
      tags,
      summary: 'Record an investment (a machine, the building, …); realisation grows by it',
      params: Id,
      body: CreateInvestmentRequest,
      response: { 201: z.object({ investment: Investment, programme: Programme }) },
    },
    handler: async (req, reply) => {
      const res = await inTransaction(req, (trx) =>
        programmes.addInvestment(trx, req.params.id, req.body, userContextOf(req)),
      );
      return reply.status(201).send(res);
    },
  });
}
