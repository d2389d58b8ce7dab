/** API shapes of the audit log (administrators only). */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string().datetime(),
  actorId: z.string().uuid().nullable(),
  actorLabel: z.string().describe('e-mail of the user, or "system"/"cli"'),
  action: z.string().describe('e.g. "user.create", "session.login"'),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = page(AuditEntry);

export const AuditQuery = PageQuery.extend({
  action: z.string().max(80).optional(),
  entityType: z.string().max(80).optional(),
  actor: z.string().max(254).optional().describe('part of the actor e-mail'),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
