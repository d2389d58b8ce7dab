/**
 * Use cases of toll processing (maklon). Site staff (managers and operators) and administrators
 * receive material, run jobs and hand lots back; members see their own lots and jobs;
 * programme officers read their programme's sites. A lot's quality status is never set here:
 * new lots get it from the quality gate (quality.service), and leaving custody asks the gate.
 */
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { idsOrNone } from '../../server/db/scope.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertLotMayLeave, statusForNewLot } from '../quality/quality.service.js';
import {
  lotCode,
  massBalanceProblem,
  ownerShares,
  splitOutput,
  yieldPercent,
} from '../quality/quality.js';
import { siteVisibility } from '../registry/registry.js';
import { visibleSite } from '../sites/sites.service.js';
import type { IntakeRequest, Job, Lot, LotSummary } from './toll.contract.js';
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
    const sites = await db
      .selectFrom('sites as s')
      .innerJoin('clusters as c', 'c.id', 's.cluster_id')
      .select('s.id')
      .where((eb) =>
        eb.or([
          eb('s.id', 'in', idsOrNone(v.siteIds)),
          eb('c.programme_id', 'in', idsOrNone(v.programmeIds)),
        ]),
      )
      .execute();
    return { siteIds: sites.map((s) => s.id), ownerIds: null };
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

export function toSummary(r: repo.LotRow): LotSummary {
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
      staff && (r.status === 'released' || r.status === 'downgraded') && kg(r.remaining_kg) > 0,
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

export async function stock(
  db: Executor,
  q: { siteId: string; ownerOrgId?: string | undefined },
  actor: Actor,
) {
  const scope = await lotScope(db, actor);
  if (scope.siteIds && !scope.siteIds.includes(q.siteId)) throw new DomainError('site_not_found');
  const rows = (await repo.stockOf(db, q.siteId, q.ownerOrgId)).filter(
    (r) => !scope.ownerIds || (r.owner_org_id !== null && scope.ownerIds.includes(r.owner_org_id)),
  );
  const groups = new Map<
    string,
    {
      ownerOrgId: string | null;
      ownerName: string | null;
      productType: string;
      productName: string;
      kg: number;
      lots: number;
    }
  >();
  for (const r of rows) {
    const key = `${r.owner_org_id ?? 'pooled'}:${r.product_type}`;
    const g = groups.get(key) ?? {
      ownerOrgId: r.owner_org_id,
      ownerName: r.owner_name,
      productType: r.product_type,
      productName: r.product_name,
      kg: 0,
      lots: 0,
    };
    g.kg = Math.round((g.kg + kg(r.remaining_kg)) * 1000) / 1000;
    g.lots++;
    groups.set(key, g);
  }
  return {
    items: [...groups.values()]
      .filter((g) => g.kg > 0)
      .sort((a, b) => (a.ownerName ?? '').localeCompare(b.ownerName ?? '')),
  };
}

// Jobs -----------------------------------------------------------------------------------------

async function presentJobs(db: Executor, rows: repo.JobRow[]): Promise<Job[]> {
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
    };
  });
}

async function readableJob(db: Executor, id: string, actor: Actor) {
  const j = await repo.findJob(db, id);
  if (!j) throw tollError('job_not_found');
  const scope = await lotScope(db, actor);
  if (scope.siteIds && !scope.siteIds.includes(j.site_id)) throw tollError('job_not_found');
  if (scope.ownerIds) {
    const ins = await repo.inputsOf(db, [j.id]);
    if (!ins.some((i) => i.owner_org_id && scope.ownerIds!.includes(i.owner_org_id)))
      throw tollError('job_not_found');
  }
  return j;
}

export async function getJob(db: Executor, id: string, actor: Actor) {
  return (await presentJobs(db, [await readableJob(db, id, actor)]))[0]!;
}

export async function browseJobs(
  db: Executor,
  q: {
    siteId?: string | undefined;
    status?: 'open' | 'completed' | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
) {
  const scope = await lotScope(db, actor);
  if (scope.ownerIds) return { items: [], nextCursor: null };
  const key = decodeCursor(q.cursor, 2);
  const rows = await repo.listJobs(
    db,
    { siteIds: scope.siteIds, siteId: q.siteId, status: q.status },
    key ? { at: new Date(String(key[0])), id: String(key[1]) } : null,
    q.limit,
  );
  const page = toPage(rows, q.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: await presentJobs(db, page.items), nextCursor: page.nextCursor };
}

/** Opens a job on a booking and consumes its inputs (owners never mix unless pooled). */
export async function startJob(
  trx: Executor,
  input: {
    bookingId: string;
    inputs: { lotId: string; kg: number }[];
    pooled: boolean;
    notes: string | null;
  },
  ctx: UserCtx,
) {
  const b = await repo.bookingFor(trx, input.bookingId);
  if (!b || b.kind !== 'booking' || ['cancelled', 'rejected', 'expired'].includes(b.status))
    throw tollError('job_booking_invalid');
  await staffSite(trx, b.site_id, ctx.actor);
  const owners = new Set<string>();
  for (const i of input.inputs) {
    await repo.lockLot(trx, i.lotId);
    const lot = await repo.findLot(trx, i.lotId);
    if (!lot) throw tollError('lot_not_found');
    if (lot.site_id !== b.site_id) throw tollError('input_other_site', { code: lot.code });
    const remaining = kg(lot.remaining_kg);
    // Material may be processed while in quarantine (incoming inspection pending is the site's
    // call) but never when rejected, consumed or gone.
    if (['rejected', 'consumed', 'handed_over'].includes(lot.status) || i.kg > remaining + 1e-9)
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
  let jobId: string;
  try {
    jobId = await repo.insertJob(trx, {
      site_id: b.site_id,
      booking_id: b.id,
      machine_id: b.machine_id,
      process: b.capabilities[0] ?? 'other',
      pooled: input.pooled,
      status: 'open',
      operator_user_id: b.operator_user_id ?? b.checked_in_by ?? ctx.actor.userId,
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
  const node = (r: { lot_id: string; depth: number; via_job_id: string | null }) => {
    const l = all.find((x) => x.id === r.lot_id)!;
    const j = jobs.find((x) => x.id === r.via_job_id);
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
  let ids: string[];
  if (q.lotId) {
    const lot = await readableLot(db, q.lotId, actor);
    ids = (await repo.downstreamOf(db, [lot.id])).rows.map((r) => r.lot_id);
  } else {
    const from = q.from ? new Date(q.from) : new Date(0);
    const to = q.to ? new Date(q.to) : new Date('2100-01-01T00:00:00Z');
    const direct = (await repo.lotsOfMachine(db, q.machineId!, from, to)).map((r) => r.id);
    ids = [
      ...new Set([...direct, ...(await repo.downstreamOf(db, direct)).rows.map((r) => r.lot_id)]),
    ];
  }
  const rows = (await repo.findLots(db, ids)).filter(
    (l) => !scope.siteIds || scope.siteIds.includes(l.site_id),
  );
  const handovers = await repo.handoversOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const hs = handovers.filter((h) => h.lot_id === r.id);
      return {
        ...toSummary(r),
        handedOverKg: round3(hs.reduce((a, h) => a + kg(h.kg), 0)),
        handedTo: [...new Set(hs.map((h) => h.to_name))],
      };
    }),
  };
}
