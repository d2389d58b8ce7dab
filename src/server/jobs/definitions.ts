/** The background jobs of RPB and what runs them (the composition root for workers). */
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
    [REMINDERS_QUEUE]: {
      // Daily at 01:00 UTC (08:00 WIB): certificates, machine documents and qualifications
      // close to expiry; each reminder is queued once (dedupe keys), so a rerun is harmless.
      cron: '0 1 * * *',
      handler: () => queueExpiryReminders(db, clock.now()),
    },
  };
}
