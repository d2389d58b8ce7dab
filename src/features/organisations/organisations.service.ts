/**
 * Use cases of organisations. Scope: a user outside an organisation's scope gets
 * `organisation_not_found` (404), never 403, so that the existence of an organisation is not
 * leaked; a user who may read but not change it (a programme officer) gets 403 on writes.
 */
import { type Actor, type ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { DomainError } from '../../server/domain-error.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
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

async function present(
  db: Executor,
  row: repo.OrganisationRow,
  actor: Actor,
): Promise<Organisation> {
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
  before: repo.OrganisationRow | null,
): { values: ProfileValues; warnings: WarningFinding[] } {
  const { values, warnings, problems } = normaliseProfile(input, before);
  if (problems.length) throw invalidFields(problems);
  return { values, warnings: warnings as WarningFinding[] };
}

const auditable = (r: repo.OrganisationRow | ProfileValues) => {
  const { owner_nik, ...rest } = r as ProfileValues;
  // The audit log keeps only a masked NIK (personal data).
  return { ...rest, ...(owner_nik ? { owner_nik: maskNik(owner_nik) } : {}) };
};

export async function createOrganisation(
  trx: Executor,
  input: CreateOrganisationRequest,
  ctx: UserCtx,
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
  );
  if (input.siteId) await repo.addSiteMember(trx, input.siteId, id, effectiveDate(ctx.now));
  await recordAudit(trx, ctx, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: id,
    after: { ...auditable(values), kind: input.kind, siteId: input.siteId ?? null },
  });
  const row = await repo.findOrganisation(trx, id, { ...scope, readAll: true }, 'read');
  return { organisation: await present(trx, row!, ctx.actor), warnings };
}

export async function updateOrganisation(
  trx: Executor,
  id: string,
  input: UpdateOrganisationRequest,
  ctx: UserCtx,
): Promise<{ organisation: Organisation; warnings: WarningFinding[] }> {
  const before = await writable(trx, id, ctx.actor);
  const { values, warnings } = profileValues(input, before);
  if (values.nib && (await repo.nibTakenBy(trx, values.nib, id)))
    throw organisationsError('nib_taken');
  await repo.updateOrganisation(trx, id, values, ctx.now);
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
  return { organisation: await present(trx, row!, ctx.actor), warnings };
}

export async function getOrganisation(db: Executor, id: string, actor: Actor) {
  return present(db, await readable(db, id, actor), actor);
}

export async function browseOrganisations(db: Executor, actor: Actor, q: OrganisationListQuery) {
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listOrganisations(
    db,
    scopeOf(actor),
    q,
    key ? { name: String(key[0]), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.name, r.id]);
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
