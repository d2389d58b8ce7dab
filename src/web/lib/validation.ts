/**
 * Checks form input against the same zod schema the API uses, before sending it, and turns
 * zod's issues into messages in the UI's language. The API checks again and its field errors
 * (already translated) take the same place beside the fields.
 */
import type { z } from 'zod';
import type { MessageKey, Params } from '../i18n/translate.js';

type T = (key: MessageKey, params?: Params) => string;

export type FieldErrors = Record<string, string>;

/** Custom refinements name their message with `params: { messageKey }`. */
export function customIssue(messageKey: MessageKey) {
  return { params: { messageKey } };
}

export function issueMessage(issue: z.core.$ZodIssue, t: T): string {
  switch (issue.code) {
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 ? t('validation.required') : t('validation.tooShort', { min: minimum });
      }
      if (issue.origin === 'array') return t('validation.required');
      return t('validation.tooSmall', { min: minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: maximum })
        : t('validation.tooBig', { max: maximum });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      // Forms only produce strings, so a wrong type means the field was left out.
      return t('validation.required');
    case 'custom': {
      const key = (issue.params as { messageKey?: MessageKey } | undefined)?.messageKey;
      return key ? t(key) : t('validation.invalid');
    }
    default:
      return t('validation.invalid');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Field path ("grants.0.role") → first message, like ApiError.fieldErrors(). Whatever rule an
 * empty field breaks (an e-mail format, an enum), "required" is the message that helps.
 */
export function fieldErrorsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  t: T,
  input?: unknown,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const value = valueAt(input, issue.path);
    const empty =
      value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    errors[issue.path.join('.')] ??= empty ? t('validation.required') : issueMessage(issue, t);
  }
  return errors;
}
