/**
 * Use cases of organisations. Scope: a user outside an organisation's scope gets
 * `organisation_not_found` (404), never 403, so that the existence of an organisation is not
 * leaked; a user who may read but not change it (a programme officer) gets 403 on writes.
 */
import { type Actor, type ServiceContext } from '../../server/context.js';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import type { Executor } from '../../server/db/connect.js';
import { DomainError } from '../../server/domain-error.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import {
  anySealed,
  plainValues,
  SEALED_COLUMNS,
  storeSealed,
} from '../../server/db/sealed-columns.js';
import { recordAudit } from '../audit/audit.service.js';
import type {
  CreateOrganisationRequest,
  Organisation,
  OrganisationListQuery,
  OrganisationSummary,
  UpdateOrganisationRequest,
} from './organisations.contract.js';
import { organisationsError, type OrganisationWarningCode } from './organisations.errors.js';
import { sitesError } from '../sites/sites.errors.js';
import * as repo from './organisations.repository.js';
import {
  effectiveDate,
  normaliseProfile,
  type ProfileInput,
  type ProfileValues,
  checkKbliFormat,
  maskNik,
  movedUp,
  organisationScope,
  seesOwnerNik,
  sizeClass,
  thresholdsOn,
  type SizeClass,
} from './organisations.js';

type UserCtx = ServiceContext & { actor: Actor };

export interface FieldProblem {
  path: string;
  code: string;
}
export interface WarningFinding {
  field: string;
  code: OrganisationWarningCode;
}

/** Identifier problems for the edge to translate beside each field (validation_failed). */
const invalidFields = (fields: FieldProblem[]) => new DomainError('validation_failed', { fields });

const scopeOf = (actor: Actor) => organisationScope(actor.grants);

async function readable(db: Executor, id: string, actor: Actor) {
  const row = await repo.findOrganisation(db, id, scopeOf(actor), 'read');
  if (!row) throw organisationsError('organisation_not_found');
  return row;
}

/** The organisation, for a change: 404 outside the read scope, 403 when read-only. */
async function writable(db: Executor, id: string, actor: Actor) {
  const scope = scopeOf(actor);
  const row = await repo.findOrganisation(db, id, scope, 'read', true);
  if (!row) throw organisationsError('organisation_not_found');
  if (!row.writable) throw new DomainError('forbidden');
  return row;
}

/** A stored row with the owner's NIK opened (it is stored sealed; see storedProfile). */
const opened = (row: repo.OrganisationRow, cipher: FieldCipher) => ({
  ...row,
  owner_nik: repo.openOwnerNik(cipher, row.owner_nik_enc),
});

