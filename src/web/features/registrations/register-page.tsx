/**
 * /register — public, opened from the login page: a UMKM registers itself and asks to join a
 * site. Like the login it works before any session exists, so it carries its own language
 * switch. Once sent, it says what happens next and leads to the login: the new account can log
 * in at once and sees its request waiting for the site's approval.
 */
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../app/session-context.js';
import { LanguageSwitch } from '../../components/language-switch.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { WarningsNotice } from '../organisations/warnings-notice.js';
import { RegistrationForm, type Submitted } from './registration-form.js';

export function RegisterPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const [done, setDone] = useState<Submitted | null>(null);

  // Someone already signed in has an account: registering another is for a visitor.
  if (state.status === 'signed_in') return <Navigate to="/" replace />;

  return (
    <main className="standalone login" id="main">
      <div className="login-top">
        <span className="brand">RPB</span>
        <LanguageSwitch />
      </div>
      {done ? (
        <Page title={t('register.done.title')}>
          <Section title={t('register.done.title')} testId="registration-done">
            <p>
              {t('register.done.body', {
                organisation: done.organisationName,
                site: `${done.registration.site.name} (${done.registration.site.code})`,
                email: done.email,
              })}
            </p>
            <WarningsNotice warnings={done.registration.warnings} />
            <Link to="/login" className="link-button" data-testid="registration-login">
              {t('register.done.login')}
            </Link>
          </Section>
        </Page>
      ) : (
        <Page
          title={t('register.title')}
          lead={t('register.lead')}
          actions={<Link to="/login">{t('register.backToLogin')}</Link>}
        >
          <div className="card">
            <RegistrationForm
              onSubmitted={(submitted) => {
                setDone(submitted);
                // The long form is gone: start reading from the top (a phone is scrolled down).
                document.getElementById('main')?.scrollIntoView?.();
              }}
            />
          </div>
        </Page>
      )}
    </main>
  );
}
