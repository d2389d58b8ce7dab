/** HTTP routes of the registry (foundation: the site list). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { userContextOf } from '../../server/http/request-context.js';
import {
  SearchQuery,
  SearchResult,
  ScopeOptionList,
  ScopeOptionQuery,
  SiteList,
  SiteQuery,
} from './registry.contract.js';
import { browseScopeOptions, browseSites, searchRegistry } from './registry.service.js';

export function registryRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/sites', {
    // Every role may list sites; which ones it sees is decided by siteVisibility().
    config: { access: authenticated },
    schema: {
      tags: ['registry'],
      summary: 'Sites you can see, by name; filter by programme, cluster, province or text',
      querystring: SiteQuery,
      response: { 200: SiteList },
    },
    handler: async (req) => {
      const { cursor, limit, ...filters } = req.query;
      return browseSites(app.deps.db, userContextOf(req).actor, cursor, limit, filters);
    },
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/scope-options', {
    // For granting roles: administrators pick the programme, site or organisation.
    config: { access: rolesOnly('administrator') },
    schema: {
      tags: ['registry'],
      summary: 'Programmes, sites or organisations to grant a role on',
      querystring: ScopeOptionQuery,
      response: { 200: ScopeOptionList },
    },
    handler: async (req) => browseScopeOptions(app.deps.db, req.query),
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/search', {
    // Every role may search; each kind of hit is filtered by the actor's own scope.
    config: { access: authenticated },
    schema: {
      tags: ['registry'],
      summary: 'Search organisations, people and equipment at once (trigram)',
      querystring: SearchQuery,
      response: { 200: SearchResult },
    },
    handler: async (req) =>
      searchRegistry(app.deps.db, userContextOf(req).actor, req.query, app.deps.dataCipher),
  });
}
