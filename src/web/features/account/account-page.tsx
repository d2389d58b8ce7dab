/** My account: profile and language, password, and API tokens for scripts and integrations. */
import { Page } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { PasswordForm } from './password-form.js';
import { ProfileForm } from './profile-form.js';
import { TokensSection } from './tokens-section.js';

export function AccountPage() {
  const { t } = useI18n();
  return (
    <Page title={t('account.title')}>
      <ProfileForm />
      <PasswordForm />
      <TokensSection />
    </Page>
  );
}
