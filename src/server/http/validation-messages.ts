/**
 * Field-level messages for schema validation, in every language. Built from the zod issue code
 * and its parameters rather than zod's own English text, so that each field error is
 * translated and stable.
 */
import type { FieldIssue, Locale } from '../../contracts/api.contract.js';

interface IssueLike {
  code: string;
  path: string;
  params: Record<string, unknown>;
}

const text = {
  required: { id: 'Wajib diisi.', en: 'Required.' },
  invalid_type: { id: 'Harus berupa {expected}.', en: 'Must be a {expected}.' },
  too_small_string: { id: 'Minimal {minimum} karakter.', en: 'At least {minimum} characters.' },
  too_big_string: { id: 'Maksimal {maximum} karakter.', en: 'At most {maximum} characters.' },
  too_small_number: { id: 'Minimal {minimum}.', en: 'At least {minimum}.' },
  too_big_number: { id: 'Maksimal {maximum}.', en: 'At most {maximum}.' },
  too_small_array: { id: 'Minimal {minimum} item.', en: 'At least {minimum} items.' },
  too_big_array: { id: 'Maksimal {maximum} item.', en: 'At most {maximum} items.' },
  invalid_email: { id: 'Alamat e-mail tidak valid.', en: 'Not a valid e-mail address.' },
  invalid_uuid: { id: 'ID tidak valid.', en: 'Not a valid ID.' },
  invalid_datetime: {
    id: 'Waktu harus dalam format ISO 8601, mis. 2026-07-21T08:00:00+07:00.',
    en: 'Time must be ISO 8601, e.g. 2026-07-21T08:00:00+07:00.',
  },
  invalid_format: { id: 'Format tidak valid.', en: 'Invalid format.' },
  invalid_value: { id: 'Harus salah satu dari: {options}.', en: 'Must be one of: {options}.' },
  unrecognized_key: { id: 'Kolom tidak dikenal.', en: 'Unknown field.' },
  not_integer: { id: 'Harus bilangan bulat.', en: 'Must be a whole number.' },
  invalid: { id: 'Nilai tidak valid.', en: 'Invalid value.' },
} as const;

const typeNames: Record<string, Record<Locale, string>> = {
  string: { id: 'teks', en: 'text' },
  number: { id: 'angka', en: 'number' },
  int: { id: 'bilangan bulat', en: 'whole number' },
  boolean: { id: 'true/false', en: 'true/false' },
  object: { id: 'objek', en: 'object' },
  array: { id: 'daftar', en: 'list' },
};

function fill(t: Record<Locale, string>, locale: Locale, values: Record<string, unknown>): string {
  return t[locale].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Turns validation issues into field issues; unknown keys become one issue per key. */
export function fieldIssues(issues: IssueLike[], locale: Locale): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const p = issue.params;
    const push = (
      path: string,
      code: string,
      key: keyof typeof text,
      values: Record<string, unknown> = {},
    ) => out.push({ path, code, message: fill(text[key], locale, values) });
    switch (issue.code) {
      case 'invalid_type': {
        const expected = String(p.expected ?? '');
        if (p.input === undefined) push(issue.path, 'required', 'required');
        else
          push(issue.path, 'invalid_type', 'invalid_type', {
            expected: typeNames[expected]?.[locale] ?? expected,
          });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const origin = String(p.origin ?? 'number');
        const kind = origin === 'string' ? 'string' : origin === 'array' ? 'array' : 'number';
        if (issue.code === 'too_small' && kind === 'string' && p.minimum === 1) {
          push(issue.path, 'required', 'required');
        } else {
          push(issue.path, issue.code, `${issue.code}_${kind}` as keyof typeof text, p);
        }
        break;
      }
      case 'invalid_format': {
        const format = String(p.format ?? '');
        const key =
          format === 'email'
            ? 'invalid_email'
            : format === 'uuid'
              ? 'invalid_uuid'
              : format === 'datetime'
                ? 'invalid_datetime'
                : 'invalid_format';
        push(issue.path, `invalid_${format || 'format'}`, key);
        break;
      }
      case 'invalid_value':
        push(issue.path, 'invalid_value', 'invalid_value', {
          options: Array.isArray(p.values) ? p.values.join(', ') : '',
        });
        break;
      case 'unrecognized_keys': {
        const keys = Array.isArray(p.keys) ? (p.keys as string[]) : [];
        for (const k of keys)
          push(issue.path ? `${issue.path}.${k}` : k, 'unrecognized_key', 'unrecognized_key');
        break;
      }
      case 'not_multiple_of':
        push(issue.path, 'not_integer', 'not_integer');
        break;
      default:
        push(issue.path, issue.code, 'invalid');
    }
  }
  return out;
}
