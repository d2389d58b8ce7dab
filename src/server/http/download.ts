/** Sending a file as a download: the one place that sets its type and Content-Disposition. */
import type { FastifyReply } from 'fastify';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * Answers with `bytes` as `<name>.<format>`; the name is reduced to safe characters. PDFs open
 * in the browser (inline), tables download (attachment).
 */
export function sendDownload(
  reply: FastifyReply,
  name: string,
  format: keyof typeof TYPES,
  bytes: Uint8Array,
) {
  const safe = name.replace(/[^\w.-]+/g, '_');
  const disposition = format === 'pdf' ? 'inline' : 'attachment';
  return reply
    .type(TYPES[format])
    .header('content-disposition', `${disposition}; filename="${safe}.${format}"`)
    .send(Buffer.from(bytes));
}
