/** SQL of organisations: profiles, scope, KBLI, financials and size class, products, certificates. */
import { sql, type RawBuilder } from 'kysely';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import { afterKey } from '../../server/db/pagination.js';
import type { Executor } from '../../server/db/connect.js';
import { OWNER_NIK_COLUMN } from '../../server/db/sealed-columns.js';
import {
  afterRanked,
  CONTAINS_RANK,
  rankedSearch,
  textContains,
  textFuzzy,
  textRank,
} from '../../server/db/text-search.js';
import type { OrganisationScope, ProfileValues, SizeThresholds } from './organisations.js';

// The owner's NIK at rest -----------------------------------------------------------------------

/**
 * The purpose bound into a sealed owner NIK (associated data) and into its blind index. The
 * start-up step that seals plain values works on db/sealed-columns.ts for every sealed column.
 */
export const OWNER_NIK = OWNER_NIK_COLUMN.purpose;

/**
 * Profile values as stored: the plain owner NIK becomes its sealed form and its blind index
 * (the plain column `owner_nik` is never written; migration 0012 forbids it).
 */
export function storedProfile<T extends ProfileValues>(v: T, cipher: FieldCipher) {
  const { owner_nik, ...rest } = v;
  if (owner_nik === undefined) return rest;
  return {
    ...rest,
    owner_nik_enc: owner_nik === null ? null : cipher.encrypt(owner_nik, OWNER_NIK),
    owner_nik_bidx: owner_nik === null ? null : cipher.blindIndex(owner_nik, OWNER_NIK),
  };
}

/** The plain owner NIK of a stored row (throws FieldDecryptError under a wrong key). */
export const openOwnerNik = (cipher: FieldCipher, sealed: string | null): string | null =>
  sealed === null ? null : cipher.decrypt(sealed, OWNER_NIK);

/** The blind index to look an owner NIK up by. */
export const ownerNikIndex = (cipher: FieldCipher, nik: string) =>
  cipher.blindIndex(nik, OWNER_NIK);

/**
 * The scope test on `o` (organisations aliased as o), in SQL so that lists, single reads and
 * writes all share it. Arrays go as uuid[] parameters.
 */
export function inScope(scope: OrganisationScope, mode: 'read' | 'write'): RawBuilder<boolean> {
  if (mode === 'read' ? scope.readAll : scope.writeAll) return sql<boolean>`true`;
  const programmes = mode === 'read' ? scope.programmeIds : [];
  // Written as IN (subquery) rather than EXISTS per row: the planner hashes the (small) set of
  // member organisations once, which keeps scoped searches over many organisations fast.
  return sql<boolean>`(
    o.id = any(${scope.ownOrgIds}::uuid[])
    or o.id in (select sm.organisation_id from site_members sm
                where sm.site_id = any(${scope.siteIds}::uuid[]))
    or o.id in (select sm.organisation_id from site_members sm
                join sites s on s.id = sm.site_id
                join clusters c on c.id = s.cluster_id
                where c.programme_id = any(${programmes}::uuid[])))`;
}

const profileColumns = [
  'o.id',
  'o.kind',
  'o.name',
  'o.legal_form',
  'o.nib',
  'o.npwp',
  'o.npwp15_legacy',
  'o.nitku',
  'o.address',
  'o.province',
  'o.regency',
  'o.region_code',
  'o.phone',
  'o.email',
  'o.owner_name',
  'o.owner_nik_enc',
  'o.size_class',
  'o.created_at',
  'o.updated_at',
] as const;

