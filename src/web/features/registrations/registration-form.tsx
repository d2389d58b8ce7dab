/**
 * A UMKM registers itself: the business (the staff form's own field groups), its KBLI codes,
 * the site to join (public list: code, name, region) and the applicant's account. Checked
 * first with the contract's schema, then by the API with the organisations' rules, so a wrong
 * NIB reads "NIB harus 13 digit angka." beside the NIB here as on the staff form. A NIB or an
 * e-mail already in use comes back as a 409 naming its field, shown beside that field too.
 */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { PASSWORD_MIN_LENGTH, RegisterRequest } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { customIssue } from '../../lib/validation.js';
import {
  AddressFields,
  BLANK_PROFILE,
  BusinessFields,
  OwnerFields,
  PROFILE_FIELDS,
  type ProfileField,
} from '../organisations/profile-fields.js';
import type { KbliCodeT } from '../organisations/types.js';
import { KbliPicker } from './kbli-picker.js';
import type { PublicSiteT, RegistrationSubmittedT } from './types.js';

/** What a self-registered UMKM must give (the API's RegisterRequest requires them too). */
const REQUIRED: readonly ProfileField[] = ['name', 'nib', 'npwp', 'ownerName', 'ownerNik'];

/** The API's request plus the password typed twice; the confirmation never leaves the browser. */
const RegisterFormInput = RegisterRequest.extend({ confirmPassword: z.string() }).refine(
  (input) => input.password === input.confirmPassword,
  { path: ['confirmPassword'], ...customIssue('validation.passwordMismatch') },
);
type RegisterBody = z.output<typeof RegisterFormInput>;

export interface Submitted {
  registration: RegistrationSubmittedT;
  organisationName: string;
  email: string;
}

export function RegistrationForm({ onSubmitted }: { onSubmitted: (done: Submitted) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const sites = useResource<{ items: PublicSiteT[] }>('/api/registrations/sites');
  const [siteId, setSiteId] = useState('');
  const [kbli, setKbli] = useState<KbliCodeT[]>([]);

  const submission = useSubmit(async ({ confirmPassword: _, ...body }: RegisterBody) => {
    const registration = await api.post<RegistrationSubmittedT>('/api/registrations', body);
    onSubmitted({ registration, organisationName: body.name, email: body.applicantEmail });
  }, RegisterFormInput);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const typed = (field: string) => (values[field] ?? '').trim();
    const body: Record<string, unknown> = {};
    for (const field of PROFILE_FIELDS) {
      // Optional fields left empty are left out; required ones are sent, to be named if empty.
      if (typed(field) !== '' || REQUIRED.includes(field)) body[field] = typed(field);
    }
    body['kbli'] = kbli.map((k) => k.code);
    body['siteId'] = siteId;
    body['applicantName'] = typed('applicantName');
    body['applicantEmail'] = typed('applicantEmail');
    body['password'] = values['password'] ?? '';
    body['confirmPassword'] = values['confirmPassword'] ?? '';
    await submission.submit(body);
  };

  // A NIB or e-mail already registered (409) names its field: say it there too.
  const conflictField = submission.error?.details['field'];
  const errors = {
    ...submission.fieldErrors,
    ...(typeof conflictField === 'string' && submission.error
      ? { [conflictField]: submission.error.message }
      : {}),
  };

  const byProvince = new Map<string, PublicSiteT[]>();
  for (const site of sites.data?.items ?? []) {
    byProvince.set(site.province, [...(byProvince.get(site.province) ?? []), site]);
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="registration-form"
    >
      <ErrorBanner error={submission.error} />
      <BusinessFields initial={BLANK_PROFILE} errors={errors} required={REQUIRED} />
      <fieldset>
        <legend>{t('register.kbli.legend')}</legend>
        <KbliPicker chosen={kbli} onChange={setKbli} error={errors['kbli']} />
      </fieldset>
      <AddressFields initial={BLANK_PROFILE} errors={errors} />
      <OwnerFields initial={BLANK_PROFILE} errors={errors} required={REQUIRED} />
      <fieldset>
        <legend>{t('register.site.legend')}</legend>
        <SelectField
          label={t('register.field.site')}
          name="siteId"
          value={siteId}
          onChange={(event) => setSiteId(event.target.value)}
          aria-required
          error={errors['siteId'] ?? sites.error?.message}
          hint={
            sites.loading
              ? t('state.loading')
              : sites.data?.items.length === 0
                ? t('register.sitesEmpty')
                : t('register.field.siteHint')
          }
          liveHint
        >
          <option value="" disabled>
            {t('register.field.siteChoose')}
          </option>
          {[...byProvince].map(([province, list]) => (
            <optgroup key={province} label={province}>
              {list.map((site) => (
                <option key={site.id} value={site.id}>
                  {`${site.name} (${site.code}) — ${site.regency}`}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
      </fieldset>
      <fieldset>
        <legend>{t('register.person.legend')}</legend>
        <TextField
          label={t('register.field.applicantName')}
          name="applicantName"
          autoComplete="name"
          aria-required
          error={errors['applicantName']}
        />
        <TextField
          label={t('register.field.applicantEmail')}
          name="applicantEmail"
          type="email"
          inputMode="email"
          autoComplete="username"
          aria-required
          hint={t('register.field.applicantEmailHint')}
          error={errors['applicantEmail']}
        />
        <TextField
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          aria-required
          hint={t('validation.tooShort', { min: PASSWORD_MIN_LENGTH })}
          error={errors['password']}
        />
        <TextField
          label={t('register.field.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          aria-required
          error={errors['confirmPassword']}
        />
      </fieldset>
      <SubmitButton
        pending={submission.pending}
        label={t('register.submit')}
        pendingLabel={t('register.submitting')}
      />
    </form>
  );
}
