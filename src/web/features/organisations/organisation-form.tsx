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
import { SelectField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  CreateOrganisationRequest,
  ORGANISATION_KINDS,
  UpdateOrganisationRequest,
} from '../../lib/contracts.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import {
  AddressFields,
  BLANK_PROFILE,
  BusinessFields,
  OwnerFields,
  PROFILE_FIELDS,
  type ProfileField,
  type ProfileValues,
} from './profile-fields.js';
import { SiteSelect, useSites } from './site-select.js';
import type { OrganisationKind, OrganisationSavedT, OrganisationT } from './types.js';

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
  const initial = organisation ? valuesOf(organisation) : BLANK_PROFILE;

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

  return (
    <form
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="organisation-form"
    >
      <ErrorBanner error={submission.error} />
      <BusinessFields
        initial={initial}
        errors={errors}
        lead={
          creating && (
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
          )
        }
      />
      <AddressFields initial={initial} errors={errors} />
      <OwnerFields
        initial={initial}
        errors={errors}
        maskedNik={organisation?.ownerNikMasked ? (organisation.ownerNik ?? '') : null}
      />
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
      <FormButtons
        pending={submission.pending}
        label={creating ? t('organisations.register') : t('action.save')}
        onCancel={onCancel}
      />
    </form>
  );
}
