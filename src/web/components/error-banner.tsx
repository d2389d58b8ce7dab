/**
 * Shows what went wrong, in the words the API chose (already in the user's language). Field
 * problems are listed beside their fields; the banner carries the overall message.
 */
import { useI18n } from '../i18n/i18n-context.js';
import type { ReactNode } from 'react';
import type { ApiError } from '../lib/api.js';

export function ErrorBanner({
  error,
  onRetry,
}: {
  error: ApiError | null;
  onRetry?: (() => void) | undefined;
}) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div
      className="banner banner-error"
      role="alert"
      data-testid="error-banner"
      data-code={error.code}
    >
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

export function SuccessBanner({ children }: { children: ReactNode }) {
  return (
    <div className="banner banner-success" role="status">
      <p>{children}</p>
    </div>
  );
}

/**
 * Something to check that did not stop the work (e.g. a NIK that does not match the birth
 * date): said plainly, never as an error.
 */
export function NoticeBanner({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="banner banner-warning" role="status" data-testid={testId}>
      <p className="banner-title">{title}</p>
      {children}
    </div>
  );
}
