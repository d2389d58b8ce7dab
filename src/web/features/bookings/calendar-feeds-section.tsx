/**
 * "Kalender (iCal)": a secret address a calendar app (Google Calendar, Outlook, a phone)
 * subscribes to, for a member organisation's bookings or a machine's schedule. The address is
 * shown once, with a copy button: the server keeps only its hash. Revoking stops it at once.
 */
import { useState } from 'react';
import { useApi } from '../../app/session-context.js';
import { CopyButton } from '../../components/copy-button.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import type { CalendarFeedT } from './types.js';

type FeedBody = { machineId: string } | { organisationId: string };

export function CalendarFeedsSection({
  title,
  lead,
  targets,
  only,
}: {
  title: string;
  lead: string;
  /** What a new feed may follow (an organisation, a machine). */
  targets: { key: string; label: string; body: FeedBody }[];
  /** Show only the feeds of this machine or organisation. */
  only?: FeedBody;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const feeds = useResource<{ items: CalendarFeedT[] }>('/api/calendar-feeds');
  const [created, setCreated] = useState<CalendarFeedT | null>(null);

  const create = useSubmit(async (body: FeedBody) => {
    setCreated(await api.post<CalendarFeedT>('/api/calendar-feeds', body));
    feeds.reload();
  });
  const revoke = useSubmit(async (feed: CalendarFeedT) => {
    await api.delete(`/api/calendar-feeds/${encodeURIComponent(feed.id)}`);
    if (created?.id === feed.id) setCreated(null);
    feeds.reload();
  });

  const shown = (feed: CalendarFeedT) =>
    !only ||
    ('machineId' in only
      ? feed.machineId === only.machineId
      : feed.organisationId === only.organisationId);

  return (
    <Section title={title} testId="calendar-feeds">
      <p>{lead}</p>
      {created?.url && (
        <div className="banner banner-success secret" role="status" data-testid="feed-secret">
          <p>
            <strong>{t('feeds.createdTitle', { label: created.label })}</strong>{' '}
            {t('feeds.createdBody')}
          </p>
          <code id={`feed-url-${created.id}`} className="secret-value" data-testid="feed-url">
            {created.url}
          </code>
          <div className="button-row">
            <CopyButton text={created.url} targetId={`feed-url-${created.id}`} />
            <button type="button" className="button-secondary" onClick={() => setCreated(null)}>
              {t('action.done')}
            </button>
          </div>
        </div>
      )}
      <ErrorBanner error={create.error ?? revoke.error} />
      <div className="button-row">
        {targets.map((target) => (
          <button
            key={target.key}
            type="button"
            disabled={create.pending}
            data-testid="feed-create"
            onClick={() => void create.submit(target.body)}
          >
            {t('feeds.create', { label: target.label })}
          </button>
        ))}
      </div>
      <h3>{t('feeds.list')}</h3>
      <Loaded resource={feeds}>
        {(data) => {
          const items = data.items.filter(shown);
          return items.length === 0 ? (
            <EmptyState title={t('feeds.empty.title')}>{t('feeds.empty.body')}</EmptyState>
          ) : (
            <ul className="plain-list" data-testid="feed-list">
              {items.map((feed) => (
                <li key={feed.id} className="plain-list-item">
                  <span>
                    <strong>{feed.label}</strong>
                    <span className="muted">
                      {' '}
                      ·{' '}
                      {t('feeds.createdAt', {
                        time: formatDateTime(feed.createdAt, PLATFORM_TIME_ZONE, locale),
                      })}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button-danger"
                    disabled={revoke.pending}
                    data-testid="feed-revoke"
                    onClick={() => {
                      if (window.confirm(t('feeds.revokeConfirm', { label: feed.label })))
                        void revoke.submit(feed);
                    }}
                  >
                    {t('feeds.revoke')}
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
    </Section>
  );
}
