/** HTTP routes for administrators to watch background jobs and the e-mail outbox. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PageQuery } from '../../contracts/api.contract.js';
import { rolesOnly } from '../../server/http/access.js';
import { JobList, JobQuery, OutboxList } from './jobs.contract.js';
import { browseJobs, browseOutbox } from './jobs.service.js';

export function jobsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/admin/jobs', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags: ['jobs'],
      summary: 'Background jobs, newest first',
      querystring: JobQuery,
      response: { 200: JobList },
    },
    handler: async (req) => browseJobs(app.deps.db, req.query),
  });
  r.get('/api/admin/outbox', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags: ['jobs'],
      summary: 'E-mail outbox, newest first',
      querystring: PageQuery,
      response: { 200: OutboxList },
    },
    handler: async (req) => browseOutbox(app.deps.db, req.query.cursor, req.query.limit),
  });
}
