/**
 * The period a price, a subsidy or an hour pack holds: valid from (today unless changed) and
 * valid to — either open-ended (empty, with a hint saying so) or a given default.
 */
import { TextField } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';

export function ValidityFields({
  today,
  errors,
  defaultTo,
}: {
  /** The site's today (YYYY-MM-DD); the fields start over when it changes. */
  today: string;
  errors: Readonly<Record<string, string | undefined>>;
  /** A required end with this default; without it the period may stay open. */
  defaultTo?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="form-row">
      <TextField
        key={`from-${today}`}
        label={t('billing.validFrom')}
        name="validFrom"
        type="date"
        defaultValue={today}
        error={errors['validFrom']}
      />
      <TextField
        key={`to-${today}`}
        label={t('billing.validTo')}
        name="validTo"
        type="date"
        {...(defaultTo === undefined
          ? { hint: t('billing.validToHint') }
          : { defaultValue: defaultTo })}
        error={errors['validTo']}
      />
    </div>
  );
}
