/** SQL for the append-only audit log. */
import type { Executor } from '../../server/db/connect.js';

export interface AuditInsert {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  at: Date;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The columns of an audit row. */
const auditColumns = (row: AuditInsert) => ({
  at: row.at,
  actor_user_id: row.actorUserId,
  actor_label: row.actorLabel,
  action: row.action,
  entity_type: row.entityType,
  entity_id: row.entityId,
  before: json(row.before),
  after: json(row.after),
  request_id: row.requestId,
  ip: row.ip,
});

export async function insertAudit(db: Executor, row: AuditInsert): Promise<void> {
  await db.insertInto('audit_log').values(auditColumns(row)).execute();
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  /** Keyset: rows strictly older than this (at, id). */
  before?: { at: string; id: string };
  limit: number;
}

export async function listAudit(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_user_id',
      'actor_label',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
    ])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.action) q = q.where('action', 'like', `${escapeLike(f.action)}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.actor) q = q.where('actor_label', 'ilike', `%${escapeLike(f.actor)}%`);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([
        eb('at', '<', new Date(b.at)),
        eb.and([eb('at', '=', new Date(b.at)), eb('id', '<', b.id as never)]),
      ]),
    );
  }
  return q.execute();
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