async function present(
  db: Executor,
  stored: repo.OrganisationRow,
  actor: Actor,
  cipher: FieldCipher,
): Promise<Organisation> {
  const row = opened(stored, cipher);
  const full = seesOwnerNik(scopeOf(actor), row.id);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    legalForm: row.legal_form as Organisation['legalForm'],
    nib: row.nib,
    nibIssuedOn: row.nib_issued_on,
    npwp: row.npwp,
    npwp15Legacy: row.npwp15_legacy,
    nitku: row.nitku,
    address: row.address,
    province: row.province,
    regency: row.regency,
    regionCode: row.region_code,
    phone: row.phone,
    email: row.email,
    ownerName: row.owner_name,
    ownerNik: row.owner_nik && !full ? maskNik(row.owner_nik) : row.owner_nik,
    ownerNikMasked: !!row.owner_nik && !full,
    ownerBirthDate: row.owner_birth_date,
    sizeClass: row.size_class,
    kbli: await repo.kbliOf(db, row.id),
    canEdit: !!row.writable,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Checks and normalises a profile (see normaliseProfile); refuses with every field problem. */
function profileValues(
  input: ProfileInput,
  before: ReturnType<typeof opened> | null,
): { values: ProfileValues; warnings: WarningFinding[] } {
  const { values, warnings, problems } = normaliseProfile(input, before);
  if (problems.length) throw invalidFields(problems);
  return { values, warnings: warnings as WarningFinding[] };
}

const auditable = (r: ProfileValues) => {
  const { owner_nik, ...rest } = r as ProfileValues;
  // The audit log keeps only a masked NIK (personal data).
  return { ...rest, ...(owner_nik ? { owner_nik: maskNik(owner_nik) } : {}) };
};

export async function createOrganisation(
  trx: Executor,
  input: CreateOrganisationRequest,
  ctx: UserCtx,
  cipher: FieldCipher,
): Promise<{ organisation: Organisation; warnings: WarningFinding[] }> {
  const scope = scopeOf(ctx.actor);
  if (!scope.writeAll) {
    // Site staff register a UMKM as a member of one of their sites.
    if (!input.siteId) throw invalidFields([{ path: 'siteId', code: 'site_required' }]);
    if (!scope.siteIds.includes(input.siteId)) throw sitesError('site_not_found');
  }
  if (input.siteId && !(await repo.siteExists(trx, input.siteId)))
    throw sitesError('site_not_found');
  const { values, warnings } = profileValues(input, null);
  if (values.nib && (await repo.nibTakenBy(trx, values.nib, null)))
    throw organisationsError('nib_taken');
  const { id } = await repo.insertOrganisation(
    trx,
    { ...values, kind: input.kind, name: input.name },
    ctx.now,
    cipher,
  );
  if (input.siteId) await repo.addSiteMember(trx, input.siteId, id, effectiveDate(ctx.now));
  await recordAudit(trx, ctx, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: id,
    after: { ...auditable(values), kind: input.kind, siteId: input.siteId ?? null },
  });
  const row = await repo.findOrganisation(trx, id, { ...scope, readAll: true }, 'read');
  return { organisation: await present(trx, row!, ctx.actor, cipher), warnings };
}

export async function updateOrganisation(
  trx: Executor,
  id: string,
  input: UpdateOrganisationRequest,
  ctx: UserCtx,
  cipher: FieldCipher,
): Promise<{ organisation: Organisation; warnings: WarningFinding[] }> {
  const before = opened(await writable(trx, id, ctx.actor), cipher);
  const { values, warnings } = profileValues(input, before);
  if (values.nib && (await repo.nibTakenBy(trx, values.nib, id)))
    throw organisationsError('nib_taken');
  await repo.updateOrganisation(trx, id, values, ctx.now, cipher);
  await recordAudit(trx, ctx, {
    action: 'organisation.update',
    entityType: 'organisation',
    entityId: id,
    before: auditable(
      Object.fromEntries(
        Object.keys(values).map((k) => [k, before[k as keyof typeof before] ?? null]),
      ) as ProfileValues,
    ),
    after: auditable(values),
  });
  const row = await repo.findOrganisation(trx, id, scopeOf(ctx.actor), 'read');
  return { organisation: await present(trx, row!, ctx.actor, cipher), warnings };
}

export async function getOrganisation(db: Executor, id: string, actor: Actor, cipher: FieldCipher) {
  return present(db, await readable(db, id, actor), actor, cipher);
}

/**
 * A page of organisations. With the data cipher, a full 16-digit NIK typed into the search
 * also finds the organisation whose owner has it (an exact match on the blind index).
 */
export async function browseOrganisations(
  db: Executor,
  actor: Actor,
  q: OrganisationListQuery,
  cipher?: FieldCipher,
) {
  // A search ranks by similarity: its cursor is (rank, name, id).
  const key = decodeCursor(q.cursor, q.q ? 3 : 2);
  const digits = q.q?.replace(/[\s.\-/]/g, '') ?? '';
  const rows = await repo.listOrganisations(
    db,
    scopeOf(actor),
    {
      ...q,
      ownerNikIndex:
        cipher && /^\d{16}$/.test(digits) ? repo.ownerNikIndex(cipher, digits) : undefined,
    },
    key
      ? key.length === 3
        ? { rank: String(key[0]), name: String(key[1]), id: String(key[2]) }
        : { name: String(key[0]), id: String(key[1]) }
      : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => (q.q ? [r.rank ?? '0', r.name, r.id] : [r.name, r.id]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r): OrganisationSummary => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      nib: r.nib,
      province: r.province,
      regency: r.regency,
      sizeClass: r.size_class,
    })),
  };
}

