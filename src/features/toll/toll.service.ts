/**
 * Use cases of toll processing (maklon). Site staff (managers and operators) and administrators
 * receive material, run jobs and hand lots back; members see their own lots and jobs;
 * programme officers read their programme's sites. A lot's quality status is never set here:
 * new lots get it from the quality gate (quality.service), and leaving custody asks the gate.
 */
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import {
  acceptFile,
  extensionOf,
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  type Upload,
} from '../../server/files/files.js';
import { recordAudit } from '../audit/audit.service.js';
import { getMachine } from '../equipment/equipment.service.js';
import { assertLotMayLeave, statusForNewLot } from '../quality/quality.service.js';
import {
  lotCode,
  massBalanceProblem,
  ownerShares,
  splitOutput,
  yieldPercent,
} from '../quality/quality.js';
import { siteVisibility } from '../registry/registry.js';
import { grantedSiteIds } from '../registry/registry.repository.js';
import { visibleSite } from '../sites/sites.service.js';
import {
  MAX_LOT_PHOTOS,
  type IntakeRequest,
  type Job,
  type Lot,
  type LotPhoto,
  type LotSummary,
} from './toll.contract.js';
import { tollError } from './toll.errors.js';
import * as repo from './toll.repository.js';

type UserCtx = ServiceContext & { actor: Actor };
const kg = (v: string | number | null) => (v === null ? 0 : Math.round(Number(v) * 1000) / 1000);
const ZONE: Record<string, number> = {
  'Asia/Jakarta': 7,
  'Asia/Pontianak': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};
const localDate = (at: Date, tz: string) =>
  new Date(at.getTime() + (ZONE[tz] ?? 7) * 3_600_000).toISOString().slice(0, 10);

// Scope ----------------------------------------------------------------------------------------

function powers(actor: Actor) {
  const p = { admin: false, staffSites: [] as string[], memberOrgs: [] as string[], reader: false };
  for (const g of actor.grants) {
    if (g.role === 'administrator') p.admin = true;
    else if ((g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId)
      p.staffSites.push(g.scopeId);
    else if (g.role === 'umkm_member' && g.scopeId) p.memberOrgs.push(g.scopeId);
    else if (g.role === 'programme_officer') p.reader = true;
  }
  return p;
}
const isStaff = (actor: Actor, siteId: string) => {
  const p = powers(actor);
  return p.admin || p.staffSites.includes(siteId);
};

/** Which lots the actor reads: staff/officers/admins by visible site, members by ownership. */
async function lotScope(db: Executor, actor: Actor) {
  const p = powers(actor);
  const v = siteVisibility(actor);
  if (p.admin || v.all) return { siteIds: null, ownerIds: null };
  if (p.staffSites.length || p.reader) {
    return { siteIds: (await grantedSiteIds(db, v)) ?? [], ownerIds: null };
  }
  return { siteIds: null, ownerIds: p.memberOrgs };
}

async function readableLot(db: Executor, id: string, actor: Actor) {
  const lot = await repo.findLot(db, id);
  if (!lot) throw tollError('lot_not_found');
  const scope = await lotScope(db, actor);
  let ok = scope.siteIds === null || scope.siteIds.includes(lot.site_id);
  if (ok && scope.ownerIds) {
    const owners = lot.owner_org_id
      ? [lot.owner_org_id]
      : (await repo.ownersOf(db, [lot.id])).map((o) => o.owner_org_id);
    ok = owners.some((o) => scope.ownerIds!.includes(o));
  }
  if (!ok) throw tollError('lot_not_found');
  return lot;
}

async function staffSite(db: Executor, siteId: string, actor: Actor) {
  await visibleSite(db, siteId, actor);
  const site = (await repo.siteOf(db, siteId))!;
  if (!isStaff(actor, siteId)) throw new DomainError('forbidden');
  return site;
}

// Presenting -----------------------------------------------------------------------------------

export function toSummary(r: repo.LotSummaryRow): LotSummary {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    siteId: r.site_id,
    siteCode: r.site_code,
    productType: r.product_type,
    productName: r.product_name,
    ownerOrgId: r.owner_org_id,
    ownerName: r.owner_name,
    pooled: r.pooled,
    quantityKg: kg(r.quantity_kg),
    remainingKg: kg(r.remaining_kg),
    status: r.status,
    grade: r.grade,
    moisturePercent: r.moisture_percent === null ? null : Number(r.moisture_percent),
    jobId: r.job_id,
    receivedAt: r.received_at.toISOString(),
    receivedBy: r.received_by_label,
  };
}

