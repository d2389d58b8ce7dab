/**
 * A new user with one role. The scope is the whole system or one site (the only scopes the API
 * can list today; programme and organisation scopes come with their registries). The server
 * decides which role/scope pairs make sense and says so beside the field.
 */
import type { FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  CreateUserRequest,
  LOCALES,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type SiteSummary,
  type UserSummary,
} from '../../lib/contracts.js';
import { zoneLabel } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';

const SYSTEM_SCOPE = 'system';
/** Enough for a scope picker; the API caps a page at 200. */
const SITE_PICKER_LIMIT = 200;

export function CreateUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: UserSummary) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const sites = useCursorList<SiteSummary>('/api/sites', { limit: SITE_PICKER_LIMIT });
  const submission = useSubmit(
    async (body: z.output<typeof CreateUserRequest>) =>
      onCreated(await api.post<UserSummary>('/api/users', body)),
    CreateUserRequest,
  );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const scope = values['scope'] ?? SYSTEM_SCOPE;
    await submission.submit({
      email: values['email'],
      name: values['name'],
      password: values['password'],
      locale: values['locale'],
      grants: [
        scope === SYSTEM_SCOPE
          ? { role: values['role'], scopeType: 'system', scopeId: null }
          : { role: values['role'], scopeType: 'site', scopeId: scope },
      ],
    });
  };

  const errors = submission.fieldErrors;
  // The form has one grant; the API reports its problems under grants.0.*.
  const roleError = errors['grants.0.role'] ?? errors['grants'];
  const scopeError = errors['grants.0.scopeType'] ?? errors['grants.0.scopeId'];

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <ErrorBanner error={submission.error} />
      <TextField
        label={t('field.email')}
        name="email"
        type="email"
        autoComplete="off"
        error={errors['email']}
      />
      <TextField label={t('field.name')} name="name" autoComplete="off" error={errors['name']} />
      <TextField
        label={t('users.field.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t('users.field.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        error={errors['password']}
      />
      <SelectField
        label={t('field.language')}
        name="locale"
        defaultValue={locale}
        error={errors['locale']}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('users.field.role')} name="role" defaultValue="" error={roleError}>
        <option value="" disabled>
          {t('users.field.rolePlaceholder')}
        </option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('users.field.scope')}
        name="scope"
        defaultValue={SYSTEM_SCOPE}
        hint={sites.loading ? t('state.loading') : t('users.field.scopeHint')}
        error={scopeError ?? sites.error?.message}
      >
        <option value={SYSTEM_SCOPE}>{t('scope.system')}</option>
        {sites.items.map((site) => (
          <option key={site.id} value={site.id}>
            {t('scope.site')}: {site.name} ({zoneLabel(site.timeZone)})
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('users.create')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
