/** SQL of equipment: machines, their status history, documents and photos. */
import { sql } from 'kysely';
import { afterKey } from '../../server/db/pagination.js';
import type { Executor } from '../../server/db/connect.js';
import type { SiteVisibility } from '../registry/registry.js';
import { siteVisibleSql } from '../sites/sites.repository.js';
import type { MachineStatus } from './equipment.contract.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function machines(db: Executor) {
  return db
    .selectFrom('machines as m')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .leftJoin('programmes as fp', 'fp.id', 'm.funding_programme_id')
    .select([
      'm.id',
      'm.site_id',
      's.code as site_code',
      's.name as site_name',
      's.cluster_id',
      'c.name as cluster_name',
      'c.programme_id',
      's.province',
      'm.code',
      'm.name',
      'm.capabilities',
      'm.capacity',
      'm.capacity_unit',
      'm.capacity_basis',
      'm.hourly_rate',
      'm.batch_rate',
      'm.specs',
      'm.acquisition_value',
      sql<string | null>`m.acquired_on::text`.as('acquired_on'),
      'm.funding_programme_id',
      'fp.name as funding_programme_name',
      'm.manufacturer',
      'm.model',
      'm.serial_number',
      'm.status',
      'm.updated_at',
    ]);
}
export type MachineRow = Awaited<
  ReturnType<ReturnType<typeof machines>['executeTakeFirstOrThrow']>
>;

export interface MachineFilters {
  siteId?: string | undefined;
  clusterId?: string | undefined;
  programmeId?: string | undefined;
  province?: string | undefined;
  status?: MachineStatus | undefined;
  capability?: string | undefined;
  q?: string | undefined;
}

export async function listMachines(
  db: Executor,
  v: SiteVisibility,
  f: MachineFilters,
  after: { name: string; id: string } | null,
  limit: number,
) {
  let q = machines(db)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .orderBy('m.name')
    .orderBy('m.id')
    .limit(limit + 1);
  if (f.siteId) q = q.where('m.site_id', '=', f.siteId);
  if (f.clusterId) q = q.where('s.cluster_id', '=', f.clusterId);
  if (f.programmeId) {
    const p = f.programmeId;
    q = q.where((eb) =>
      eb.or([eb('c.programme_id', '=', p), eb('m.funding_programme_id', '=', p)]),
    );
  }
  if (f.province) q = q.where(sql<boolean>`left(s.region_code, 2) = ${f.province}`);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.capability) q = q.where(sql<boolean>`m.capabilities @> array[${f.capability}]::text[]`);
  if (f.q) {
    // Substring match (served by the trigram indexes) or a fuzzy word match for typos.
    const like = `%${escapeLike(f.q)}%`;
    q = q.where(sql<boolean>`(m.name ilike ${like} or m.code ilike ${like} or ${f.q} <% m.name)`);
  }
  if (after) {
    const a = after;
    q = q.where(afterKey(['m.name', 'm.id'], [a.name, a.id], 'asc'));
  }
  return q.execute();
}

export const findMachine = (db: Executor, id: string, v: SiteVisibility) =>
  machines(db)
    .where('m.id', '=', id)
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .executeTakeFirst();

export const lockMachine = (db: Executor, id: string) =>
  db
    .selectFrom('machines')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const codeTaken = async (db: Executor, siteId: string, code: string, exceptId?: string) => {
  let q = db
    .selectFrom('machines')
    .select('id')
    .where('site_id', '=', siteId)
    .where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
};

export const programmeExists = async (db: Executor, id: string) =>
  !!(await db.selectFrom('programmes').select('id').where('id', '=', id).executeTakeFirst());

export interface MachineValues {
  code: string;
  name: string;
  capabilities: string[];
  capacity: { value: number; unit: string; basis: 'per_hour' | 'per_batch' } | null;
  hourlyRate: number | null;
  batchRate: number | null;
  specs: Record<string, string | number | boolean>;
  acquisitionValue: number;
  acquiredOn: string | null;
  fundingProgrammeId: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
}

