/**
 * /today — "Hari ini", the board of a site's operator or manager on a tablet: today's
 * bookings in time order with large check-in and check-out buttons, requests waiting for
 * approval (approve, or reject with a reason the member receives), and the coming week's
 * operator-service bookings with the operator who runs each. The day is the site's day, in its
 * zone; a user with several sites picks one.
 */
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteDetail, TimeZone } from '../../lib/contracts.js';
import { addDays, dayIn, zonedInstant, zoneLabel } from '../../lib/format.js';
import { useCursorList, type CursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { SiteClock } from '../sites/site-clock.js';
import { BookingCard } from './booking-card.js';
import { useDayLabel } from './booking-status.js';
import type { BookingT } from './types.js';

/** Statuses that belong on today's board (cancelled and rejected time is gone). */
const ON_THE_BOARD = new Set([
  'requested',
  'confirmed',
  'offered',
  'checked_in',
  'completed',
  'no_show',
]);

export function TodayPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const sites = user.grants
    .filter((g) => (g.role === 'site_manager' || g.role === 'site_operator') && g.scopeId)
    .map((g) => ({ id: g.scopeId!, name: g.scopeName ?? g.scopeId! }))
    .filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const site = useResource<SiteDetail>(siteId ? `/api/sites/${encodeURIComponent(siteId)}` : null);

  return (
    <Page title={t('today.title')} lead={t('today.lead')}>
      {sites.length > 1 && (
        <fieldset className="chip-group today-sites">
          <legend>{t('today.site')}</legend>
          {sites.map((s) => (
            <button
              key={s.id}
              type="button"
              className="filter-chip"
              aria-pressed={s.id === siteId}
              onClick={() => setSiteId(s.id)}
            >
              {s.name}
            </button>
          ))}
        </fieldset>
      )}
      {sites.length === 0 ? (
        <EmptyState title={t('today.noSite.title')}>{t('today.noSite.body')}</EmptyState>
      ) : (
        <Loaded resource={site}>
          {(s) => <Board key={s.id} site={s} timeZone={s.timeZone} />}
        </Loaded>
      )}
    </Page>
  );
}

function Board({ site, timeZone }: { site: SiteDetail; timeZone: TimeZone }) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  // The board's "today" and "now" stay fixed until refreshed, so the lists do not jump.
  const [now, setNow] = useState(() => new Date());
  const today = dayIn(now, timeZone);
  const day = {
    from: zonedInstant(today, '00:00', timeZone),
    to: zonedInstant(addDays(today, 1), '00:00', timeZone),
  };
  const todays = useCursorList<BookingT>('/api/bookings', {
    siteId: site.id,
    from: day.from,
    to: day.to,
    limit: 200,
  });
  const requests = useCursorList<BookingT>('/api/bookings', {
    siteId: site.id,
    status: 'requested',
    kind: 'booking',
    from: now.toISOString(),
    limit: 50,
  });
  const service = useCursorList<BookingT>('/api/bookings', {
    siteId: site.id,
    status: 'active',
    kind: 'booking',
    from: now.toISOString(),
    to: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    limit: 200,
  });
  // A new "now" reloads the lists that start from it; today's list is reloaded by hand.
  const refresh = () => {
    setNow(new Date());
    todays.reload();
  };

  return (
    <>
      <div className="today-head">
        <p className="lead">
          <strong data-testid="today-date">{dayLabel(today)}</strong> · {site.name} ·{' '}
          <SiteClock timeZone={timeZone} /> <span className="zone-chip">{zoneLabel(timeZone)}</span>
        </p>
        <button
          type="button"
          className="button-secondary"
          onClick={refresh}
          data-testid="today-refresh"
        >
          {t('today.refresh')}
        </button>
      </div>

      <Section title={t('today.schedule')} testId="today-schedule">
        <Cards
          list={todays}
          onChanged={refresh}
          filter={(b) =>
            ON_THE_BOARD.has(b.status) || (b.kind === 'outage' && b.status === 'confirmed')
          }
          empty={
            <EmptyState
              title={t('today.empty.title')}
              action={
                <Link to="/equipment" className="link-button link-button-secondary">
                  {t('nav.equipment')}
                </Link>
              }
            >
              {t('today.empty.body')}
            </EmptyState>
          }
          testId="today-bookings"
        />
      </Section>

      <Section title={t('today.requests')} testId="today-requests">
        <Cards
          list={requests}
          onChanged={refresh}
          empty={
            <EmptyState title={t('today.requests.empty.title')}>
              {t('today.requests.empty.body')}
            </EmptyState>
          }
          testId="request-bookings"
        />
      </Section>

      <Section title={t('today.service')} testId="today-service">
        <p>{t('today.serviceLead')}</p>
        <Cards
          list={service}
          onChanged={refresh}
          filter={(b) => b.mode === 'service'}
          empty={
            <EmptyState title={t('today.service.empty.title')}>
              {t('today.service.empty.body')}
            </EmptyState>
          }
          testId="service-bookings"
        />
      </Section>
    </>
  );
}

function Cards({
  list,
  onChanged,
  filter = () => true,
  empty,
  testId,
}: {
  list: CursorList<BookingT>;
  onChanged: () => void;
  filter?: (b: BookingT) => boolean;
  empty: ReactNode;
  testId: string;
}) {
  return (
    <PagedList list={list} empty={empty}>
      {(items) => {
        const shown = items.filter(filter);
        return shown.length === 0 ? (
          empty
        ) : (
          <div className="booking-cards" data-testid={testId}>
            {shown.map((b) => (
              <BookingCard key={b.id} booking={b} large onChanged={onChanged} />
            ))}
          </div>
        );
      }}
    </PagedList>
  );
}
