import { useState, type FormEvent } from 'react';
import { useCurrentUser, useSession } from '../../app/session-context.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { GrantList } from '../../components/grant-list.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { LOCALES, UpdateMeRequest, type MeResponse } from '../../lib/contracts.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';

/** Name and preferred language; saving the language also switches the UI. */
export function ProfileForm() {
  const { t } = useI18n();
  const { api, acceptMe } = useSession();
  const user = useCurrentUser();
  const [saved, setSaved] = useState(false);
  const submission = useSubmit(
    async (body: unknown) => acceptMe(await api.patch<MeResponse>('/api/auth/me', body)),
    UpdateMeRequest,
  );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const values = formValues(event.currentTarget);
    setSaved(await submission.submit({ name: values['name'], locale: values['locale'] }));
  };

  return (
    <Section title={t('account.profile')} testId="profile-section">
      <dl className="facts">
        <dt>{t('field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('account.roles')}</dt>
        <dd>
          <GrantList grants={user.grants} />
        </dd>
      </dl>
      {/* key: a language switched in the header shows up here too. */}
      <form
        key={`${user.name}|${user.locale}`}
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        <ErrorBanner error={submission.error} />
        {saved && <SuccessBanner>{t('account.profileSaved')}</SuccessBanner>}
        <TextField
          label={t('field.name')}
          name="name"
          defaultValue={user.name}
          autoComplete="name"
          error={submission.fieldErrors['name']}
        />
        <SelectField
          label={t('field.language')}
          name="locale"
          defaultValue={user.locale}
          error={submission.fieldErrors['locale']}
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {t(`language.${locale}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton
          pending={submission.pending}
          label={t('action.save')}
          pendingLabel={t('action.saving')}
        />
      </form>
    </Section>
  );
}