const columnsOf = (m: MachineValues) => ({
  code: m.code,
  name: m.name,
  process: m.capabilities[0]!,
  capabilities: m.capabilities,
  capacity: m.capacity?.value ?? null,
  capacity_unit: m.capacity?.unit ?? null,
  capacity_basis: m.capacity?.basis ?? null,
  hourly_rate: m.hourlyRate,
  batch_rate: m.batchRate,
  specs: JSON.stringify(m.specs),
  acquisition_value: m.acquisitionValue,
  acquired_on: m.acquiredOn,
  funding_programme_id: m.fundingProgrammeId,
  manufacturer: m.manufacturer,
  model: m.model,
  serial_number: m.serialNumber,
});

export const insertMachine = (db: Executor, siteId: string, m: MachineValues, now: Date) =>
  db
    .insertInto('machines')
    .values({
      site_id: siteId,
      ...columnsOf(m),
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const updateMachine = (db: Executor, id: string, m: MachineValues, now: Date) =>
  db
    .updateTable('machines')
    .set({ ...columnsOf(m), updated_at: now })
    .where('id', '=', id)
    .execute();

export const setStatus = (db: Executor, id: string, status: MachineStatus, now: Date) =>
  db.updateTable('machines').set({ status, updated_at: now }).where('id', '=', id).execute();

export const insertStatusChange = (
  db: Executor,
  c: {
    machineId: string;
    from: MachineStatus | null;
    to: MachineStatus;
    at: Date;
    reason: string | null;
    byUserId: string | null;
    byLabel: string;
  },
) =>
  db
    .insertInto('machine_status_history')
    .values({
      machine_id: c.machineId,
      from_status: c.from,
      to_status: c.to,
      at: c.at,
      reason: c.reason,
      by_user_id: c.byUserId,
      by_label: c.byLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const statusHistoryOf = (db: Executor, machineId: string) =>
  db
    .selectFrom('machine_status_history')
    .select(['id', 'from_status', 'to_status', 'at', 'reason', 'by_label'])
    .where('machine_id', '=', machineId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** Standing outages created by the given status changes that have not ended by `now`. */
export const standingOutagesOfChanges = (
  db: Executor,
  machineId: string,
  changeIds: readonly string[],
  now: Date,
) =>
  db
    .selectFrom('bookings')
    .select('id')
    .where('machine_id', '=', machineId)
    .where('kind', '=', 'outage')
    .where('status', '=', 'confirmed')
    .where('status_change_id', 'in', [...changeIds])
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();

/** Links outages to the status change that created them. */
export const linkOutagesToChange = (db: Executor, outageIds: readonly string[], changeId: string) =>
  db
    .updateTable('bookings')
    .set({ status_change_id: changeId })
    .where('id', 'in', [...outageIds])
    .where('kind', '=', 'outage')
    .execute();

// Documents ----------------------------------------------------------------------------------

const documentColumns = [
  'd.id',
  'd.machine_id',
  'd.kind',
  'd.title',
  'd.number',
  sql<string | null>`d.issued_on::text`.as('issued_on'),
  sql<string | null>`d.expires_on::text`.as('expires_on'),
  'd.filename',
  'd.content_type',
  'd.size_bytes',
  'd.uploaded_at',
] as const;

export const insertDocument = (
  db: Executor,
  d: {
    machineId: string;
    kind: 'calibration_certificate' | 'manual' | 'warranty' | 'other';
    title: string;
    number: string | null;
    issuedOn: string | null;
    expiresOn: string | null;
    filename: string;
    contentType: string;
    file: Buffer;
    uploadedBy: string | null;
    now: Date;
  },
) =>
  db
    .insertInto('machine_documents')
    .values({
      machine_id: d.machineId,
      kind: d.kind,
      title: d.title,
      number: d.number,
      issued_on: d.issuedOn,
      expires_on: d.expiresOn,
      filename: d.filename,
      content_type: d.contentType,
      size_bytes: d.file.length,
      file: d.file,
      uploaded_by: d.uploadedBy,
      uploaded_at: d.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then(({ id }) =>
      db
        .selectFrom('machine_documents as d')
        .select(documentColumns)
        .where('d.id', '=', id)
        .executeTakeFirstOrThrow(),
    );

export const documentsOf = (db: Executor, machineId: string) =>
  db
    .selectFrom('machine_documents as d')
    .select(documentColumns)
    .where('d.machine_id', '=', machineId)
    .orderBy('d.uploaded_at', 'desc')
    .execute();

export const documentFile = (db: Executor, machineId: string, id: string) =>
  db
    .selectFrom('machine_documents as d')
    .select([...documentColumns, 'd.file'])
    .where('d.machine_id', '=', machineId)
    .where('d.id', '=', id)
    .executeTakeFirst();

export const deleteDocument = (db: Executor, machineId: string, id: string) =>
  db
    .deleteFrom('machine_documents as d')
    .where('d.machine_id', '=', machineId)
    .where('d.id', '=', id)
    .returning(documentColumns)
    .executeTakeFirst();

/** Documents expiring within `days` of each site's local today (and, optionally, already expired). */
export const expiringDocuments = (
  db: Executor,
  v: SiteVisibility,
  now: Date,
  days: number,
  includeExpired: boolean,
) =>
  db
    .selectFrom('machine_documents as d')
    .innerJoin('machines as m', 'm.id', 'd.machine_id')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .select([
      ...documentColumns,
      'm.code as machine_code',
      'm.name as machine_name',
      's.id as site_id',
      's.name as site_name',
      sql<number>`(d.expires_on - (${now}::timestamptz at time zone s.time_zone)::date)`.as(
        'days_left',
      ),
    ])
    .where('d.expires_on', 'is not', null)
    .where('m.status', '!=', 'retired')
    .where(siteVisibleSql(v, 's.id', 'c.programme_id'))
    .where(
      sql<boolean>`d.expires_on <= (${now}::timestamptz at time zone s.time_zone)::date + ${days}::int`,
    )
    .$if(!includeExpired, (q) =>
      q.where(sql<boolean>`d.expires_on >= (${now}::timestamptz at time zone s.time_zone)::date`),
    )
    .orderBy('d.expires_on')
    .orderBy('d.id')
    .limit(500)
    .execute();

// Photos -------------------------------------------------------------------------------------

const photoColumns = [
  'p.id',
  'p.machine_id',
  'p.caption',
  'p.filename',
  'p.content_type',
  'p.size_bytes',
  'p.uploaded_at',
] as const;

export const insertPhoto = (
  db: Executor,
  p: {
    machineId: string;
    caption: string | null;
    filename: string;
    contentType: string;
    file: Buffer;
    uploadedBy: string | null;
    now: Date;
  },
) =>
  db
    .insertInto('machine_photos')
    .values({
      machine_id: p.machineId,
      caption: p.caption,
      filename: p.filename,
      content_type: p.contentType,
      size_bytes: p.file.length,
      file: p.file,
      uploaded_by: p.uploadedBy,
      uploaded_at: p.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then(({ id }) =>
      db
        .selectFrom('machine_photos as p')
        .select(photoColumns)
        .where('p.id', '=', id)
        .executeTakeFirstOrThrow(),
    );

export const photosOf = (db: Executor, machineId: string) =>
  db
    .selectFrom('machine_photos as p')
    .select(photoColumns)
    .where('p.machine_id', '=', machineId)
    .orderBy('p.uploaded_at')
    .execute();

export const photoFile = (db: Executor, machineId: string, id: string) =>
  db
    .selectFrom('machine_photos as p')
    .select([...photoColumns, 'p.file'])
    .where('p.machine_id', '=', machineId)
    .where('p.id', '=', id)
    .executeTakeFirst();

export const deletePhoto = (db: Executor, machineId: string, id: string) =>
  db
    .deleteFrom('machine_photos as p')
    .where('p.machine_id', '=', machineId)
    .where('p.id', '=', id)
    .returning(photoColumns)
    .executeTakeFirst();
