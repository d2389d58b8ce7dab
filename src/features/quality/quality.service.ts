/**
 * Use cases of quality. The quality gate lives here and only here: a new lot's status comes
 * from `statusForNewLot` (quarantine when a plan covers it), every inspection moves the lot by
 * `applyGate`, and nothing leaves custody unless `assertLotMayLeave` agrees (the handovers
 * table's trigger repeats the rule in the database). Inspection records are never edited — a
 * correction is a new record that supersedes the old one — and a failed inspection opens a
 * non-conformance. A certificate freezes its content with a SHA-256 the public page re-checks.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import { renderPdf, type PdfBlock } from '../../server/pdf/pdf.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueEmail } from '../jobs/jobs.service.js';
import { siteVisibility } from '../registry/registry.js';
import { grantedSiteIds } from '../registry/registry.repository.js';
import { westernElectric, individualsMR } from '../spc/spc.js';
import {
  acceptFile,
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  safeFileName,
  type Upload,
} from '../../server/files/files.js';
import type { Inspection, InspectionRequest, LabReport } from './quality.contract.js';
import { qualityError, qualityErrors } from './quality.errors.js';
import * as repo from './quality.repository.js';
import {
  AQLS,
  attributeResultText,
  initialSwitchingState,
  lotDecisions,
  lotVerdict,
  preferredAql,
  replaySwitching,
  requirementText,
  resumeInspection,
  samplingPlan,
  specItemProblems,
  valueVerdict,
  type Characteristic as CharRule,
  type RequirementLimits,
  type SwitchingState,
} from './quality.js';

type UserCtx = ServiceContext & { actor: Actor };
type Stage = 'incoming' | 'in_process' | 'final';
const n = (v: string | number | null) => (v === null ? null : Number(v));
/** A message of the catalogue in a language, for answers that are not errors. */
const messageIn = (code: keyof typeof qualityErrors, locale: 'id' | 'en') =>
  qualityErrors[code][locale];

// Scope ----------------------------------------------------------------------------------------

