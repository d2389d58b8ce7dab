/**
 * Recording and reading the audit log. `recordAudit` is called by every use case that changes
 * data, with the same transaction, so a change and its audit row commit or roll back together.
 */
import { actorLabel, type ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import type { AuditEntry } from './audit.contract.js';
import { insertAudit, insertAudits, listAudit, type AuditInsert } from './audit.repository.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(
  trx: Executor,
  ctx: ServiceContext,
  change: AuditChange,
): Promise<void> {
  await insertAudit(trx, auditRowOf(ctx, change));
}

/** Several changes of one use case, in this order, in one statement (a bulk change's rows). */
export async function recordAudits(
  trx: Executor,
  ctx: ServiceContext,
  changes: readonly AuditChange[],
): Promise<void> {
  await insertAudits(
    trx,
    changes.map((c) => auditRowOf(ctx, c)),
  );
}

/**
 * The audit row of a change, for a use case that writes it in the same statement as the change
 * itself (one atomic statement instead of a transaction of two).
 */
export function auditRowOf(ctx: ServiceContext, change: AuditChange): AuditInsert {
  return {
    actorUserId: ctx.actor && ctx.actor.via !== 'system' ? ctx.actor.userId : null,
    actorLabel: ctx.actor?.via === 'cli' ? `cli:${ctx.actor.email}` : actorLabel(ctx),
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    at: ctx.now,
  };
}

export interface AuditQueryInput {
  cursor?: string | undefined;
  limit: number;
  action?: string | undefined;
  entityType?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function browseAudit(db: Executor, input: AuditQueryInput) {
  const key = decodeCursor(input.cursor, 2);
  const rows = await listAudit(db, {
    limit: input.limit,
    ...(input.action ? { action: input.action } : {}),
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.actor ? { actor: input.actor } : {}),
    ...(input.from ? { from: new Date(input.from) } : {}),
    ...(input.to ? { to: new Date(input.to) } : {}),
    ...(key ? { before: { at: String(key[0]), id: String(key[1]) } } : {}),
  });
  const page = toPage(rows, input.limit, (r) => [r.at.toISOString(), r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r): AuditEntry => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actor_user_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
  };
}
