/**
 * State of one form submission: validate with the contract schema, send, and keep what went
 * wrong — the API's translated message for the banner and field messages for the fields.
 */
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../i18n/i18n-context.js';
import { asApiError, type ApiError } from './api.js';
import { fieldErrorsFromIssues, type FieldErrors } from './validation.js';

export interface Submission<Input> {
  /** Resolves true when the work succeeded. */
  submit: (input: Input) => Promise<boolean>;
  pending: boolean;
  error: ApiError | null;
  fieldErrors: FieldErrors;
  reset: () => void;
}

export function useSubmit<Input, Output = Input>(
  run: (data: Output) => Promise<unknown>,
  schema?: z.ZodType<Output>,
): Submission<Input> {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const submit = useCallback(
    async (input: Input) => {
      let data: Output;
      if (schema) {
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          setError(null);
          setFieldErrors(fieldErrorsFromIssues(parsed.error.issues, t, input));
          return false;
        }
        data = parsed.data;
      } else {
        data = input as unknown as Output;
      }
      setPending(true);
      setError(null);
      setFieldErrors({});
      try {
        await run(data);
        return true;
      } catch (caught) {
        const apiError = asApiError(caught);
        setError(apiError);
        setFieldErrors(apiError.fieldErrors());
        return false;
      } finally {
        setPending(false);
      }
    },
    [run, schema, t],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { submit, pending, error, fieldErrors, reset };
}

/** The values of a submitted form, as strings by field name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}
