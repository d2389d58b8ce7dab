/** The background jobs of RPB and what runs them (the composition root for workers). */
import { OVERDUE_QUEUE, queueOverdueReminders } from '../../features/billing/billing.service.js';
import { BOOKINGS_QUEUE, bookingsTick } from '../../features/bookings/bookings.service.js';
import { deleteExpiredSessions } from '../../features/accounts/accounts.repository.js';
import { deliverDueEmails, OUTBOX_QUEUE } from '../../features/jobs/jobs.service.js';
import {
  queueExpiryReminders,
  REMINDERS_QUEUE,
} from '../../features/qualifications/qualifications.service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { MailTransport } from '../mail/transport.js';
import type { JobDefinition } from './queue.js';

export function jobDefinitions(
  db: Db,
  mail: MailTransport,
  clock: Clock,
): Record<string, JobDefinition> {
  return {
    [OUTBOX_QUEUE]: {
      // Also sent right after a use case queues an e-mail; the cron catches retries.
      cron: '* * * * *',
      retryLimit: 3,
      handler: () => deliverDueEmails(db, mail, () => clock.now()),
    },
    'sessions.cleanup': {
      cron: '17 * * * *',
      handler: async () => {
        const res = await deleteExpiredSessions(db, clock.now());
        return { deleted: Number(res.numDeletedRows) };
      },
    },
    [BOOKINGS_QUEUE]: {
      // Every minute: expired wait-list offers move on, no-shows are marked and their time
      // released, reminders go out a day ahead. Idempotent: each step re-reads under a lock.
      cron: '* * * * *',
      handler: () => bookingsTick(db, clock.now()),
    },
    [OVERDUE_QUEUE]: {
      // Daily at 02:00 UTC (09:00 WIB): overdue invoices, one reminder a week each.
      cron: '0 2 * * *',
      handler: () => queueOverdueReminders(db, clock.now()),
    },
    [REMINDERS_QUEUE]: {
      // Daily at 01:00 UTC (08:00 WIB): certificates, machine documents and qualifications
      // close to expiry; each reminder is queued once (dedupe keys), so a rerun is harmless.
      cron: '0 1 * * *',
      handler: () => queueExpiryReminders(db, clock.now()),
    },
  };
}
