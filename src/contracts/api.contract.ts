/**
 * Shapes every API response shares: the one error envelope, cursor pages and the languages.
 * Imported by the server and by the web app (contracts are the only server code the web app may
 * import).
 */
import { z } from 'zod';

export const LOCALES = ['id', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
export const DEFAULT_LOCALE: Locale = 'id';

/** One field-level problem in a 4xx answer: `path` is the field ("email", "items.0.qty"). */
export const FieldIssue = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The one error envelope: `{ "error": { "code", "message", "details" } }`. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string().describe('snake_case error code, stable across languages'),
    message: z.string().describe("Human message in the request's language"),
    details: z
      .object({ fields: z.array(FieldIssue).optional() })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** A cursor page: pass `nextCursor` back as `cursor` to get the next one; null at the end. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OkResponse = z.object({ ok: z.literal(true) });
