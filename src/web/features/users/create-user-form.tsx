/**
 * A new user with one role. Choosing the role offers only the scope types that fit it
 * (ROLE_SCOPES, the same table the server checks); "system" needs nothing more, a programme,
 * site or organisation is picked from the API's scope options. The server checks again and
 * says so beside the field or in the banner.
 */
import { useState, type FormEvent } from 'react';
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
  ROLE_SCOPES,
  ROLES,
  type Role,
  type ScopeOption,
  type ScopeType,
  type UserSummary,
} from '../../lib/contracts.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { ScopePicker } from './scope-picker.js';

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function CreateUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: UserSummary) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [role, setRole] = useState<Role | ''>('');
  const [scopeType, setScopeType] = useState<ScopeType | ''>('');
  const [scope, setScope] = useState<ScopeOption | null>(null);
  const scopeTypes = role ? ROLE_SCOPES[role] : [];
  const submission = useSubmit(
    async (body: z.output<typeof CreateUserRequest>) =>
      onCreated(await api.post<UserSummary>('/api/users', body)),
    CreateUserRequest,
  );

  const chooseRole = (value: string) => {
    const next = isRole(value) ? value : '';
    setRole(next);
    // Keep the scope type if the new role allows it too; otherwise take the role's first one.
    if (!next) setScopeType('');
    else if (!scopeType || !ROLE_SCOPES[next].includes(scopeType)) {
      setScopeType(ROLE_SCOPES[next][0] ?? '');
      setScope(null);
    }
  };

  const chooseScopeType = (value: string) => {
    const next = scopeTypes.find((type) => type === value) ?? '';
    if (next !== scopeType) setScope(null);
    setScopeType(next);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    // Without a role there is no scope type yet: check the grant as "system" so only the role
    // field says what is missing (nothing is sent). A scope not picked yet is '', which fails
    // the contract's uuid check, so "required" appears beside the picker.
    const grant =
      scopeType && scopeType !== 'system'
        ? { role, scopeType, scopeId: scope?.id ?? '' }
        : { role, scopeType: 'system', scopeId: null };
    await submission.submit({
      email: values['email'],
      name: values['name'],
      password: values['password'],
      locale: values['locale'],
      grants: [grant],
    });
  };

  const errors = submission.fieldErrors;
  // The form has one grant; the API reports its problems under grants.0.*.
  const roleError = errors['grants.0.role'] ?? errors['grants'];
  const scopeTypeError = errors['grants.0.scopeType'];
  const scopeError = errors['grants.0.scopeId'];

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
      <SelectField
        label={t('users.field.role')}
        name="role"
        value={role}
        onChange={(event) => chooseRole(event.target.value)}
        error={roleError}
      >
        <option value="" disabled>
          {t('users.field.rolePlaceholder')}
        </option>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('users.field.scope')}
        name="scopeType"
        value={scopeType}
        onChange={(event) => chooseScopeType(event.target.value)}
        disabled={!role}
        hint={role ? t('users.field.scopeHint') : t('users.field.scopeNeedsRole')}
        error={scopeTypeError}
      >
        {!role && <option value="">{t('users.field.scopeNeedsRole')}</option>}
        {scopeTypes.map((type) => (
          <option key={type} value={type}>
            {t(`scope.${type}`)}
          </option>
        ))}
      </SelectField>
      {scopeType && scopeType !== 'system' && (
        <ScopePicker
          key={scopeType}
          type={scopeType}
          value={scope}
          onChange={setScope}
          error={scopeError}
        />
      )}
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
