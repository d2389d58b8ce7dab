/**
 * A labelled form control with its hint and its error right beside it. The error is tied to
 * the control with aria-describedby/aria-invalid so screen readers announce it with the field.
 */
import { useId, useState } from 'react';
import type { InputHTMLAttributes, ReactElement, ReactNode, SelectHTMLAttributes } from 'react';
import { formatRupiah, parseRupiahInput } from '../lib/format.js';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** The hint reports something that changes (loading, results): screen readers announce it. */
  liveHint?: boolean;
  children: (control: ControlProps) => ReactElement;
}

export function Field({ label, error, hint, liveHint = false, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <p className="field-hint" id={hintId} aria-live={liveHint ? 'polite' : undefined}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string | undefined;
};

export function TextField({ label, error, hint, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => <input type="text" {...input} {...control} />}
    </Field>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string | undefined;
  liveHint?: boolean;
  children: ReactNode;
};

export function SelectField({
  label,
  error,
  hint,
  liveHint,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} liveHint={liveHint}>
      {(control) => (
        <select {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}

/**
 * An integer Rupiah amount typed the way people write it ("150.000.000", "Rp150000000"). The
 * hint echoes the amount as read ("= Rp150.000.000"), so a missing zero shows before saving.
 * The form reads the text (name) and parses it with parseRupiahInput.
 */
export function RupiahField({
  label,
  name,
  defaultValue = '',
  error,
  hint,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  error?: string | undefined;
  hint: string;
}) {
  const [text, setText] = useState(defaultValue);
  const amount = parseRupiahInput(text);
  const echo = typeof amount === 'number' ? `= ${formatRupiah(amount)}` : hint;
  return (
    <Field label={label} error={error} hint={echo}>
      {(control) => (
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          name={name}
          value={text}
          onChange={(event) => setText(event.target.value)}
          {...control}
        />
      )}
    </Field>
  );
}