export async function findOrganisation(
  db: Executor,
  id: string,
  scope: OrganisationScope,
  mode: 'read' | 'write',
  lock = false,
) {
  let q = db
    .selectFrom('organisations as o')
    .select(profileColumns)
    .select([
      sql<string | null>`o.nib_issued_on::text`.as('nib_issued_on'),
      sql<string | null>`o.owner_birth_date::text`.as('owner_birth_date'),
      inScope(scope, 'write').as('writable'),
    ])
    .where('o.id', '=', id)
    .where(inScope(scope, mode));
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

export const insertOrganisation = (
  db: Executor,
  v: ProfileValues & { kind: ProfileValues['kind'] & string; name: string },
  now: Date,
  cipher: FieldCipher,
) =>
  db
    .insertInto('organisations')
    .values({
      ...storedProfile(v, cipher),
      kind: v.kind,
      name: v.name,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const updateOrganisation = (
  db: Executor,
  id: string,
  v: ProfileValues,
  now: Date,
  cipher: FieldCipher,
) =>
  db
    .updateTable('organisations')
    .set({ ...storedProfile(v, cipher), updated_at: now })
    .where('id', '=', id)
    .execute();

export const nibTakenBy = async (db: Executor, nib: string, exceptId: string | null) =>
  (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('nib', '=', nib)
      .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
      .executeTakeFirst()
  )?.id ?? null;

export const addSiteMember = (db: Executor, siteId: string, organisationId: string, on: string) =>
  db
    .insertInto('site_members')
    .values({ site_id: siteId, organisation_id: organisationId, joined_on: on })
    .onConflict((oc) => oc.doNothing())
    .execute();

export const siteExists = async (db: Executor, siteId: string) =>
  !!(await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst());

export interface ListFilters {
  q?: string | undefined;
  kind?: string | undefined;
  province?: string | undefined;
  programmeId?: string | undefined;
  clusterId?: string | undefined;
  siteId?: string | undefined;
  sizeClass?: string | undefined;
  /** Blind index of a full NIK typed into the search: finds the owner's organisation too. */
  ownerNikIndex?: string | undefined;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page by name (then id), filtered. A search text matches the name typo-tolerantly (substring
 * or trigram word similarity, see db/text-search) or the NIB, and ranks the page by similarity
 * (rank desc, then name, id; the cursor carries the rank); both use the trigram indexes.
 */
export async function listOrganisations(
  db: Executor,
  scope: OrganisationScope,
  f: ListFilters,
  after: { name: string; id: string; rank?: string | undefined } | null,
  limit: number,
) {
  const filtered = () => {
    let q = db
      .selectFrom('organisations as o')
      .select(['o.id', 'o.kind', 'o.name', 'o.nib', 'o.province', 'o.regency', 'o.size_class'])
      .where(inScope(scope, 'read'));
    if (f.kind) q = q.where('o.kind', '=', f.kind as 'umkm');
    if (f.province) q = q.where('o.province', '=', f.province);
    if (f.sizeClass) q = q.where('o.size_class', '=', f.sizeClass as 'micro');
    if (f.siteId) {
      q = q.where(sql<boolean>`exists (select 1 from site_members sm
        where sm.organisation_id = o.id and sm.site_id = ${f.siteId})`);
    }
    if (f.clusterId) {
      q =
        q.where(sql<boolean>`exists (select 1 from site_members sm join sites s on s.id = sm.site_id
        where sm.organisation_id = o.id and s.cluster_id = ${f.clusterId})`);
    }
    if (f.programmeId) {
      q =
        q.where(sql<boolean>`exists (select 1 from site_members sm join sites s on s.id = sm.site_id
        join clusters c on c.id = s.cluster_id
        where sm.organisation_id = o.id and c.programme_id = ${f.programmeId})`);
    }
    return q;
  };
  const afterName = (a: { name: string; id: string }) =>
    afterKey(['o.name', 'o.id'], [a.name, a.id], 'asc');

  if (!f.q) {
    let q = filtered()
      .select(sql<string | null>`null::text`.as('rank'))
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(limit + 1);
    if (after) q = q.where(afterName(after));
    return q.execute();
  }
  const text = f.q;
  const digits = text.replace(/[\s.\-/]/g, '');
  // The name contains the text, or the NIB the digits, or the owner's NIK is the one typed.
  const contains = sql<boolean>`(${sql.join(
    [
      textContains('o.name', text),
      ...(/^\d+$/.test(digits) ? [sql`o.nib like ${likePattern(digits)}`] : []),
      ...(f.ownerNikIndex ? [sql`o.owner_nik_bidx = ${f.ownerNikIndex}`] : []),
    ],
    sql` or `,
  )})`;
  return rankedSearch(limit, after, (step, take) => {
    if (step === 'contains') {
      let q = filtered()
        .select(sql<string>`${CONTAINS_RANK}::text`.as('rank'))
        .where(contains)
        .orderBy('o.name')
        .orderBy('o.id')
        .limit(take);
      if (after) q = q.where(afterName(after));
      return q.execute();
    }
    let q = filtered()
      .select(textRank('o.name', text).as('rank'))
      .where(textFuzzy('o.name', text))
      .where(sql<boolean>`not coalesce(${contains}, false)`)
      .orderBy(textRank('o.name', text), 'desc')
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(take);
    if (after?.rank !== undefined && after.rank !== CONTAINS_RANK)
      q = q.where(afterRanked('o.name', text, 'o.id', { ...after, rank: after.rank }));
    return q.execute();
  });
}

// KBLI ------------------------------------------------------------------------------------------

export const kbliOf = (db: Executor, organisationId: string) =>
  db
    .selectFrom('organisation_kbli as ok')
    .innerJoin('kbli_codes as k', 'k.code', 'ok.code')
    .select(['k.code', 'k.title'])
    .where('ok.organisation_id', '=', organisationId)
    .orderBy('k.code')
    .execute();

export const findKbli = (db: Executor, code: string) =>
  db.selectFrom('kbli_codes').select(['code', 'title']).where('code', '=', code).executeTakeFirst();

export const addKbli = (db: Executor, organisationId: string, code: string, now: Date) =>
  db
    .insertInto('organisation_kbli')
    .values({ organisation_id: organisationId, code, added_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();

export const removeKbli = async (db: Executor, organisationId: string, code: string) =>
  (
    await db
      .deleteFrom('organisation_kbli')
      .where('organisation_id', '=', organisationId)
      .where('code', '=', code)
      .executeTakeFirst()
  ).numDeletedRows > 0n;

export async function searchKbli(
  db: Executor,
  q: string | undefined,
  after: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('kbli_codes')
    .select(['code', 'title'])
    .orderBy('code')
    .limit(limit + 1);
  if (after) query = query.where('code', '>', after);
  if (q) {
    const like = likePattern(q);
    query = query.where((eb) => eb.or([eb('code', 'like', `${q}%`), eb('title', 'ilike', like)]));
  }
  return query.execute();
}

// Financials and size class -------------------------------------------------------------------

export async function sizeRules(db: Executor): Promise<SizeThresholds[]> {
  const rows = await db
    .selectFrom('size_class_rules')
    .selectAll()
    .select(sql<string>`valid_from::text`.as('valid_from'))
    .execute();
  return rows.map((r) => ({
    rule: r.rule,
    validFrom: r.valid_from,
    capital: {
      micro: Number(r.capital_micro),
      small: Number(r.capital_small),
      medium: Number(r.capital_medium),
    },
    sales: {
      micro: Number(r.sales_micro),
      small: Number(r.sales_small),
      medium: Number(r.sales_medium),
    },
  }));
}

export const upsertFinancialYear = (
  db: Executor,
  organisationId: string,
  year: number,
  v: { capital: number | null; annualSales: number | null; workers: number | null },
  now: Date,
) =>
  db
    .insertInto('organisation_financials')
    .values({
      organisation_id: organisationId,
      year,
      capital: v.capital,
      annual_sales: v.annualSales,
      workers: v.workers,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'year']).doUpdateSet({
        capital: v.capital,
        annual_sales: v.annualSales,
        workers: v.workers,
        updated_at: now,
      }),
    )
    .execute();

export const financialYears = (db: Executor, organisationId: string) =>
  db
    .selectFrom('organisation_financials')
    .select(['year', 'capital', 'annual_sales', 'workers'])
    .where('organisation_id', '=', organisationId)
    .orderBy('year', 'desc')
    .execute();

export const findFinancialYear = (db: Executor, organisationId: string, year: number) =>
  db
    .selectFrom('organisation_financials')
    .select(['year', 'capital', 'annual_sales', 'workers'])
    .where('organisation_id', '=', organisationId)
    .where('year', '=', year)
    .executeTakeFirst();

export const setSizeClass = (db: Executor, organisationId: string, cls: string, now: Date) =>
  db
    .updateTable('organisations')
    .set({ size_class: cls as 'micro', updated_at: now })
    .where('id', '=', organisationId)
    .execute();

export const insertSizeClassChange = (
  db: Executor,
  c: {
    organisationId: string;
    fromClass: string | null;
    toClass: string;
    rule: string;
    basis: 'sales' | 'capital';
    financialYear: number;
    effectiveOn: string;
    now: Date;
  },
) =>
  db
    .insertInto('size_class_changes')
    .values({
      organisation_id: c.organisationId,
      from_class: c.fromClass,
      to_class: c.toClass,
      rule: c.rule,
      basis: c.basis,
      financial_year: c.financialYear,
      effective_on: c.effectiveOn,
      recorded_at: c.now,
    })
    .execute();

export const sizeClassChanges = (db: Executor, organisationId: string) =>
  db
    .selectFrom('size_class_changes')
    .select([
      'from_class',
      'to_class',
      'rule',
      'basis',
      'financial_year',
      sql<string>`effective_on::text`.as('effective_on'),
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();

// Products -----------------------------------------------------------------------------------

export const listProducts = (
  db: Executor,
  organisationId: string,
  after: { name: string; id: string } | null,
  limit: number,
) => {
  let q = db
    .selectFrom('organisation_products')
    .select(['id', 'name', 'description', 'unit'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterKey(['name', 'id'], [after.name, after.id], 'asc'));
  }
  return q.execute();
};

export const findProduct = (db: Executor, organisationId: string, id: string) =>
  db
    .selectFrom('organisation_products')
    .select(['id', 'name', 'description', 'unit'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();

export const productNameTaken = async (
  db: Executor,
  organisationId: string,
  name: string,
  exceptId: string | null,
) =>
  !!(await db
    .selectFrom('organisation_products')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst());

export const insertProduct = (
  db: Executor,
  organisationId: string,
  v: { name: string; description: string | null; unit: string | null },
  now: Date,
) =>
  db
    .insertInto('organisation_products')
    .values({ organisation_id: organisationId, ...v, created_at: now, updated_at: now })
    .returning(['id', 'name', 'description', 'unit'])
    .executeTakeFirstOrThrow();

export const updateProduct = (
  db: Executor,
  id: string,
  v: { name?: string; description?: string | null; unit?: string | null },
  now: Date,
) =>
  db
    .updateTable('organisation_products')
    .set({ ...v, updated_at: now })
    .where('id', '=', id)
    .returning(['id', 'name', 'description', 'unit'])
    .executeTakeFirstOrThrow();

export const deleteProduct = (db: Executor, id: string) =>
  db.deleteFrom('organisation_products').where('id', '=', id).execute();

// Certificates ---------------------------------------------------------------------------------

const certificateColumns = [
  'id',
  'type',
  'number',
  'issuer',
  'product_id',
  'file_name',
  'file_content_type',
  'file_size',
  sql<string | null>`issued_on::text`.as('issued_on'),
  sql<string | null>`expires_on::text`.as('expires_on'),
] as const;

/** A page by type and number (unique per organisation). */
export const listCertificates = (
  db: Executor,
  organisationId: string,
  after: { type: string; number: string } | null,
  limit: number,
) => {
  let q = db
    .selectFrom('organisation_certificates')
    .select(certificateColumns)
    .where('organisation_id', '=', organisationId)
    .orderBy('type')
    .orderBy('number')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterKey(['type', 'number'], [after.type as 'SNI', after.number], 'asc'));
  }
  return q.execute();
};

export const findCertificate = (db: Executor, organisationId: string, id: string) =>
  db
    .selectFrom('organisation_certificates')
    .select(certificateColumns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export const certificateNumberTaken = async (
  db: Executor,
  organisationId: string,
  type: string,
  number: string,
  exceptId: string | null,
) =>
  !!(await db
    .selectFrom('organisation_certificates')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('type', '=', type as 'SNI')
    .where('number', '=', number)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst());

export interface CertificateValues {
  type?: 'SNI' | 'halal' | 'PIRT' | 'BPOM_MD' | 'ISO_9001';
  number?: string;
  issuer?: string;
  issued_on?: string | null;
  expires_on?: string | null;
  product_id?: string | null;
}

export const insertCertificate = async (
  db: Executor,
  organisationId: string,
  v: Required<CertificateValues>,
  now: Date,
) =>
  (
    await db
      .insertInto('organisation_certificates')
      .values({ organisation_id: organisationId, ...v, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const updateCertificate = (db: Executor, id: string, v: CertificateValues, now: Date) =>
  db
    .updateTable('organisation_certificates')
    .set({ ...v, updated_at: now })
    .where('id', '=', id)
    .execute();

export const setCertificateFile = (
  db: Executor,
  id: string,
  f: { data: Buffer; name: string; contentType: string },
  now: Date,
) =>
  db
    .updateTable('organisation_certificates')
    .set({
      file: f.data,
      file_name: f.name,
      file_content_type: f.contentType,
      file_size: f.data.length,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();

export const certificateFile = (db: Executor, id: string) =>
  db
    .selectFrom('organisation_certificates')
    .select(['file', 'file_name', 'file_content_type'])
    .where('id', '=', id)
    .executeTakeFirst();

export const deleteCertificate = (db: Executor, id: string) =>
  db.deleteFrom('organisation_certificates').where('id', '=', id).execute();
