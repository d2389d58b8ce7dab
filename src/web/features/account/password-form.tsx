import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ChangePasswordRequest, PASSWORD_MIN_LENGTH } from '../../lib/contracts.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { customIssue } from '../../lib/validation.js';

/**
 * The API's request plus a confirmation typed twice: a typo in a new password would lock the
 * user out. The confirmation never leaves the browser.
 */
const PasswordFormInput = ChangePasswordRequest.extend({ confirmPassword: z.string() }).refine(
  (input) => input.newPassword === input.confirmPassword,
  { path: ['confirmPassword'], ...customIssue('validation.passwordMismatch') },
);

export function PasswordForm() {
  const { t } = useI18n();
  const api = useApi();
  const [changed, setChanged] = useState(false);
  const submission = useSubmit(
    ({ currentPassword, newPassword }: z.output<typeof PasswordFormInput>) =>
      api.post('/api/auth/password', { currentPassword, newPassword }),
    PasswordFormInput,
  );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setChanged(false);
    const ok = await submission.submit(formValues(form));
    if (ok) form.reset();
    setChanged(ok);
  };

  return (
    <Section title={t('account.password')} testId="password-section">
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <ErrorBanner error={submission.error} />
        {changed && <SuccessBanner>{t('account.passwordChanged')}</SuccessBanner>}
        <TextField
          label={t('field.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={submission.fieldErrors['currentPassword']}
        />
        <TextField
          label={t('field.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('validation.tooShort', { min: PASSWORD_MIN_LENGTH })}
          error={submission.fieldErrors['newPassword']}
        />
        <TextField
          label={t('field.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={submission.fieldErrors['confirmPassword']}
        />
        <SubmitButton
          pending={submission.pending}
          label={t('account.changePassword')}
          pendingLabel={t('action.saving')}
        />
      </form>
    </Section>
  );
}
