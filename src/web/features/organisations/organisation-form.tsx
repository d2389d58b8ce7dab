/**
 * An organisation's profile, to register one (POST) or change it (PATCH). Identifiers are sent
 * as typed (separators allowed): the API checks NIB, NPWP and NIK and answers each problem
 * beside its field, in the user's language; NIK findings that do not block (a birth date that
 * does not match) come back as warnings with the saved organisation, for the caller to show.
 *
 * A change sends only the fields that were changed, so a NIK the user may see only masked is
 * never sent back (and refused) as "3201********0001".
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useSession } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  CreateOrganisationRequest,
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  UpdateOrganisationRequest,
} from '../../lib/contracts.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { SiteSelect, useSites } from './site-select.js';
import type { OrganisationKind, OrganisationSavedT, OrganisationT } from './types.js';

/** The profile fields, in form order; each is a text input named as in the contract. */
const PROFILE_FIELDS = [
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
type ProfileField = (typeof PROFILE_FIELDS)[number];
type ProfileValues = Record<ProfileField, string>;

const BLANK: ProfileValues = Object.fromEntries(
  PROFILE_FIELDS.map((f) => [f, '']),
) as ProfileValues;

/** What the form shows for a stored organisation. */
function valuesOf(organisation: OrganisationT): ProfileValues {
  return {
    name: organisation.name,
    legalForm: organisation.legalForm ?? '',
    nib: organisation.nib ?? '',
    nibIssuedOn: organisation.nibIssuedOn ?? '',
    // A NITKU names the place of business too; otherwise the canonical 16-digit NPWP.
    npwp: organisation.nitku ?? organisation.npwp ?? '',
    address: organisation.address ?? '',
    province: organisation.province ?? '',
    regency: organisation.regency ?? '',
    regionCode: organisation.regionCode ?? '',
    phone: organisation.phone ?? '',
    email: organisation.email ?? '',
    ownerName: organisation.ownerName ?? '',
    // A masked NIK is not a value to edit: the field starts empty and empty keeps it.
    ownerNik: organisation.ownerNikMasked ? '' : (organisation.ownerNik ?? ''),
    ownerBirthDate: organisation.ownerBirthDate ?? '',
  };
}

type CreateBody = z.output<typeof CreateOrganisationRequest>;
type UpdateBody = z.output<typeof UpdateOrganisationRequest>;

export function OrganisationForm({
  organisation,
  onSaved,
  onCancel,
}: {
  /** The organisation to change; without it the form registers a new one. */
  organisation?: OrganisationT;
  onSaved: (saved: OrganisationSavedT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { api, roles } = useSession();
  const creating = !organisation;
  const initial = organisation ? valuesOf(organisation) : BLANK;

  // Administrators may register any organisation, at a site or not; site staff register a
  // member of one of their sites, so they must choose it (preset when they have only one).
  const administrator = roles.includes('administrator');
  const sites = useSites();
  const [siteId, setSiteId] = useState('');
  const onlySite = !administrator && sites.items.length === 1 ? sites.items[0] : undefined;
  useEffect(() => {
    if (onlySite) setSiteId((current) => current || onlySite.id);
  }, [onlySite]);

  const create = useSubmit(
    async (body: CreateBody) =>
      onSaved(await api.post<OrganisationSavedT>('/api/organisations', body)),
    CreateOrganisationRequest,
  );
  const update = useSubmit(
    async (body: UpdateBody) =>
      onSaved(
        await api.patch<OrganisationSavedT>(
          `/api/organisations/${encodeURIComponent(organisation?.id ?? '')}`,
          body,
        ),
      ),
    UpdateOrganisationRequest,
  );
  const submission = creating ? create : update;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const typed = (field: ProfileField) => (values[field] ?? '').trim();
    if (creating) {
      const body: Record<string, string> = { kind: values['kind'] ?? '' };
      for (const field of PROFILE_FIELDS) {
        // A new organisation leaves out what was not filled in; the name is always sent.
        if (typed(field) !== '' || field === 'name') body[field] = typed(field);
      }
      if (siteId) body['siteId'] = siteId;
      await create.submit(body);
      return;
    }
    const body: Record<string, string | null> = {};
    for (const field of PROFILE_FIELDS) {
      const value = typed(field);
      if (value === initial[field]) continue;
      if (field === 'ownerNik' && value === '' && organisation?.ownerNikMasked) continue;
      // Emptying a field clears it; the name cannot be cleared ("required" says so).
      body[field] = value === '' && field !== 'name' ? null : value;
    }
    await update.submit(body);
  };

  const errors = submission.fieldErrors;
  const text = (field: ProfileField, label: string, extra: Partial<TextProps> = {}) => (
    <TextField
      label={label}
      name={field}
      defaultValue={initial[field]}
      error={errors[field]}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <form
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="organisation-form"
    >
      <ErrorBanner error={submission.error} />
      <fieldset>
        <legend>{t('organisations.form.business')}</legend>
        {creating && (
          <SelectField
            label={t('organisations.field.kind')}
            name="kind"
            defaultValue={'umkm' satisfies OrganisationKind}
            error={errors['kind']}
          >
            {ORGANISATION_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`organisationKind.${option}`)}
              </option>
            ))}
          </SelectField>
        )}
        {text('name', t('organisations.field.name'))}
        <SelectField
          label={t('organisations.field.legalForm')}
          name="legalForm"
          defaultValue={initial.legalForm}
          error={errors['legalForm']}
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
      </fieldset>
      <fieldset>
        <legend>{t('organisations.form.address')}</legend>
        <Field label={t('organisations.field.address')} error={errors['address']}>
          {(control) => (
            <textarea name="address" rows={2} defaultValue={initial.address} {...control} />
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
      <fieldset>
        <legend>{t('organisations.form.owner')}</legend>
        {text('ownerName', t('organisations.field.ownerName'))}
        {text('ownerNik', t('organisations.field.ownerNik'), {
          inputMode: 'numeric',
          hint: organisation?.ownerNikMasked
            ? t('organisations.field.ownerNikMaskedHint', { masked: organisation.ownerNik ?? '' })
            : t('organisations.field.ownerNikHint'),
        })}
        {text('ownerBirthDate', t('organisations.field.ownerBirthDate'), { type: 'date' })}
      </fieldset>
      {creating && (
        <fieldset>
          <legend>{t('organisations.form.membership')}</legend>
          <SiteSelect
            sites={sites}
            label={t('organisations.field.site')}
            name="siteId"
            value={siteId}
            onChange={setSiteId}
            emptyOption={
              administrator
                ? { label: t('organisations.field.siteNone'), selectable: true }
                : { label: t('organisations.field.siteChoose'), selectable: false }
            }
            hint={
              administrator
                ? t('organisations.field.siteHintAdministrator')
                : t('organisations.field.siteHint')
            }
            error={errors['siteId']}
          />
        </fieldset>
      )}
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={creating ? t('organisations.register') : t('action.save')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

type TextProps = Parameters<typeof TextField>[0];
