/** API shapes of background jobs and the e-mail outbox, as administrators see them. */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';

export const JOB_STATES = [
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed',
] as const;
export const JobSummary = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(JOB_STATES),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  createdAt: z.string().datetime(),
  startedAt: z.string().datetime().nullable(),
  completedAt: z.string().datetime().nullable(),
  lastError: z.string().nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;
export const JobList = page(JobSummary);
export const JobQuery = PageQuery.extend({
  queue: z.string().max(80).optional(),
  state: z.enum(JOB_STATES).optional(),
});

export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;
export const OutboxMessage = z.object({
  id: z.string().uuid(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  createdAt: z.string().datetime(),
  sentAt: z.string().datetime().nullable(),
  lastError: z.string().nullable(),
});
export const OutboxList = page(OutboxMessage);
