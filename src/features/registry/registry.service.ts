/** Use cases of the registry available in the foundation: the scoped list of sites. */
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import type { Actor } from '../../server/context.js';
import { browseEquipment } from '../equipment/equipment.service.js';
import { browseOrganisations } from '../organisations/organisations.service.js';
import { browsePeople } from '../qualifications/qualifications.service.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import type { SiteSummary } from './registry.contract.js';
import { siteVisibility } from './registry.js';
import { listScopeOptions, listSites, type SiteFilters } from './registry.repository.js';

export async function browseSites(
  db: Executor,
  actor: Actor,
  cursor: string | undefined,
  limit: number,
  filters: SiteFilters = {},
) {
  const key = decodeCursor(cursor, 1);
  const rows = await listSites(
    db,
    siteVisibility(actor),
    key ? String(key[0]) : null,
    limit,
    filters,
  );
  const page = toPage(rows, limit, (r) => [r.name]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r): SiteSummary => ({
      id: r.id,
      code: r.code,
      name: r.name,
      clusterName: r.cluster_name,
      programmeName: r.programme_name,
      commodity: r.commodity,
      province: r.province,
      regency: r.regency,
      timeZone: r.time_zone,
      operatorName: r.operator_name,
      machineCount: r.machine_count,
      memberCount: r.member_count,
      equipmentValue: Number(r.equipment_value),
    })),
  };
}

export async function browseScopeOptions(
  db: Executor,
  input: {
    type: 'programme' | 'site' | 'organisation';
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const key = decodeCursor(input.cursor, 1);
  const rows = await listScopeOptions(
    db,
    input.type,
    input.q,
    key ? String(key[0]) : null,
    input.limit,
  );
  const page = toPage(rows, input.limit, (r) => [r.name]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({ id: r.id, name: r.name, code: r.code, detail: r.detail })),
  };
}

/**
 * One search box for the registry: organisations (name, NIB), people (name) and equipment (name,
 * code), each through its own scoped list use case — so a hit is never outside what the actor
 * may read. The data cipher opens people's NIKs (stored sealed) and finds an owner by a full NIK.
 */
export async function searchRegistry(
  db: Executor,
  actor: Actor,
  input: { q: string; limit: number },
  cipher: FieldCipher,
) {
  const page = { q: input.q, limit: input.limit };
  // Sequential on purpose: on embedded PGlite there is one connection. With the data cipher a
  // full NIK finds its owner's organisation (blind index, exact match only).
  const orgs = await browseOrganisations(db, actor, page as never, cipher);
  const people = await browsePeople(db, actor, page as never, cipher);
  const machines = await browseEquipment(db, actor, page);
  return {
    organisations: orgs.items.map((o) => ({
      type: 'organisation' as const,
      id: o.id,
      title: o.name,
      subtitle: o.nib ?? o.regency ?? null,
      organisationId: o.id,
    })),
    people: people.items.map((p) => ({
      type: 'person' as const,
      id: p.id,
      title: p.name,
      subtitle: p.organisationName ?? null,
      organisationId: p.organisationId,
    })),
    equipment: machines.items.map((m) => ({
      type: 'equipment' as const,
      id: m.id,
      title: m.name,
      subtitle: `${m.code} · ${m.siteName}`,
      organisationId: null,
    })),
  };
}