// NIKs at rest -----------------------------------------------------------------------------------

/**
 * Start-up step, right after the migrations (0012 and 0015 add the sealed columns but have no
 * key): for every sealed column of db/sealed-columns.ts (the owner's NIK, people's NIK), seals
 * each value still stored in plain text and clears the plain column, in the caller's one
 * transaction, with the rows locked (two processes starting at once seal each row once). Each
 * sealed value is opened again and compared before it is written, so a broken key cannot lose
 * a NIK. Returns how many were sealed in all; writes one audit row per column that had any
 * (`organisation.owner_nik_sealed`, `person.nik_sealed`, with the count).
 */
export async function sealPlainNiks(
  trx: Executor,
  cipher: FieldCipher,
  ctx: ServiceContext,
): Promise<number> {
  let total = 0;
  for (const column of SEALED_COLUMNS) {
    const plain = await plainValues(trx, column);
    if (plain.length === 0) continue;
    const sealed = plain.map((r) => {
      const enc = cipher.encrypt(r.plain, column.purpose);
      if (cipher.decrypt(enc, column.purpose) !== r.plain)
        throw new Error('sealing a NIK did not round-trip');
      return { id: r.id, enc, bidx: cipher.blindIndex(r.plain, column.purpose) };
    });
    await storeSealed(trx, column, sealed);
    await recordAudit(trx, ctx, {
      action: `${column.entity}.${column.plain}_sealed`,
      entityType: column.entity,
      after: { count: sealed.length },
    });
    total += sealed.length;
  }
  return total;
}

/**
 * Whether the data key opens the NIKs already stored: 'none' when nothing is sealed yet, 'ok'
 * when one of each sealed column opens; throws FieldDecryptError when it does not (a wrong or
 * lost key).
 */
export async function checkDataKey(db: Executor, cipher: FieldCipher): Promise<'none' | 'ok'> {
  let found = false;
  for (const column of SEALED_COLUMNS) {
    const any = await anySealed(db, column);
    if (any === null) continue;
    cipher.decrypt(any, column.purpose);
    found = true;
  }
  return found ? 'ok' : 'none';
}

// Financials and the size class ---------------------------------------------------------------

const num = (s: string | null) => (s === null ? null : Number(s));
const yearOut = (r: {
  year: number;
  capital: string | null;
  annual_sales: string | null;
  workers: number | null;
}) => ({
  year: r.year,
  capital: num(r.capital),
  annualSales: num(r.annual_sales),
  workers: r.workers,
});

const changeOut = (c: {
  from_class: string | null;
  to_class: string;
  rule: string;
  basis: 'sales' | 'capital';
  financial_year: number;
  effective_on: string;
}) => ({
  fromClass: c.from_class as SizeClass | null,
  toClass: c.to_class as SizeClass,
  rule: c.rule,
  basis: c.basis,
  financialYear: c.financial_year,
  effectiveOn: c.effective_on,
  movedUp: c.from_class !== null && movedUp(c.from_class as SizeClass, c.to_class as SizeClass),
});

/**
 * Recomputes the class from the latest year with capital or sales, under the rule-set in force
 * today (the class is a present determination from the latest facts). A changed class is
 * stored and recorded in size_class_changes — the "naik kelas" history.
 */
