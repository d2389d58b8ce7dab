/**
 * /bookings — "Pemesanan". A member sees its organisation's machine time: a summary (no-shows
 * in 90 days, upcoming bookings, hours this month), wait-list offers to accept before they
 * expire, its places on wait lists, upcoming and past bookings with their status and a cancel
 * button, and secret iCal addresses for a calendar app. Site staff see their sites' bookings,
 * filtered by machine, status and dates (kept in the address), with the actions the API allows.
 */
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useApi, useCurrentUser, useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { BOOKING_STATUSES, type SiteSummary } from '../../lib/contracts.js';
import {
  dayIn,
  formatCount,
  formatDateTime,
  PLATFORM_TIME_ZONE,
  zonedDayBoundary,
} from '../../lib/format.js';
import { useCursorList, type CursorList } from '../../lib/use-cursor-list.js';
import { useResource, type Resource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import type { MachineT } from '../equipment/types.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { BookingCard } from './booking-card.js';
import { useSpanLabel } from './booking-status.js';
import { CalendarFeedsSection } from './calendar-feeds-section.js';
import { MemberSelect } from './member-select.js';
import { useDuration } from './rules-summary.js';
import {
  calendarPath,
  STAFF_ROLES,
  type BookingT,
  type MemberSummaryT,
  type WaitlistEntryT,
} from './types.js';

interface Org {
  id: string;
  name: string;
}

export function BookingsPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const user = useCurrentUser();
  const orgs: Org[] = user.grants
    .filter((g) => g.role === 'umkm_member' && g.scopeId)
    .map((g) => ({ id: g.scopeId!, name: g.scopeName ?? g.scopeId! }));
  const staff = roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role));
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? '');
  const org = orgs.find((o) => o.id === orgId) ?? orgs[0];

  return (
    <Page
      title={t('bookings.title')}
      lead={t(staff && !org ? 'bookings.leadStaff' : 'bookings.lead')}
      actions={
        <div className="button-row">
          <Link to="/equipment" className="link-button" data-testid="find-machine">
            {t('bookings.findMachine')}
          </Link>
          <Link to="/capacity" className="link-button link-button-secondary">
            {t('nav.capacity')}
          </Link>
        </div>
      }
    >
      {orgs.length > 1 && (
        <div className="form form-filters">
          <MemberSelect
            orgs={orgs}
            value={org?.id ?? ''}
            onChange={(event) => setOrgId(event.target.value)}
          />
        </div>
      )}
      {org && <MemberBookings key={org.id} org={org} />}
      {staff && <SiteBookings />}
      {org && (
        <CalendarFeedsSection
          title={t('feeds.title')}
          lead={t('feeds.lead')}
          targets={orgs.map((o) => ({ key: o.id, label: o.name, body: { organisationId: o.id } }))}
        />
      )}
    </Page>
  );
}

function MemberBookings({ org }: { org: Org }) {
  const { t } = useI18n();
  // "Now" for the lists, fixed until the user reloads them (a moving query would refetch).
  const [now, setNow] = useState(() => new Date().toISOString());
  const [tab, setTab] = useState<'upcoming' | 'past'>('upcoming');
  const summary = useResource<MemberSummaryT>('/api/bookings/summary', { memberOrgId: org.id });
  const offers = useCursorList<BookingT>('/api/bookings', {
    memberOrgId: org.id,
    status: 'offered',
    kind: 'booking',
    limit: 50,
  });
  const waitlist = useResource<{ items: WaitlistEntryT[] }>('/api/waitlist', {
    memberOrgId: org.id,
  });
  const upcoming = useCursorList<BookingT>('/api/bookings', {
    memberOrgId: org.id,
    kind: 'booking',
    from: now,
    limit: 25,
  });
  const past = useCursorList<BookingT>(tab === 'past' ? '/api/bookings' : null, {
    memberOrgId: org.id,
    kind: 'booking',
    from: new Date(Date.parse(now) - 90 * 86_400_000).toISOString(),
    to: now,
    limit: 200,
  });
  const refresh = () => {
    setNow(new Date().toISOString());
    summary.reload();
    offers.reload();
    waitlist.reload();
  };

  return (
    <>
      <Section title={t('bookings.summary')} testId="booking-summary">
        <Loaded resource={summary}>{(s) => <Summary summary={s} />}</Loaded>
      </Section>

      {offers.items.length > 0 && (
        <Section title={t('bookings.offers')} testId="booking-offers">
          <p>{t('bookings.offersLead')}</p>
          <ErrorBanner error={offers.error} onRetry={offers.reload} />
          <div className="booking-cards">
            {offers.items.map((b) => (
              <BookingCard key={b.id} booking={b} showMember={false} onChanged={refresh} />
            ))}
          </div>
        </Section>
      )}

      <WaitlistSection resource={waitlist} onChanged={refresh} />

      <Section title={t('bookings.mine', { name: org.name })} testId="my-bookings">
        <fieldset className="chip-group">
          <legend className="visually-hidden">{t('bookings.show')}</legend>
          {(['upcoming', 'past'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="filter-chip"
              aria-pressed={tab === option}
              data-testid={`bookings-tab-${option}`}
              onClick={() => setTab(option)}
            >
              {t(`bookings.tab.${option}`)}
            </button>
          ))}
        </fieldset>
        {tab === 'upcoming' ? (
          <BookingList
            list={upcoming}
            showMember={false}
            onChanged={refresh}
            // Offers have their own section above.
            order={(items) => items.filter((b) => b.status !== 'offered')}
            empty={
              <EmptyState
                title={t('bookings.empty.upcoming.title')}
                action={
                  <Link to="/equipment" className="link-button">
                    {t('bookings.findMachine')}
                  </Link>
                }
              >
                {t('bookings.empty.upcoming.body')}
              </EmptyState>
            }
          />
        ) : (
          <BookingList
            list={past}
            showMember={false}
            onChanged={refresh}
            order={(items) =>
              items.filter((b) => Date.parse(b.endsAt) <= Date.parse(now)).reverse()
            }
            empty={
              <EmptyState title={t('bookings.empty.past.title')}>
                {t('bookings.empty.past.body')}
              </EmptyState>
            }
          />
        )}
      </Section>
    </>
  );
}

