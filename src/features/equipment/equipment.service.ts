/**
 * Use cases of equipment. Reading follows the site's visibility (siteVisibility): a machine at
 * a site the actor cannot see does not exist for them (404). Administrators and the site's
 * managers change machines, documents and photos; its operators change only the status.
 * Every status change writes a history row and an audit row in the same transaction. Taking a
 * machine out of service (maintenance, broken, retired) goes through the bookings outage flow,
 * so no booking is left silently confirmed on a machine that cannot run.
 */
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { DomainError } from '../../server/domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { conflictsOf } from '../bookings/bookings.repository.js';
import { createOutage, liftOutage } from '../bookings/bookings.service.js';
import { siteVisibility } from '../registry/registry.js';
import { canManageSite, sitePowers } from '../sites/sites.js';
import { manageableSite } from '../sites/sites.service.js';
import type {
  ChangeStatusResult,
  CreateMachineRequest,
  Machine,
  MachineDocument,
  MachinePhoto,
  MachineStatus,
  UpdateMachineRequest,
} from './equipment.contract.js';
import { equipmentError } from './equipment.errors.js';
import * as repo from './equipment.repository.js';
import {
  acceptFile,
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  safeFileName,
  type Upload,
} from '../../server/files/files.js';
import { checkStatusChange } from './equipment.js';

type UserCtx = ServiceContext & { actor: Actor };

const num = (s: string | null) => (s === null ? null : Number(s));

