/** Turns anything thrown on the request path into the one error envelope, translated. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorEnvelope } from '../../contracts/api.contract.js';
import { DomainError } from '../domain-error.js';
import { isKnownCode, messageOf, statusOf, type ErrorCode } from './error-map.js';
import { fieldIssues } from './validation-messages.js';

interface Mapped {
  code: ErrorCode;
  details?: Record<string, unknown>;
}

/** Fastify's own error codes for bad requests, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
};

function classify(error: unknown, request: FastifyRequest): Mapped {
  if (error instanceof DomainError) {
    if (error.code === 'validation_failed' && Array.isArray(error.details?.fields)) {
      // Use cases report field problems as codes; each gets its message in the request's language.
      const fields = (
        error.details.fields as {
          path: string;
          code: string;
          message?: string;
          params?: Record<string, unknown>;
        }[]
      ).map((f) => ({
        path: f.path,
        code: f.code,
        message:
          f.message ??
          (isKnownCode(f.code)
            ? messageOf(f.code, request.locale, f.params)
            : messageOf('validation_failed', request.locale)),
      }));
      return { code: 'validation_failed', details: { ...error.details, fields } };
    }
    if (isKnownCode(error.code))
      return { code: error.code, ...(error.details ? { details: error.details } : {}) };
    request.log.error({ err: error }, `unmapped domain error code ${error.code}`);
    return { code: 'internal_error' };
  }
  const e = error as FastifyError & { validationContext?: string; code?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const where = (e.validationContext ?? 'body') as 'body' | 'querystring' | 'params' | 'headers';
    const source: unknown = where === 'querystring' ? request.query : request[where];
    const issues = e.validation.map((v) => {
      const segments = v.instancePath.split('/').filter(Boolean);
      return {
        code: v.keyword,
        path: [where === 'body' ? '' : where, ...segments].filter(Boolean).join('.'),
        // zod does not report the input; look it up so "missing" and "wrong type" differ.
        params: { ...(v.params as Record<string, unknown>), input: valueAt(source, segments) },
      };
    });
    return { code: 'validation_failed', details: { fields: fieldIssues(issues, request.locale) } };
  }
  if (e.code && fastifyCodes[e.code]) return { code: fastifyCodes[e.code]! };
  if (e instanceof SyntaxError && e.statusCode === 400) return { code: 'invalid_json' };
  // Constraint violations that a use case did not anticipate: the database kept the data safe.
  const sqlState = (error as { code?: string }).code;
  if (sqlState === '23505' || sqlState === '23P01' || sqlState === '23503') {
    return {
      code: 'conflict',
      details: { constraint: (error as { constraint?: string }).constraint ?? null },
    };
  }
  if (e.statusCode === 405) return { code: 'method_not_allowed' };
  if (e.statusCode === 404) return { code: 'not_found' };
  if (e.statusCode === 429) return { code: 'rate_limited' };
  request.log.error({ err: error }, 'unhandled error');
  return { code: 'internal_error' };
}

function valueAt(root: unknown, segments: string[]): unknown {
  let v = root;
  for (const key of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function envelope(
  code: ErrorCode,
  request: FastifyRequest,
  details?: Record<string, unknown>,
): ErrorEnvelope {
  return {
    error: {
      code,
      message: messageOf(code, request.locale, details),
      ...(details && Object.keys(details).length > 0 ? { details } : {}),
    },
  };
}

export async function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { code, details } = classify(error, request);
  const status = statusOf(code);
  if (code === 'rate_limited' && details?.retryAfterSeconds) {
    void reply.header('retry-after', String(details.retryAfterSeconds));
  }
  return reply
    .status(status)
    .type('application/json')
    .send(envelope(code, request, details));
}
