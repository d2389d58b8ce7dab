/**
 * A number typed the way people write it ("12,5", "1.250"), with its unit beside the label and
 * an echo of what was read ("= 1.250 kg"), like RupiahField: a slip shows before saving. The
 * parent keeps the text; parseDecimalInput reads it.
 */
import { Field } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDecimal, parseDecimalInput } from './quantity.js';

export function QuantityField({
  label,
  name,
  value,
  onChange,
  unit,
  error,
  hint,
  groupedDots = true,
  testId,
  required,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (text: string) => void;
  unit?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  groupedDots?: boolean;
  testId?: string;
  required?: boolean;
}) {
  const { t, locale } = useI18n();
  const parsed = parseDecimalInput(value, { groupedDots });
  const echo =
    parsed === 'invalid'
      ? t('toll.number.invalid')
      : parsed === null
        ? hint
        : `= ${formatDecimal(parsed, locale, 6)}${unit ? ` ${unit}` : ''}`;
  return (
    <Field label={unit ? `${label} (${unit})` : label} error={error} hint={echo} liveHint>
      {(control) => (
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          name={name}
          value={value}
          required={required}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
          {...control}
        />
      )}
    </Field>
  );
}