function Summary({ summary }: { summary: MemberSummaryT }) {
  const { t, locale } = useI18n();
  return (
    <ul className="summary-counts" data-testid="booking-summary-counts">
      <li>
        <strong data-testid="summary-upcoming">{formatCount(summary.upcoming, locale)}</strong>{' '}
        {t('bookings.summary.upcoming')}
      </li>
      <li>
        <strong data-testid="summary-hours">
          {summary.hoursThisMonth.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', {
            maximumFractionDigits: 1,
          })}
        </strong>{' '}
        {t('bookings.summary.hours')}
      </li>
      <li className={summary.noShows90Days > 0 ? 'count-invalid' : undefined}>
        <strong data-testid="summary-no-shows">{formatCount(summary.noShows90Days, locale)}</strong>{' '}
        {t('bookings.summary.noShows')}
      </li>
    </ul>
  );
}

function BookingList({
  list,
  empty,
  showMember,
  onChanged,
  order = (items) => items,
}: {
  list: CursorList<BookingT>;
  empty: ReactNode;
  showMember: boolean;
  onChanged: () => void;
  order?: (items: BookingT[]) => BookingT[];
}) {
  // Outlives the reload an action causes (e.g. "12 bookings of the series cancelled").
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      {notice && (
        <p role="status" className="muted" data-testid="booking-notice">
          {notice}
        </p>
      )}
      <PagedList list={list} empty={empty}>
        {(items) => {
          const shown = order(items);
          return shown.length === 0 ? (
            empty
          ) : (
            <div className="booking-cards" data-testid="booking-list">
              {shown.map((b) => (
                <BookingCard
                  key={b.id}
                  booking={b}
                  showMember={showMember}
                  onChanged={(_, message) => {
                    setNotice(message ?? null);
                    list.reload();
                    onChanged();
                  }}
                />
              ))}
            </div>
          );
        }}
      </PagedList>
    </>
  );
}

