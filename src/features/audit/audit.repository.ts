/** SQL for the append-only audit log. */
import { sql, type RawBuilder } from 'kysely';
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

/** The columns an audit list shows. */
const LISTED_COLUMNS = [
  'at',
  'actor_user_id',
  'actor_label',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
] as const;

/** The columns an audit row is inserted with. */
export const AUDIT_COLUMNS = [...LISTED_COLUMNS, 'request_id', 'ip'] as const;

/** One audit row (through insertAudits: the same statement whatever the number of rows). */
export const insertAudit = (db: Executor, row: AuditInsert): Promise<void> =>
  insertAudits(db, [row]);

/**
 * The select of audit rows sent as ONE jsonb parameter, in their order (their ids follow it):
 * a multi-row VALUES takes ten parameters a row, and a statement at most 65,535 — a bound a bulk
 * change must not have. `also` may join the rows to a CTE (e.g. keep those of inserted rows).
 */
export const auditRowsSelect = (rows: readonly AuditInsert[], also: RawBuilder<unknown> = sql``) =>
  sql`select v.at, v.actor_user_id, v.actor_label, v.action, v.entity_type, v.entity_id,
        v.before, v.after, v.request_id, v.ip
      from rows from (jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          at: r.at,
          actor_user_id: r.actorUserId,
          actor_label: r.actorLabel,
          action: r.action,
          entity_type: r.entityType,
          entity_id: r.entityId,
          before: r.before ?? null,
          after: r.after ?? null,
          request_id: r.requestId,
          ip: r.ip,
        })),
      )}::jsonb) as (at timestamptz, actor_user_id uuid, actor_label text, action text,
        entity_type text, entity_id text, before jsonb, after jsonb, request_id text, ip text))
        with ordinality as v(at, actor_user_id, actor_label, action, entity_type, entity_id,
          before, after, request_id, ip, n)
      ${also}
      order by v.n`;

/** Several audit rows in one statement, in the given order. */
export async function insertAudits(db: Executor, rows: readonly AuditInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('audit_log')
    .columns([...AUDIT_COLUMNS])
    .expression(auditRowsSelect(rows))
    .execute();
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
    .select(['id', ...LISTED_COLUMNS])
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