function powers(actor: Actor) {
  const p = {
    admin: false,
    staffSites: [] as string[],
    managed: [] as string[],
    memberOrgs: [] as string[],
  };
  for (const g of actor.grants) {
    if (g.role === 'administrator') p.admin = true;
    else if ((g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId) {
      p.staffSites.push(g.scopeId);
      if (g.role === 'site_manager') p.managed.push(g.scopeId);
    } else if (g.role === 'umkm_member' && g.scopeId) p.memberOrgs.push(g.scopeId);
  }
  return p;
}
const isStaff = (actor: Actor, siteId: string) => {
  const p = powers(actor);
  return p.admin || p.staffSites.includes(siteId);
};

/** The lot if the actor may see it: its site (staff, officers) or its ownership (members). */
async function readableLot(db: Executor, id: string, actor: Actor) {
  const lot = await repo.lotOf(db, id);
  if (!lot) throw new DomainError('lot_not_found');
  const p = powers(actor);
  const v = siteVisibility(actor);
  const bySite =
    v.all || v.siteIds.includes(lot.site_id) || v.programmeIds.includes(lot.programme_id);
  const staffLike =
    p.admin ||
    p.staffSites.length > 0 ||
    actor.grants.some((g) => g.role === 'programme_officer' || g.role === 'buyer');
  // Members own a lot alone, or share a pooled lot (lot_owners), as on the toll lot page.
  const owned =
    lot.owner_org_id !== null
      ? p.memberOrgs.includes(lot.owner_org_id)
      : await repo.isLotOwner(db, lot.id, p.memberOrgs);
  if (!(owned || (staffLike && bySite))) throw new DomainError('lot_not_found');
  return lot;
}

// The gate -------------------------------------------------------------------------------------

/** A new lot waits in quarantine when a plan covers its product at this stage; else released. */
export async function statusForNewLot(
  trx: Executor,
  lot: { siteId: string; productType: string },
  stage: Stage,
): Promise<'quarantine' | 'released'> {
  return (await repo.planFor(trx, lot.siteId, lot.productType, stage)) ? 'quarantine' : 'released';
}

/**
 * Only released or downgraded lots leave custody (handover, delivery) — and a lot an NC
 * returned to its owner as it is (`returned`), whose handover the database marks as a return
 * of non-conforming material.
 */
export async function assertLotMayLeave(
  _trx: Executor,
  lot: { id: string; code: string; status: string },
): Promise<void> {
  if (!mayLeave(lot.status))
    throw qualityError('lot_not_released', { code: lot.code, status: lot.status });
}
export const mayLeave = (status: string) =>
  status === 'released' || status === 'downgraded' || status === 'returned';

/** Which stage decides a lot's release: incoming for intake lots, final for outputs. */
const gateStage = (kind: string): Stage => (kind === 'intake' ? 'incoming' : 'final');

async function applyGate(
  trx: Executor,
  lot: repo.LotRow,
  stage: Stage,
  verdict: 'pass' | 'fail',
  now: Date,
) {
  if (stage !== gateStage(lot.kind)) return lot.status;
  if (!['quarantine', 'released', 'rejected'].includes(lot.status)) return lot.status;
  // A rejected lot leaves "rejected" through its NC's closure (the disposition decides), never
  // by a new passing inspection — except a correction that supersedes the very record whose NC
  // rejected it (the rejection was a recording mistake): then no open NC stands any more.
  if (
    lot.status === 'rejected' &&
    verdict === 'pass' &&
    (await repo.standingNcs(trx, lot.id)).length > 0
  )
    return lot.status;
  const next = verdict === 'pass' ? 'released' : 'rejected';
  if (next !== lot.status) await repo.setLotStatus(trx, lot.id, next, now);
  return next;
}

// Standards and plans --------------------------------------------------------------------------

const toChar = (
  c: {
    id: string;
    code: string;
    name_id: string;
    name_en: string;
    kind: 'numeric' | 'attribute';
    unit: string | null;
    physical_min: string | null;
    physical_max: string | null;
    test_method: string | null;
  },
  locale: 'id' | 'en',
) => ({
  id: c.id,
  code: c.code,
  name: locale === 'en' ? c.name_en : c.name_id,
  kind: c.kind,
  unit: c.unit,
  physicalMin: n(c.physical_min),
  physicalMax: n(c.physical_max),
  testMethod: c.test_method,
});

const canCreateSpec = (actor: Actor) => {
  const p = powers(actor);
  return p.admin || p.managed.length > 0;
};
/** Administrators edit every specification; site managers the buyers' own (not the standards). */
const canEditSpec = (actor: Actor, spec: { buyer_org_id: string | null }) => {
  const p = powers(actor);
  return p.admin || (p.managed.length > 0 && spec.buyer_org_id !== null);
};

export async function listSpecifications(db: Executor, actor: Actor, specId?: string) {
  const specs = await repo.specifications(db, specId);
  const ids = specs.map((s) => s.id);
  const items = await repo.specItems(db, ids);
  const meta = await repo.specificationMeta(db, ids);
  const canCreate = canCreateSpec(actor);
  return {
    items: specs.map((s) => {
      const m = meta.find((x) => x.id === s.id);
      return {
        id: s.id,
        productType: s.product_type,
        name: s.name,
        source: s.source,
        buyerOrgId: s.buyer_org_id,
        buyerName: m?.buyer_name ?? null,
        items: items
          .filter((i) => i.specification_id === s.id)
          .map((i) => ({
            characteristic: toChar(i, actor.locale),
            lower: n(i.lower_limit),
            upper: n(i.upper_limit),
            target: n(i.target),
            expectedPass: i.expected_pass,
          })),
        inspectionCount: Number(m?.inspection_count ?? 0),
        canEdit: canEditSpec(actor, s),
      };
    }),
    characteristics: (await repo.characteristics(db)).map((c) => toChar(c, actor.locale)),
    buyers: canCreate ? await repo.buyers(db) : [],
    canCreate,
  };
}

type SpecInput = {
  productType: string;
  name: string;
  source: string;
  buyerOrgId: string | null;
  items: {
    characteristicId: string;
    unit?: string | null | undefined;
    lower: number | null;
    upper: number | null;
    target: number | null;
    expectedPass: boolean | null;
  }[];
};

/** Checks a specification as entered; every problem with its field and a translated message. */
async function checkSpecification(trx: Executor, input: SpecInput, locale: 'id' | 'en') {
  if (!(await repo.productTypeExists(trx, input.productType)))
    throw new DomainError('product_type_unknown', { productType: input.productType });
  if (input.buyerOrgId && !(await repo.buyers(trx)).some((b) => b.id === input.buyerOrgId))
    throw qualityError('buyer_not_found');
  const chars = await repo.characteristics(trx);
  const problems = specItemProblems(
    input.items,
    chars.map((c) => ({
      id: c.id,
      kind: c.kind,
      unit: c.unit,
      physicalMin: n(c.physical_min),
      physicalMax: n(c.physical_max),
    })),
  );
  if (problems.length === 0) return chars;
  const nameOf = (id: string) => {
    const c = chars.find((x) => x.id === id);
    return c ? (locale === 'en' ? c.name_en : c.name_id) : id;
  };
  throw new DomainError('validation_failed', {
    fields: problems.map((p) => ({
      path: p.path,
      code: p.code,
      params: { ...p.params, name: nameOf(input.items[p.index]!.characteristicId) },
    })),
  });
}

const specItemRows = (
  specId: string,
  items: SpecInput['items'],
  chars: { id: string; kind: 'numeric' | 'attribute' }[],
) =>
  items.map((it, i) => {
    const attribute = chars.find((c) => c.id === it.characteristicId)?.kind === 'attribute';
    return {
      specification_id: specId,
      characteristic_id: it.characteristicId,
      lower_limit: attribute ? null : it.lower,
      upper_limit: attribute ? null : it.upper,
      target: attribute ? null : it.target,
      expected_pass: attribute ? (it.expectedPass ?? true) : null,
      position: i + 1,
    };
  });

export async function createSpecification(trx: Executor, input: SpecInput, ctx: UserCtx) {
  if (!canCreateSpec(ctx.actor)) throw new DomainError('forbidden');
  const chars = await checkSpecification(trx, input, ctx.actor.locale);
  const id = await repo.insertSpecification(trx, {
    product_type: input.productType,
    name: input.name,
    source: input.source,
    buyer_org_id: input.buyerOrgId,
    created_at: ctx.now,
  });
  await repo.insertSpecItems(trx, specItemRows(id, input.items, chars));
  await recordAudit(trx, ctx, {
    action: 'specification.create',
    entityType: 'specification',
    entityId: id,
    after: input,
  });
  return (await listSpecifications(trx, ctx.actor, id)).items[0]!;
}

/**
 * Changes a specification in place — only while no inspection was recorded against it (a
 * record's limits must stay what they were); a used one is saved as a new specification.
 */
export async function updateSpecification(
  trx: Executor,
  id: string,
  input: SpecInput,
  ctx: UserCtx,
) {
  await repo.lockSpecification(trx, id);
  const before = (await listSpecifications(trx, ctx.actor, id)).items[0];
  if (!before) throw qualityError('specification_not_found');
  if (!before.canEdit) throw new DomainError('forbidden');
  if (before.inspectionCount > 0)
    throw qualityError('specification_in_use', { count: before.inspectionCount });
  const chars = await checkSpecification(trx, input, ctx.actor.locale);
  await repo.updateSpecification(trx, id, {
    product_type: input.productType,
    name: input.name,
    source: input.source,
    buyer_org_id: input.buyerOrgId,
  });
  await repo.deleteSpecItems(trx, id);
  await repo.insertSpecItems(trx, specItemRows(id, input.items, chars));
  await recordAudit(trx, ctx, {
    action: 'specification.update',
    entityType: 'specification',
    entityId: id,
    before,
    after: input,
  });
  return (await listSpecifications(trx, ctx.actor, id)).items[0]!;
}

const canEditPlan = (actor: Actor, siteId: string | null) => {
  const p = powers(actor);
  return p.admin || (siteId !== null && p.managed.includes(siteId));
};

const toPlan = (p: Awaited<ReturnType<typeof repo.listPlans>>[number], actor: Actor) => ({
  id: p.id,
  siteId: p.site_id,
  productType: p.product_type,
  stage: p.stage,
  specificationId: p.specification_id,
  specificationName: p.specification_name,
  inspectionLevel: p.inspection_level,
  aql: Number(p.aql),
  unitKg: Number(p.unit_kg),
  canEdit: canEditPlan(actor, p.site_id),
  reducedAllowed: p.reduced_allowed,
  reducedApprovedBy: p.reduced_approved_at ? (p.reduced_approved_by_name ?? null) : null,
  reducedApprovedAt: p.reduced_approved_at?.toISOString() ?? null,
});

export async function listPlans(db: Executor, actor: Actor) {
  return { items: (await repo.listPlans(db)).map((p) => toPlan(p, actor)) };
}

type Level = 'S-1' | 'S-2' | 'S-3' | 'S-4' | 'I' | 'II' | 'III';
type PlanInput = {
  productType: string;
  stage: Stage;
  specificationId: string;
  inspectionLevel: Level;
  aql: number;
  unitKg: number;
};

/** The plan's specification fits its product, the AQL is a preferred value; returns the AQL. */
async function checkPlan(trx: Executor, input: PlanInput) {
  if (!(await repo.productTypeExists(trx, input.productType)))
    throw new DomainError('product_type_unknown', { productType: input.productType });
  const spec = (await repo.specifications(trx, input.specificationId))[0];
  if (!spec) throw qualityError('specification_not_found');
  if (spec.product_type !== input.productType)
    throw qualityError('specification_wrong_product', {
      specProduct: spec.product_type,
      productType: input.productType,
    });
  const aql = preferredAql(input.aql);
  if (aql === null)
    throw qualityError('aql_not_in_series', { aql: input.aql, series: AQLS.join(', ') });
  return aql;
}

async function insertPlan(
  trx: Executor,
  siteId: string | null,
  input: PlanInput,
  aql: number,
  ctx: UserCtx,
) {
  try {
    return await repo.insertPlan(trx, {
      site_id: siteId,
      product_type: input.productType,
      stage: input.stage,
      specification_id: input.specificationId,
      inspection_level: input.inspectionLevel,
      aql,
      unit_kg: input.unitKg,
      created_at: ctx.now,
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw qualityError('plan_exists');
    throw err;
  }
}

export async function createPlan(
  trx: Executor,
  input: PlanInput & { siteId: string | null },
  ctx: UserCtx,
) {
  if (!canEditPlan(ctx.actor, input.siteId)) throw new DomainError('forbidden');
  const aql = await checkPlan(trx, input);
  const id = await insertPlan(trx, input.siteId, input, aql, ctx);
  await recordAudit(trx, ctx, {
    action: 'inspection_plan.create',
    entityType: 'inspection_plan',
    entityId: id,
    after: input,
  });
  return listPlans(trx, ctx.actor);
}

/**
 * Changes a plan: the plan is retired and its successor (same site) takes its place, so the
 * inspections made under the old one keep their plan and the switching rules start afresh.
 */
export async function updatePlan(trx: Executor, id: string, input: PlanInput, ctx: UserCtx) {
  await repo.lockPlan(trx, id);
  const old = await repo.findPlan(trx, id);
  if (!old || !old.active) throw qualityError('plan_not_found');
  if (!canEditPlan(ctx.actor, old.site_id)) throw new DomainError('forbidden');
  const aql = await checkPlan(trx, input);
  await repo.retirePlan(trx, id);
  const next = await insertPlan(trx, old.site_id, input, aql, ctx);
  await recordAudit(trx, ctx, {
    action: 'inspection_plan.update',
    entityType: 'inspection_plan',
    entityId: next,
    before: toPlan(old, ctx.actor),
    after: { ...input, replaces: id },
  });
  return listPlans(trx, ctx.actor);
}

/**
 * The responsible authority's decision on reduced inspection under a plan (ISO 2859-1
 * 9.3.3 c): administrators for every plan, a site's managers for their site's plans. The plan
 * is changed in place — not retired as by `updatePlan` — so the switching history goes on: with
 * approval, the next replay may find the plan on reduced inspection; without it, reduced
 * inspection ends and the next lot is on normal inspection (9.3.4 c).
 */
export async function setPlanReduced(
  trx: Executor,
  id: string,
  input: { allowed: boolean; reason: string },
  ctx: UserCtx,
) {
  await repo.lockPlan(trx, id);
  const old = await repo.findPlan(trx, id);
  if (!old || !old.active) throw qualityError('plan_not_found');
  if (!canEditPlan(ctx.actor, old.site_id)) throw new DomainError('forbidden');
  await repo.setPlanReduced(trx, id, {
    allowed: input.allowed,
    by: ctx.actor.userId,
    at: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'inspection_plan.reduced',
    entityType: 'inspection_plan',
    entityId: id,
    before: { reducedAllowed: old.reduced_allowed },
    after: { reducedAllowed: input.allowed, reason: input.reason },
  });
  return listPlans(trx, ctx.actor);
}

// Sampling -------------------------------------------------------------------------------------

/**
 * The switching state of a plan for a lot (ISO 2859-1 clause 9), replayed from the plan's
 * whole history lot by lot (`lotDecisions`: each lot's first decision, as corrected). The
 * history is kept per plan and site — the switching rules judge one producer's process — and,
 * for incoming inspection, per owner: there each member is a supplier of its own material.
 * Final and in-process inspection judge the site's process, whoever owns the material. After
 * the latest restart (a manager's, after discontinuation) the replay starts at tightened
 * inspection with the lots first inspected after it.
 */
async function switchingState(db: Executor, lot: repo.LotRow, plan: repo.PlanRow, stage: Stage) {
  const group = {
    planId: plan.id,
    siteId: lot.site_id,
    ownerOrgId: lot.owner_org_id,
    byOwner: stage === 'incoming',
  };
  const restart = await repo.latestRestart(db, group);
  const records = (await repo.planRecords(db, { ...group, exceptLot: lot.id })).map((r) => ({
    id: r.id,
    lotId: r.lot_id,
    supersedesId: r.supersedes_id,
    inspectedAt: r.inspected_at,
    verdict: r.verdict,
    defectives: r.defectives,
    lotSize: unitsOf(r.quantity_kg, plan),
  }));
  const state = replaySwitching(
    lotDecisions(records, restart?.restarted_at ?? null),
    {
      level: plan.inspection_level,
      aql: Number(plan.aql),
      // The decision in force now (9.3.3 c); withdrawn, it ends reduced inspection (9.3.4 c).
      authorityApproves: plan.reduced_allowed,
    },
    restart ? resumeInspection({ ...initialSwitchingState(), discontinued: true }) : undefined,
  );
  return { state, group };
}
const unitsOf = (quantityKg: string | number, plan: { unit_kg: string | number } | undefined) =>
  Math.max(1, Math.ceil(Number(quantityKg) / (plan ? Number(plan.unit_kg) : 1)));

/** The ISO 2859-1 plan for a lot now: the switching state follows the plan's earlier lots. */
export async function samplingFor(db: Executor, lotId: string, stage: Stage, actor: Actor) {
  const lot = await readableLot(db, lotId, actor);
  const plan = await repo.planFor(db, lot.site_id, lot.product_type, stage);
  const units = unitsOf(lot.quantity_kg, plan);
  const none = {
    planId: plan?.id ?? null,
    stage,
    lotSizeUnits: units,
    severity: 'normal' as SwitchingState['severity'],
    codeLetter: null,
    sampleSize: null,
    accept: null,
    reject: null,
    hundredPercent: false,
    discontinued: false,
    notice: null as string | null,
    canRestart: false,
  };
  if (!plan) return none;
  const { state } = await switchingState(db, lot, plan, stage);
  if (state.discontinued)
    // Inspection under the plan stops (clause 9.4): no sample to take, a notice instead.
    return {
      ...none,
      severity: state.severity,
      discontinued: true,
      notice: messageIn('sampling_discontinued', actor.locale),
      canRestart: canEditPlan(actor, lot.site_id),
    };
  const sp = samplingPlan({
    lotSize: units,
    level: plan.inspection_level,
    aql: Number(plan.aql),
    severity: state.severity,
  });
  return {
    ...none,
    severity: state.severity,
    codeLetter: sp.codeLetter,
    sampleSize: sp.sampleSize,
    accept: sp.accept,
    reject: sp.reject,
    hundredPercent: sp.hundredPercent,
  };
}

/**
 * A site manager restarts inspection under a discontinued plan once the supplier has acted
 * (ISO 2859-1 9.4): at tightened inspection, for this lot's group (site, and owner for
 * incoming inspection). Refused while the plan is not discontinued.
 */
export async function restartSampling(
  trx: Executor,
  lotId: string,
  input: { stage: Stage; reason: string },
  ctx: UserCtx,
) {
  const lot = await readableLot(trx, lotId, ctx.actor);
  if (!canEditPlan(ctx.actor, lot.site_id)) throw new DomainError('forbidden');
  const plan = await repo.planFor(trx, lot.site_id, lot.product_type, input.stage);
  if (!plan) throw qualityError('plan_not_found');
  await repo.lockPlan(trx, plan.id);
  const { state, group } = await switchingState(trx, lot, plan, input.stage);
  if (!state.discontinued) throw qualityError('sampling_not_discontinued');
  await repo.insertRestart(trx, {
    plan_id: plan.id,
    site_id: group.siteId,
    owner_org_id: group.byOwner ? group.ownerOrgId : null,
    reason: input.reason,
    restarted_at: ctx.now,
    restarted_by: ctx.actor.userId,
  });
  await recordAudit(trx, ctx, {
    action: 'sampling.restart',
    entityType: 'inspection_plan',
    entityId: plan.id,
    after: {
      siteId: group.siteId,
      ownerOrgId: group.byOwner ? group.ownerOrgId : null,
      reason: input.reason,
    },
  });
  return samplingFor(trx, lotId, input.stage, ctx.actor);
}

// Inspections ----------------------------------------------------------------------------------

async function presentInspections(
  db: Executor,
  rows: repo.InspectionRow[],
  locale: 'id' | 'en',
): Promise<Inspection[]> {
  const results = await repo.resultsOf(
    db,
    rows.map((r) => r.id),
  );
  const items = await repo.specItems(db, [...new Set(rows.map((r) => r.specification_id))]);
  const reports = await repo.labReportsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    lotId: r.lot_id,
    lotCode: r.lot_code,
    stage: r.stage,
    specificationId: r.specification_id,
    specificationName: r.specification_name,
    specificationSource: r.specification_source,
    verdict: r.verdict,
    sampleSize: r.sample_size,
    defectives: r.defectives,
    results: results
      .filter((x) => x.inspection_id === r.id)
      .map((x) => {
        const it = items.find(
          (i) => i.specification_id === r.specification_id && i.id === x.characteristic_id,
        );
        return {
          characteristicId: x.characteristic_id,
          code: x.code,
          name: locale === 'en' ? x.name_en : x.name_id,
          unit: x.unit,
          value: n(x.value),
          passed: x.passed,
          lower: it ? n(it.lower_limit) : null,
          upper: it ? n(it.upper_limit) : null,
        };
      }),
    inspector: r.inspector_label,
    inspectedAt: r.inspected_at.toISOString(),
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by_id,
    notes: r.notes,
    nonConformanceId: r.nc_id,
    labReports: reports.filter((x) => x.inspection_id === r.id).map(toLabReport),
  }));
}