function WaitlistSection({
  resource,
  onChanged,
}: {
  resource: Resource<{ items: WaitlistEntryT[] }>;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const spanLabel = useSpanLabel();
  const duration = useDuration();
  const leave = useSubmit(async (entry: WaitlistEntryT) => {
    await api.delete(`/api/waitlist/${encodeURIComponent(entry.id)}`);
    onChanged();
  });
  return (
    <Section title={t('waitlist.title')} testId="waitlist-entries">
      <ErrorBanner error={leave.error} />
      <Loaded resource={resource}>
        {(data) => {
          const live = data.items.filter((w) => w.status === 'waiting' || w.status === 'offered');
          return live.length === 0 ? (
            <EmptyState title={t('waitlist.empty.title')}>{t('waitlist.empty.body')}</EmptyState>
          ) : (
            <ul className="plain-list">
              {live.map((w) => {
                // The entry does not carry its site's zone; its offer does.
                const zone = w.offer?.timeZone ?? PLATFORM_TIME_ZONE;
                return (
                  <li
                    key={w.id}
                    className="plain-list-item"
                    data-testid="waitlist-entry"
                    data-status={w.status}
                  >
                    <span>
                      <Link to={calendarPath(w.machineId, dayIn(w.windowStart, zone), 'day')}>
                        {w.machineName}
                      </Link>{' '}
                      · {spanLabel(w.windowStart, w.windowEnd, zone)} · {duration(w.minutes)}
                      <br />
                      {w.status === 'waiting' && w.position !== null ? (
                        <span data-testid="waitlist-position">
                          {t('waitlist.position', { position: w.position })}
                        </span>
                      ) : (
                        <span>
                          {t('waitlist.offered')}
                          {w.offer?.offerExpiresAt &&
                            ` ${t('booking.offerExpires', {
                              time: formatDateTime(w.offer.offerExpiresAt, zone, locale),
                            })}`}
                        </span>
                      )}
                    </span>
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={leave.pending}
                      data-testid="waitlist-leave"
                      onClick={() => {
                        if (window.confirm(t('waitlist.leaveConfirm', { machine: w.machineName })))
                          void leave.submit(w);
                      }}
                    >
                      {t('waitlist.leave')}
                    </button>
                  </li>
                );
              })}
            </ul>
          );
        }}
      </Loaded>
    </Section>
  );
}

const STATUS_FILTERS = ['active', ...BOOKING_STATUSES] as const;

/** Site staff: the bookings of their sites, filtered in the address. */
function SiteBookings() {
  const { t } = useI18n();
  const sites = useSites();
  const { params, update, clearFilters } = useUrlFilters([
    'siteId',
    'machineId',
    'status',
    'from',
    'to',
  ] as const);
  const siteId = params.get('siteId') ?? '';
  const machineId = params.get('machineId') ?? '';
  const status = oneOf(STATUS_FILTERS, params.get('status')) || 'active';
  const site: SiteSummary | undefined =
    sites.items.find((s) => s.id === siteId) ??
    (sites.items.length === 1 ? sites.items[0] : undefined);
  const zone = site?.timeZone ?? PLATFORM_TIME_ZONE;
  const [today] = useState(() => dayIn(new Date(), zone));
  const from = params.get('from') ?? today;
  const to = params.get('to') ?? '';
  const machines = useCursorList<MachineT>('/api/equipment', {
    siteId: site?.id,
    limit: 200,
  });
  const list = useCursorList<BookingT>('/api/bookings', {
    siteId: site?.id,
    machineId,
    status,
    kind: 'booking',
    from: /^\d{4}-\d{2}-\d{2}$/.test(from) ? zonedDayBoundary(from, zone, 'start') : undefined,
    to: /^\d{4}-\d{2}-\d{2}$/.test(to) ? zonedDayBoundary(to, zone, 'end') : undefined,
    limit: 25,
  });
  const filtered = Boolean(machineId || params.get('status') || params.get('from') || to);

  return (
    <Section title={t('bookings.site.title')} testId="site-bookings">
      <form
        className="form form-filters"
        role="search"
        onSubmit={(event) => event.preventDefault()}
      >
        {sites.items.length > 1 && (
          <SiteSelect
            sites={sites}
            label={t('equipment.field.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value, machineId: '' })}
            emptyOption={{ label: t('equipment.allSites'), selectable: true }}
          />
        )}
        <SelectField
          label={t('bookings.filter.machine')}
          name="machineId"
          value={machineId}
          onChange={(event) => update({ machineId: event.target.value })}
        >
          <option value="">{t('bookings.filter.allMachines')}</option>
          {machines.items.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.code})
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('bookings.filter.status')}
          name="status"
          value={status}
          onChange={(event) => update({ status: event.target.value })}
        >
          {STATUS_FILTERS.map((option) => (
            <option key={option} value={option}>
              {option === 'active' ? t('bookings.filter.active') : t(`bookingStatus.${option}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('bookings.filter.from')}>
          {(control) => (
            <input
              type="date"
              name="from"
              value={from}
              onChange={(event) => update({ from: event.target.value })}
              {...control}
            />
          )}
        </Field>
        <Field label={t('bookings.filter.to')}>
          {(control) => (
            <input
              type="date"
              name="to"
              min={from}
              value={to}
              onChange={(event) => update({ to: event.target.value })}
              {...control}
            />
          )}
        </Field>
        {filtered && (
          <div className="button-row">
            <button type="button" className="button-secondary" onClick={clearFilters}>
              {t('action.clearFilters')}
            </button>
          </div>
        )}
      </form>
      <BookingList
        list={list}
        showMember
        onChanged={() => undefined}
        empty={
          <EmptyState title={t('bookings.site.empty.title')}>
            {t('bookings.site.empty.body')}
          </EmptyState>
        }
      />
    </Section>
  );
}
