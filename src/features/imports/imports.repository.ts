/** Bulk SQL for imports and exports: many rows per statement, in the caller's transaction. */
import { sql } from 'kysely';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import type { Executor } from '../../server/db/connect.js';
import { inScope, storedProfile } from '../organisations/organisations.repository.js';
import type { OrganisationScope, ProfileValues } from '../organisations/organisations.js';

const CHUNK = 500;
const chunks = <T>(xs: T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) =>
    xs.slice(i * CHUNK, (i + 1) * CHUNK),
  );

export const knownKbli = async (db: Executor) =>
  new Set((await db.selectFrom('kbli_codes').select('code').execute()).map((r) => r.code));

/**
 * Of these NIBs, the ones already registered. One query with an array parameter; `nib is not
 * null` lets the planner use the partial unique index (the trigram index would be far slower
 * for equality, and fresh bulk-inserted rows have no statistics yet to warn it).
 */
export async function existingNibs(db: Executor, nibs: string[]): Promise<Set<string>> {
  if (nibs.length === 0) return new Set();
  const rows = await sql<{ nib: string }>`
    select nib from organisations where nib is not null and nib = any(${nibs}::text[])`.execute(db);
  return new Set(rows.rows.map((r) => r.nib));
}

export interface NewMember {
  id: string;
  kind: 'umkm' | 'cooperative' | 'buyer' | 'regional_government';
  name: string;
  values: ProfileValues;
  sizeClass: string | null;
}

/** New members; the owner's NIK is sealed on the way in (storedProfile). */
export async function insertMembers(
  db: Executor,
  members: NewMember[],
  now: Date,
  cipher: FieldCipher,
): Promise<void> {
  for (const part of chunks(members)) {
    await db
      .insertInto('organisations')
      .values(
        part.map((m) => ({
          ...storedProfile(m.values, cipher),
          id: m.id,
          kind: m.kind,
          name: m.name,
          size_class: m.sizeClass as never,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function insertSiteMembers(
  db: Executor,
  siteId: string,
  orgIds: string[],
  on: string,
) {
  for (const part of chunks(orgIds)) {
    await db
      .insertInto('site_members')
      .values(part.map((id) => ({ site_id: siteId, organisation_id: id, joined_on: on })))
      .execute();
  }
}

export async function insertKbli(
  db: Executor,
  rows: { organisation_id: string; code: string }[],
  now: Date,
) {
  for (const part of chunks(rows)) {
    await db
      .insertInto('organisation_kbli')
      .values(part.map((r) => ({ ...r, added_at: now })))
      .execute();
  }
}

export async function insertFinancials(
  db: Executor,
  rows: {
    organisation_id: string;
    year: number;
    capital: number | null;
    annual_sales: number | null;
    workers: number | null;
  }[],
  now: Date,
) {
  for (const part of chunks(rows)) {
    await db
      .insertInto('organisation_financials')
      .values(part.map((r) => ({ ...r, updated_at: now })))
      .execute();
  }
}

export async function insertSizeClassChanges(
  db: Executor,
  rows: {
    organisation_id: string;
    to_class: string;
    rule: string;
    basis: 'sales' | 'capital';
    financial_year: number;
    effective_on: string;
  }[],
  now: Date,
) {
  for (const part of chunks(rows)) {
    await db
      .insertInto('size_class_changes')
      .values(part.map((r) => ({ ...r, from_class: null, recorded_at: now })))
      .execute();
  }
}

/** Members in the actor's scope with their KBLI codes and latest financial year, for export. */
export async function membersForExport(
  db: Executor,
  scope: OrganisationScope,
  f: { siteId?: string | undefined; kind?: string | undefined },
) {
  const rows = await sql<{
    id: string;
    name: string;
    kind: string;
    legal_form: string | null;
    nib: string | null;
    nib_issued_on: string | null;
    npwp: string | null;
    address: string | null;
    province: string | null;
    regency: string | null;
    region_code: string | null;
    phone: string | null;
    email: string | null;
    owner_name: string | null;
    owner_nik_enc: string | null;
    owner_birth_date: string | null;
    kbli: string[] | null;
    year: number | null;
    capital: string | null;
    annual_sales: string | null;
    workers: number | null;
  }>`
    select o.id, o.name, o.kind, o.legal_form, o.nib, o.nib_issued_on::text as nib_issued_on, o.npwp,
           o.address, o.province, o.regency, o.region_code, o.phone, o.email, o.owner_name, o.owner_nik_enc,
           o.owner_birth_date::text as owner_birth_date,
           (select array_agg(k.code order by k.code) from organisation_kbli k where k.organisation_id = o.id) as kbli,
           f.year, f.capital::text as capital, f.annual_sales::text as annual_sales, f.workers
    from organisations o
    left join lateral (
      select year, capital, annual_sales, workers from organisation_financials
      where organisation_id = o.id order by year desc limit 1) f on true
    where ${inScope(scope, 'read')}
      and (${f.kind ?? null}::text is null or o.kind = ${f.kind ?? null})
      and (${f.siteId ?? null}::uuid is null or exists (
        select 1 from site_members sm where sm.organisation_id = o.id and sm.site_id = ${f.siteId ?? null}::uuid))
    order by o.name, o.id`.execute(db);
  return rows.rows;
}

/** Sites by code (for equipment rows) and programmes by code, in one query each. */
export const sitesByCode = (db: Executor, codes: string[]) =>
  codes.length
    ? db.selectFrom('sites').select(['id', 'code']).where('code', 'in', codes).execute()
    : Promise.resolve([]);

export const programmeCodes = (db: Executor) =>
  db.selectFrom('programmes').select(['id', 'code']).execute();

/** Machine codes already used, as "siteId/code". */
export async function takenMachineCodes(db: Executor, siteIds: string[]): Promise<Set<string>> {
  if (siteIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('machines')
    .select(['site_id', 'code'])
    .where('site_id', 'in', siteIds)
    .execute();
  return new Set(rows.map((r) => `${r.site_id}/${r.code}`));
}