const toLabReport = (r: Awaited<ReturnType<typeof repo.labReportsOf>>[number]): LabReport => ({
  id: r.id,
  inspectionId: r.inspection_id,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  uploadedAt: r.uploaded_at.toISOString(),
  uploadedBy: r.uploaded_by_label,
});

/**
 * Attaches a laboratory report (PDF or image, ≤ 10 MB) to an inspection: staff of the lot's
 * site, on the current record (a superseded one is history: attach to its correction). The
 * inspection is signed when recorded and never changes; the report is a row of its own,
 * append-only like the record, so attaching never alters what was signed.
 */
export async function addLabReport(
  trx: Executor,
  inspectionId: string,
  file: Upload,
  ctx: UserCtx,
): Promise<LabReport> {
  const insp = await repo.findInspection(trx, inspectionId);
  if (!insp) throw qualityError('inspection_not_found');
  const lot = await readableLot(trx, insp.lot_id, ctx.actor);
  if (!isStaff(ctx.actor, lot.site_id)) throw new DomainError('forbidden');
  if (insp.superseded_by_id) throw qualityError('inspection_superseded');
  const contentType = acceptFile(file, MAX_DOCUMENT_BYTES, DOCUMENT_TYPES);
  const report = toLabReport(
    await repo.insertLabReport(trx, {
      inspection_id: insp.id,
      filename: safeFileName(file.filename),
      content_type: contentType,
      size_bytes: file.bytes.length,
      file: file.bytes,
      uploaded_by: ctx.actor.userId,
      uploaded_by_label: ctx.actor.email,
      uploaded_at: ctx.now,
    }),
  );
  await recordAudit(trx, ctx, {
    action: 'inspection.lab_report_add',
    entityType: 'inspection',
    entityId: insp.id,
    after: report,
  });
  return report;
}

