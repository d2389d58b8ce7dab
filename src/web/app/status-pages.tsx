/** Pages for when there is no page: not found, not allowed, and the API out of reach. */
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state.js';
import { ErrorBanner } from '../components/error-banner.js';
import { Page } from '../components/page.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { ApiError } from '../lib/api.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <EmptyState title={t('notFound.title')} action={<Link to="/">{t('notFound.home')}</Link>}>
        {t('notFound.body')}
      </EmptyState>
    </Page>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Page title={t('forbidden.title')}>
      <EmptyState title={t('forbidden.title')} action={<Link to="/">{t('notFound.home')}</Link>}>
        {t('forbidden.body')}
      </EmptyState>
    </Page>
  );
}

export function UnavailablePage({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <main className="standalone" id="main">
      <Page title={t('unavailable.title')} lead={t('unavailable.body')}>
        <ErrorBanner error={error} onRetry={onRetry} />
      </Page>
    </main>
  );
}
