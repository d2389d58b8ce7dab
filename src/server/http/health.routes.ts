/** Liveness and readiness: answers 200 only when the database answers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../domain-error.js';
import { publicAccess } from './access.js';

export function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: publicAccess },
    schema: {
      tags: ['platform'],
      summary: 'Health check (checks the database)',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
      },
    },
    handler: async () => {
      try {
        await sql`select 1`.execute(app.deps.db);
      } catch (err) {
        app.log.error({ err }, 'health check: database unreachable');
        throw new DomainError('service_unavailable');
      }
      return { status: 'ok' as const, database: app.deps.databaseKind };
    },
  });
}