/** The file of a lab report, for whoever reads the inspection's lot. */
export async function labReportFile(
  db: Executor,
  inspectionId: string,
  reportId: string,
  actor: Actor,
) {
  const insp = await repo.findInspection(db, inspectionId);
  if (!insp) throw qualityError('inspection_not_found');
  await readableLot(db, insp.lot_id, actor);
  const row = await repo.labReportFile(db, insp.id, reportId);
  if (!row) throw qualityError('lab_report_not_found');
  return { filename: row.filename, contentType: row.content_type, bytes: row.file };
}

export async function lotInspections(db: Executor, lotId: string, actor: Actor) {
  await readableLot(db, lotId, actor);
  return {
    items: await presentInspections(db, await repo.inspectionsOfLot(db, lotId), actor.locale),
  };
}

const charRule = (i: repo.SpecItemRow): CharRule =>
  i.kind === 'numeric'
    ? {
        kind: 'numeric',
        unit: i.unit ?? '',
        lower: n(i.lower_limit),
        upper: n(i.upper_limit),
        target: n(i.target),
        ...(i.physical_min !== null ? { physicalMin: Number(i.physical_min) } : {}),
        ...(i.physical_max !== null ? { physicalMax: Number(i.physical_max) } : {}),
      }
    : { kind: 'attribute' };

