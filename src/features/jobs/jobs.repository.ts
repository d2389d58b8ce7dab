/** SQL for the e-mail outbox and for reading pg-boss's job table. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';

export const insertOutbox = (
  db: Executor,
  m: {
    to: string;
    subject: string;
    text: string;
    html: string | null;
    dedupeKey: string | null;
    now: Date;
  },
) =>
  db
    .insertInto('outbox_messages')
    .values({
      to_address: m.to,
      subject: m.subject,
      body_text: m.text,
      body_html: m.html,
      dedupe_key: m.dedupeKey,
      created_at: m.now,
      next_attempt_at: m.now,
    })
    // The dedupe key makes queueing idempotent: the same notification is stored once.
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();

/** Claims one due message; other workers skip it while this transaction holds it. */
export const claimDueMessage = (db: Executor, now: Date) =>
  db
    .selectFrom('outbox_messages')
    .select(['id', 'to_address', 'subject', 'body_text', 'body_html', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();

export const markSent = (db: Executor, id: string, attempts: number, now: Date) =>
  db
    .updateTable('outbox_messages')
    .set({ status: 'sent', sent_at: now, attempts, last_error: null })
    .where('id', '=', id)
    .execute();

export const markFailedAttempt = (
  db: Executor,
  id: string,
  f: { attempts: number; error: string; nextAttemptAt: Date; final: boolean },
) =>
  db
    .updateTable('outbox_messages')
    .set({
      attempts: f.attempts,
      last_error: f.error.slice(0, 1000),
      next_attempt_at: f.nextAttemptAt,
      status: f.final ? 'failed' : 'pending',
    })
    .where('id', '=', id)
    .execute();

export async function listOutbox(
  db: Executor,
  before: { at: string; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('outbox_messages')
    .select([
      'id',
      'to_address',
      'subject',
      'status',
      'attempts',
      'created_at',
      'sent_at',
      'last_error',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(before.at)),
        eb.and([eb('created_at', '=', new Date(before.at)), eb('id', '<', before.id)]),
      ]),
    );
  }
  return q.execute();
}

export interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: unknown;
}

/** pg-boss's job table (schema `pgboss`), newest first; empty when pg-boss never started here. */
export async function listJobs(
  db: Executor,
  f: {
    queue?: string | undefined;
    state?: string | undefined;
    before: { at: string; id: string } | null;
    limit: number;
  },
): Promise<JobRow[]> {
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass('pgboss.job')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const rows = await sql<JobRow>`
    select id::text, name, state::text, retry_count, retry_limit, created_on, started_on, completed_on, output
    from pgboss.job
    where left(name, 8) <> '__pgboss' -- pg-boss's own bookkeeping queues
      and (${f.queue ?? null}::text is null or name = ${f.queue ?? null})
      and (${f.state ?? null}::text is null or state::text = ${f.state ?? null})
      and (${f.before?.at ?? null}::timestamptz is null
           or (created_on, id::text) < (${f.before?.at ?? null}::timestamptz, ${f.before?.id ?? null}::text))
    order by created_on desc, id desc
    limit ${f.limit + 1}`.execute(db);
  return rows.rows;
}