export async function recomputeSizeClass(
  trx: Executor,
  organisationId: string,
  current: SizeClass | null,
  ctx: ServiceContext,
) {
  const years = await repo.financialYears(trx, organisationId);
  const latest = years.find((y) => y.capital !== null || y.annual_sales !== null);
  const today = effectiveDate(ctx.now);
  const rules = thresholdsOn(await repo.sizeRules(trx), today);
  if (!latest || !rules) return { sizeClass: current, change: null };
  const result = sizeClass(
    { capital: num(latest.capital), annualSales: num(latest.annual_sales) },
    rules,
  );
  if (!result || result.sizeClass === current) return { sizeClass: current, change: null };
  const change = {
    from_class: current,
    to_class: result.sizeClass,
    rule: rules.rule,
    basis: result.basis,
    financial_year: latest.year,
    effective_on: today,
  };
  await repo.setSizeClass(trx, organisationId, result.sizeClass, ctx.now);
  await repo.insertSizeClassChange(trx, {
    organisationId,
    fromClass: current,
    toClass: result.sizeClass,
    rule: rules.rule,
    basis: result.basis,
    financialYear: latest.year,
    effectiveOn: today,
    now: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'organisation.size_class_change',
    entityType: 'organisation',
    entityId: organisationId,
    before: { sizeClass: current },
    after: {
      sizeClass: result.sizeClass,
      rule: rules.rule,
      basis: result.basis,
      year: latest.year,
    },
  });
  return { sizeClass: result.sizeClass, change: changeOut(change) };
}

export async function saveFinancialYear(
  trx: Executor,
  id: string,
  year: number,
  input: { capital: number | null; annualSales: number | null; workers: number | null },
  ctx: UserCtx,
) {
  const org = await writable(trx, id, ctx.actor);
  const before = await repo.findFinancialYear(trx, id, year);
  await repo.upsertFinancialYear(trx, id, year, input, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'organisation.financials_save',
    entityType: 'organisation',
    entityId: id,
    before: before ? yearOut(before) : null,
    after: { year, ...input },
  });
  const outcome = await recomputeSizeClass(trx, id, org.size_class, ctx);
  return { year: { year, ...input }, ...outcome };
}

export async function getFinancials(db: Executor, id: string, actor: Actor) {
  const org = await readable(db, id, actor);
  return {
    sizeClass: org.size_class,
    years: (await repo.financialYears(db, id)).map(yearOut),
    changes: (await repo.sizeClassChanges(db, id)).map(changeOut),
  };
}

// KBLI ------------------------------------------------------------------------------------------

export async function addKbli(trx: Executor, id: string, rawCode: string, ctx: UserCtx) {
  await writable(trx, id, ctx.actor);
  const f = checkKbliFormat(rawCode);
  if (!f.ok) throw invalidFields([{ path: 'code', code: f.reason }]);
  const known = await repo.findKbli(trx, f.value);
  if (!known) throw invalidFields([{ path: 'code', code: 'kbli_unknown' }]);
  await repo.addKbli(trx, id, f.value, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'organisation.kbli_add',
    entityType: 'organisation',
    entityId: id,
    after: { code: f.value },
  });
  return { items: await repo.kbliOf(trx, id) };
}

export async function removeKbli(trx: Executor, id: string, code: string, ctx: UserCtx) {
  await writable(trx, id, ctx.actor);
  if (!(await repo.removeKbli(trx, id, code))) throw organisationsError('kbli_not_attached');
  await recordAudit(trx, ctx, {
    action: 'organisation.kbli_remove',
    entityType: 'organisation',
    entityId: id,
    before: { code },
  });
  return { items: await repo.kbliOf(trx, id) };
}

export async function lookupKbli(
  db: Executor,
  input: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const key = decodeCursor(input.cursor, 1);
  const rows = await repo.searchKbli(db, input.q, key ? String(key[0]) : null, input.limit);
  return toPage(rows, input.limit, (r) => [r.code]);
}

// Products ------------------------------------------------------------------------------------

export async function listProducts(
  db: Executor,
  id: string,
  actor: Actor,
  input: { cursor?: string | undefined; limit: number },
) {
  await readable(db, id, actor);
  const key = decodeCursor(input.cursor, 2);
  const rows = await repo.listProducts(
    db,
    id,
    key ? { name: String(key[0]), id: String(key[1]) } : null,
    input.limit,
  );
  return toPage(rows, input.limit, (r) => [r.name, r.id]);
}

