/**
 * Multipart uploads and file answers for routes (machine documents and photos, lot photos, lab
 * reports). `@fastify/multipart` is registered only in the uploading routes' own context
 * (`uploadContext`), so no other route accepts multipart bodies. Checks of the file itself
 * (real type, size) are in `server/files/files.ts`, used by the services.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DomainError } from '../domain-error.js';
import { filesError, MAX_DOCUMENT_BYTES, type Upload } from '../files/files.js';
import { fieldIssues } from './validation-messages.js';

/** Multipart limits: one file of at most 10 MiB (the largest any route takes) and a few fields. */
const limits = {
  fileSize: MAX_DOCUMENT_BYTES,
  files: 1,
  fields: 10,
  fieldSize: 1000,
  parts: 11,
} as const;

/** Registers upload routes in a context of their own, the only one that parses multipart. */
export function uploadContext(app: FastifyInstance, routes: (scoped: FastifyInstance) => void) {
  void app.register(async (scoped) => {
    await scoped.register(multipart, { limits });
    routes(scoped);
  });
}

/** Reads one `file` part and the text fields of a multipart upload, validating the fields. */
export async function readUpload<S extends z.ZodType>(req: FastifyRequest, schema: S) {
  if (!req.isMultipart()) throw filesError('upload_not_multipart');
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw filesError('upload_too_many_files');
        }
        file = {
          filename: part.filename,
          declaredType: part.mimetype,
          bytes: await part.toBuffer(),
        };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw filesError('file_too_large', { maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 });
    if (code === 'FST_FILES_LIMIT') throw filesError('upload_too_many_files');
    throw err;
  }
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      code: i.code,
      path: i.path.join('.'),
      params: { ...(i as unknown as Record<string, unknown>), input: fields[String(i.path[0])] },
    }));
    throw new DomainError('validation_failed', { fields: fieldIssues(issues, req.locale) });
  }
  if (!file) throw filesError('upload_file_missing');
  return { fields: parsed.data as z.infer<S>, file };
}

/** Answers with a stored file: images inline (shown in the page), documents as attachments. */
export function sendFile(
  reply: FastifyReply,
  f: { filename: string; contentType: string; bytes: Buffer },
  disposition: 'inline' | 'attachment',
) {
  return reply
    .type(f.contentType)
    .header(
      'content-disposition',
      `${disposition}; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
    )
    .header('cache-control', 'private, max-age=300')
    .send(f.bytes);
}

/** The OpenAPI part of an upload route: what it consumes and which fields it reads. */
export const uploadSchema = (tags: string[], summary: string, fields: string) => ({
  tags,
  summary,
  description: `multipart/form-data: a \`file\` part${fields ? ` and the fields ${fields}` : ''}.`,
  consumes: ['multipart/form-data'],
});