/**
 * Records an inspection of a lot: every characteristic of the specification, each checked for
 * its unit's physical range and judged against the limits; the overall verdict moves the lot
 * through the gate and a failure opens a non-conformance. A correction supersedes a record.
 */
export async function recordInspection(
  trx: Executor,
  lotId: string,
  input: InspectionRequest,
  ctx: UserCtx,
) {
  await repo.lockLot(trx, lotId);
  const lot = await readableLot(trx, lotId, ctx.actor);
  if (!isStaff(ctx.actor, lot.site_id)) throw new DomainError('forbidden');
  // Incoming inspections are for intake lots, final ones for outputs; nothing for lots gone
  // (consumed, handed over) or decided for good by an NC (scrapped, returned as it is).
  const stageFits = input.stage === 'in_process' || input.stage === gateStage(lot.kind);
  if (!stageFits || ['consumed', 'handed_over', 'scrapped', 'returned'].includes(lot.status))
    throw qualityError('inspection_wrong_stage', {
      code: lot.code,
      stage: input.stage,
      status: lot.status,
    });
  const plan = await repo.planFor(trx, lot.site_id, lot.product_type, input.stage);
  const specId = input.specificationId ?? plan?.specification_id;
  if (!specId)
    throw qualityError('no_specification_for_lot', {
      productType: lot.product_type,
      stage: input.stage,
    });
  const spec = (await repo.specifications(trx, specId))[0];
  if (!spec) throw qualityError('specification_not_found');
  if (spec.product_type !== lot.product_type)
    throw qualityError('specification_wrong_product', {
      specProduct: spec.product_type,
      productType: lot.product_type,
    });
  if (input.supersedesId) {
    const old = await repo.findInspection(trx, input.supersedesId);
    if (!old) throw qualityError('inspection_not_found');
    if (old.lot_id !== lot.id) throw qualityError('inspection_other_lot');
    if (old.superseded_by_id) throw qualityError('inspection_superseded');
  }
  if (input.sampleSize !== null && input.defectives !== null && input.defectives > input.sampleSize)
    throw qualityError('defectives_exceed_sample');
  // Under a discontinued plan no lot is inspected for acceptance until a manager restarts it
  // (ISO 2859-1 9.4); corrections of records already made stay possible.
  const sampling = plan ? await samplingFor(trx, lot.id, input.stage, ctx.actor) : null;
  if (sampling?.discontinued && !input.supersedesId) throw qualityError('sampling_discontinued');
  const items = await repo.specItems(trx, [spec.id]);
  const name = (i: repo.SpecItemRow) => (ctx.actor.locale === 'en' ? i.name_en : i.name_id);
  const rows: { characteristic_id: string; value: number | null; passed: boolean }[] = [];
  for (const r of input.results) {
    const it = items.find((i) => i.id === r.characteristicId);
    if (!it) {
      const any = (await repo.characteristics(trx)).find((c) => c.id === r.characteristicId);
      throw qualityError('result_not_in_spec', {
        name: any ? (ctx.actor.locale === 'en' ? any.name_en : any.name_id) : r.characteristicId,
      });
    }
    const rule = charRule(it);
    if (rule.kind === 'numeric') {
      if (r.value === null)
        throw qualityError('result_wrong_type', {
          name: name(it),
          expected: ctx.actor.locale === 'en' ? 'a number' : 'angka',
        });
      if (
        (it.physical_min !== null && r.value < Number(it.physical_min)) ||
        (it.physical_max !== null && r.value > Number(it.physical_max))
      )
        throw qualityError('result_out_of_range', {
          value: r.value,
          name: name(it),
          min: n(it.physical_min) ?? '-∞',
          max: n(it.physical_max) ?? '∞',
          unit: it.unit ?? '',
        });
      rows.push({
        characteristic_id: it.id,
        value: r.value,
        passed: valueVerdict(rule, r.value) === 'pass',
      });
    } else {
      if (r.passed === null)
        throw qualityError('result_wrong_type', {
          name: name(it),
          expected: ctx.actor.locale === 'en' ? 'pass or fail' : 'lulus atau tidak',
        });
      rows.push({
        characteristic_id: it.id,
        value: null,
        passed: it.expected_pass === false ? !r.passed : r.passed,
      });
    }
  }
  const missing = items.find((i) => !rows.some((r) => r.characteristic_id === i.id));
  if (missing) throw qualityError('result_missing', { name: name(missing) });
  let verdict: 'pass' | 'fail' = rows.every((r) => r.passed) ? 'pass' : 'fail';
  // With a sampling plan, the count of defective units decides too (Ac/Re).
  if (
    verdict === 'pass' &&
    plan &&
    input.stage === plan.stage &&
    input.defectives !== null &&
    input.sampleSize !== null
  ) {
    const s = sampling!;
    if (s.accept !== null && s.reject !== null)
      verdict =
        lotVerdict({ accept: s.accept, reject: s.reject }, input.defectives) === 'accept'
          ? 'pass'
          : 'fail';
  }
  const id = await repo.insertInspection(trx, {
    lot_id: lot.id,
    plan_id: plan && plan.specification_id === spec.id ? plan.id : null,
    specification_id: spec.id,
    stage: input.stage,
    sample_size: input.sampleSize,
    defectives: input.defectives,
    verdict,
    supersedes_id: input.supersedesId,
    inspector_user_id: ctx.actor.userId,
    inspector_label: ctx.actor.email,
    inspected_at: ctx.now,
    notes: input.notes,
    created_at: ctx.now,
  });
  await repo.insertResults(
    trx,
    rows.map((r) => ({
      inspection_id: id,
      characteristic_id: r.characteristic_id,
      value: r.value,
      passed: r.passed,
    })),
  );
  const status = await applyGate(trx, lot, input.stage, verdict, ctx.now);
  if (verdict === 'fail') {
    const failed = rows
      .filter((r) => !r.passed)
      .map((r) => name(items.find((i) => i.id === r.characteristic_id)!));
    await repo.insertNc(trx, {
      site_id: lot.site_id,
      lot_id: lot.id,
      inspection_id: id,
      title: `${lot.code}: ${failed.join(', ') || 'sampling'} tidak memenuhi ${spec.source}`.slice(
        0,
        300,
      ),
      status: 'open',
      opened_at: ctx.now,
    });
  }
  await recordAudit(trx, ctx, {
    action: 'inspection.record',
    entityType: 'lot',
    entityId: lot.id,
    after: { inspectionId: id, verdict, status, supersedes: input.supersedesId },
  });
  await spcWatch(trx, lot, rows, items, ctx);
  const [inspection] = await presentInspections(
    trx,
    [(await repo.findInspection(trx, id))!],
    ctx.actor.locale,
  );
  return inspection!;
}