export async function createProduct(
  trx: Executor,
  id: string,
  input: { name: string; description: string | null; unit: string | null },
  ctx: UserCtx,
) {
  await writable(trx, id, ctx.actor);
  if (await repo.productNameTaken(trx, id, input.name, null))
    throw organisationsError('product_name_taken');
  const p = await repo.insertProduct(trx, id, input, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'organisation.product_create',
    entityType: 'organisation_product',
    entityId: p.id,
    after: { organisationId: id, ...input },
  });
  return p;
}

export async function updateProduct(
  trx: Executor,
  id: string,
  productId: string,
  input: {
    name?: string | undefined;
    description?: string | null | undefined;
    unit?: string | null | undefined;
  },
  ctx: UserCtx,
) {
  await writable(trx, id, ctx.actor);
  const before = await repo.findProduct(trx, id, productId);
  if (!before) throw organisationsError('product_not_found');
  if (input.name && (await repo.productNameTaken(trx, id, input.name, productId)))
    throw organisationsError('product_name_taken');
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const p = await repo.updateProduct(trx, productId, patch, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'organisation.product_update',
    entityType: 'organisation_product',
    entityId: productId,
    before,
    after: p,
  });
  return p;
}

export async function deleteProduct(trx: Executor, id: string, productId: string, ctx: UserCtx) {
  await writable(trx, id, ctx.actor);
  const before = await repo.findProduct(trx, id, productId);
  if (!before) throw organisationsError('product_not_found');
  await repo.deleteProduct(trx, productId);
  await recordAudit(trx, ctx, {
    action: 'organisation.product_delete',
    entityType: 'organisation_product',
    entityId: productId,
    before: { organisationId: id, ...before },
  });
}

// Certificates ----------------------------------------------------------------------------------

const certificateOut = (c: repo.CertificateRow) => ({
  id: c.id,
  type: c.type,
  number: c.number,
  issuer: c.issuer,
  issuedOn: c.issued_on,
  expiresOn: c.expires_on,
  productId: c.product_id,
  file:
    c.file_name && c.file_content_type && c.file_size !== null
      ? { name: c.file_name, contentType: c.file_content_type, size: c.file_size }
      : null,
});

export async function listCertificates(
  db: Executor,
  id: string,
  actor: Actor,
  input: { cursor?: string | undefined; limit: number },
) {
  await readable(db, id, actor);
  const key = decodeCursor(input.cursor, 2);
  const rows = await repo.listCertificates(
    db,
    id,
    key ? { type: String(key[0]), number: String(key[1]) } : null,
    input.limit,
  );
  const page = toPage(rows, input.limit, (r) => [r.type, r.number]);
  return { nextCursor: page.nextCursor, items: page.items.map(certificateOut) };
}

async function checkCertificate(
  trx: Executor,
  id: string,
  c: {
    type: string;
    number: string;
    issuedOn: string | null;
    expiresOn: string | null;
    productId: string | null;
  },
  exceptId: string | null,
) {
  if (c.issuedOn && c.expiresOn && c.expiresOn <= c.issuedOn)
    throw invalidFields([{ path: 'expiresOn', code: 'certificate_dates' }]);
  if (c.productId && !(await repo.findProduct(trx, id, c.productId)))
    throw organisationsError('product_not_found');
  if (await repo.certificateNumberTaken(trx, id, c.type, c.number, exceptId))
    throw organisationsError('certificate_number_taken', { type: c.type });
}

export async function createCertificate(
  trx: Executor,
  id: string,
  input: {
    type: 'SNI' | 'halal' | 'PIRT' | 'BPOM_MD' | 'ISO_9001';
    number: string;
    issuer: string;
    issuedOn: string | null;
    expiresOn: string | null;
    productId: string | null;
  },
  ctx: UserCtx,
) {
  await writable(trx, id, ctx.actor);
  await checkCertificate(trx, id, input, null);
  const certId = await repo.insertCertificate(
    trx,
    id,
    {
      type: input.type,
      number: input.number,
      issuer: input.issuer,
      issued_on: input.issuedOn,
      expires_on: input.expiresOn,
      product_id: input.productId,
    },
    ctx.now,
  );
  await recordAudit(trx, ctx, {
    action: 'organisation.certificate_create',
    entityType: 'organisation_certificate',
    entityId: certId,
    after: { organisationId: id, ...input },
  });
  return certificateOut((await repo.findCertificate(trx, id, certId))!);
}

