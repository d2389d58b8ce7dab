/** Queueing and delivering e-mail through the outbox; reading jobs for administrators. */
import type { Executor, Db } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import type { MailTransport } from '../../server/mail/transport.js';
import type { JobSummary } from './jobs.contract.js';
import { JOB_STATES } from './jobs.contract.js';
import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from './jobs.js';
import * as repo from './jobs.repository.js';

export const OUTBOX_QUEUE = 'outbox.deliver';

export interface EmailToQueue {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Same key, same message: queueing twice stores it once. */
  dedupeKey?: string;
}

/**
 * Stores an e-mail in the outbox inside the caller's transaction: it is sent only if the change
 * that caused it commits. Delivery happens later, in a job.
 */
export async function queueEmail(
  trx: Executor,
  email: EmailToQueue,
  now: Date,
): Promise<string | null> {
  const row = await repo.insertOutbox(trx, {
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html ?? null,
    dedupeKey: email.dedupeKey ?? null,
    now,
  });
  return row?.id ?? null;
}

/** Sends every due message, one transaction each; failures are retried with backoff. */
export async function deliverDueEmails(
  db: Db,
  transport: MailTransport,
  clock: () => Date,
  limit = 100,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const now = clock();
      const m = await repo.claimDueMessage(trx, now);
      if (!m) return 'none' as const;
      const attempts = m.attempts + 1;
      try {
        await transport.send({
          id: m.id,
          to: m.to_address,
          subject: m.subject,
          text: m.body_text,
          html: m.body_html,
        });
        await repo.markSent(trx, m.id, attempts, now);
        return 'sent' as const;
      } catch (err) {
        await repo.markFailedAttempt(trx, m.id, {
          attempts,
          error: (err as Error).message,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          final: attempts >= MAX_EMAIL_ATTEMPTS,
        });
        return 'failed' as const;
      }
    });
    if (outcome === 'none') break;
    if (outcome === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function browseOutbox(db: Executor, cursor: string | undefined, limit: number) {
  const key = decodeCursor(cursor, 2);
  const rows = await repo.listOutbox(
    db,
    key ? { at: String(key[0]), id: String(key[1]) } : null,
    limit,
  );
  const page = toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      sentAt: iso(r.sent_at),
      lastError: r.last_error,
    })),
  };
}

export async function browseJobs(
  db: Executor,
  input: {
    cursor?: string | undefined;
    limit: number;
    queue?: string | undefined;
    state?: string | undefined;
  },
) {
  const key = decodeCursor(input.cursor, 2);
  const rows = await repo.listJobs(db, {
    queue: input.queue,
    state: input.state,
    before: key ? { at: String(key[0]), id: String(key[1]) } : null,
    limit: input.limit,
  });
  const page = toPage(rows, input.limit, (r) => [r.created_on.toISOString(), r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r): JobSummary => ({
      id: r.id,
      queue: r.name,
      state: (JOB_STATES as readonly string[]).includes(r.state)
        ? (r.state as JobSummary['state'])
        : 'created',
      retryCount: r.retry_count,
      retryLimit: r.retry_limit,
      createdAt: r.created_on.toISOString(),
      startedAt: iso(r.started_on),
      completedAt: iso(r.completed_on),
      lastError: r.state === 'failed' || r.state === 'retry' ? errorText(r.output) : null,
    })),
  };
}

function errorText(output: unknown): string | null {
  if (!output) return null;
  if (typeof output === 'object' && output && 'message' in output)
    return String((output as { message: unknown }).message);
  return JSON.stringify(output).slice(0, 500);
}
