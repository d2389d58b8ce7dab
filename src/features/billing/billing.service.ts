/**
 * Use cases of money. Writes (policy, tariffs, items, packs, charges, invoicing, payments,
 * credit notes) belong to administrators and the site's managers; site operators and programme
 * officers read their sites' money; members read their own invoices, statements and packs.
 *
 * The month-end run turns machine use into charges (once per booking and kind: a unique index)
 * and open charges into invoices numbered without gaps per site and year (a counter row bumped
 * in the same transaction). Runs at one site are serialised by an advisory lock; a preview is
 * the same run rolled back, so it shows exactly what issuing would produce.
 */
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Db, Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import { renderPdf } from '../../server/pdf/pdf.js';
import { writeCsv, writeXlsx } from '../../server/tabular/tabular.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueEmail } from '../jobs/jobs.service.js';
import { checkNpwp } from '../organisations/organisations.js';
import {
  billableMinutes,
  customerClassOf,
  debitPacks,
  formatInvoiceNumber,
  formatRupiah,
  invoiceTotals,
  lateCancelFee,
  lineAmounts,
  noShowFee,
  tariffFor,
  terbilangRupiah,
  applySubsidy,
  type CustomerClass,
  type LineInput,
  type PpnRule,
  type Subsidy as SubsidyRule,
  type Tariff as TariffRule,
  type TariffBasis,
} from './billing.js';
import type {
  BillingSettings,
  BillingSettingsRequest,
  ChargeRequest,
  Invoice,
  PaymentRequest,
  SubsidyRequest,
  TariffRequest,
} from './billing.contract.js';
import { billingError } from './billing.errors.js';
import * as repo from './billing.repository.js';

type UserCtx = ServiceContext & { actor: Actor };
const DAY = 86_400_000;
const num = (v: string | bigint | number | null) => (v === null ? 0 : Number(v));
const big = (v: string | number | bigint) => BigInt(v);
const ZONE_OFFSET: Record<string, number> = {
  'Asia/Jakarta': 7,
  'Asia/Pontianak': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};
/** The calendar date at a site (its zone) for an instant. */
const localDay = (at: Date, tz: string) =>
  new Date(at.getTime() + (ZONE_OFFSET[tz] ?? 7) * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const monthBounds = (month: string) => {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1), next };
};

// Who may do what ------------------------------------------------------------------------------

interface MoneyScope {
  admin: boolean;
  managed: string[];
  staffSites: string[];
  memberOrgs: string[];
  /** null: every programme (administrators, national officers). */
  officerProgrammes: string[] | null;
  officer: boolean;
}

function scopeOf(actor: Actor): MoneyScope {
  const s: MoneyScope = {
    admin: false,
    managed: [],
    staffSites: [],
    memberOrgs: [],
    officerProgrammes: [],
    officer: false,
  };
  for (const g of actor.grants) {
    if (g.role === 'administrator') s.admin = true;
    else if (g.role === 'site_manager' && g.scopeId) {
      s.managed.push(g.scopeId);
      s.staffSites.push(g.scopeId);
    } else if (g.role === 'site_operator' && g.scopeId) s.staffSites.push(g.scopeId);
    else if (g.role === 'umkm_member' && g.scopeId) s.memberOrgs.push(g.scopeId);
    else if (g.role === 'programme_officer') {
      s.officer = true;
      if (g.scopeId === null) s.officerProgrammes = null;
      else s.officerProgrammes?.push(g.scopeId);
    }
  }
  return s;
}

/** Sites whose money the actor reads (null: all) and organisations it is limited to (null: any). */
async function readScope(db: Executor, actor: Actor) {
  const s = scopeOf(actor);
  if (s.admin || (s.officer && s.officerProgrammes === null))
    return { siteIds: null, orgIds: null };
  const sites = [...s.staffSites, ...(await repo.sitesOfProgrammes(db, s.officerProgrammes ?? []))];
  if (sites.length > 0 || s.officer) {
    // Staff and officers read every member of their sites; a member grant adds its own org.
    return {
      siteIds: [...new Set([...sites, ...(await repo.sitesOfMembers(db, s.memberOrgs))])],
      orgIds: null,
    };
  }
  return { siteIds: null, orgIds: s.memberOrgs };
}

async function readableSite(db: Executor, siteId: string, actor: Actor) {
  const site = await repo.siteOf(db, siteId);
  const scope = await readScope(db, actor);
  const ok =
    site &&
    (scope.siteIds === null
      ? scope.orgIds === null || (await repo.sitesOfMembers(db, scope.orgIds)).includes(site.id)
      : scope.siteIds.includes(site.id));
  if (!site || !ok) throw new DomainError('site_not_found');
  return site;
}

async function manageableSite(db: Executor, siteId: string, actor: Actor) {
  const site = await readableSite(db, siteId, actor);
  const s = scopeOf(actor);
  if (!s.admin && !s.managed.includes(site.id)) throw new DomainError('forbidden');
  return site;
}

const canManage = (actor: Actor, siteId: string) => {
  const s = scopeOf(actor);
  return s.admin || s.managed.includes(siteId);
};

// Settings and PPN -----------------------------------------------------------------------------

function defaultSettings(site: NonNullable<Awaited<ReturnType<typeof repo.siteOf>>>) {
  return {
    pkp: false,
    sellerName: site.operator_name ?? site.name,
    sellerNpwp: site.operator_npwp,
    sellerAddress: site.address,
    bankAccount: null,
    chargeBasis: 'actual' as const,
    rounding: 'slot_up' as const,
    noShowPercent: 50,
    lateCancelPercent: 25,
    lateCancelWindowMinutes: 1440,
    paymentTermsDays: 14,
  };
}

async function settingsFor(db: Executor, siteId: string) {
  const site = await repo.siteOf(db, siteId);
  if (!site) throw new DomainError('site_not_found');
  const r = await repo.settingsOf(db, siteId);
  const v = r
    ? {
        pkp: r.pkp,
        sellerName: r.seller_name,
        sellerNpwp: r.seller_npwp,
        sellerAddress: r.seller_address,
        bankAccount: r.bank_account,
        chargeBasis: r.charge_basis,
        rounding: r.rounding,
        noShowPercent: r.no_show_percent,
        lateCancelPercent: r.late_cancel_percent,
        lateCancelWindowMinutes: r.late_cancel_window_minutes,
        paymentTermsDays: r.payment_terms_days,
      }
    : defaultSettings(site);
  return { site, settings: v, isDefault: !r };
}

export async function getSettings(
  db: Executor,
  siteId: string,
  actor: Actor,
): Promise<BillingSettings> {
  await readableSite(db, siteId, actor);
  const { settings, isDefault } = await settingsFor(db, siteId);
  return { siteId, ...settings, isDefault, canEdit: canManage(actor, siteId) };
}

