/**
 * On the home page of someone who has no role yet: the registration they sent from the public
 * form and where it stands — waiting for the site's managers, approved, or rejected with the
 * reason. Without any registration the caller's fallback (the "no role yet" notice) shows.
 */
import type { ReactNode } from 'react';
import { ErrorBanner } from '../../components/error-banner.js';
import { Loading } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import type { MyRegistrationT } from './types.js';

export function MyRegistrationStatus({ fallback }: { fallback: ReactNode }) {
  const { t, locale } = useI18n();
  const list = useResource<{ items: MyRegistrationT[] }>('/api/registrations/mine');
  if (list.loading) return <Loading label={t('state.loading')} />;
  if (!list.data) return <ErrorBanner error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <>{fallback}</>;
  return (
    <div data-testid="my-registration">
      <h3>{t('myRegistration.title')}</h3>
      {list.data.items.map((r) => {
        const names = { organisation: r.organisationName, site: `${r.site.name} (${r.site.code})` };
        const className =
          r.status === 'pending'
            ? 'banner banner-info'
            : r.status === 'approved'
              ? 'banner banner-success'
              : 'banner banner-warning';
        return (
          <div key={r.id} className={className} role="status" data-status={r.status}>
            <p className="banner-title">{t(`myRegistration.${r.status}`, names)}</p>
            {r.status === 'pending' && <p>{t('myRegistration.pendingBody')}</p>}
            {r.status === 'approved' && <p>{t('myRegistration.approvedBody')}</p>}
            {r.status === 'rejected' && r.rejectReason && (
              <p>{t('myRegistration.reason', { reason: r.rejectReason })}</p>
            )}
            <p className="muted">
              {t('myRegistration.submittedAt', {
                time: formatDateTime(r.submittedAt, r.site.timeZone, locale),
              })}
            </p>
          </div>
        );
      })}
    </div>
  );
}