export async function updateCertificate(
  trx: Executor,
  id: string,
  certId: string,
  input: {
    number?: string | undefined;
    issuer?: string | undefined;
    issuedOn?: string | null | undefined;
    expiresOn?: string | null | undefined;
    productId?: string | null | undefined;
  },
  ctx: UserCtx,
) {
  await writable(trx, id, ctx.actor);
  const before = await repo.findCertificate(trx, id, certId);
  if (!before) throw organisationsError('certificate_not_found');
  const merged = {
    type: before.type,
    number: input.number ?? before.number,
    issuedOn: input.issuedOn !== undefined ? input.issuedOn : before.issued_on,
    expiresOn: input.expiresOn !== undefined ? input.expiresOn : before.expires_on,
    productId: input.productId !== undefined ? input.productId : before.product_id,
  };
  await checkCertificate(trx, id, merged, certId);
  await repo.updateCertificate(
    trx,
    certId,
    {
      number: merged.number,
      issuer: input.issuer ?? before.issuer,
      issued_on: merged.issuedOn,
      expires_on: merged.expiresOn,
      product_id: merged.productId,
    },
    ctx.now,
  );
  const after = (await repo.findCertificate(trx, id, certId))!;
  await recordAudit(trx, ctx, {
    action: 'organisation.certificate_update',
    entityType: 'organisation_certificate',
    entityId: certId,
    before: certificateOut(before),
    after: certificateOut(after),
  });
  return certificateOut(after);
}

export async function deleteCertificate(trx: Executor, id: string, certId: string, ctx: UserCtx) {
  await writable(trx, id, ctx.actor);
  const before = await repo.findCertificate(trx, id, certId);
  if (!before) throw organisationsError('certificate_not_found');
  await repo.deleteCertificate(trx, certId);
  await recordAudit(trx, ctx, {
    action: 'organisation.certificate_delete',
    entityType: 'organisation_certificate',
    entityId: certId,
    before: { organisationId: id, ...certificateOut(before) },
  });
}

export const CERTIFICATE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const CERTIFICATE_FILE_MAX = 5 * 1024 * 1024;

export async function attachCertificateFile(
  trx: Executor,
  id: string,
  certId: string,
  file: { data: Buffer; name: string; contentType: string },
  ctx: UserCtx,
) {
  await writable(trx, id, ctx.actor);
  const before = await repo.findCertificate(trx, id, certId);
  if (!before) throw organisationsError('certificate_not_found');
  if (!CERTIFICATE_FILE_TYPES.includes(file.contentType))
    throw organisationsError('certificate_file_type');
  if (file.data.length === 0 || file.data.length > CERTIFICATE_FILE_MAX)
    throw organisationsError('certificate_file_too_large');
  await repo.setCertificateFile(trx, certId, file, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'organisation.certificate_file',
    entityType: 'organisation_certificate',
    entityId: certId,
    after: { name: file.name, contentType: file.contentType, size: file.data.length },
  });
  return certificateOut((await repo.findCertificate(trx, id, certId))!);
}

export async function getCertificateFile(db: Executor, id: string, certId: string, actor: Actor) {
  await readable(db, id, actor);
  if (!(await repo.findCertificate(db, id, certId)))
    throw organisationsError('certificate_not_found');
  const f = await repo.certificateFile(db, certId);
  if (!f?.file || !f.file_content_type) throw organisationsError('certificate_file_missing');
  return { data: f.file, name: f.file_name ?? 'certificate', contentType: f.file_content_type };
}