export async function updateSettings(
  trx: Executor,
  siteId: string,
  input: BillingSettingsRequest,
  ctx: UserCtx,
): Promise<BillingSettings> {
  await manageableSite(trx, siteId, ctx.actor);
  const checked = input.sellerNpwp ? checkNpwp(input.sellerNpwp) : null;
  if (checked && !checked.ok)
    throw new DomainError('validation_failed', {
      fields: [{ path: 'sellerNpwp', code: checked.reason }],
    });
  const npwp = checked?.ok ? checked.canonical : null;
  if (input.pkp && !npwp) throw billingError('npwp_required_for_pkp');
  const before = await getSettings(trx, siteId, ctx.actor);
  await repo.upsertSettings(trx, {
    site_id: siteId,
    pkp: input.pkp,
    seller_name: input.sellerName,
    seller_npwp: npwp,
    seller_address: input.sellerAddress,
    bank_account: input.bankAccount,
    charge_basis: input.chargeBasis,
    rounding: input.rounding,
    no_show_percent: input.noShowPercent,
    late_cancel_percent: input.lateCancelPercent,
    late_cancel_window_minutes: input.lateCancelWindowMinutes,
    payment_terms_days: input.paymentTermsDays,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  const after = await getSettings(trx, siteId, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'billing_settings.update',
    entityType: 'site',
    entityId: siteId,
    before,
    after,
  });
  return after;
}

async function ppnRules(db: Executor): Promise<PpnRule[]> {
  return (await repo.ppnRates(db)).map((r) => ({
    from: r.valid_from,
    rateBp: r.rate_bp,
    dppNumerator: BigInt(r.dpp_numerator),
    dppDenominator: BigInt(r.dpp_denominator),
    source: r.source,
  }));
}

export async function listPpnRates(db: Executor) {
  return {
    items: (await repo.ppnRates(db)).map((r) => ({
      validFrom: r.valid_from,
      ratePercent: r.rate_bp / 100,
      dppNumerator: r.dpp_numerator,
      dppDenominator: r.dpp_denominator,
      source: r.source,
    })),
  };
}

export async function addPpnRate(
  trx: Executor,
  input: {
    validFrom: string;
    rateBp: number;
    dppNumerator: number;
    dppDenominator: number;
    source: string;
  },
  ctx: UserCtx,
) {
  if (!scopeOf(ctx.actor).admin) throw new DomainError('forbidden');
  if (input.dppNumerator > input.dppDenominator)
    throw new DomainError('validation_failed', {
      fields: [{ path: 'dppNumerator', code: 'too_big' }],
    });
  await repo.insertPpnRate(trx, {
    valid_from: input.validFrom,
    rate_bp: input.rateBp,
    dpp_numerator: input.dppNumerator,
    dpp_denominator: input.dppDenominator,
    source: input.source,
  });
  await recordAudit(trx, ctx, {
    action: 'ppn_rate.create',
    entityType: 'ppn_rate',
    entityId: input.validFrom,
    after: input,
  });
  return listPpnRates(trx);
}

// Tariffs and priced items ---------------------------------------------------------------------

const BASIS_LABEL: Record<TariffBasis, { id: string; en: string }> = {
  per_hour: { id: 'per jam', en: 'per hour' },
  per_batch: { id: 'per batch', en: 'per batch' },
  per_kg: { id: 'per kg', en: 'per kg' },
};
const CLASS_LABEL: Record<CustomerClass, { id: string; en: string }> = {
  member_micro: { id: 'anggota mikro', en: 'micro members' },
  member_small: { id: 'anggota kecil', en: 'small members' },
  member_medium: { id: 'anggota menengah', en: 'medium members' },
  member_large: { id: 'anggota besar', en: 'large members' },
  non_member: { id: 'bukan anggota', en: 'non-members' },
};
/** Names for messages, in the reader's language (the codes stay in the details). */
const labels = (locale: 'id' | 'en', basis: TariffBasis, customerClass: CustomerClass) => ({
  basis,
  customerClass,
  basisLabel: BASIS_LABEL[basis][locale],
  classLabel: CLASS_LABEL[customerClass][locale],
});

const toTariff = (r: Awaited<ReturnType<typeof repo.tariffsOf>>[number]) => ({
  id: r.id,
  machineId: r.machine_id,
  basis: r.basis,
  customerClass: r.customer_class,
  unitPrice: num(r.unit_price),
  operatorFeePerHour: num(r.operator_fee_per_hour),
  validFrom: r.valid_from,
  validTo: r.valid_to,
});
const toTariffRule = (r: Awaited<ReturnType<typeof repo.tariffsOf>>[number]): TariffRule => ({
  id: r.id,
  basis: r.basis,
  customerClass: r.customer_class,
  unitPrice: big(r.unit_price),
  operatorFeePerHour: big(r.operator_fee_per_hour),
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

async function machineAt(db: Executor, machineId: string, actor: Actor) {
  const m = await repo.machineOf(db, machineId);
  if (!m) throw new DomainError('machine_not_found');
  await readableSite(db, m.site_id, actor).catch(() => {
    throw new DomainError('machine_not_found');
  });
  return m;
}

export async function listTariffs(db: Executor, machineId: string, actor: Actor) {
  const m = await machineAt(db, machineId, actor);
  return {
    items: (await repo.tariffsOf(db, [m.id])).map(toTariff),
    canEdit: canManage(actor, m.site_id),
  };
}

const isExclusion = (err: unknown) => (err as { code?: string } | null)?.code === '23P01';

export async function createTariff(
  trx: Executor,
  machineId: string,
  input: TariffRequest,
  ctx: UserCtx,
) {
  const m = await machineAt(trx, machineId, ctx.actor);
  await manageableSite(trx, m.site_id, ctx.actor);
  if (input.validTo && input.validTo < input.validFrom) throw billingError('period_invalid');
  const overlap = (await repo.tariffsOf(trx, [m.id])).find(
    (t) =>
      t.basis === input.basis &&
      t.customer_class === input.customerClass &&
      t.valid_from <= (input.validTo ?? '9999-12-31') &&
      input.validFrom <= (t.valid_to ?? '9999-12-31'),
  );
  if (overlap)
    throw billingError('tariff_overlap', {
      ...labels(ctx.actor.locale, input.basis, input.customerClass),
      otherFrom: overlap.valid_from,
      otherTo: overlap.valid_to ?? '…',
      otherId: overlap.id,
    });
  let id: string;
  try {
    id = await repo.insertTariff(trx, {
      machine_id: m.id,
      basis: input.basis,
      customer_class: input.customerClass,
      unit_price: input.unitPrice,
      operator_fee_per_hour: input.operatorFeePerHour,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
  } catch (err) {
    if (isExclusion(err))
      throw billingError('tariff_overlap', {
        basis: input.basis,
        customerClass: input.customerClass,
        otherFrom: '?',
        otherTo: '?',
      });
    throw err;
  }
  await recordAudit(trx, ctx, {
    action: 'tariff.create',
    entityType: 'tariff',
    entityId: id,
    after: { machineId: m.id, ...input },
  });
  return listTariffs(trx, m.id, ctx.actor);
}

export async function endTariff(trx: Executor, id: string, validTo: string, ctx: UserCtx) {
  const t = await repo.findTariff(trx, id);
  if (!t) throw billingError('tariff_not_found');
  const m = await machineAt(trx, t.machine_id, ctx.actor);
  await manageableSite(trx, m.site_id, ctx.actor);
  if (validTo < t.valid_from) throw billingError('period_invalid');
  await repo.endTariff(trx, id, validTo);
  await recordAudit(trx, ctx, {
    action: 'tariff.end',
    entityType: 'tariff',
    entityId: id,
    before: { validTo: t.valid_to },
    after: { validTo },
  });
  return listTariffs(trx, m.id, ctx.actor);
}

export async function deleteTariff(trx: Executor, id: string, ctx: UserCtx) {
  const t = await repo.findTariff(trx, id);
  if (!t) throw billingError('tariff_not_found');
  const m = await machineAt(trx, t.machine_id, ctx.actor);
  const site = await manageableSite(trx, m.site_id, ctx.actor);
  if (t.valid_from <= localDay(ctx.now, site.time_zone)) throw billingError('tariff_in_use');
  await repo.deleteTariff(trx, id);
  await recordAudit(trx, ctx, {
    action: 'tariff.delete',
    entityType: 'tariff',
    entityId: id,
    before: t,
  });
  return listTariffs(trx, m.id, ctx.actor);
}

const toItem = (r: Awaited<ReturnType<typeof repo.itemsOf>>[number]) => ({
  id: r.id,
  siteId: r.site_id,
  code: r.code,
  name: r.name,
  unit: r.unit,
  unitPrice: num(r.unit_price),
  taxable: r.taxable,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function listItems(db: Executor, siteId: string, actor: Actor) {
  await readableSite(db, siteId, actor);
  return { items: (await repo.itemsOf(db, siteId)).map(toItem) };
}

export async function createItem(
  trx: Executor,
  siteId: string,
  input: {
    code: string;
    name: string;
    unit: string;
    unitPrice: number;
    taxable: boolean;
    validFrom: string;
    validTo: string | null;
  },
  ctx: UserCtx,
) {
  await manageableSite(trx, siteId, ctx.actor);
  if (input.validTo && input.validTo < input.validFrom) throw billingError('period_invalid');
  try {
    const id = await repo.insertItem(trx, {
      site_id: siteId,
      code: input.code,
      name: input.name,
      unit: input.unit,
      unit_price: input.unitPrice,
      taxable: input.taxable,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      created_at: ctx.now,
    });
    await recordAudit(trx, ctx, {
      action: 'priced_item.create',
      entityType: 'priced_item',
      entityId: id,
      after: input,
    });
  } catch (err) {
    if (isExclusion(err)) throw billingError('priced_item_overlap', { code: input.code });
    throw err;
  }
  return listItems(trx, siteId, ctx.actor);
}

// Subsidies and packs --------------------------------------------------------------------------

const toSubsidy = (r: Awaited<ReturnType<typeof repo.listSubsidies>>[number]) => ({
  id: r.id,
  programmeId: r.programme_id,
  programmeName: r.programme_name,
  siteId: r.site_id,
  name: r.name,
  percent: r.percent,
  classes: r.classes,
  maxHoursPerMonth: r.max_minutes_per_month === null ? null : r.max_minutes_per_month / 60,
  maxAmountPerMonth: r.max_amount_per_month === null ? null : num(r.max_amount_per_month),
  validFrom: r.valid_from,
  validTo: r.valid_to,
});
const toSubsidyRule = (r: Awaited<ReturnType<typeof repo.listSubsidies>>[number]): SubsidyRule => ({
  id: r.id,
  programmeId: r.programme_id,
  rateBp: r.percent * 100,
  classes: r.classes,
  maxMinutesPerMonth: r.max_minutes_per_month === null ? null : BigInt(r.max_minutes_per_month),
  maxAmountPerMonth: r.max_amount_per_month === null ? null : big(r.max_amount_per_month),
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function listSubsidies(
  db: Executor,
  q: { programmeId?: string | undefined },
  actor: Actor,
) {
  const s = scopeOf(actor);
  const visible =
    s.admin || (s.officer && s.officerProgrammes === null) ? null : (s.officerProgrammes ?? []);
  let rows = await repo.listSubsidies(db, visible);
  if (!s.admin && !s.officer) {
    // Site staff and members see the subsidies that apply to their sites.
    const sites = [...s.staffSites, ...(await repo.sitesOfMembers(db, s.memberOrgs))];
    const progs = new Set<string>();
    for (const id of sites) {
      const site = await repo.siteOf(db, id);
      if (site) progs.add(site.programme_id);
    }
    rows = (await repo.listSubsidies(db, [...progs])).filter(
      (r) => r.site_id === null || sites.includes(r.site_id),
    );
  }
  if (q.programmeId) rows = rows.filter((r) => r.programme_id === q.programmeId);
  return { items: rows.map(toSubsidy) };
}

export async function createSubsidy(trx: Executor, input: SubsidyRequest, ctx: UserCtx) {
  if (!scopeOf(ctx.actor).admin) throw new DomainError('forbidden');
  if (input.validTo && input.validTo < input.validFrom) throw billingError('period_invalid');
  const exists = await trx
    .selectFrom('programmes')
    .select('id')
    .where('id', '=', input.programmeId)
    .executeTakeFirst();
  if (!exists) throw billingError('programme_not_found_for_subsidy');
  const id = await repo.insertSubsidy(trx, {
    programme_id: input.programmeId,
    site_id: input.siteId,
    name: input.name,
    percent: input.percent,
    classes: input.classes,
    max_minutes_per_month: input.maxHoursPerMonth === null ? null : input.maxHoursPerMonth * 60,
    max_amount_per_month: input.maxAmountPerMonth,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'subsidy.create',
    entityType: 'subsidy',
    entityId: id,
    after: input,
  });
  return toSubsidy((await repo.findSubsidy(trx, id))!);
}

export async function claimReport(db: Executor, subsidyId: string, month: string, actor: Actor) {
  const sub = await repo.findSubsidy(db, subsidyId);
  const s = scopeOf(actor);
  const allowed =
    sub &&
    (s.admin ||
      (s.officer &&
        (s.officerProgrammes === null || s.officerProgrammes.includes(sub.programme_id))));
  if (!sub || !allowed) throw billingError('subsidy_not_found');
  const { from, to } = monthBounds(month);
  const rows = await repo.claimLines(db, subsidyId, from, to);
  const lines = rows.map((r) => ({
    usageDate: r.usage_day,
    siteCode: r.site_code,
    memberName: r.member_name,
    machineName: r.machine_name,
    description: r.description,
    minutes: r.subsidised_minutes,
    gross: num(r.gross),
    subsidy: num(r.subsidy),
    invoiceNumber: r.invoice_number,
  }));
  return {
    subsidyId,
    subsidyName: sub.name,
    programmeName: sub.programme_name,
    month,
    lines,
    totalMinutes: lines.reduce((a, l) => a + l.minutes, 0),
    totalGross: lines.reduce((a, l) => a + l.gross, 0),
    totalSubsidy: lines.reduce((a, l) => a + l.subsidy, 0),
  };
}

export async function claimXlsx(report: Awaited<ReturnType<typeof claimReport>>) {
  const headers = [
    'tanggal',
    'lokasi',
    'anggota',
    'mesin',
    'uraian',
    'menit_disubsidi',
    'bruto',
    'subsidi',
    'faktur',
  ];
  const rows = report.lines.map((l) => ({
    tanggal: l.usageDate,
    lokasi: l.siteCode,
    anggota: l.memberName,
    mesin: l.machineName,
    uraian: l.description,
    menit_disubsidi: l.minutes,
    bruto: l.gross,
    subsidi: l.subsidy,
    faktur: l.invoiceNumber,
  }));
  rows.push({
    tanggal: 'TOTAL',
    lokasi: '',
    anggota: '',
    mesin: '',
    uraian: report.subsidyName,
    menit_disubsidi: report.totalMinutes,
    bruto: report.totalGross,
    subsidi: report.totalSubsidy,
    faktur: '',
  });
  return writeXlsx(`Klaim ${report.month}`, headers, rows);
}

const toPack = (r: Awaited<ReturnType<typeof repo.listPacks>>[number]) => ({
  id: r.id,
  siteId: r.site_id,
  memberOrgId: r.member_org_id,
  memberName: r.member_name,
  machineId: r.machine_id,
  machineName: r.machine_name,
  name: r.name,
  minutesTotal: r.minutes_total,
  minutesUsed: r.minutes_used,
  price: num(r.price),
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function listPacks(
  db: Executor,
  q: { siteId?: string | undefined; memberOrgId?: string | undefined },
  actor: Actor,
) {
  const scope = await readScope(db, actor);
  let rows = await repo.listPacks(db, scope.siteIds, scope.orgIds);
  if (q.siteId) rows = rows.filter((r) => r.site_id === q.siteId);
  if (q.memberOrgId) rows = rows.filter((r) => r.member_org_id === q.memberOrgId);
  return { items: rows.map(toPack) };
}

/** Sells a pack: the pack and its charge (billed on the next invoice) in one transaction. */
export async function sellPack(
  trx: Executor,
  input: {
    siteId: string;
    memberOrgId: string;
    machineId: string | null;
    name: string;
    hours: number;
    price: number;
    validFrom: string;
    validTo: string;
  },
  ctx: UserCtx,
) {
  const site = await manageableSite(trx, input.siteId, ctx.actor);
  if (!(await repo.isSiteMember(trx, site.id, input.memberOrgId)))
    throw billingError('not_a_member');
  if (input.validTo < input.validFrom) throw billingError('period_invalid');
  if (input.machineId) {
    const m = await repo.machineOf(trx, input.machineId);
    if (!m || m.site_id !== site.id) throw new DomainError('machine_not_found');
  }
  const id = await repo.insertPack(trx, {
    site_id: site.id,
    member_org_id: input.memberOrgId,
    machine_id: input.machineId,
    name: input.name,
    minutes_total: input.hours * 60,
    price: input.price,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await repo.insertCharge(trx, {
    site_id: site.id,
    member_org_id: input.memberOrgId,
    machine_id: input.machineId,
    kind: 'pack',
    description: `Paket ${input.hours} jam: ${input.name} (${input.validFrom} s.d. ${input.validTo})`,
    usage_date: localDay(ctx.now, site.time_zone),
    quantity: 1,
    unit: 'paket',
    unit_price: input.price,
    gross: input.price,
    net: input.price,
    taxable: true,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'hour_pack.sell',
    entityType: 'hour_pack',
    entityId: id,
    after: input,
  });
  return toPack((await repo.findPack(trx, id))!);
}

// Charges --------------------------------------------------------------------------------------

const toCharge = (r: repo.ChargeRow) => ({
  id: r.id,
  siteId: r.site_id,
  memberOrgId: r.member_org_id,
  memberName: r.member_name,
  bookingId: r.booking_id,
  machineName: r.machine_name,
  kind: r.kind,
  description: r.description,
  usageDate: r.usage_day,
  quantity: Number(r.quantity),
  unit: r.unit,
  unitPrice: num(r.unit_price),
  gross: num(r.gross),
  discount: num(r.discount),
  subsidy: num(r.subsidy),
  packMinutes: r.pack_minutes,
  net: num(r.net),
  taxable: r.taxable,
  invoiceId: r.invoice_id,
});

export async function addCharge(trx: Executor, input: ChargeRequest, ctx: UserCtx) {
  const site = await manageableSite(trx, input.siteId, ctx.actor);
  const member = await repo.memberOf(trx, input.memberOrgId);
  if (!member) throw billingError('not_a_member');
  let id: string | null;
  if (input.kind === 'item') {
    const item = await repo.findItem(trx, input.pricedItemId);
    if (!item || item.site_id !== site.id) throw billingError('priced_item_not_found');
    if (item.valid_from > input.usageDate || (item.valid_to && item.valid_to < input.usageDate))
      throw billingError('priced_item_not_found');
    // Quantities to 3 decimals (e.g. 12.5 kWh): price × milli-units / 1000, half up.
    const milli = BigInt(Math.round(input.quantity * 1000));
    const a = lineAmounts({
      quantity: milli,
      unitPrice: big(item.unit_price),
      perUnits: 1000n,
      discount: 0n,
      subsidy: 0n,
      taxable: item.taxable,
    });
    id = await repo.insertCharge(trx, {
      site_id: site.id,
      member_org_id: member.id,
      booking_id: input.bookingId,
      kind: 'item',
      description: item.name,
      usage_date: input.usageDate,
      quantity: (Number(milli) / 1000).toFixed(3),
      unit: item.unit,
      unit_price: item.unit_price,
      gross: a.gross,
      net: a.net,
      taxable: item.taxable,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
  } else {
    id = await repo.insertCharge(trx, {
      site_id: site.id,
      member_org_id: member.id,
      kind: 'adjustment',
      description: input.description,
      usage_date: input.usageDate,
      quantity: 1,
      unit: 'kali',
      unit_price: input.amount,
      gross: input.amount,
      net: input.amount,
      taxable: input.taxable,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
  }
  const row = await repo.findCharge(trx, id!);
  await recordAudit(trx, ctx, {
    action: 'charge.create',
    entityType: 'charge',
    entityId: id,
    after: row && toCharge(row),
  });
  return toCharge(row!);
}

export async function listCharges(
  db: Executor,
  q: {
    siteId?: string | undefined;
    memberOrgId?: string | undefined;
    month?: string | undefined;
    uninvoiced?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
) {
  const scope = await readScope(db, actor);
  const key = decodeCursor(q.cursor, 2);
  const bounds = q.month ? monthBounds(q.month) : null;
  const rows = await repo.listCharges(
    db,
    {
      ...scope,
      siteId: q.siteId,
      memberOrgId: q.memberOrgId,
      from: bounds?.from,
      to: bounds?.to,
      uninvoiced: q.uninvoiced,
    },
    key ? { date: String(key[0]), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.usage_day, r.id]);
  return { items: page.items.map(toCharge), nextCursor: page.nextCursor };
}

// The month-end run ----------------------------------------------------------------------------

interface RunWarning {
  bookingId: string | null;
  code: string;
  details: Record<string, unknown>;
}

/**
 * Charges the bookings of a site up to the end of `month` that owe something and have not been
 * charged, using the tariff and subsidy in force on the day of use and the member's packs.
 */
async function chargeBookings(trx: Executor, siteId: string, month: string, ctx: ServiceContext) {
  const { site, settings } = await settingsFor(trx, siteId);
  const { next } = monthBounds(month);
  const until = new Date(
    Date.parse(`${next}T00:00:00Z`) - (ZONE_OFFSET[site.time_zone] ?? 7) * 3_600_000,
  );
  const bookings = await repo.bookingsToCharge(trx, siteId, until);
  const warnings: RunWarning[] = [];
  if (bookings.length === 0) return { created: 0, warnings };
  const tariffs = new Map<string, TariffRule[]>();
  for (const t of await repo.tariffsOf(trx, [...new Set(bookings.map((b) => b.machine_id))])) {
    const list = tariffs.get(t.machine_id);
    if (list) list.push(toTariffRule(t));
    else tariffs.set(t.machine_id, [toTariffRule(t)]);
  }
  const subsidies = (await repo.subsidiesForSite(trx, site.programme_id, siteId)).map(
    toSubsidyRule,
  );
  const members = new Map<string, { class: CustomerClass; name: string }>();
  const machineRates = new Map<string, Awaited<ReturnType<typeof repo.machineOf>>>();
  const policy = {
    noShowBp: settings.noShowPercent * 100,
    lateCancelBp: settings.lateCancelPercent * 100,
    lateCancelWindowMinutes: settings.lateCancelWindowMinutes,
  };
  let created = 0;
  for (const b of bookings) {
    const orgId = b.member_org_id!;
    if (!members.has(orgId)) {
      const m = await repo.memberOf(trx, orgId);
      members.set(orgId, {
        class: customerClassOf({
          isMember: await repo.isSiteMember(trx, siteId, orgId),
          sizeClass: m?.size_class ?? null,
        }),
        name: m?.name ?? '',
      });
    }
    const member = members.get(orgId)!;
    const date = localDay(b.starts_at, site.time_zone);
    if (!machineRates.has(b.machine_id))
      machineRates.set(b.machine_id, await repo.machineOf(trx, b.machine_id));
    const tariff = pickTariff(
      tariffs.get(b.machine_id) ?? [],
      machineRates.get(b.machine_id),
      member.class,
      date,
    );
    if (!tariff) {
      warnings.push({
        bookingId: b.id,
        code: 'no_tariff',
        details: { basis: 'per_hour', customerClass: member.class, date },
      });
      continue;
    }
    const booked = { start: b.starts_at.getTime(), end: b.ends_at.getTime() };
    const slot = b.slot_minutes ?? 30;
    const bookedMinutes = billableMinutes({
      policy: 'booked',
      booked,
      actual: booked,
      slotMinutes: slot,
      rounding: settings.rounding,
    });
    const at = (minutes: bigint) =>
      tariff.basis === 'per_hour'
        ? lineAmounts({
            quantity: minutes,
            unitPrice: tariff.unitPrice,
            perUnits: 60n,
            discount: 0n,
            subsidy: 0n,
            taxable: true,
          }).gross
        : tariff.unitPrice;
    const base = {
      site_id: siteId,
      member_org_id: orgId,
      booking_id: b.id,
      machine_id: b.machine_id,
      usage_date: date,
      taxable: true,
      created_at: ctx.now,
    };
    const label = `${b.machine_name} (${b.machine_code})`;
    if (b.status === 'no_show' || b.status === 'cancelled') {
      const fee =
        b.status === 'no_show'
          ? noShowFee(at(bookedMinutes), policy)
          : lateCancelFee(
              {
                bookedAmount: at(bookedMinutes),
                start: booked.start,
                cancelledAt: b.cancelled_at!.getTime(),
              },
              policy,
            );
      if (fee === 0n) {
        // Record that nothing is owed, so the booking is not looked at again.
        await repo.insertCharge(trx, {
          ...base,
          kind: b.status === 'no_show' ? 'no_show' : 'late_cancel',
          description: `${label}: tanpa biaya`,
          quantity: 0,
          unit: 'kali',
          unit_price: 0,
          gross: 0,
          net: 0,
        });
        continue;
      }
      const pct = b.status === 'no_show' ? settings.noShowPercent : settings.lateCancelPercent;
      const id = await repo.insertCharge(trx, {
        ...base,
        kind: b.status === 'no_show' ? 'no_show' : 'late_cancel',
        description: `${b.status === 'no_show' ? 'Tidak hadir' : 'Pembatalan terlambat'} ${label}, ${pct}% dari ${formatRupiah(at(bookedMinutes))}`,
        quantity: 1,
        unit: 'kali',
        unit_price: fee,
        gross: fee,
        net: fee,
      });
      if (id) created++;
      continue;
    }
    // Completed use.
    const actual =
      b.checked_in_at && b.checked_out_at
        ? { start: b.checked_in_at.getTime(), end: b.checked_out_at.getTime() }
        : booked;
    const minutes =
      tariff.basis === 'per_hour'
        ? billableMinutes({
            policy: settings.chargeBasis,
            booked,
            actual,
            slotMinutes: slot,
            rounding: settings.rounding,
          })
        : 0n;
    let remainder = minutes;
    let packId: string | null = null;
    let packMinutes = 0n;
    if (tariff.basis === 'per_hour' && minutes > 0n) {
      const packs = await repo.packsFor(trx, siteId, orgId, b.machine_id);
      const debit = debitPacks(
        packs.map((p) => ({
          id: p.id,
          minutesLeft: BigInt(p.minutes_total - p.minutes_used),
          validFrom: p.valid_from,
          validTo: p.valid_to,
        })),
        { date, minutes },
      );
      for (const d of debit.debits) await repo.debitPack(trx, d.packId, Number(d.minutes));
      packId = debit.debits[0]?.packId ?? null;
      packMinutes = minutes - debit.remainder;
      remainder = debit.remainder;
    }
    const gross = tariff.basis === 'per_hour' ? at(remainder) : tariff.unitPrice;
    const sub = await bestSubsidy(trx, subsidies, orgId, {
      date,
      customerClass: member.class,
      minutes: remainder,
      amount: gross,
    });
    const quantity = tariff.basis === 'per_hour' ? (Number(remainder) / 60).toFixed(3) : '1';
    const id = await repo.insertCharge(trx, {
      ...base,
      kind: 'usage',
      description:
        `${label}, ${date}` +
        (packMinutes > 0n ? ` (${Number(packMinutes) / 60} jam dari paket)` : '') +
        (b.mode === 'service' ? ', layanan operator' : ''),
      quantity,
      unit: tariff.basis === 'per_hour' ? 'jam' : 'batch',
      unit_price: tariff.unitPrice,
      gross,
      subsidy: sub.amount,
      subsidy_id: sub.amount > 0n ? sub.subsidyId : null,
      subsidised_minutes: Number(sub.minutes),
      pack_id: packId,
      pack_minutes: Number(packMinutes),
      net: gross - sub.amount,
    });
    if (id) created++;
    if (b.mode === 'service' && tariff.operatorFeePerHour > 0n) {
      const fee = lineAmounts({
        quantity: minutes,
        unitPrice: tariff.operatorFeePerHour,
        perUnits: 60n,
        discount: 0n,
        subsidy: 0n,
        taxable: true,
      }).gross;
      await repo.insertCharge(trx, {
        ...base,
        kind: 'operator_fee',
        description: `Jasa operator ${label}, ${date}`,
        quantity: (Number(minutes) / 60).toFixed(3),
        unit: 'jam',
        unit_price: tariff.operatorFeePerHour,
        gross: fee,
        net: fee,
      });
    }
  }
  return { created, warnings };
}

/** The tariff of the day for the class; a machine without tariffs uses its registry rates. */
function pickTariff(
  tariffs: TariffRule[],
  machine: Awaited<ReturnType<typeof repo.machineOf>> | undefined,
  customerClass: CustomerClass,
  date: string,
): TariffRule | null {
  for (const basis of ['per_hour', 'per_batch'] as TariffBasis[]) {
    const t = tariffFor(tariffs, { basis, customerClass, date });
    if (t) return t;
  }
  if (tariffs.length === 0 && machine) {
    const rate = machine.hourly_rate ?? machine.batch_rate;
    if (rate !== null)
      return {
        id: 'registry',
        basis: machine.hourly_rate !== null ? 'per_hour' : 'per_batch',
        customerClass,
        unitPrice: big(rate),
        operatorFeePerHour: 0n,
        validFrom: '2000-01-01',
        validTo: null,
      };
  }
  return null;
}

async function bestSubsidy(
  trx: Executor,
  subsidies: SubsidyRule[],
  orgId: string,
  line: { date: string; customerClass: CustomerClass; minutes: bigint; amount: bigint },
) {
  const month = line.date.slice(0, 7);
  const { from, to } = monthBounds(month);
  for (const s of subsidies) {
    const used = await repo.subsidyUsed(trx, s.id, orgId, from, to);
    const r = applySubsidy(line, s, used);
    if (r.amount > 0n) return { subsidyId: s.id, ...r };
  }
  return { subsidyId: null, amount: 0n, minutes: 0n };
}

class PreviewRollback extends Error {
  constructor(readonly result: unknown) {
    super('preview');
  }
}

/**
 * The month-end run of a site: charge what is owed up to the month's end, then one invoice per
 * member for its open charges. `dryRun` does everything and rolls it back (the preview shows
 * exactly what would be issued, numbers included). Issuing is refused while the month runs.
 */
export async function runInvoicing(
  db: Db,
  siteId: string,
  input: { month: string; dryRun: boolean },
  ctx: UserCtx,
  t: (code: string, details: Record<string, unknown>) => string,
) {
  const go = async (trx: Executor) => {
    const site = await manageableSite(trx, siteId, ctx.actor);
    const today = localDay(ctx.now, site.time_zone);
    if (!input.dryRun && input.month >= today.slice(0, 7))
      throw billingError('invoicing_month_open', { month: input.month });
    await repo.lockInvoicing(trx, siteId);
    const charged = await chargeBookings(trx, siteId, input.month, ctx);
    const { from, to } = monthBounds(input.month);
    const ids = await issueInvoices(trx, siteId, { from, to, today }, ctx);
    const invoices = await presentInvoices(
      trx,
      await repo.findInvoices(trx, ids),
      ctx.now,
      ctx.actor,
    );
    await recordAudit(trx, ctx, {
      action: 'invoicing.run',
      entityType: 'site',
      entityId: siteId,
      after: {
        month: input.month,
        invoices: invoices.map((i) => i.number),
        chargesCreated: charged.created,
      },
    });
    return {
      month: input.month,
      dryRun: input.dryRun,
      chargesCreated: charged.created,
      warnings: charged.warnings.map((w) => ({
        bookingId: w.bookingId,
        code: w.code,
        message: t(w.code, w.details),
      })),
      invoices,
      total: invoices.reduce((a, i) => a + i.total, 0),
    };
  };
  if (!input.dryRun) return db.transaction().execute(go);
  try {
    await db.transaction().execute(async (trx) => {
      throw new PreviewRollback(await go(trx));
    });
  } catch (err) {
    if (err instanceof PreviewRollback) return err.result as Awaited<ReturnType<typeof go>>;
    throw err;
  }
  throw new Error('unreachable');
}

async function issueInvoices(
  trx: Executor,
  siteId: string,
  period: { from: string; to: string; today: string },
  ctx: UserCtx,
): Promise<string[]> {
  const { site, settings } = await settingsFor(trx, siteId);
  const rules = await ppnRules(trx);
  const open = await repo.openCharges(trx, siteId, period.to);
  const byMember = new Map<string, repo.ChargeRow[]>();
  for (const c of open) {
    const list = byMember.get(c.member_org_id);
    if (list) list.push(c);
    else byMember.set(c.member_org_id, [c]);
  }
  const ids: string[] = [];
  const year = Number(period.today.slice(0, 4));
  for (const [orgId, charges] of byMember) {
    const lines: LineInput[] = charges.map((c) => ({
      quantity: big(c.gross),
      unitPrice: 1n,
      perUnits: 1n,
      discount: big(c.discount),
      subsidy: big(c.subsidy),
      taxable: c.taxable,
    }));
    const totals = invoiceTotals({ lines, pkp: settings.pkp, date: period.today, rules });
    const rule = totals.tax.rule;
    const member = (await repo.memberOf(trx, orgId))!;
    const seq = await repo.nextSeq(trx, siteId, year, 'invoice');
    const id = await repo.insertInvoice(trx, {
      site_id: siteId,
      member_org_id: orgId,
      kind: 'invoice',
      year,
      seq,
      number: formatInvoiceNumber({ siteCode: site.code, year, seq, kind: 'invoice' }),
      issued_on: period.today,
      due_on: addDays(period.today, settings.paymentTermsDays),
      period_from: charges.reduce((a, c) => (c.usage_day < a ? c.usage_day : a), period.from),
      period_to: period.to,
      seller: JSON.stringify({
        name: settings.sellerName,
        npwp: settings.sellerNpwp,
        address: settings.sellerAddress,
        bankAccount: settings.bankAccount,
      }),
      buyer: JSON.stringify({ name: member.name, npwp: member.npwp, address: member.address }),
      pkp: settings.pkp,
      ppn_rate_bp: rule?.rateBp ?? 0,
      dpp_numerator: Number(rule?.dppNumerator ?? 1n),
      dpp_denominator: Number(rule?.dppDenominator ?? 1n),
      subtotal: totals.subtotal,
      discounts: totals.discounts,
      subsidies: totals.subsidies,
      net: totals.net,
      dpp: totals.tax.dpp,
      ppn: totals.tax.ppn,
      total: totals.total,
      created_by: ctx.actor.userId,
      created_by_label: ctx.actor.email,
      created_at: ctx.now,
    });
    for (const [i, c] of charges.entries()) {
      const lineId = await repo.insertLine(trx, {
        invoice_id: id,
        position: i + 1,
        description: c.description.slice(0, 300),
        quantity: c.quantity,
        unit: c.unit,
        unit_price: c.unit_price,
        gross: c.gross,
        discount: c.discount,
        subsidy: c.subsidy,
        net: c.net,
        taxable: c.taxable,
      });
      await repo.attachCharge(trx, c.id, id, lineId);
    }
    ids.push(id);
  }
  return ids;
}

// Invoices -------------------------------------------------------------------------------------

function statusOf(r: repo.InvoiceRow, outstanding: number, today: string): Invoice['status'] {
  if (r.kind === 'credit_note') return 'credit_note';
  if (num(r.credited) > 0) return 'credited';
  if (outstanding <= 0) return 'paid';
  return r.due_day < today ? 'overdue' : 'open';
}

/** Invoices as the API shows them; "overdue" is judged on today's date at each invoice's site. */
async function presentInvoices(
  db: Executor,
  rows: repo.InvoiceRow[],
  now: Date,
  actor: Actor,
): Promise<Invoice[]> {
  const lines = new Map<string, Awaited<ReturnType<typeof repo.linesOf>>>();
  for (const l of await repo.linesOf(
    db,
    rows.map((r) => r.id),
  )) {
    const list = lines.get(l.invoice_id);
    if (list) list.push(l);
    else lines.set(l.invoice_id, [l]);
  }
  return rows.map((r) => {
    const outstanding = r.kind === 'invoice' ? num(r.total) - num(r.paid) - num(r.credited) : 0;
    const party = (p: unknown) => {
      const o = p as {
        name: string;
        npwp?: string | null;
        address?: string | null;
        bankAccount?: string | null;
      };
      return {
        name: o.name,
        npwp: o.npwp ?? null,
        address: o.address ?? null,
        bankAccount: o.bankAccount ?? null,
      };
    };
    return {
      id: r.id,
      kind: r.kind,
      number: r.number,
      siteId: r.site_id,
      siteCode: r.site_code,
      memberOrgId: r.member_org_id,
      memberName: r.member_name,
      issuedOn: r.issued_day,
      dueOn: r.due_day,
      periodFrom: r.period_from_day,
      periodTo: r.period_to_day,
      seller: party(r.seller),
      buyer: party(r.buyer),
      pkp: r.pkp,
      ppnRatePercent: r.ppn_rate_bp / 100,
      dppFactor: `${r.dpp_numerator}/${r.dpp_denominator}`,
      subtotal: num(r.subtotal),
      discounts: num(r.discounts),
      subsidies: num(r.subsidies),
      net: num(r.net),
      dpp: num(r.dpp),
      ppn: num(r.ppn),
      total: num(r.total),
      amountInWords: terbilangRupiah(big(r.total)),
      paid: num(r.paid),
      credited: num(r.credited),
      outstanding: Math.max(0, outstanding),
      status: statusOf(r, outstanding, localDay(now, r.time_zone)),
      canManage: canManage(actor, r.site_id),
      creditedInvoiceId: r.credited_invoice_id,
      creditNoteId: r.credit_note_id,
      reason: r.reason,
      lines: (lines.get(r.id) ?? []).map((l) => ({
        position: l.position,
        description: l.description,
        quantity: Number(l.quantity),
        unit: l.unit,
        unitPrice: num(l.unit_price),
        gross: num(l.gross),
        discount: num(l.discount),
        subsidy: num(l.subsidy),
        net: num(l.net),
        taxable: l.taxable,
      })),
      createdAt: r.created_at.toISOString(),
    };
  });
}

const todayOf = (now: Date) => localDay(now, 'Asia/Jakarta');

async function readableInvoice(db: Executor, id: string, actor: Actor) {
  const r = await repo.findInvoice(db, id);
  if (!r) throw billingError('invoice_not_found');
  const scope = await readScope(db, actor);
  const ok =
    (scope.siteIds === null || scope.siteIds.includes(r.site_id)) &&
    (scope.orgIds === null || scope.orgIds.includes(r.member_org_id));
  if (!ok) throw billingError('invoice_not_found');
  return r;
}

export async function getInvoice(db: Executor, id: string, actor: Actor, now: Date) {
  const r = await readableInvoice(db, id, actor);
  return (await presentInvoices(db, [r], now, actor))[0]!;
}

export async function browseInvoices(
  db: Executor,
  q: {
    siteId?: string | undefined;
    memberOrgId?: string | undefined;
    status?: Invoice['status'] | undefined;
    from?: string | undefined;
    to?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
  now: Date,
) {
  const scope = await readScope(db, actor);
  const key = decodeCursor(q.cursor, 2);
  const today = todayOf(now);
  const rows = await repo.listInvoices(
    db,
    {
      ...scope,
      siteId: q.siteId,
      memberOrgId: q.memberOrgId,
      status: q.status,
      from: q.from,
      to: q.to,
      today,
    },
    key ? { issued: String(key[0]), number: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.issued_day, r.number]);
  return { items: await presentInvoices(db, page.items, now, actor), nextCursor: page.nextCursor };
}

export async function creditInvoice(trx: Executor, id: string, reason: string, ctx: UserCtx) {
  await repo.lockInvoice(trx, id);
  const r = await readableInvoice(trx, id, ctx.actor);
  await manageableSite(trx, r.site_id, ctx.actor);
  if (r.kind === 'credit_note') throw billingError('credit_note_of_credit_note');
  if (num(r.credited) > 0) throw billingError('invoice_already_credited', { number: r.number });
  if (num(r.paid) > 0) throw billingError('credit_note_after_payment', { number: r.number });
  const today = localDay(ctx.now, r.time_zone);
  const year = Number(today.slice(0, 4));
  const seq = await repo.nextSeq(trx, r.site_id, year, 'credit_note');
  const cnId = await repo.insertInvoice(trx, {
    site_id: r.site_id,
    member_org_id: r.member_org_id,
    kind: 'credit_note',
    year,
    seq,
    number: formatInvoiceNumber({ siteCode: r.site_code, year, seq, kind: 'credit_note' }),
    credited_invoice_id: r.id,
    reason,
    issued_on: today,
    due_on: today,
    period_from: r.period_from_day,
    period_to: r.period_to_day,
    seller: JSON.stringify(r.seller),
    buyer: JSON.stringify(r.buyer),
    pkp: r.pkp,
    ppn_rate_bp: r.ppn_rate_bp,
    dpp_numerator: r.dpp_numerator,
    dpp_denominator: r.dpp_denominator,
    subtotal: r.subtotal,
    discounts: r.discounts,
    subsidies: r.subsidies,
    net: r.net,
    dpp: r.dpp,
    ppn: r.ppn,
    total: r.total,
    created_by: ctx.actor.userId,
    created_by_label: ctx.actor.email,
    created_at: ctx.now,
  });
  for (const l of await repo.linesOf(trx, [r.id])) {
    await repo.insertLine(trx, {
      invoice_id: cnId,
      position: l.position,
      description: `Koreksi: ${l.description}`.slice(0, 300),
      quantity: l.quantity,
      unit: l.unit,
      unit_price: l.unit_price,
      gross: l.gross,
      discount: l.discount,
      subsidy: l.subsidy,
      net: l.net,
      taxable: l.taxable,
    });
  }
  await recordAudit(trx, ctx, {
    action: 'invoice.credit',
    entityType: 'invoice',
    entityId: r.id,
    after: { creditNoteId: cnId, reason },
  });
  return getInvoice(trx, cnId, ctx.actor, ctx.now);
}

// Payments -------------------------------------------------------------------------------------

async function presentPayments(db: Executor, rows: Awaited<ReturnType<typeof repo.listPayments>>) {
  const allocations = await repo.allocationsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((p) => {
    const mine = allocations.filter((a) => a.payment_id === p.id);
    const allocated = mine.reduce((a, x) => a + num(x.amount), 0);
    return {
      id: p.id,
      siteId: p.site_id,
      memberOrgId: p.member_org_id,
      memberName: p.member_name,
      method: p.method,
      reference: p.reference,
      amount: num(p.amount),
      receivedOn: p.received_day,
      notes: p.notes,
      allocations: mine.map((a) => ({
        invoiceId: a.invoice_id,
        number: a.number,
        amount: num(a.amount),
      })),
      unallocated: num(p.amount) - allocated,
      createdAt: p.created_at.toISOString(),
    };
  });
}

export async function recordPayment(trx: Executor, input: PaymentRequest, ctx: UserCtx) {
  const site = await manageableSite(trx, input.siteId, ctx.actor);
  const member = await repo.memberOf(trx, input.memberOrgId);
  if (!member || !(await repo.isSiteMember(trx, site.id, member.id)))
    throw billingError('not_a_member');
  if (input.method !== 'cash' && !input.reference) throw billingError('payment_reference_required');
  const open = await repo.openInvoicesOf(trx, site.id, member.id);
  const owed = (r: repo.InvoiceRow) => num(r.total) - num(r.paid) - num(r.credited);
  let plan: { invoiceId: string; amount: number }[];
  if (input.allocations) {
    const sum = input.allocations.reduce((a, x) => a + x.amount, 0);
    if (sum > input.amount)
      throw billingError('allocation_exceeds_payment', {
        allocated: formatRupiah(BigInt(sum)),
        amount: formatRupiah(BigInt(input.amount)),
      });
    for (const a of input.allocations) {
      const inv = open.find((r) => r.id === a.invoiceId);
      if (!inv) {
        const any = await repo.findInvoice(trx, a.invoiceId);
        if (
          !any ||
          any.site_id !== site.id ||
          any.member_org_id !== member.id ||
          any.kind !== 'invoice'
        )
          throw billingError('allocation_wrong_invoice', { number: any?.number ?? a.invoiceId });
        throw billingError('allocation_exceeds_outstanding', {
          number: any.number,
          outstanding: formatRupiah(0n),
        });
      }
      if (a.amount > owed(inv))
        throw billingError('allocation_exceeds_outstanding', {
          number: inv.number,
          outstanding: formatRupiah(BigInt(owed(inv))),
        });
    }
    plan = input.allocations;
  } else {
    // Oldest open invoice first.
    let left = input.amount;
    plan = [];
    for (const inv of open) {
      if (left <= 0) break;
      const amount = Math.min(left, owed(inv));
      if (amount > 0) plan.push({ invoiceId: inv.id, amount });
      left -= amount;
    }
  }
  let id: string;
  try {
    id = await repo.insertPayment(trx, {
      site_id: site.id,
      member_org_id: member.id,
      method: input.method,
      reference: input.reference,
      amount: input.amount,
      received_on: input.receivedOn,
      notes: input.notes,
      recorded_by: ctx.actor.userId,
      created_at: ctx.now,
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw billingError('payment_reference_taken', { reference: input.reference });
    throw err;
  }
  for (const a of plan)
    await repo.insertAllocation(trx, { payment_id: id, invoice_id: a.invoiceId, amount: a.amount });
  const [payment] = await presentPayments(trx, [(await repo.findPayment(trx, id))!]);
  await recordAudit(trx, ctx, {
    action: 'payment.record',
    entityType: 'payment',
    entityId: id,
    after: payment,
  });
  return payment!;
}

export async function browsePayments(
  db: Executor,
  q: {
    siteId?: string | undefined;
    memberOrgId?: string | undefined;
    invoiceId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
) {
  const scope = await readScope(db, actor);
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listPayments(
    db,
    {
      ...scope,
      siteId: q.siteId,
      memberOrgId: q.memberOrgId,
      invoiceId: q.invoiceId,
      from: q.from,
      to: q.to,
    },
    key ? { date: String(key[0]), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.received_day, r.id]);
  return { items: await presentPayments(db, page.items), nextCursor: page.nextCursor };
}

export async function statement(
  db: Executor,
  orgId: string,
  q: { siteId?: string | undefined; from: string; to: string },
  actor: Actor,
) {
  const scope = await readScope(db, actor);
  const member = await repo.memberOf(db, orgId);
  const visible =
    member &&
    (scope.orgIds === null || scope.orgIds.includes(orgId)) &&
    (scope.siteIds === null ||
      (await repo.sitesOfMembers(db, [orgId])).some((s) => scope.siteIds!.includes(s)));
  if (!member || !visible) throw new DomainError('organisation_not_found');
  if (q.to < q.from) throw billingError('period_invalid');
  const siteId = q.siteId ?? (scope.siteIds && scope.orgIds === null ? undefined : undefined);
  const rows = await repo.ledger(db, orgId, siteId, q.to);
  let balance = 0;
  let opening = 0;
  const entries = [];
  for (const r of rows) {
    const amount = num(r.amount);
    const debit = r.kind === 'invoice' ? amount : 0;
    const credit = r.kind === 'invoice' ? 0 : amount;
    balance += debit - credit;
    if (r.date < q.from) opening = balance;
    else
      entries.push({
        date: r.date,
        kind: r.kind as 'invoice' | 'credit_note' | 'payment',
        reference: r.reference,
        debit,
        credit,
        balance,
      });
  }
  return {
    memberOrgId: orgId,
    memberName: member.name,
    from: q.from,
    to: q.to,
    opening,
    entries,
    closing: balance,
  };
}

// Reminders ------------------------------------------------------------------------------------

export const OVERDUE_QUEUE = 'billing.overdue';

/** Reminds members of overdue invoices, once a week per invoice (dedupe key). */
export async function queueOverdueReminders(db: Db, now: Date) {
  return db.transaction().execute(async (trx) => {
    const today = todayOf(now);
    const week = Math.floor(Date.parse(`${today}T00:00:00Z`) / (7 * DAY));
    let queued = 0;
    for (const inv of await repo.overdueInvoices(trx, today)) {
      const outstanding = num(inv.total) - num(inv.paid) - num(inv.credited);
      for (const u of await repo.memberUsers(trx, inv.member_org_id)) {
        const en = u.locale === 'en';
        const id = await queueEmail(
          trx,
          {
            to: u.email,
            subject: en ? `Overdue invoice ${inv.number}` : `Tagihan jatuh tempo ${inv.number}`,
            text: en
              ? `Invoice ${inv.number} was due on ${inv.due_day}; ${formatRupiah(BigInt(outstanding))} is still open.\n\n— RPB`
              : `Faktur ${inv.number} jatuh tempo pada ${inv.due_day}; sisa tagihan ${formatRupiah(BigInt(outstanding))}.\n\n— RPB`,
            dedupeKey: `overdue:${inv.id}:${week}:${u.email}`,
          },
          now,
        );
        if (id) queued++;
      }
    }
    return { queued };
  });
}

// Exports --------------------------------------------------------------------------------------

export async function exportInvoices(
  db: Executor,
  q: { siteId?: string | undefined; from: string; to: string; format: 'csv' | 'xlsx' },
  actor: Actor,
  now: Date,
) {
  const scope = await readScope(db, actor);
  const rows = await repo.listInvoices(
    db,
    { ...scope, siteId: q.siteId, from: q.from, to: q.to, today: todayOf(now) },
    null,
    100_000,
  );
  const invoices = await presentInvoices(db, rows, now, actor);
  const headers = [
    'nomor',
    'jenis',
    'lokasi',
    'anggota',
    'npwp_pembeli',
    'tanggal',
    'jatuh_tempo',
    'subtotal',
    'diskon',
    'subsidi',
    'dpp',
    'ppn',
    'total',
    'dibayar',
    'sisa',
    'status',
  ];
  const data = invoices.map((i) => ({
    nomor: i.number,
    jenis: i.kind === 'invoice' ? 'faktur' : 'nota_kredit',
    lokasi: i.siteCode,
    anggota: i.memberName,
    npwp_pembeli: i.buyer.npwp,
    tanggal: i.issuedOn,
    jatuh_tempo: i.dueOn,
    subtotal: i.subtotal,
    diskon: i.discounts,
    subsidi: i.subsidies,
    dpp: i.dpp,
    ppn: i.ppn,
    total: i.kind === 'invoice' ? i.total : -i.total,
    dibayar: i.paid,
    sisa: i.outstanding,
    status: i.status,
  }));
  return q.format === 'csv' ? writeCsv(headers, data) : writeXlsx('Faktur', headers, data);
}

export async function exportPayments(
  db: Executor,
  q: { siteId?: string | undefined; from: string; to: string; format: 'csv' | 'xlsx' },
  actor: Actor,
) {
  const res = await browsePayments(
    db,
    { siteId: q.siteId, from: q.from, to: q.to, limit: 100_000 },
    actor,
  );
  const headers = [
    'tanggal',
    'anggota',
    'metode',
    'referensi',
    'jumlah',
    'dialokasikan_ke',
    'belum_dialokasikan',
  ];
  const data = res.items.map((p) => ({
    tanggal: p.receivedOn,
    anggota: p.memberName,
    metode: p.method,
    referensi: p.reference,
    jumlah: p.amount,
    dialokasikan_ke: p.allocations.map((a) => `${a.number}:${a.amount}`).join('; '),
    belum_dialokasikan: p.unallocated,
  }));
  return q.format === 'csv' ? writeCsv(headers, data) : writeXlsx('Pembayaran', headers, data);
}

export async function revenueReport(
  db: Executor,
  q: { siteId?: string | undefined; year: number },
  actor: Actor,
) {
  const scope = await readScope(db, actor);
  if (scope.orgIds !== null && scope.siteIds === null) throw new DomainError('forbidden');
  let siteIds = scope.siteIds;
  if (q.siteId) {
    if (siteIds && !siteIds.includes(q.siteId)) throw new DomainError('site_not_found');
    siteIds = [q.siteId];
  }
  const rows = (await repo.revenue(db, q.year, siteIds)).map((r) => ({
    month: r.month,
    siteId: r.site_id,
    siteCode: r.site_code,
    machineId: r.machine_id,
    machineName: r.machine_name,
    net: num(r.net),
    subsidies: num(r.subsidies),
  }));
  return { year: q.year, rows, total: rows.reduce((a, r) => a + r.net, 0) };
}

export async function revenueTable(
  report: Awaited<ReturnType<typeof revenueReport>>,
  format: 'csv' | 'xlsx',
) {
  const headers = ['bulan', 'lokasi', 'mesin', 'pendapatan_bersih', 'subsidi'];
  const data = report.rows.map((r) => ({
    bulan: r.month,
    lokasi: r.siteCode,
    mesin: r.machineName ?? '(lainnya)',
    pendapatan_bersih: r.net,
    subsidi: r.subsidies,
  }));
  return format === 'csv'
    ? writeCsv(headers, data)
    : writeXlsx(`Pendapatan ${report.year}`, headers, data);
}

// The invoice document -------------------------------------------------------------------------

const rp = (n: number) => formatRupiah(BigInt(n));
const qty = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace('.', ','));

/** The invoice or credit note as a PDF in Indonesian: letterhead, NPWP, lines, PPN, terbilang. */
export async function invoicePdf(db: Executor, id: string, actor: Actor, now: Date) {
  const inv = await getInvoice(db, id, actor, now);
  const credit = inv.kind === 'credit_note';
  const taxLines: [string, string][] = inv.pkp
    ? [
        [`DPP (${inv.dppFactor} × dasar pengenaan)`, rp(inv.dpp)],
        [`PPN ${inv.ppnRatePercent}%`, rp(inv.ppn)],
      ]
    : [['PPN', 'Tidak dipungut (penjual bukan PKP)']];
  const spec = {
    title: `${credit ? 'Nota Kredit' : 'Faktur'} ${inv.number}`,
    language: 'id' as const,
    author: inv.seller.name,
    createdAt: new Date(inv.createdAt),
    letterhead: {
      name: inv.seller.name,
      lines: [
        inv.seller.address ?? '',
        inv.seller.npwp ? `NPWP ${inv.seller.npwp}` : 'Bukan Pengusaha Kena Pajak',
      ].filter(Boolean),
    },
    blocks: [
      {
        kind: 'heading' as const,
        text: credit ? 'NOTA KREDIT' : 'FAKTUR / TAGIHAN',
        align: 'center' as const,
      },
      {
        kind: 'fields' as const,
        rows: [
          ['Nomor', inv.number],
          ['Tanggal', inv.issuedOn],
          ...(credit
            ? [
                ['Mengoreksi faktur', inv.creditedInvoiceId ?? '-'] as [string, string],
                ['Alasan', inv.reason ?? '-'] as [string, string],
              ]
            : [['Jatuh tempo', inv.dueOn] as [string, string]]),
          ['Periode', `${inv.periodFrom ?? '-'} s.d. ${inv.periodTo ?? '-'}`],
          ['Kepada', inv.buyer.name],
          ['NPWP pembeli', inv.buyer.npwp ?? '-'],
          ['Alamat', inv.buyer.address ?? '-'],
        ] as [string, string][],
      },
      { kind: 'spacer' as const, height: 8 },
      {
        kind: 'table' as const,
        columns: [
          { header: 'No', width: 0.5, align: 'right' as const },
          { header: 'Uraian', width: 4.5 },
          { header: 'Jml', width: 1, align: 'right' as const },
          { header: 'Satuan', width: 1 },
          { header: 'Harga', width: 1.6, align: 'right' as const },
          { header: 'Subsidi', width: 1.5, align: 'right' as const },
          { header: 'Jumlah', width: 1.7, align: 'right' as const },
        ],
        rows: inv.lines.map((l) => [
          String(l.position),
          l.taxable ? l.description : `${l.description} (bukan objek PPN)`,
          qty(l.quantity),
          l.unit,
          rp(l.unitPrice),
          l.subsidy ? `-${rp(l.subsidy)}` : '-',
          rp(l.net),
        ]),
        totals: [
          ['Jumlah bruto', rp(inv.subtotal)],
          ...(inv.discounts ? [['Diskon', `-${rp(inv.discounts)}`] as [string, string]] : []),
          ...(inv.subsidies
            ? [['Subsidi program', `-${rp(inv.subsidies)}`] as [string, string]]
            : []),
          ['Jumlah neto', rp(inv.net)],
          ...taxLines,
          [credit ? 'TOTAL KOREKSI' : 'TOTAL TAGIHAN', rp(inv.total)],
        ] as [string, string][],
      },
      { kind: 'paragraph' as const, text: `Terbilang: ${inv.amountInWords}`, bold: true },
      ...(credit
        ? []
        : [
            {
              kind: 'paragraph' as const,
              text: `Mohon dibayar paling lambat ${inv.dueOn}${inv.seller.bankAccount ? ` ke rekening ${inv.seller.bankAccount}` : ''}, dengan mencantumkan nomor faktur.`,
            },
          ]),
      {
        kind: 'signature' as const,
        lines: [`${inv.seller.name}`],
        name: 'Bendahara / Manajer RPB',
      },
    ],
    footer: `${inv.number} · dibuat oleh RPB`,
  };
  return { number: inv.number, bytes: await renderPdf(spec) };
}