/**
 * After an inspection: for each numeric characteristic, the latest values on this product (and
 * machine) are checked with the Western Electric rules; when this record completes a
 * violation, the site's managers get an e-mail (once per inspection and characteristic).
 */
async function spcWatch(
  trx: Executor,
  lot: repo.LotRow,
  rows: { characteristic_id: string; value: number | null }[],
  items: repo.SpecItemRow[],
  ctx: UserCtx,
) {
  for (const r of rows) {
    if (r.value === null) continue;
    const values = (
      await repo.recentValues(trx, r.characteristic_id, lot.product_type, lot.machine_id, 100)
    ).reverse();
    if (values.length < 8) continue;
    const series = values.map((v) => Number(v.value));
    const chart = individualsMR(series);
    const sigma = (chart.individuals.ucl - chart.individuals.centre) / 3;
    if (!(sigma > 0)) continue;
    const hits = westernElectric(series, { centre: chart.individuals.centre, sigma }).filter(
      (v) => v.index === series.length - 1,
    );
    if (hits.length === 0) continue;
    const it = items.find((i) => i.id === r.characteristic_id)!;
    for (const m of await repo.siteManagers(trx, lot.site_id)) {
      const en = m.locale === 'en';
      await queueEmail(
        trx,
        {
          to: m.email,
          subject: en
            ? `SPC signal: ${it.name_en} (${lot.product_name_en})`
            : `Sinyal SPC: ${it.name_id} (${lot.product_name_id})`,
          text:
            (en
              ? `Lot ${lot.code} completes Western Electric rule ${hits.map((h) => h.rule).join(', ')} on ${it.name_en} (value ${r.value} ${it.unit ?? ''}). Check the machine and the process.`
              : `Lot ${lot.code} memenuhi aturan Western Electric ${hits.map((h) => h.rule).join(', ')} pada ${it.name_id} (nilai ${r.value} ${it.unit ?? ''}). Periksa mesin dan prosesnya.`) +
            '\n\n— RPB',
          dedupeKey: `spc:${values[values.length - 1]!.inspection_id}:${r.characteristic_id}:${m.email}`,
        },
        ctx.now,
      );
    }
  }
}

// Non-conformance ------------------------------------------------------------------------------

async function presentNcs(db: Executor, rows: repo.NcRow[], actor: Actor) {
  const actions = await repo.actionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    lotId: r.lot_id,
    lotCode: r.lot_code,
    inspectionId: r.inspection_id,
    title: r.title,
    status: r.status,
    disposition: r.disposition,
    rootCause: r.root_cause,
    verification: r.verification,
    openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    actions: actions
      .filter((a) => a.nc_id === r.id)
      .map((a) => ({
        id: a.id,
        description: a.description,
        ownerUserId: a.owner_user_id,
        ownerName: a.owner_name,
        dueOn: a.due,
        doneAt: a.done_at?.toISOString() ?? null,
      })),
    canEdit: isStaff(actor, r.site_id) && r.status === 'open',
  }));
}

async function readableNc(db: Executor, id: string, actor: Actor) {
  const nc = await repo.findNc(db, id);
  if (!nc) throw qualityError('nc_not_found');
  await readableLot(db, nc.lot_id, actor).catch(() => {
    throw qualityError('nc_not_found');
  });
  return nc;
}

export async function getNc(db: Executor, id: string, actor: Actor) {
  return (await presentNcs(db, [await readableNc(db, id, actor)], actor))[0]!;
}

export async function browseNcs(
  db: Executor,
  q: {
    siteId?: string | undefined;
    status?: 'open' | 'closed' | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
) {
  const v = siteVisibility(actor);
  const p = powers(actor);
  let siteIds: string[] | null = null;
  if (!v.all) {
    if (p.staffSites.length === 0 && v.programmeIds.length === 0)
      return { items: [], nextCursor: null };
    siteIds = await grantedSiteIds(db, v);
  }
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listNcs(
    db,
    { siteIds, siteId: q.siteId, status: q.status },
    key ? { at: new Date(String(key[0])), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.opened_at.toISOString(), r.id]);
  return { items: await presentNcs(db, page.items, actor), nextCursor: page.nextCursor };
}

async function editableNc(trx: Executor, id: string, ctx: UserCtx) {
  await repo.lockNc(trx, id);
  const nc = await readableNc(trx, id, ctx.actor);
  if (!isStaff(ctx.actor, nc.site_id)) throw new DomainError('forbidden');
  if (nc.status === 'closed') throw qualityError('nc_closed');
  return nc;
}

export async function updateNc(
  trx: Executor,
  id: string,
  input: {
    disposition?: 'rework' | 'downgrade' | 'scrap' | 'return' | null | undefined;
    rootCause?: string | null | undefined;
    verification?: string | null | undefined;
  },
  ctx: UserCtx,
) {
  const nc = await editableNc(trx, id, ctx);
  await repo.updateNc(trx, id, {
    ...(input.disposition !== undefined ? { disposition: input.disposition } : {}),
    ...(input.rootCause !== undefined ? { root_cause: input.rootCause } : {}),
    ...(input.verification !== undefined ? { verification: input.verification } : {}),
  });
  await recordAudit(trx, ctx, {
    action: 'nc.update',
    entityType: 'non_conformance',
    entityId: id,
    before: nc,
    after: input,
  });
  return getNc(trx, id, ctx.actor);
}

export async function addNcAction(
  trx: Executor,
  id: string,
  input: { description: string; ownerUserId: string | null; dueOn: string },
  ctx: UserCtx,
) {
  await editableNc(trx, id, ctx);
  const actionId = await repo.insertAction(trx, {
    nc_id: id,
    description: input.description,
    owner_user_id: input.ownerUserId,
    due_on: input.dueOn,
    created_at: ctx.now,
  });
  await recordAudit(trx, ctx, {
    action: 'nc.action_add',
    entityType: 'non_conformance',
    entityId: id,
    after: { actionId, ...input },
  });
  return getNc(trx, id, ctx.actor);
}

export async function completeNcAction(trx: Executor, actionId: string, ctx: UserCtx) {
  const a = await repo.findAction(trx, actionId);
  if (!a) throw qualityError('nc_action_not_found');
  await editableNc(trx, a.nc_id, ctx);
  await repo.completeAction(trx, actionId, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'nc.action_done',
    entityType: 'non_conformance',
    entityId: a.nc_id,
    after: { actionId },
  });
  return getNc(trx, a.nc_id, ctx.actor);
}

