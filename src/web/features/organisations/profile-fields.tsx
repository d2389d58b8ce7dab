/**
 * The fields of an organisation's profile, in groups: the business's identity, its address and
 * contact, and its owner. Shared by the staff form (organisation-form.tsx) and the UMKM
 * self-registration form, so both ask the same things the same way; the API checks both with
 * the same rules and answers each problem beside its field.
 */
import type { ReactNode } from 'react';
import { Field, SelectField, TextField } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { LEGAL_FORMS } from '../../lib/contracts.js';
import type { FieldErrors } from '../../lib/validation.js';

/** The profile fields, in form order; each is an input named as in the contract. */
export const PROFILE_FIELDS = [
  'name',
  'legalForm',
  'nib',
  'nibIssuedOn',
  'npwp',
  'address',
  'province',
  'regency',
  'regionCode',
  'phone',
  'email',
  'ownerName',
  'ownerNik',
  'ownerBirthDate',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValues = Record<ProfileField, string>;

export const BLANK_PROFILE: ProfileValues = Object.fromEntries(
  PROFILE_FIELDS.map((f) => [f, '']),
) as ProfileValues;

interface GroupProps {
  initial: ProfileValues;
  errors: FieldErrors;
  /** Fields the form must have filled in (marked for assistive technology). */
  required?: readonly ProfileField[];
}

type TextProps = Parameters<typeof TextField>[0];

function useText({ initial, errors, required = [] }: GroupProps) {
  return (field: ProfileField, label: string, extra: Partial<TextProps> = {}) => (
    <TextField
      label={label}
      name={field}
      defaultValue={initial[field]}
      error={errors[field]}
      autoComplete="off"
      aria-required={required.includes(field) || undefined}
      {...extra}
    />
  );
}

/** Name, legal form, NIB and NPWP; `lead` comes first (e.g. the kind), `children` last. */
export function BusinessFields({
  lead,
  children,
  ...props
}: GroupProps & { lead?: ReactNode; children?: ReactNode }) {
  const { t } = useI18n();
  const text = useText(props);
  return (
    <fieldset>
      <legend>{t('organisations.form.business')}</legend>
      {lead}
      {text('name', t('organisations.field.name'))}
      <SelectField
        label={t('organisations.field.legalForm')}
        name="legalForm"
        defaultValue={props.initial.legalForm}
        error={props.errors['legalForm']}
      >
        <option value="">{t('organisations.field.legalFormNone')}</option>
        {LEGAL_FORMS.map((option) => (
          <option key={option} value={option}>
            {t(`legalForm.${option}`)}
          </option>
        ))}
      </SelectField>
      {text('nib', t('organisations.field.nib'), {
        inputMode: 'numeric',
        hint: t('organisations.field.nibHint'),
      })}
      {text('nibIssuedOn', t('organisations.field.nibIssuedOn'), { type: 'date' })}
      {text('npwp', t('organisations.field.npwp'), {
        inputMode: 'numeric',
        hint: t('organisations.field.npwpHint'),
      })}
      {children}
    </fieldset>
  );
}

/** Address, region, phone and the business's e-mail. */
export function AddressFields(props: GroupProps) {
  const { t } = useI18n();
  const text = useText(props);
  return (
    <fieldset>
      <legend>{t('organisations.form.address')}</legend>
      <Field label={t('organisations.field.address')} error={props.errors['address']}>
        {(control) => (
          <textarea name="address" rows={2} defaultValue={props.initial.address} {...control} />
        )}
      </Field>
      {text('province', t('organisations.field.province'))}
      {text('regency', t('organisations.field.regency'))}
      {text('regionCode', t('organisations.field.regionCode'), {
        hint: t('organisations.field.regionCodeHint'),
      })}
      {text('phone', t('organisations.field.phone'), {
        type: 'tel',
        hint: t('organisations.field.phoneHint'),
      })}
      {text('email', t('field.email'), { type: 'email' })}
    </fieldset>
  );
}

/** The owner's name, NIK and birth date; `maskedNik` when the NIK may only be seen masked. */
export function OwnerFields({ maskedNik, ...props }: GroupProps & { maskedNik?: string | null }) {
  const { t } = useI18n();
  const text = useText(props);
  return (
    <fieldset>
      <legend>{t('organisations.form.owner')}</legend>
      {text('ownerName', t('organisations.field.ownerName'))}
      {text('ownerNik', t('organisations.field.ownerNik'), {
        inputMode: 'numeric',
        hint:
          maskedNik !== undefined && maskedNik !== null
            ? t('organisations.field.ownerNikMaskedHint', { masked: maskedNik })
            : t('organisations.field.ownerNikHint'),
      })}
      {text('ownerBirthDate', t('organisations.field.ownerBirthDate'), { type: 'date' })}
    </fieldset>
  );
}
