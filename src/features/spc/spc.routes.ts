/** HTTP route of statistical process control. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rolesOnly } from '../../server/http/access.js';
import { userContextOf } from '../../server/http/request-context.js';
import { SpcChart, SpcQuery } from './spc.contract.js';
import { spcChart } from './spc.service.js';

export function spcRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/spc', {
    config: {
      access: rolesOnly('administrator', 'programme_officer', 'site_manager', 'site_operator'),
    },
    schema: {
      tags: ['quality'],
      summary:
        'A control chart (I-MR, X̄-R or p) of a characteristic per product and machine, with Western Electric signals and Cp/Cpk',
      querystring: SpcQuery,
      response: { 200: SpcChart },
    },
    handler: async (req) => spcChart(app.deps.db, req.query, userContextOf(req).actor),
  });
}
