/**
 * Login with e-mail and password. Works before any session exists, so it carries its own
 * language switch; a wrong password, a locked account or too many attempts come back from the
 * API as a translated message shown above the form. Below it, a UMKM without an account finds
 * the way to register itself (/register).
 */
import type { FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useSession } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { LanguageSwitch } from '../../components/language-switch.js';
import { SubmitButton } from '../../components/loading.js';
import { Page } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { LoginRequest } from '../../lib/contracts.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';

export function LoginPage() {
  const { t } = useI18n();
  const { state, login } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const submission = useSubmit(login, LoginRequest);

  // Also the way out after a successful login: the session turns signed_in and we re-render.
  if (state.status === 'signed_in') return <Navigate to={from} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await submission.submit({ email: values['email'], password: values['password'] });
  };

  return (
    <main className="standalone login" id="main">
      <div className="login-top">
        <span className="brand">RPB</span>
        <LanguageSwitch />
      </div>
      <Page title={t('login.title')} lead={t('login.lead')}>
        {state.status === 'anonymous' && state.since === 'expired' && (
          <div className="banner banner-info" role="status">
            <p>{t('login.expired')}</p>
          </div>
        )}
        <form className="card form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <ErrorBanner error={submission.error} />
          <TextField
            label={t('field.email')}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            error={submission.fieldErrors['email']}
          />
          <TextField
            label={t('field.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={submission.fieldErrors['password']}
          />
          <SubmitButton
            pending={submission.pending}
            label={t('login.submit')}
            pendingLabel={t('login.submitting')}
          />
        </form>
        <p className="login-register">
          {t('login.registerLead')}{' '}
          <Link to="/register" data-testid="register-link">
            {t('login.register')}
          </Link>
        </p>
      </Page>
    </main>
  );
}
