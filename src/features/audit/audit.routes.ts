/** HTTP route of the audit log: administrators browse and filter it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rolesOnly } from '../../server/http/access.js';
import { AuditList, AuditQuery } from './audit.contract.js';
import { browseAudit } from './audit.service.js';

export function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags: ['audit'],
      summary: 'Browse the audit log, newest first',
      querystring: AuditQuery,
      response: { 200: AuditList },
    },
    handler: async (req) => browseAudit(app.deps.db, req.query),
  });
}
