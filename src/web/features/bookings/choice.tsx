/**
 * A radio button or checkbox with its text (and a hint under it) as the label, the way the
 * booking forms offer their choices.
 */
import type { InputHTMLAttributes } from 'react';

export function Choice({
  label,
  hint,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & {
  type: 'radio' | 'checkbox';
  label: string;
  hint?: string;
}) {
  return (
    <label className="choice">
      <input {...input} />
      <span>
        {label}
        {hint !== undefined && <span className="field-hint">{hint}</span>}
      </span>
    </label>
  );
}