/**
 * The closure gate: a disposition, a root cause, every action done and the verification
 * recorded. The disposition then decides the rejected lot — the only way out of "rejected":
 * downgrade → downgraded (may leave as such); rework → back to quarantine (to be processed and
 * inspected again); scrap → scrapped (written off: out of stock, never leaves); return →
 * returned (goes back to its owner as it is; the handover is marked as a return of
 * non-conforming material).
 */
const LOT_AFTER = {
  downgrade: 'downgraded',
  rework: 'quarantine',
  scrap: 'scrapped',
  return: 'returned',
} as const;

export async function closeNc(trx: Executor, id: string, ctx: UserCtx) {
  const nc = await editableNc(trx, id, ctx);
  const actions = await repo.actionsOf(trx, [id]);
  const missing: string[] = [];
  const en = ctx.actor.locale === 'en';
  if (!nc.disposition) missing.push(en ? 'a disposition' : 'disposisi');
  if (!nc.root_cause) missing.push(en ? 'the root cause' : 'akar masalah');
  if (actions.length === 0) missing.push(en ? 'a corrective action' : 'tindakan perbaikan');
  if (actions.some((a) => !a.done_at))
    missing.push(en ? 'every action done' : 'semua tindakan selesai');
  if (!nc.verification) missing.push(en ? 'the verification' : 'verifikasi');
  if (missing.length) throw qualityError('nc_cannot_close', { missing: missing.join(', ') });
  await repo.updateNc(trx, id, {
    status: 'closed',
    closed_at: ctx.now,
    closed_by: ctx.actor.userId,
  });
  const lot = await repo.lotOf(trx, nc.lot_id);
  // With several NCs open on the lot, the last one closed decides.
  if (
    lot &&
    lot.status === 'rejected' &&
    nc.disposition &&
    (await repo.standingNcs(trx, lot.id)).length === 0
  )
    await repo.setLotStatus(trx, lot.id, LOT_AFTER[nc.disposition], ctx.now);
  await recordAudit(trx, ctx, {
    action: 'nc.close',
    entityType: 'non_conformance',
    entityId: id,
    after: { disposition: nc.disposition },
  });
  return getNc(trx, id, ctx.actor);
}

// Certificates of analysis ---------------------------------------------------------------------

interface CertificateContent {
  number: string;
  issuedAt: string;
  lot: {
    code: string;
    productId: string;
    productEn: string;
    quantityKg: number;
    owner: string | null;
    site: string;
    siteCode: string;
  };
  specification: { name: string; source: string };
  inspection: { id: string; inspectedAt: string; inspector: string; verdict: string };
  results: {
    nameId: string;
    nameEn: string;
    unit: string | null;
    value: string;
    /** In Indonesian (the public page); the PDF words it per language from `limits`. */
    requirement: string;
    /** The item's limits (certificates issued before these were stored have none). */
    limits?: RequirementLimits;
    passed: boolean;
  }[];
}

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
const hashOf = (content: unknown) => createHash('sha256').update(canonical(content)).digest('hex');

/** The words an attribute's result is stored with on a certificate (both languages). */
const CONFORMS = 'memenuhi / conforms';
const FAILS = 'tidak / fails';

/** A result's requirement and value in one language, from the structured limits. */
function certificateCells(r: CertificateContent['results'][number], lang: 'id' | 'en') {
  const value =
    r.value === CONFORMS
      ? attributeResultText(true, lang)
      : r.value === FAILS
        ? attributeResultText(false, lang)
        : r.value;
  if (r.limits) return { requirement: requirementText(r.limits, lang), value };
  // Certificates issued before the limits were stored keep their Indonesian words; in English
  // those words are translated.
  const requirement =
    lang === 'id'
      ? r.requirement
      : r.requirement === 'memenuhi'
        ? requirementText({ lower: null, upper: null, target: null, expectedPass: true }, 'en')
        : r.requirement === 'tidak ada'
          ? requirementText({ lower: null, upper: null, target: null, expectedPass: false }, 'en')
          : r.requirement.replace(/^maks\. /, 'max. ');
  return { requirement, value };
}

/** Issues the certificate of a released lot from its latest passing final inspection. */
export async function issueCertificate(
  trx: Executor,
  lotId: string,
  ctx: UserCtx,
  baseUrl: string,
) {
  await repo.lockLot(trx, lotId);
  const lot = await readableLot(trx, lotId, ctx.actor);
  if (!isStaff(ctx.actor, lot.site_id)) throw new DomainError('forbidden');
  if (lot.status !== 'released')
    throw qualityError('certificate_needs_release', { status: lot.status });
  const existing = await repo.certificateOfLot(trx, lot.id);
  if (existing) throw qualityError('certificate_exists', { number: existing.number });
  const final = (await repo.inspectionsOfLot(trx, lot.id))
    .filter((i) => i.stage === 'final' && !i.superseded_by_id && i.verdict === 'pass')
    .pop();
  if (!final) throw qualityError('certificate_needs_release', { status: lot.status });
  const results = await repo.resultsOf(trx, [final.id]);
  const items = await repo.specItems(trx, [final.specification_id]);
  await repo.lockCertificates(trx, lot.site_id);
  const year = ctx.now.toISOString().slice(0, 4);
  const prefix = `COA/${lot.site_code}/${year}/`;
  const number = `${prefix}${String((await repo.certificateCount(trx, prefix)) + 1).padStart(6, '0')}`;
  const content: CertificateContent = {
    number,
    issuedAt: ctx.now.toISOString(),
    lot: {
      code: lot.code,
      productId: lot.product_name_id,
      productEn: lot.product_name_en,
      quantityKg: Number(lot.quantity_kg),
      owner: lot.owner_name,
      site: lot.site_name,
      siteCode: lot.site_code,
    },
    specification: { name: final.specification_name, source: final.specification_source },
    inspection: {
      id: final.id,
      inspectedAt: final.inspected_at.toISOString(),
      inspector: final.inspector_label,
      verdict: final.verdict,
    },
    results: items.map((it) => {
      const r = results.find((x) => x.characteristic_id === it.id);
      const limits: RequirementLimits = {
        lower: n(it.lower_limit),
        upper: n(it.upper_limit),
        target: n(it.target),
        expectedPass: it.expected_pass,
      };
      return {
        nameId: it.name_id,
        nameEn: it.name_en,
        unit: it.unit,
        value:
          r?.value !== null && r?.value !== undefined
            ? String(Number(r.value))
            : r?.passed
              ? CONFORMS
              : FAILS,
        requirement: requirementText(limits, 'id'),
        limits,
        passed: r?.passed ?? false,
      };
    }),
  };
  const token = randomBytes(24).toString('base64url');
  const id = await repo.insertCertificate(trx, {
    lot_id: lot.id,
    number,
    content: JSON.stringify(content),
    content_sha256: hashOf(content),
    public_token: token,
    issued_at: ctx.now,
    issued_by: ctx.actor.userId,
  });
  await recordAudit(trx, ctx, {
    action: 'certificate.issue',
    entityType: 'lot',
    entityId: lot.id,
    after: { id, number },
  });
  return {
    id,
    number,
    lotId: lot.id,
    lotCode: lot.code,
    issuedAt: ctx.now.toISOString(),
    verifyUrl: verifyUrl(baseUrl, token),
    contentSha256: hashOf(content),
  };
}

