/**
 * The states of one API resource (see lib/use-resource.ts) — loading, failed, loaded — so a
 * page only says how to draw the data. A failed reload keeps the data and shows the banner.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { Resource } from '../lib/use-resource.js';
import { ErrorBanner } from './error-banner.js';
import { Loading } from './loading.js';

export function Loaded<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (resource.loading) return <Loading label={t('state.loading')} />;
  if (resource.data === null)
    return <ErrorBanner error={resource.error} onRetry={resource.reload} />;
  return (
    <>
      <ErrorBanner error={resource.error} onRetry={resource.reload} />
      {children(resource.data)}
    </>
  );
}