export async function getLot(db: Executor, id: string, actor: Actor): Promise<Lot> {
  const r = await readableLot(db, id, actor);
  const [owners, consumed, handovers] = await Promise.all([
    repo.ownersOf(db, [r.id]),
    repo.consumptionOf(db, r.id),
    repo.handoversOf(db, [r.id]),
  ]);
  const staff = isStaff(actor, r.site_id);
  return {
    ...toSummary(r),
    notes: r.notes,
    owners: owners.map((o) => ({
      ownerOrgId: o.owner_org_id,
      ownerName: o.owner_name,
      shareBp: o.share_bp,
      kg: kg(o.kg),
    })),
    consumedBy: consumed.map((c) => ({ jobId: c.job_id, kg: kg(c.kg) })),
    handovers: handovers.map((h) => ({
      id: h.id,
      toOrgId: h.to_org_id,
      toName: h.to_name,
      kg: kg(h.kg),
      handedAt: h.handed_at.toISOString(),
      handedBy: h.handed_by_label,
      receivedByName: h.received_by_name,
    })),
    canHandOver:
      staff && ['released', 'downgraded', 'returned'].includes(r.status) && kg(r.remaining_kg) > 0,
    canEdit: staff,
  };
}

export async function browseLots(
  db: Executor,
  q: {
    siteId?: string | undefined;
    ownerOrgId?: string | undefined;
    status?: string | undefined;
    kind?: string | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
) {
  const scope = await lotScope(db, actor);
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listLots(
    db,
    {
      ...scope,
      siteId: q.siteId,
      ownerOrgId: q.ownerOrgId,
      status: q.status,
      kind: q.kind,
      q: q.q,
    },
    key ? { at: new Date(String(key[0])), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.received_at.toISOString(), r.id]);
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

async function newLotCode(
  trx: Executor,
  site: { id: string; code: string; time_zone: string },
  kind: 'intake' | 'output' | 'byproduct',
  now: Date,
) {
  await repo.lockSiteLots(trx, site.id);
  const date = localDate(now, site.time_zone);
  const probe = lotCode({ siteCode: site.code, date, kind, seq: 1 });
  const prefix = probe.slice(0, probe.lastIndexOf('-') + 1);
  return lotCode({
    siteCode: site.code,
    date,
    kind,
    seq: (await repo.lotCount(trx, site.id, prefix)) + 1,
  });
}

// Intake ---------------------------------------------------------------------------------------

export async function receiveMaterial(
  trx: Executor,
  input: IntakeRequest,
  ctx: UserCtx,
): Promise<Lot> {
  const site = await staffSite(trx, input.siteId, ctx.actor);
  if (!(await repo.productType(trx, input.productType)))
    throw tollError('product_type_unknown', { productType: input.productType });
  if (!(await repo.isSiteMember(trx, site.id, input.ownerOrgId)))
    throw tollError('owner_not_member');
  const status = await statusForNewLot(
    trx,
    { siteId: site.id, productType: input.productType },
    'incoming',
  );
  const id = await repo.insertLot(trx, {
    site_id: site.id,
    code: await newLotCode(trx, site, 'intake', ctx.now),
    kind: 'intake',
    product_type: input.productType,
    owner_org_id: input.ownerOrgId,
    quantity_kg: input.quantityKg.toFixed(3),
    grade: input.grade,
    moisture_percent: input.moisturePercent,
    notes: input.notes,
    status,
    received_at: ctx.now,
    received_by: ctx.actor.userId,
    received_by_label: ctx.actor.email,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const lot = await getLot(trx, id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'lot.receive',
    entityType: 'lot',
    entityId: id,
    after: lot,
  });
  return lot;
}

/**
 * Material in stock at a site per owner and product. A pooled lot counts for each of its owners
 * by share (its remaining kilograms split like its outputs, to the gram); members see only their
 * own parts. Rejected, scrapped and returned lots are not stock (`repo.IN_STOCK`).
 */
export async function stock(
  db: Executor,
  q: { siteId: string; ownerOrgId?: string | undefined },
  actor: Actor,
) {
  const scope = await lotScope(db, actor);
  if (scope.siteIds && !scope.siteIds.includes(q.siteId)) throw new DomainError('site_not_found');
  const rows = (await repo.stockOf(db, q.siteId, q.ownerOrgId)).filter(
    (r) => kg(r.remaining_kg) > 0,
  );
  const shares = await repo.ownersOf(
    db,
    rows.filter((r) => r.pooled).map((r) => r.id),
  );
  const wanted = (ownerId: string) =>
    (!scope.ownerIds || scope.ownerIds.includes(ownerId)) &&
    (!q.ownerOrgId || q.ownerOrgId === ownerId);
  const groups = new Map<
    string,
    {
      ownerOrgId: string;
      ownerName: string;
      productType: string;
      productName: string;
      kg: number;
      pooledKg: number;
      lots: number;
    }
  >();
  const add = (r: repo.LotRow, ownerId: string, ownerName: string, part: number) => {
    if (!wanted(ownerId) || part <= 0) return;
    const key = `${ownerId}:${r.product_type}`;
    const g = groups.get(key) ?? {
      ownerOrgId: ownerId,
      ownerName,
      productType: r.product_type,
      productName: r.product_name,
      kg: 0,
      pooledKg: 0,
      lots: 0,
    };
    g.kg = round3(g.kg + part);
    if (r.pooled) g.pooledKg = round3(g.pooledKg + part);
    g.lots++;
    groups.set(key, g);
  };
  for (const r of rows) {
    if (r.owner_org_id) {
      add(r, r.owner_org_id, r.owner_name ?? '', kg(r.remaining_kg));
      continue;
    }
    const owners = shares.filter((o) => o.lot_id === r.id);
    if (owners.length === 0) continue;
    const parts = splitOutput(
      kg(r.remaining_kg),
      owners.map((o) => ({ ownerId: o.owner_org_id, shareBp: o.share_bp })),
    );
    for (const o of owners)
      add(r, o.owner_org_id, o.owner_name, parts.find((p) => p.ownerId === o.owner_org_id)!.kg);
  }
  return {
    items: [...groups.values()].sort(
      (a, b) =>
        a.ownerName.localeCompare(b.ownerName) || a.productName.localeCompare(b.productName),
    ),
  };
}

// Jobs -----------------------------------------------------------------------------------------

async function presentJobs(db: Executor, rows: repo.JobRow[], actor: Actor): Promise<Job[]> {
  const ids = rows.map((r) => r.id);
  const [inputs, outputs] = await Promise.all([repo.inputsOf(db, ids), repo.outputsOf(db, ids)]);
  const owners = await repo.ownersOf(
    db,
    outputs.map((o) => o.id),
  );
  return rows.map((j) => {
    const ins = inputs.filter((i) => i.job_id === j.id);
    const outs = outputs.filter((o) => o.job_id === j.id);
    // Yield per owner: main output kg attributed to each owner over what the owner put in.
    const byOwner = new Map<string, { ownerName: string; inputKg: number; outputKg: number }>();
    for (const i of ins) {
      if (!i.owner_org_id) continue;
      const o = byOwner.get(i.owner_org_id) ?? {
        ownerName: i.owner_name ?? '',
        inputKg: 0,
        outputKg: 0,
      };
      o.inputKg += kg(i.kg);
      byOwner.set(i.owner_org_id, o);
    }
    for (const out of outs.filter((o) => o.kind === 'output')) {
      if (out.owner_org_id) {
        const o = byOwner.get(out.owner_org_id);
        if (o) o.outputKg += kg(out.quantity_kg);
      } else {
        for (const share of owners.filter((s) => s.lot_id === out.id)) {
          const o = byOwner.get(share.owner_org_id);
          if (o) o.outputKg += kg(share.kg);
        }
      }
    }
    return {
      id: j.id,
      siteId: j.site_id,
      bookingId: j.booking_id,
      machineId: j.machine_id,
      machineName: j.machine_name,
      process: j.process,
      pooled: j.pooled,
      status: j.status,
      operatorName: j.operator_name,
      startedAt: j.started_at?.toISOString() ?? null,
      endedAt: j.ended_at?.toISOString() ?? null,
      inputs: ins.map((i) => ({
        lotId: i.lot_id,
        code: i.code,
        ownerName: i.owner_name,
        productType: i.product_type,
        kg: kg(i.kg),
      })),
      outputs: outs.map(toSummary),
      wasteKg: j.waste_kg === null ? null : kg(j.waste_kg),
      statedGainKg: j.stated_gain_kg === null ? null : kg(j.stated_gain_kg),
      kwh: j.kwh === null ? null : Number(j.kwh),
      lpgKg: j.lpg_kg === null ? null : Number(j.lpg_kg),
      waterM3: j.water_m3 === null ? null : Number(j.water_m3),
      yields: [...byOwner.entries()].map(([ownerOrgId, o]) => ({
        ownerOrgId,
        ownerName: o.ownerName,
        inputKg: Math.round(o.inputKg * 1000) / 1000,
        outputKg: Math.round(o.outputKg * 1000) / 1000,
        yieldPercent: yieldPercent(o.outputKg, o.inputKg),
      })),
      notes: j.notes,
      canEdit: j.status === 'open' && isStaff(actor, j.site_id),
    };
  });
}

async function readableJob(db: Executor, id: string, actor: Actor) {
  const j = await repo.findJob(db, id);
  if (!j) throw tollError('job_not_found');
  const scope = await lotScope(db, actor);
  if (scope.siteIds && !scope.siteIds.includes(j.site_id)) throw tollError('job_not_found');
  if (scope.ownerIds) {
    // Like the list: an input lot the member owns, alone or by a share of a pooled lot.
    const ins = await repo.inputsOf(db, [j.id]);
    const shares = await repo.ownersOf(
      db,
      ins.filter((i) => !i.owner_org_id).map((i) => i.lot_id),
    );
    const owners = [...ins.map((i) => i.owner_org_id), ...shares.map((s) => s.owner_org_id)];
    if (!owners.some((o) => o && scope.ownerIds!.includes(o))) throw tollError('job_not_found');
  }
  return j;
}

export async function getJob(db: Executor, id: string, actor: Actor) {
  return (await presentJobs(db, [await readableJob(db, id, actor)], actor))[0]!;
}

export async function browseJobs(
  db: Executor,
  q: {
    siteId?: string | undefined;
    bookingId?: string | undefined;
    status?: 'open' | 'completed' | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
) {
  // Members see the jobs that process their material (an input lot they own or share).
  const scope = await lotScope(db, actor);
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listJobs(
    db,
    {
      siteIds: scope.siteIds,
      ownerIds: scope.ownerIds,
      siteId: q.siteId,
      bookingId: q.bookingId,
      status: q.status,
    },
    key ? { at: new Date(String(key[0])), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: await presentJobs(db, page.items, actor), nextCursor: page.nextCursor };
}

/** Bookings that may carry a job: the machine time is (or was) really held for the member. */
const JOB_BOOKING_STATUSES = ['confirmed', 'checked_in', 'completed'];
function assertBookingCarriesJob(status: string) {
  if (!JOB_BOOKING_STATUSES.includes(status))
    throw tollError('job_booking_not_ready', { status, allowed: JOB_BOOKING_STATUSES });
}

/** The job's process: one of the machine's capabilities; may be left out when it has one. */
function processFor(asked: string | null, capabilities: readonly string[]) {
  if (asked) {
    if (!capabilities.includes(asked))
      throw tollError('process_not_on_machine', {
        process: asked,
        capabilities: capabilities.join(', '),
      });
    return asked;
  }
  if (capabilities.length > 1)
    throw tollError('process_required', { capabilities: capabilities.join(', ') });
  return capabilities[0] ?? 'other';
}

/**
 * Opens a job on a booking (confirmed, checked in or completed) and consumes its inputs: the
 * booking member's lots, or several owners' in a declared pooled batch.
 */
export async function startJob(
  trx: Executor,
  input: {
    bookingId: string;
    operatorUserId?: string | null;
    inputs: { lotId: string; kg: number }[];
    pooled: boolean;
    process?: string | null;
    notes: string | null;
  },
  ctx: UserCtx,
) {
  const b = await repo.bookingFor(trx, input.bookingId);
  if (!b || b.kind !== 'booking') throw tollError('job_booking_invalid');
  await staffSite(trx, b.site_id, ctx.actor);
  assertBookingCarriesJob(b.status);
  const process = processFor(input.process ?? null, b.capabilities);
  if (
    input.operatorUserId &&
    !(await repo.siteStaff(trx, b.site_id)).some((s) => s.id === input.operatorUserId)
  )
    throw tollError('operator_not_staff');
  const owners = new Set<string>();
  let foreign: repo.LotRow | null = null;
  for (const i of input.inputs) {
    await repo.lockLot(trx, i.lotId);
    const lot = await repo.findLot(trx, i.lotId);
    if (!lot) throw tollError('lot_not_found');
    if (lot.site_id !== b.site_id) throw tollError('input_other_site', { code: lot.code });
    if (!foreign && b.member_org_id && lot.owner_org_id !== b.member_org_id) foreign = lot;
    const remaining = kg(lot.remaining_kg);
    // Material may be processed while in quarantine (incoming inspection pending is the site's
    // call) but only while it is stock: never rejected, scrapped, returned, consumed or gone.
    if (!(repo.IN_STOCK as readonly string[]).includes(lot.status) || i.kg > remaining + 1e-9)
      throw tollError('input_not_available', {
        code: lot.code,
        remainingKg: remaining,
        kg: i.kg,
        status: lot.status,
      });
    if (lot.owner_org_id) owners.add(lot.owner_org_id);
    else for (const o of await repo.ownersOf(trx, [lot.id])) owners.add(o.owner_org_id);
  }
  if (owners.size > 1 && !input.pooled) throw tollError('owners_mixed');
  // A job processes the booking member's material; others' only in a declared pooled batch.
  if (foreign && !input.pooled)
    throw tollError('input_not_booking_member', {
      code: foreign.code,
      owner: foreign.owner_name ?? '—',
      member: b.member_name ?? '—',
    });
  let jobId: string;
  try {
    jobId = await repo.insertJob(trx, {
      site_id: b.site_id,
      booking_id: b.id,
      machine_id: b.machine_id,
      process,
      pooled: input.pooled,
      status: 'open',
      operator_user_id:
        input.operatorUserId ?? b.operator_user_id ?? b.checked_in_by ?? ctx.actor.userId,
      started_at: b.checked_in_at,
      ended_at: b.checked_out_at,
      notes: input.notes,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw tollError('job_exists');
    throw err;
  }
  await repo.insertInputs(
    trx,
    input.inputs.map((i) => ({ job_id: jobId, lot_id: i.lotId, kg: i.kg.toFixed(3) })),
  );
  for (const i of input.inputs) {
    const lot = (await repo.findLot(trx, i.lotId))!;
    if (kg(lot.remaining_kg) <= 0) await repo.setLotStatus(trx, lot.id, 'consumed', ctx.now);
  }
  const job = await getJob(trx, jobId, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'job.start',
    entityType: 'process_job',
    entityId: jobId,
    after: job,
  });
  return job;
}

/**
 * Completes a job: the quantities must balance (outputs + waste ≤ inputs + stated gain), output
 * lots are created with the quality gate's status, and a pooled job's outputs record each
 * owner's share.
 */
export async function completeJob(
  trx: Executor,
  id: string,
  input: {
    outputs: {
      kind: 'output' | 'byproduct';
      productType: string;
      kg: number;
      grade: string | null;
    }[];
    wasteKg: number;
    statedGainKg: number | null;
    kwh: number | null;
    lpgKg: number | null;
    waterM3: number | null;
    notes: string | null;
  },
  ctx: UserCtx,
) {
  await repo.lockJob(trx, id);
  const j = await readableJob(trx, id, ctx.actor);
  const site = await staffSite(trx, j.site_id, ctx.actor);
  if (j.status === 'completed') throw tollError('job_completed');
  // The booking may have moved on since the job opened (checked in or out, or a no-show).
  const b = (await repo.bookingFor(trx, j.booking_id))!;
  assertBookingCarriesJob(b.status);
  const startedAt = b.checked_in_at ?? j.started_at;
  const endedAt = b.checked_out_at ?? (startedAt ? maxDate(startedAt, ctx.now) : null);
  const inputs = await repo.inputsOf(trx, [j.id]);
  const problem = massBalanceProblem({
    inputsKg: inputs.map((i) => kg(i.kg)),
    outputsKg: input.outputs.map((o) => o.kg),
    wasteKg: input.wasteKg,
    statedGainKg: input.statedGainKg ?? 0,
  });
  if (problem) {
    const inKg = inputs.reduce((a, i) => a + kg(i.kg), 0);
    const outKg = input.outputs.reduce((a, o) => a + o.kg, 0) + input.wasteKg;
    throw tollError('outputs_exceed_inputs', {
      inKg: round3(inKg),
      outKg: round3(outKg),
      excessKg: round3(problem.excessKg),
    });
  }
  for (const o of input.outputs)
    if (!(await repo.productType(trx, o.productType)))
      throw tollError('product_type_unknown', { productType: o.productType });
  // The owner of the outputs: the single owner of the inputs, or shares for a pooled job.
  const byOwner = new Map<string, number>();
  for (const i of inputs) {
    if (i.owner_org_id) byOwner.set(i.owner_org_id, (byOwner.get(i.owner_org_id) ?? 0) + kg(i.kg));
    else
      for (const o of await repo.ownersOf(trx, [i.lot_id]))
        byOwner.set(
          o.owner_org_id,
          (byOwner.get(o.owner_org_id) ?? 0) + (kg(i.kg) * o.share_bp) / 10_000,
        );
  }
  const pooled = j.pooled && byOwner.size > 1;
  const shares = pooled
    ? ownerShares([...byOwner.entries()].map(([ownerId, k]) => ({ ownerId, kg: k })))
    : null;
  const soleOwner = pooled ? null : ([...byOwner.keys()][0] ?? null);
  for (const o of input.outputs) {
    const status = await statusForNewLot(
      trx,
      { siteId: site.id, productType: o.productType },
      'final',
    );
    const lotId = await repo.insertLot(trx, {
      site_id: site.id,
      code: await newLotCode(trx, site, o.kind, ctx.now),
      kind: o.kind,
      product_type: o.productType,
      owner_org_id: soleOwner,
      pooled,
      quantity_kg: o.kg.toFixed(3),
      grade: o.grade,
      job_id: j.id,
      status,
      received_at: ctx.now,
      received_by: ctx.actor.userId,
      received_by_label: ctx.actor.email,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    if (shares) {
      const split = splitOutput(o.kg, shares);
      await repo.insertOwners(
        trx,
        shares.map((s) => ({
          lot_id: lotId,
          owner_org_id: s.ownerId,
          share_bp: s.shareBp,
          kg: (split.find((x) => x.ownerId === s.ownerId)?.kg ?? 0).toFixed(3),
        })),
      );
    }
  }
  await repo.completeJob(trx, j.id, {
    status: 'completed',
    waste_kg: input.wasteKg.toFixed(3),
    stated_gain_kg: input.statedGainKg === null ? null : input.statedGainKg.toFixed(3),
    kwh: input.kwh,
    lpg_kg: input.lpgKg,
    water_m3: input.waterM3,
    notes: input.notes ?? j.notes,
    started_at: startedAt,
    ended_at: endedAt,
    completed_at: ctx.now,
  });
  const job = await getJob(trx, j.id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'job.complete',
    entityType: 'process_job',
    entityId: j.id,
    after: job,
  });
  return job;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const maxDate = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

// Handover -------------------------------------------------------------------------------------

export async function handOver(
  trx: Executor,
  lotId: string,
  input: { kg: number; receivedByName: string; notes: string | null },
  ctx: UserCtx,
) {
  await repo.lockLot(trx, lotId);
  const lot = await readableLot(trx, lotId, ctx.actor);
  await staffSite(trx, lot.site_id, ctx.actor);
  await assertLotMayLeave(trx, { id: lot.id, code: lot.code, status: lot.status });
  const remaining = kg(lot.remaining_kg);
  if (input.kg > remaining + 1e-9)
    throw tollError('handover_exceeds_remaining', { remainingKg: remaining, code: lot.code });
  // The owner receives it; a pooled lot goes to its owners by share (one handover per owner).
  const owners = lot.owner_org_id
    ? [{ owner_org_id: lot.owner_org_id, share_bp: 10_000 }]
    : await repo.ownersOf(trx, [lot.id]);
  const parts = lot.owner_org_id
    ? [{ ownerId: lot.owner_org_id, kg: input.kg }]
    : splitOutput(
        input.kg,
        owners.map((o) => ({ ownerId: o.owner_org_id, shareBp: o.share_bp })),
      );
  for (const p of parts) {
    if (p.kg <= 0) continue;
    await repo.insertHandover(trx, {
      lot_id: lot.id,
      to_org_id: p.ownerId,
      kg: p.kg.toFixed(3),
      handed_at: ctx.now,
      handed_by: ctx.actor.userId,
      handed_by_label: ctx.actor.email,
      received_by_name: input.receivedByName,
      notes: input.notes,
      created_at: ctx.now,
    });
  }
  if (round3(remaining - input.kg) <= 0)
    await repo.setLotStatus(trx, lot.id, 'handed_over', ctx.now);
  const after = await getLot(trx, lot.id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'lot.handover',
    entityType: 'lot',
    entityId: lot.id,
    after: { kg: input.kg, to: parts },
  });
  return after;
}

// Photos ---------------------------------------------------------------------------------------

const toPhoto = (r: Awaited<ReturnType<typeof repo.lotPhotosOf>>[number]): LotPhoto => ({
  id: r.id,
  lotId: r.lot_id,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  uploadedAt: r.uploaded_at.toISOString(),
  uploadedBy: r.uploaded_by_name,
});

/** A lot's photos, oldest first: to whoever reads the lot (owners of a pooled lot too). */
export async function lotPhotos(db: Executor, lotId: string, actor: Actor) {
  const lot = await readableLot(db, lotId, actor);
  return {
    items: (await repo.lotPhotosOf(db, lot.id)).map(toPhoto),
    canEdit: isStaff(actor, lot.site_id),
  };
}

/** Site staff add a photo (JPEG/PNG/WebP by its bytes, ≤ 5 MB), at most MAX_LOT_PHOTOS a lot. */
export async function addLotPhoto(trx: Executor, lotId: string, file: Upload, ctx: UserCtx) {
  await repo.lockLot(trx, lotId);
  const lot = await readableLot(trx, lotId, ctx.actor);
  await staffSite(trx, lot.site_id, ctx.actor);
  const contentType = acceptFile(file, MAX_PHOTO_BYTES, PHOTO_TYPES);
  if ((await repo.lotPhotoCount(trx, lot.id)) >= MAX_LOT_PHOTOS)
    throw tollError('lot_photos_full', { max: MAX_LOT_PHOTOS });
  const id = await repo.insertLotPhoto(trx, {
    lot_id: lot.id,
    content_type: contentType,
    size_bytes: file.bytes.length,
    file: file.bytes,
    uploaded_by: ctx.actor.userId,
    uploaded_at: ctx.now,
  });
  const photo = toPhoto((await repo.lotPhoto(trx, lot.id, id))!);
  await recordAudit(trx, ctx, {
    action: 'lot.photo_add',
    entityType: 'lot',
    entityId: lot.id,
    after: photo,
  });
  return photo;
}

export async function lotPhotoFile(db: Executor, lotId: string, photoId: string, actor: Actor) {
  const lot = await readableLot(db, lotId, actor);
  const row = await repo.lotPhoto(db, lot.id, photoId);
  if (!row) throw tollError('lot_photo_not_found');
  const n = (await repo.lotPhotosOf(db, lot.id)).findIndex((p) => p.id === row.id) + 1;
  return {
    filename: `${lot.code}-${n}.${extensionOf(row.content_type)}`,
    contentType: row.content_type,
    bytes: row.file,
  };
}

export async function deleteLotPhoto(trx: Executor, lotId: string, photoId: string, ctx: UserCtx) {
  const lot = await readableLot(trx, lotId, ctx.actor);
  await staffSite(trx, lot.site_id, ctx.actor);
  const row = await repo.lotPhoto(trx, lot.id, photoId);
  if (!row) throw tollError('lot_photo_not_found');
  await repo.deleteLotPhoto(trx, lot.id, row.id);
  await recordAudit(trx, ctx, {
    action: 'lot.photo_delete',
    entityType: 'lot',
    entityId: lot.id,
    before: toPhoto(row),
  });
}

// Genealogy and recall -------------------------------------------------------------------------

export async function genealogy(db: Executor, lotId: string, actor: Actor) {
  const lot = await readableLot(db, lotId, actor);
  const up = (await repo.upstreamOf(db, lot.id)).rows;
  const down = (await repo.downstreamOf(db, [lot.id])).rows;
  const all = await repo.findLots(
    db,
    [...up, ...down].map((r) => r.lot_id),
  );
  const jobs = await repo.jobsInfo(db, [
    ...new Set([...up, ...down].map((r) => r.via_job_id).filter((x): x is string => !!x)),
  ]);
  const lotById = new Map(all.map((x) => [x.id, x]));
  const jobById = new Map(jobs.map((x) => [x.id, x]));
  const node = (r: { lot_id: string; depth: number; via_job_id: string | null }) => {
    const l = lotById.get(r.lot_id)!;
    const j = r.via_job_id === null ? undefined : jobById.get(r.via_job_id);
    return {
      lot: toSummary(l),
      depth: r.depth,
      viaJobId: r.via_job_id,
      machineName: j?.machine_name ?? null,
      operatorName: j?.operator_name ?? null,
      bookingId: j?.booking_id ?? null,
    };
  };
  const handovers = await repo.handoversOf(db, [lot.id, ...down.map((d) => d.lot_id)]);
  return {
    lot: toSummary(lot),
    upstream: up.map(node).sort((a, b) => b.depth - a.depth),
    downstream: down.map(node).sort((a, b) => a.depth - b.depth),
    handovers: handovers.map((h) => ({
      lotId: h.lot_id,
      lotCode: h.lot_code,
      toName: h.to_name,
      kg: kg(h.kg),
      handedAt: h.handed_at.toISOString(),
    })),
  };
}

/** Every output lot touched by an intake lot (downstream), or made on a machine in a period. */
export async function recall(
  db: Executor,
  q: {
    lotId?: string | undefined;
    machineId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  actor: Actor,
) {
  const scope = await lotScope(db, actor);
  if (scope.ownerIds) throw new DomainError('forbidden');
  // A machine the actor cannot see does not exist for them (404).
  if (q.machineId) await getMachine(db, q.machineId, actor);
  const start: repo.RecallStart = q.lotId
    ? { lotId: (await readableLot(db, q.lotId, actor)).id }
    : {
        machineId: q.machineId!,
        from: q.from ? new Date(q.from) : new Date(0),
        to: q.to ? new Date(q.to) : new Date('2100-01-01T00:00:00Z'),
      };
  const rows = (await repo.recallLots(db, start, scope.siteIds)).rows;
  return {
    items: rows.map((r) => ({
      ...toSummary(r),
      handedOverKg: kg(r.handed_kg),
      handedTo: [...new Set(r.handed_to ?? [])],
    })),
  };
}

// Reference lists ------------------------------------------------------------------------------

/** The product types lots, specifications and plans use (a controlled list, migration 0009). */
export async function listProductTypes(db: Executor, actor: Actor) {
  return {
    items: (await repo.productTypes(db)).map((p) => ({
      code: p.code,
      name: actor.locale === 'en' ? p.name_en : p.name_id,
      nameId: p.name_id,
      nameEn: p.name_en,
    })),
  };
}

/**
 * The managers and operators of a site, to pick an operator or an action's owner. Only for
 * those who read the site (404 otherwise, as for the site itself).
 */
export async function listSiteStaff(db: Executor, siteId: string, actor: Actor) {
  await visibleSite(db, siteId, actor);
  const people = new Map<
    string,
    { userId: string; name: string; roles: ('site_manager' | 'site_operator')[] }
  >();
  for (const r of await repo.siteStaff(db, siteId)) {
    const p = people.get(r.id) ?? { userId: r.id, name: r.name, roles: [] };
    p.roles.push(r.role as 'site_manager' | 'site_operator');
    people.set(r.id, p);
  }
  return { items: [...people.values()] };
}