const verifyUrl = (base: string, token: string) => `${base.replace(/\/$/, '')}/verify/${token}`;

export async function certificateOf(db: Executor, lotId: string, actor: Actor, baseUrl: string) {
  await readableLot(db, lotId, actor);
  const c = await repo.certificateOfLot(db, lotId);
  if (!c) throw qualityError('coa_not_found');
  const content = c.content as CertificateContent;
  return {
    id: c.id,
    number: c.number,
    lotId,
    lotCode: content.lot.code,
    issuedAt: c.issued_at.toISOString(),
    verifyUrl: verifyUrl(baseUrl, c.public_token),
    contentSha256: c.content_sha256,
  };
}

/** The public check behind the QR code: the content as issued and whether it is unchanged. */
export async function verifyCertificate(db: Executor, token: string) {
  const c = await repo.certificateByToken(db, token);
  if (!c) throw qualityError('coa_not_found');
  const content = c.content as CertificateContent;
  const lot = await repo.lotOf(db, c.lot_id);
  return {
    genuine: hashOf(content) === c.content_sha256,
    number: c.number,
    issuedAt: c.issued_at.toISOString(),
    timeZone: lot?.time_zone ?? ('Asia/Jakarta' as const),
    lotCode: content.lot.code,
    product: `${content.lot.productId} / ${content.lot.productEn}`,
    quantityKg: content.lot.quantityKg,
    owner: content.lot.owner,
    site: content.lot.site,
    specification: content.specification.name,
    standard: content.specification.source,
    verdict: content.inspection.verdict,
    results: content.results.map((r) => ({
      name: `${r.nameId} / ${r.nameEn}`,
      unit: r.unit,
      value: r.value,
      requirement: certificateCells(r, 'id').requirement,
      requirementEn: certificateCells(r, 'en').requirement,
      passed: r.passed,
    })),
  };
}

/** The certificate PDF (Indonesian or English) with the QR code of its public page. */
export async function certificatePdf(
  db: Executor,
  certificateId: string,
  lang: 'id' | 'en',
  actor: Actor,
  baseUrl: string,
) {
  const c = await repo.findCertificate(db, certificateId);
  if (!c) throw qualityError('coa_not_found');
  await readableLot(db, c.lot_id, actor).catch(() => {
    throw qualityError('coa_not_found');
  });
  const k = c.content as CertificateContent;
  const en = lang === 'en';
  const blocks: PdfBlock[] = [
    {
      kind: 'heading',
      text: en ? 'CERTIFICATE OF ANALYSIS' : 'SERTIFIKAT HASIL UJI (CERTIFICATE OF ANALYSIS)',
      align: 'center',
    },
    {
      kind: 'fields',
      rows: [
        [en ? 'Number' : 'Nomor', k.number],
        [en ? 'Issued' : 'Tanggal terbit', k.issuedAt.slice(0, 10)],
        [en ? 'Lot' : 'Lot', k.lot.code],
        [en ? 'Product' : 'Produk', en ? k.lot.productEn : k.lot.productId],
        [en ? 'Quantity' : 'Jumlah', `${k.lot.quantityKg} kg`],
        [en ? 'Owner' : 'Pemilik', k.lot.owner ?? (en ? 'pooled batch' : 'batch gabungan')],
        [
          en ? 'Specification' : 'Spesifikasi',
          `${k.specification.name} (${k.specification.source})`,
        ],
        [
          en ? 'Inspected' : 'Diperiksa',
          `${k.inspection.inspectedAt.slice(0, 10)} — ${k.inspection.inspector}`,
        ],
      ],
    },
    { kind: 'spacer', height: 8 },
    {
      kind: 'table',
      columns: [
        { header: en ? 'Characteristic' : 'Parameter', width: 4 },
        { header: en ? 'Unit' : 'Satuan', width: 1.4 },
        { header: en ? 'Requirement' : 'Persyaratan', width: 1.8, align: 'center' },
        { header: en ? 'Result' : 'Hasil', width: 1.6, align: 'right' },
        { header: en ? 'Verdict' : 'Keterangan', width: 1.2, align: 'center' },
      ],
      rows: k.results.map((r) => [
        en ? r.nameEn : r.nameId,
        r.unit ?? '-',
        certificateCells(r, lang).requirement,
        certificateCells(r, lang).value,
        r.passed ? (en ? 'pass' : 'memenuhi') : en ? 'fail' : 'tidak',
      ]),
    },
    {
      kind: 'paragraph',
      text: en
        ? `Conclusion: the lot ${k.inspection.verdict === 'pass' ? 'meets' : 'does not meet'} ${k.specification.source}.`
        : `Kesimpulan: lot ${k.inspection.verdict === 'pass' ? 'memenuhi' : 'tidak memenuhi'} ${k.specification.source}.`,
      bold: true,
    },
    {
      kind: 'qr',
      url: verifyUrl(baseUrl, c.public_token),
      caption: en
        ? 'Scan to verify this certificate is genuine and unchanged.'
        : 'Pindai untuk memeriksa keaslian dan keutuhan sertifikat ini.',
    },
    { kind: 'signature', lines: [k.lot.site], name: en ? 'Quality inspector' : 'Petugas mutu' },
  ];
  const bytes = await renderPdf({
    title: `${en ? 'Certificate of analysis' : 'Sertifikat hasil uji'} ${k.number}`,
    language: lang,
    author: k.lot.site,
    createdAt: c.issued_at,
    letterhead: { name: k.lot.site, lines: [`RPB ${k.lot.siteCode}`, k.specification.source] },
    blocks,
    footer: `${k.number} · SHA-256 ${c.content_sha256.slice(0, 16)}…`,
  });
  return { number: c.number, bytes };
}