function toMachine(r: repo.MachineRow): Machine {
  return {
    id: r.id,
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    programmeId: r.programme_id,
    province: r.province,
    code: r.code,
    name: r.name,
    capabilities: r.capabilities as Machine['capabilities'],
    capacity:
      r.capacity !== null && r.capacity_unit !== null && r.capacity_basis !== null
        ? { value: Number(r.capacity), unit: r.capacity_unit, basis: r.capacity_basis }
        : null,
    hourlyRate: num(r.hourly_rate),
    batchRate: num(r.batch_rate),
    specs: r.specs as Machine['specs'],
    acquisitionValue: Number(r.acquisition_value),
    acquiredOn: r.acquired_on,
    fundingProgrammeId: r.funding_programme_id,
    fundingProgrammeName: r.funding_programme_name,
    manufacturer: r.manufacturer,
    model: r.model,
    serialNumber: r.serial_number,
    status: r.status,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function browseEquipment(
  db: Executor,
  actor: Actor,
  input: repo.MachineFilters & { cursor?: string | undefined; limit: number },
) {
  const key = decodeCursor(input.cursor, 2);
  const { cursor: _c, limit, ...filters } = input;
  const rows = await repo.listMachines(
    db,
    siteVisibility(actor),
    filters,
    key ? { name: String(key[0]), id: String(key[1]) } : null,
    limit,
  );
  const page = toPage(rows, limit, (r) => [r.name, r.id]);
  return { nextCursor: page.nextCursor, items: page.items.map(toMachine) };
}

async function visibleMachine(db: Executor, id: string, actor: Actor) {
  const row = await repo.findMachine(db, id, siteVisibility(actor));
  if (!row) throw equipmentError('machine_not_found');
  return row;
}

async function manageableMachine(db: Executor, id: string, actor: Actor) {
  const row = await visibleMachine(db, id, actor);
  if (!canManageSite(sitePowers(actor), row.site_id)) throw new DomainError('forbidden');
  return row;
}

export const getMachine = async (db: Executor, id: string, actor: Actor) =>
  toMachine(await visibleMachine(db, id, actor));

async function checkReferences(
  trx: Executor,
  siteId: string,
  v: { code: string; fundingProgrammeId: string | null },
  exceptId?: string,
) {
  if (await repo.codeTaken(trx, siteId, v.code, exceptId))
    throw equipmentError('machine_code_taken', { code: v.code });
  if (v.fundingProgrammeId && !(await repo.programmeExists(trx, v.fundingProgrammeId)))
    throw equipmentError('funding_programme_not_found', { programmeId: v.fundingProgrammeId });
}

export async function createMachine(
  trx: Executor,
  siteId: string,
  input: CreateMachineRequest,
  ctx: UserCtx,
): Promise<Machine> {
  const site = await manageableSite(trx, siteId, ctx.actor);
  await checkReferences(trx, site.id, input);
  const { id } = await repo.insertMachine(trx, site.id, input, ctx.now);
  await repo.insertStatusChange(trx, {
    machineId: id,
    from: null,
    to: 'active',
    at: ctx.now,
    reason: null,
    byUserId: ctx.actor.userId,
    byLabel: ctx.actor.email,
  });
  const machine = await getMachine(trx, id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'machine.create',
    entityType: 'machine',
    entityId: id,
    after: machine,
  });
  return machine;
}

export async function updateMachine(
  trx: Executor,
  id: string,
  input: UpdateMachineRequest,
  ctx: UserCtx,
): Promise<Machine> {
  await repo.lockMachine(trx, id);
  const before = toMachine(await manageableMachine(trx, id, ctx.actor));
  const pick = <K extends keyof UpdateMachineRequest & keyof Machine>(k: K) =>
    (input[k] !== undefined ? input[k] : before[k]) as
      NonNullable<UpdateMachineRequest[K]> | Machine[K];
  const next: repo.MachineValues = {
    code: pick('code') as string,
    name: pick('name') as string,
    capabilities: pick('capabilities') as string[],
    capacity: pick('capacity') as repo.MachineValues['capacity'],
    hourlyRate: pick('hourlyRate') as number | null,
    batchRate: pick('batchRate') as number | null,
    specs: pick('specs') as repo.MachineValues['specs'],
    acquisitionValue: pick('acquisitionValue') as number,
    acquiredOn: pick('acquiredOn') as string | null,
    fundingProgrammeId: pick('fundingProgrammeId') as string | null,
    manufacturer: pick('manufacturer') as string | null,
    model: pick('model') as string | null,
    serialNumber: pick('serialNumber') as string | null,
  };
  await checkReferences(trx, before.siteId, next, id);
  await repo.updateMachine(trx, id, next, ctx.now);
  const after = await getMachine(trx, id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'machine.update',
    entityType: 'machine',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function changeStatus(
  trx: Executor,
  id: string,
  input: { status: MachineStatus; reason: string | null; outageUntil?: string | null | undefined },
  ctx: UserCtx,
): Promise<ChangeStatusResult> {
  await repo.lockMachine(trx, id);
  const m = await visibleMachine(trx, id, ctx.actor);
  const verdict = checkStatusChange(
    sitePowers(ctx.actor),
    m.site_id,
    m.status,
    input.status,
    input.reason,
  );
  if (!verdict.ok) {
    if (verdict.reason === 'unchanged')
      throw equipmentError('status_unchanged', { status: m.status });
    if (verdict.reason === 'reason_required')
      throw equipmentError('status_reason_required', { status: input.status });
    throw equipmentError('status_change_forbidden', { from: m.status, to: input.status });
  }
  const until = input.outageUntil ? Date.parse(input.outageUntil) : null;
  if (
    until !== null &&
    ((input.status !== 'maintenance' && input.status !== 'broken') || until <= ctx.now.getTime())
  )
    throw equipmentError('status_outage_until_invalid', { status: input.status });
  // The changes since the machine was last active: the outages they created are lifted on the
  // way back to active (a retired machine's are history).
  const history = await repo.statusHistoryOf(trx, id);
  const lastActive = history.findIndex((h) => h.to_status === 'active');
  const sinceActive = history.slice(0, lastActive < 0 ? history.length : lastActive);
  await repo.setStatus(trx, id, input.status, ctx.now);
  const change = await repo.insertStatusChange(trx, {
    machineId: id,
    from: m.status,
    to: input.status,
    at: ctx.now,
    reason: input.reason,
    byUserId: ctx.actor.userId,
    byLabel: ctx.actor.email,
  });
  const result: Pick<ChangeStatusResult, 'outages' | 'lifted' | 'affected'> = {
    outages: [],
    lifted: [],
    affected: [],
  };
  if (input.status === 'active') {
    if (m.status !== 'retired' && sinceActive.length > 0)
      for (const o of await repo.standingOutagesOfChanges(
        trx,
        id,
        sinceActive.map((h) => h.id),
        ctx.now,
      )) {
        await liftOutage(trx, o.id, ctx);
        result.lifted.push(o.id);
      }
  } else {
    const out = await takeOutOfService(trx, m.id, input.status, input.reason, until, ctx);
    if (out.outages.length)
      await repo.linkOutagesToChange(
        trx,
        out.outages.map((o) => o.id),
        change.id,
      );
    result.outages = out.outages;
    result.affected = out.affected;
  }
  await recordAudit(trx, ctx, {
    action: 'machine.status_change',
    entityType: 'machine',
    entityId: id,
    before: { status: m.status },
    after: {
      status: input.status,
      reason: input.reason,
      outageUntil: input.outageUntil ?? null,
      outages: result.outages.map((o) => o.id),
      lifted: result.lifted,
      displaced: result.affected.map((a) => a.booking.id),
    },
  });
  return { ...(await getMachine(trx, id, ctx.actor)), ...result };
}

const OUT_OF_SERVICE_HORIZON_MS = 5 * 366 * 24 * 3600_000;
const DEFAULT_OUTAGE_REASON = {
  maintenance: 'Mesin dalam perawatan',
  broken: 'Mesin rusak',
  retired: 'Mesin tidak lagi dipakai (pensiun)',
} as const;

/**
 * Takes a machine out of service from now through the bookings outage flow (createOutage
 * displaces the bookings, notifies their members through the outbox and proposes equivalent
 * machines). The period is [now, until) when stated; otherwise open — up to the end of the last
 * booking still holding the machine (nothing to do when there is none: a machine that is not
 * active takes no new booking). Standing outages are kept: new ones fill the gaps between them.
 * A retired machine is out for good: every future booking is displaced.
 */
async function takeOutOfService(
  trx: Executor,
  machineId: string,
  status: 'maintenance' | 'broken' | 'retired',
  reason: string | null,
  until: number | null,
  ctx: UserCtx,
): Promise<Pick<ChangeStatusResult, 'outages' | 'affected'>> {
  const now = ctx.now.getTime();
  const holding = await conflictsOf(
    trx,
    machineId,
    ctx.now,
    new Date(Math.max(until ?? 0, now + OUT_OF_SERVICE_HORIZON_MS)),
  );
  const bookings = holding.filter((h) => h.kind === 'booking');
  const end = until ?? Math.max(0, ...bookings.map((b) => b.ends_at.getTime()));
  const gaps: { start: number; end: number }[] = [];
  let cursor = now;
  for (const o of holding.filter((h) => h.kind === 'outage')) {
    if (cursor >= end) break;
    const start = o.starts_at.getTime();
    if (start > cursor) gaps.push({ start: cursor, end: Math.min(start, end) });
    cursor = Math.max(cursor, o.ends_at.getTime());
  }
  if (cursor < end) gaps.push({ start: cursor, end });
  const out: Pick<ChangeStatusResult, 'outages' | 'affected'> = { outages: [], affected: [] };
  const text =
    status === 'retired'
      ? `${DEFAULT_OUTAGE_REASON.retired}: ${reason ?? ''}`.replace(/: $/, '')
      : reason?.trim() || DEFAULT_OUTAGE_REASON[status];
  for (const gap of gaps) {
    // An open period only needs outages where bookings are in the way.
    if (
      until === null &&
      !bookings.some((b) => b.starts_at.getTime() < gap.end && b.ends_at.getTime() > gap.start)
    )
      continue;
    const r = await createOutage(
      trx,
      machineId,
      {
        kind: status === 'broken' ? 'breakdown' : 'maintenance',
        startsAt: new Date(gap.start).toISOString(),
        endsAt: new Date(gap.end).toISOString(),
        reason: text,
      },
      ctx,
    );
    out.outages.push(r.outage);
    out.affected.push(...r.affected);
  }
  return out;
}

export async function statusHistory(db: Executor, id: string, actor: Actor) {
  const m = await visibleMachine(db, id, actor);
  const rows = await repo.statusHistoryOf(db, m.id);
  return {
    items: rows.map((r) => ({
      from: r.from_status,
      to: r.to_status,
      at: r.at.toISOString(),
      reason: r.reason,
      by: r.by_label,
    })),
  };
}

// Files --------------------------------------------------------------------------------------

const toDocument = (r: Awaited<ReturnType<typeof repo.documentsOf>>[number]): MachineDocument => ({
  id: r.id,
  machineId: r.machine_id,
  kind: r.kind,
  title: r.title,
  number: r.number,
  issuedOn: r.issued_on,
  expiresOn: r.expires_on,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  uploadedAt: r.uploaded_at.toISOString(),
});

export async function uploadDocument(
  trx: Executor,
  machineId: string,
  fields: {
    kind: MachineDocument['kind'];
    title: string;
    number?: string | undefined;
    issuedOn?: string | undefined;
    expiresOn?: string | undefined;
  },
  file: Upload,
  ctx: UserCtx,
): Promise<MachineDocument> {
  const m = await manageableMachine(trx, machineId, ctx.actor);
  if (fields.issuedOn && fields.expiresOn && fields.expiresOn < fields.issuedOn)
    throw equipmentError('document_dates_invalid');
  const contentType = acceptFile(file, MAX_DOCUMENT_BYTES, DOCUMENT_TYPES);
  const row = await repo.insertDocument(trx, {
    machineId: m.id,
    kind: fields.kind,
    title: fields.title,
    number: fields.number ?? null,
    issuedOn: fields.issuedOn ?? null,
    expiresOn: fields.expiresOn ?? null,
    filename: safeFileName(file.filename),
    contentType,
    file: file.bytes,
    uploadedBy: ctx.actor.userId,
    now: ctx.now,
  });
  const doc = toDocument(row);
  await recordAudit(trx, ctx, {
    action: 'machine.document_upload',
    entityType: 'machine',
    entityId: m.id,
    after: doc,
  });
  return doc;
}

export async function listDocuments(db: Executor, machineId: string, actor: Actor) {
  const m = await visibleMachine(db, machineId, actor);
  return { items: (await repo.documentsOf(db, m.id)).map(toDocument) };
}

export async function documentFile(db: Executor, machineId: string, id: string, actor: Actor) {
  const m = await visibleMachine(db, machineId, actor);
  const row = await repo.documentFile(db, m.id, id);
  if (!row) throw equipmentError('document_not_found');
  return { filename: row.filename, contentType: row.content_type, bytes: row.file };
}

export async function deleteDocument(trx: Executor, machineId: string, id: string, ctx: UserCtx) {
  const m = await manageableMachine(trx, machineId, ctx.actor);
  const row = await repo.deleteDocument(trx, m.id, id);
  if (!row) throw equipmentError('document_not_found');
  await recordAudit(trx, ctx, {
    action: 'machine.document_delete',
    entityType: 'machine',
    entityId: m.id,
    before: toDocument(row),
  });
}

export async function expiringDocuments(
  db: Executor,
  actor: Actor,
  now: Date,
  days: number,
  includeExpired: boolean,
) {
  const rows = await repo.expiringDocuments(db, siteVisibility(actor), now, days, includeExpired);
  return {
    items: rows.map((r) => ({
      ...toDocument(r),
      machineCode: r.machine_code,
      machineName: r.machine_name,
      siteId: r.site_id,
      siteName: r.site_name,
      daysLeft: Number(r.days_left),
    })),
  };
}

const toPhoto = (r: Awaited<ReturnType<typeof repo.photosOf>>[number]): MachinePhoto => ({
  id: r.id,
  machineId: r.machine_id,
  caption: r.caption,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  uploadedAt: r.uploaded_at.toISOString(),
});

export async function uploadPhoto(
  trx: Executor,
  machineId: string,
  fields: { caption?: string | undefined },
  file: Upload,
  ctx: UserCtx,
): Promise<MachinePhoto> {
  const m = await manageableMachine(trx, machineId, ctx.actor);
  const contentType = acceptFile(file, MAX_PHOTO_BYTES, PHOTO_TYPES);
  const photo = toPhoto(
    await repo.insertPhoto(trx, {
      machineId: m.id,
      caption: fields.caption ?? null,
      filename: safeFileName(file.filename),
      contentType,
      file: file.bytes,
      uploadedBy: ctx.actor.userId,
      now: ctx.now,
    }),
  );
  await recordAudit(trx, ctx, {
    action: 'machine.photo_upload',
    entityType: 'machine',
    entityId: m.id,
    after: photo,
  });
  return photo;
}

export async function listPhotos(db: Executor, machineId: string, actor: Actor) {
  const m = await visibleMachine(db, machineId, actor);
  return { items: (await repo.photosOf(db, m.id)).map(toPhoto) };
}

export async function photoFile(db: Executor, machineId: string, id: string, actor: Actor) {
  const m = await visibleMachine(db, machineId, actor);
  const row = await repo.photoFile(db, m.id, id);
  if (!row) throw equipmentError('photo_not_found');
  return { filename: row.filename, contentType: row.content_type, bytes: row.file };
}

export async function deletePhoto(trx: Executor, machineId: string, id: string, ctx: UserCtx) {
  const m = await manageableMachine(trx, machineId, ctx.actor);
  const row = await repo.deletePhoto(trx, m.id, id);
  if (!row) throw equipmentError('photo_not_found');
  await recordAudit(trx, ctx, {
    action: 'machine.photo_delete',
    entityType: 'machine',
    entityId: m.id,
    before: toPhoto(row),
  });
}
