import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translate, type MessageKey, type Params } from '../i18n/translate.js';
import { ChangePasswordRequest, CreateTokenRequest, LoginRequest } from './contracts.js';
import { customIssue, fieldErrorsFromIssues } from './validation.js';

const t = (key: MessageKey, params?: Params) => translate('en', key, params);

function errorsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected invalid input');
  return fieldErrorsFromIssues(result.error.issues, t, input);
}

describe('form validation with the contract schemas', () => {
  it('calls an empty field required, whatever rule it breaks', () => {
    expect(errorsOf(LoginRequest, { email: '', password: '' })).toEqual({
      email: 'Required.',
      password: 'Required.',
    });
    expect(errorsOf(LoginRequest, {})).toEqual({ email: 'Required.', password: 'Required.' });
  });

  it('explains a malformed e-mail address', () => {
    expect(errorsOf(LoginRequest, { email: 'siti@', password: 'x' })).toEqual({
      email: 'Enter a valid e-mail address, such as name@example.id.',
    });
  });

  it('gives the minimum length of a short password', () => {
    expect(errorsOf(ChangePasswordRequest, { currentPassword: 'a', newPassword: 'short' })).toEqual(
      {
        newPassword: 'At least 10 characters.',
      },
    );
  });

  it('gives the limits of numbers and long texts', () => {
    expect(errorsOf(CreateTokenRequest, { name: 'x'.repeat(81), expiresInDays: 0 })).toEqual({
      name: 'At most 80 characters.',
      expiresInDays: 'At least 1.',
    });
  });

  it('uses the message a custom rule names', () => {
    const schema = z
      .object({ a: z.string(), b: z.string() })
      .refine((value) => value.a === value.b, {
        path: ['b'],
        ...customIssue('validation.passwordMismatch'),
      });
    expect(errorsOf(schema, { a: 'x', b: 'y' })).toEqual({
      b: 'The two new passwords differ. Type them again.',
    });
  });
});
