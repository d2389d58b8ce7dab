/** Building a use case's context from a request, and running it in one transaction. */
import type { FastifyRequest } from 'fastify';
import type { Actor, ServiceContext } from '../context.js';
import type { Trx } from '../db/connect.js';
import { transaction } from '../db/transaction.js';
import { DomainError } from '../domain-error.js';

export function contextOf(request: FastifyRequest): ServiceContext {
  return {
    actor: request.actor,
    now: request.server.deps.clock.now(),
    requestId: request.id,
    ip: request.ip,
  };
}

/** For routes whose access requires a user: the context with a non-null actor. */
export function userContextOf(request: FastifyRequest): ServiceContext & { actor: Actor } {
  const ctx = contextOf(request);
  if (!ctx.actor) throw new DomainError('unauthenticated');
  return ctx as ServiceContext & { actor: Actor };
}

/**
 * One use case, one transaction: the change and its audit rows commit together or not at all
 * (run again if PostgreSQL aborted it to break a deadlock, see db/transaction.ts).
 */
export function inTransaction<T>(
  request: FastifyRequest,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  return transaction(request.server.deps.db, fn);
}
