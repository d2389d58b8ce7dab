/** HTTP routes of regions, clusters and sites (the site list stays in the registry feature). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OkResponse } from '../../contracts/api.contract.js';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import {
  AddNationalHolidaysRequest,
  AddNationalHolidaysResponse,
  Cluster,
  ClusterList,
  ClusterQuery,
  CopyHolidaysRequest,
  CopyHolidaysResponse,
  CreateClusterRequest,
  CreateHolidayRequest,
  CreateSiteRequest,
  Holiday,
  HolidayList,
  HolidayQuery,
  OpeningHours,
  REGION_DATA_SOURCE,
  RegionList,
  RegionQuery,
  ReplaceOpeningHoursRequest,
  SiteDetail,
  UpdateClusterRequest,
  UpdateHolidayRequest,
  UpdateSiteRequest,
} from './sites.contract.js';
import * as sites from './sites.service.js';

const tags = ['sites'];
const SiteParams = z.object({ id: z.string().uuid() });
const ClusterParams = z.object({ id: z.string().uuid() });
const HolidayParams = z.object({ id: z.string().uuid(), holidayId: z.string().uuid() });
/** Managing a site: administrators and site managers; the service checks which site. */
const siteWriters = rolesOnly('administrator', 'site_manager');

export function sitesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/regions', {
    // Reference data for address pickers; any logged-in user.
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Kemendagri regions: provinces, or the children of a region',
      description: `Source: ${REGION_DATA_SOURCE}. Villages of a district are loaded on first request.`,
      querystring: RegionQuery,
      response: { 200: RegionList },
    },
    handler: async (req) => inTransaction(req, (trx) => sites.browseRegions(trx, req.query)),
  });

  r.get('/api/clusters', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Clusters you can see, by name',
      querystring: ClusterQuery,
      response: { 200: ClusterList },
    },
    handler: async (req) => sites.browseClusters(app.deps.db, userContextOf(req).actor, req.query),
  });

  r.post('/api/clusters', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Create a cluster (administrators)',
      body: CreateClusterRequest,
      response: { 201: Cluster },
    },
    handler: async (req, reply) => {
      const cluster = await inTransaction(req, (trx) =>
        sites.createCluster(trx, req.body, userContextOf(req)),
      );
      return reply.status(201).send(cluster);
    },
  });

  r.patch('/api/clusters/:id', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: "Change a cluster's name, commodity or region (administrators)",
      params: ClusterParams,
      body: UpdateClusterRequest,
      response: { 200: Cluster },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        sites.updateCluster(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.delete('/api/clusters/:id', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Remove a cluster that has no sites (administrators)',
      params: ClusterParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        sites.deleteCluster(trx, req.params.id, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });

  r.post('/api/sites', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Create a site in a cluster (administrators); the time zone follows the province',
      body: CreateSiteRequest,
      response: { 201: SiteDetail },
    },
    handler: async (req, reply) => {
      const site = await inTransaction(req, (trx) =>
        sites.createSite(trx, req.body, userContextOf(req)),
      );
      return reply.status(201).send(site);
    },
  });

  r.get('/api/sites/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'A site with its region, time zone, contacts and opening hours',
      params: SiteParams,
      response: { 200: SiteDetail },
    },
    handler: async (req) => sites.getSite(app.deps.db, req.params.id, userContextOf(req).actor),
  });

  r.patch('/api/sites/:id', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: 'Change a site (administrators, its manager)',
      params: SiteParams,
      body: UpdateSiteRequest,
      response: { 200: SiteDetail },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        sites.updateSite(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.put('/api/sites/:id/opening-hours', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: "Replace a site's opening hours (all intervals at once)",
      params: SiteParams,
      body: ReplaceOpeningHoursRequest,
      response: { 200: OpeningHours },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        sites.replaceOpeningHours(trx, req.params.id, req.body.intervals, userContextOf(req)),
      ),
  });

  r.get('/api/sites/:id/holidays', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A site's holidays and cuti bersama of a year",
      params: SiteParams,
      querystring: HolidayQuery,
      response: { 200: HolidayList },
    },
    handler: async (req) =>
      sites.listHolidays(app.deps.db, req.params.id, req.query.year, userContextOf(req).actor),
  });

  r.post('/api/sites/:id/holidays', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: 'Add a holiday to a site',
      params: SiteParams,
      body: CreateHolidayRequest,
      response: { 201: Holiday },
    },
    handler: async (req, reply) => {
      const h = await inTransaction(req, (trx) =>
        sites.createHoliday(trx, req.params.id, req.body, userContextOf(req)),
      );
      return reply.status(201).send(h);
    },
  });

  r.post('/api/sites/:id/holidays/copy', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: "Copy another site's holidays of a year (dates already set are kept)",
      params: SiteParams,
      body: CopyHolidaysRequest,
      response: { 200: CopyHolidaysResponse },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        sites.copyHolidays(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.post('/api/sites/:id/holidays/national', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: "Add a year's national holidays and cuti bersama (SKB 3 Menteri) to a site",
      description:
        'From the list shipped with RPB (src/reference-data/national-holidays.json). Dates the ' +
        'site already has are kept and counted as skipped, so calling it twice adds nothing.',
      params: SiteParams,
      body: AddNationalHolidaysRequest,
      response: { 200: AddNationalHolidaysResponse },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        sites.addNationalHolidays(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });

  r.patch('/api/sites/:id/holidays/:holidayId', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: 'Change a holiday of a site',
      params: HolidayParams,
      body: UpdateHolidayRequest,
      response: { 200: Holiday },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        sites.updateHoliday(trx, req.params.id, req.params.holidayId, req.body, userContextOf(req)),
      ),
  });

  r.delete('/api/sites/:id/holidays/:holidayId', {
    config: { access: siteWriters },
    schema: {
      tags,
      summary: 'Remove a holiday of a site',
      params: HolidayParams,
      response: { 200: OkResponse },
    },
    handler: async (req) => {
      await inTransaction(req, (trx) =>
        sites.deleteHoliday(trx, req.params.id, req.params.holidayId, userContextOf(req)),
      );
      return { ok: true as const };
    },
  });
}
