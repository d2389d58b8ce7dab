/**
 * /equipment/:id/calendar — "Jadwal & pemesanan": a machine's day or week in its site's zone
 * (labelled WIB/WITA/WIT, never the browser's zone). Open hours, busy time (the caller's own
 * bookings highlighted, other members' just "terisi", outages as maintenance or breakdown) and
 * free slots that open the booking form prefilled. Members join the wait list for taken time;
 * site staff record and lift outages; managers open the booking rules. The day and view live in
 * the address, so Back and a shared link return to the same calendar.
 */
import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useCurrentUser, useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { NoticeBanner } from '../../components/error-banner.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteDetail, TimeZone } from '../../lib/contracts.js';
import { addDays, dayIn, formatDate, formatTimeRange, zoneLabel } from '../../lib/format.js';
import { useNow } from '../../lib/use-now.js';
import { useResource, type Resource } from '../../lib/use-resource.js';
import type { Page as ListPage } from '../../lib/use-cursor-list.js';
import { MachineStatusChip } from '../equipment/machine-status.js';
import { machinePath, type MachineT } from '../equipment/types.js';
import { BookingStatusChip, useDayLabel } from './booking-status.js';
import { CalendarFeedsSection } from './calendar-feeds-section.js';
import { OutageSection, LiftOutageButton } from './outage-section.js';
import { RulesSummary } from './rules-summary.js';
import {
  clip,
  clockOf,
  daySegments,
  daySpan,
  endOptions,
  MINUTE,
  rangeOf,
  toSpan,
  utilisation,
  weekDays,
  type Span,
} from './time.js';
import {
  bookPath,
  machineApi,
  rulesPath,
  STAFF_ROLES,
  type AvailabilityT,
  type BookingT,
  type BusyT,
} from './types.js';
import { WaitlistForm, type WaitPrefill } from './waitlist-form.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function MachineCalendarPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const machine = useResource<MachineT>(machinePath(id));
  const site = useResource<SiteDetail>(
    machine.data ? `/api/sites/${encodeURIComponent(machine.data.siteId)}` : null,
  );
  const data = machine.data;
  return (
    <Page
      title={data ? t('calendar.titleOf', { name: data.name }) : t('calendar.title')}
      lead={
        data && (
          <>
            {data.code} · <MachineStatusChip status={data.status} /> ·{' '}
            <Link to={`/sites/${data.siteId}`}>{data.siteName}</Link>
          </>
        )
      }
      actions={
        <div className="button-row">
          <Link
            to={`/equipment/${encodeURIComponent(id)}`}
            className="link-button link-button-secondary"
          >
            {t('calendar.backToMachine')}
          </Link>
        </div>
      }
    >
      <Loaded resource={machine}>
        {(m) => (
          <Loaded resource={site}>
            {(s) => <MachineCalendar machine={m} timeZone={s.timeZone} />}
          </Loaded>
        )}
      </Loaded>
    </Page>
  );
}

function MachineCalendar({ machine, timeZone }: { machine: MachineT; timeZone: TimeZone }) {
  const { t, locale } = useI18n();
  const { roles } = useSession();
  const user = useCurrentUser();
  const dayLabel = useDayLabel();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const today = dayIn(now, timeZone);
  const view: 'day' | 'week' = params.get('view') === 'day' ? 'day' : 'week';
  const dateParam = params.get('date');
  const day = dateParam && DATE.test(dateParam) ? dateParam : today;
  const range = rangeOf(day, view, timeZone);
  const availability = useResource<AvailabilityT>(`${machineApi(machine.id)}/availability`, range);
  // Details of the busy time the caller may see: all of it for site staff, their own for members.
  const details = useResource<ListPage<BookingT>>('/api/bookings', {
    machineId: machine.id,
    from: range.from,
    to: range.to,
    status: 'active',
    limit: 200,
  });
  const memberOrgs = user.grants.filter((g) => g.role === 'umkm_member' && g.scopeId);
  const staff = roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role));
  const canBook = canSee('machineBook', roles) && machine.status !== 'retired';
  const [waitPrefill, setWaitPrefill] = useState<WaitPrefill | null>(null);
  const waitRef = useRef<HTMLDivElement>(null);

  const go = (changes: { view?: 'day' | 'week'; date?: string }) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('view', changes.view ?? view);
      next.set('date', changes.date ?? day);
      return next;
    });
  const step = view === 'day' ? 1 : 7;
  const rangeLabel =
    view === 'day'
      ? dayLabel(day)
      : `${formatDate(weekDays(day)[0]!, locale)} – ${formatDate(weekDays(day)[6]!, locale)}`;

  const waitFor = (prefill: WaitPrefill) => {
    setWaitPrefill(prefill);
    // The form sits under the calendar: bring it into view on a phone.
    setTimeout(() => waitRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 0);
  };

  return (
    <>
      <div className="button-row calendar-links">
        {canBook && (
          <Link
            to={bookPath(machine.id, { date: day })}
            className="link-button"
            data-testid="book-machine"
          >
            {t('calendar.book')}
          </Link>
        )}
        {canSee('bookings', roles) && (
          <Link to="/bookings" className="link-button link-button-secondary">
            {t('calendar.myBookings')}
          </Link>
        )}
        {canSee('bookingRules', roles) && (
          <Link
            to={rulesPath(machine.id)}
            className="link-button link-button-secondary"
            data-testid="open-booking-rules"
          >
            {t('bookingRules.title')}
          </Link>
        )}
      </div>

      <Section title={t('calendar.schedule')} testId="machine-calendar">
        <div className="calendar-toolbar">
          <fieldset className="chip-group">
            <legend className="visually-hidden">{t('calendar.view')}</legend>
            {(['day', 'week'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="filter-chip"
                aria-pressed={view === option}
                data-testid={`view-${option}`}
                onClick={() => go({ view: option })}
              >
                {t(`calendar.view.${option}`)}
              </button>
            ))}
          </fieldset>
          <div className="button-row calendar-nav">
            <button
              type="button"
              className="button-secondary"
              data-testid="calendar-prev"
              aria-label={t(`calendar.previous.${view}`)}
              onClick={() => go({ date: addDays(day, -step) })}
            >
              ‹
            </button>
            <button
              type="button"
              className="button-secondary"
              data-testid="calendar-today"
              onClick={() => go({ date: today })}
            >
              {t('calendar.today')}
            </button>
            <button
              type="button"
              className="button-secondary"
              data-testid="calendar-next"
              aria-label={t(`calendar.next.${view}`)}
              onClick={() => go({ date: addDays(day, step) })}
            >
              ›
            </button>
            <label className="calendar-jump">
              <span className="visually-hidden">{t('calendar.jump')}</span>
              <input
                type="date"
                value={day}
                data-testid="calendar-date"
                onChange={(event) => {
                  if (DATE.test(event.target.value)) go({ date: event.target.value });
                }}
              />
            </label>
          </div>
        </div>
        <p className="calendar-range" data-testid="calendar-range" aria-live="polite">
          <strong>{rangeLabel}</strong>{' '}
          <span className="zone-chip" data-testid="calendar-zone">
            {zoneLabel(timeZone)}
          </span>
        </p>
        <p className="muted">{t('hours.zoneNote', { zone: zoneLabel(timeZone) })}</p>
        <Loaded resource={availability}>
          {(a) => (
            <>
              {a.machineStatus !== 'active' && (
                <NoticeBanner title={t('calendar.notBookable')} testId="machine-not-bookable">
                  <p>{t(`calendar.notBookable.${a.machineStatus}`)}</p>
                </NoticeBanner>
              )}
              <Legend />
              {view === 'day' ? (
                <DayView
                  day={day}
                  timeZone={timeZone}
                  now={now.getTime()}
                  availability={a}
                  details={details}
                  machineId={machine.id}
                  canBook={canBook}
                  canWait={memberOrgs.length > 0}
                  staff={staff}
                  onWait={waitFor}
                  onChanged={() => {
                    availability.reload();
                    details.reload();
                  }}
                />
              ) : (
                <WeekView
                  day={day}
                  timeZone={timeZone}
                  availability={a}
                  details={details}
                  machineId={machine.id}
                  canBook={canBook}
                  onOpenDay={(d) => go({ view: 'day', date: d })}
                />
              )}
              <RulesSummary rules={a.rules} />
            </>
          )}
        </Loaded>
      </Section>

      {memberOrgs.length > 0 && availability.data && (
        <div ref={waitRef}>
          <WaitlistForm
            key={waitPrefill ? JSON.stringify(waitPrefill) : `day-${day}`}
            machineId={machine.id}
            timeZone={timeZone}
            rules={availability.data.rules}
            orgs={memberOrgs.map((g) => ({ id: g.scopeId!, name: g.scopeName ?? g.scopeId! }))}
            prefill={waitPrefill ?? { date: day, start: '', end: '' }}
          />
        </div>
      )}
      {staff && (
        <OutageSection
          machineId={machine.id}
          timeZone={timeZone}
          day={day}
          onSaved={() => {
            availability.reload();
            details.reload();
          }}
        />
      )}
      <CalendarFeedsSection
        title={t('feeds.machineTitle')}
        lead={t('feeds.machineLead')}
        targets={[{ key: machine.id, label: machine.name, body: { machineId: machine.id } }]}
        only={{ machineId: machine.id }}
      />
    </>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul className="calendar-legend" aria-label={t('calendar.legend')}>
      {(['free', 'mine', 'taken', 'outage', 'closed'] as const).map((kind) => (
        <li key={kind}>
          <span className={`legend-swatch slot-${kind}`} aria-hidden="true" />
          {t(`calendar.legend.${kind}`)}
        </li>
      ))}
    </ul>
  );
}

/** The booking or outage behind a busy span, when the caller may see it. */
function detailOf(busy: BusyT, details: Resource<ListPage<BookingT>>): BookingT | undefined {
  const start = Date.parse(busy.startsAt);
  const end = Date.parse(busy.endsAt);
  return details.data?.items.find(
    (b) => b.kind === busy.kind && Date.parse(b.startsAt) === start && Date.parse(b.endsAt) === end,
  );
}

function BusyLabel({ busy, detail }: { busy: BusyT; detail: BookingT | undefined }) {
  const { t } = useI18n();
  if (busy.kind === 'outage')
    return (
      <>
        <strong>{t(`outageKind.${detail?.outageKind ?? 'maintenance'}`)}</strong>
        {detail?.reason && <span className="muted"> · {detail.reason}</span>}
      </>
    );
  const status = <BookingStatusChip booking={{ kind: 'booking', status: busy.status }} />;
  if (busy.mine)
    return (
      <>
        <strong>{t('calendar.mine')}</strong> {status}
      </>
    );
  if (detail?.memberName)
    return (
      <>
        <strong>{detail.memberName}</strong> {status}
        {detail.mode === 'service' && <span className="muted"> · {t('booking.mode.service')}</span>}
      </>
    );
  return <strong>{t('calendar.taken')}</strong>;
}

function DayView({
  day,
  timeZone,
  now,
  availability: a,
  details,
  machineId,
  canBook,
  canWait,
  staff,
  onWait,
  onChanged,
}: {
  day: string;
  timeZone: TimeZone;
  now: number;
  availability: AvailabilityT;
  details: Resource<ListPage<BookingT>>;
  machineId: string;
  canBook: boolean;
  canWait: boolean;
  staff: boolean;
  onWait: (prefill: WaitPrefill) => void;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const open = a.open.map(toSpan);
  const segments = daySegments({
    day: daySpan(day, timeZone),
    open,
    busy: a.busy.map(toSpan),
    free: a.free.map(toSpan),
    now,
    slotMinutes: a.rules.slotMinutes,
  });
  if (segments.length === 0)
    return <EmptyState title={t('calendar.closed.title')}>{t('calendar.closed.body')}</EmptyState>;
  const time = (s: Span) => formatTimeRange(new Date(s.start), new Date(s.end), timeZone, locale);
  const clock = (at: number) => clockOf(at, timeZone);

  return (
    <ol className="slot-list" data-testid="day-slots">
      {segments.map((s) => {
        if (s.kind === 'free') {
          const end =
            endOptions(open, s.start, a.rules)[0] ?? s.start + a.rules.slotMinutes * MINUTE;
          const label = (
            <>
              <span className="slot-time">{time(s)}</span>
              <span className="slot-what">
                {t('calendar.free')}
                {canBook && <span className="slot-cta"> · {t('calendar.bookThis')}</span>}
              </span>
            </>
          );
          return (
            <li
              key={`free-${s.start}`}
              className="slot slot-free"
              data-testid="free-slot"
              data-start={clock(s.start)}
            >
              {canBook ? (
                <Link
                  className="slot-link"
                  to={bookPath(machineId, { date: day, start: clock(s.start), end: clock(end) })}
                  aria-label={t('calendar.bookAt', { time: time(s) })}
                >
                  {label}
                </Link>
              ) : (
                <div className="slot-link">{label}</div>
              )}
            </li>
          );
        }
        if (s.kind === 'busy') {
          const busy = a.busy[s.index]!;
          const detail = detailOf(busy, details);
          const variant = busy.kind === 'outage' ? 'outage' : busy.mine ? 'mine' : 'taken';
          return (
            <li
              key={`busy-${s.index}`}
              className={`slot slot-${variant}`}
              data-testid="busy-slot"
              data-kind={variant}
              data-start={clock(s.start)}
              data-end={clock(s.end)}
            >
              <div className="slot-link">
                <span className="slot-time">{time(s)}</span>
                <span className="slot-what">
                  <BusyLabel busy={busy} detail={detail} />
                </span>
              </div>
              {variant === 'taken' && canWait && s.end > now && (
                <div className="button-row slot-actions">
                  <button
                    type="button"
                    className="button-secondary"
                    data-testid="wait-for-slot"
                    onClick={() =>
                      onWait({
                        date: day,
                        start: clock(Math.max(s.start, now)),
                        end: clock(s.end),
                        minutes: Math.round((s.end - Math.max(s.start, now)) / MINUTE),
                      })
                    }
                  >
                    {t('calendar.wait')}
                  </button>
                </div>
              )}
              {variant === 'outage' && staff && detail?.status === 'confirmed' && (
                <div className="button-row slot-actions">
                  <LiftOutageButton outage={detail} onLifted={onChanged} />
                </div>
              )}
            </li>
          );
        }
        return (
          <li
            key={`${s.kind}-${s.start}`}
            className={`slot slot-${s.kind === 'past' ? 'past' : 'closed'}`}
            data-testid="closed-slot"
          >
            <div className="slot-link">
              <span className="slot-time">{time(s)}</span>
              <span className="slot-what muted">{t(`calendar.segment.${s.kind}`)}</span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function WeekView({
  day,
  timeZone,
  availability: a,
  details,
  machineId,
  canBook,
  onOpenDay,
}: {
  day: string;
  timeZone: TimeZone;
  availability: AvailabilityT;
  details: Resource<ListPage<BookingT>>;
  machineId: string;
  canBook: boolean;
  onOpenDay: (day: string) => void;
}) {
  const { t, locale } = useI18n();
  const dayLabel = useDayLabel();
  const open = a.open.map(toSpan);
  const free = a.free.map(toSpan);
  const booked = a.busy.filter((b) => b.kind === 'booking').map(toSpan);
  const time = (s: Span) => formatTimeRange(new Date(s.start), new Date(s.end), timeZone, locale);
  return (
    <ol className="week-list" data-testid="week-days">
      {weekDays(day).map((d) => {
        const span = daySpan(d, timeZone);
        const dayOpen = clip(open, span);
        const dayFree = clip(free, span);
        const dayBusy = a.busy
          .map((b, index) => ({ b, index, s: clip([toSpan(b)], span)[0] }))
          .filter((x): x is { b: BusyT; index: number; s: Span } => x.s !== undefined);
        const percent = Math.round(utilisation(dayOpen, booked) * 100);
        return (
          <li key={d} className="week-day" data-testid="week-day" data-date={d}>
            <div className="week-day-head">
              <button
                type="button"
                className="button-link week-day-name"
                onClick={() => onOpenDay(d)}
                aria-label={t('calendar.openDay', { day: dayLabel(d) })}
              >
                {dayLabel(d)}
              </button>
              {dayOpen.length > 0 && (
                <span className="util" title={t('calendar.utilisation', { percent })}>
                  <span className="util-track" aria-hidden="true">
                    <span className="util-fill" style={{ width: `${percent}%` }} />
                  </span>
                  <span className="util-label">{t('calendar.utilisation', { percent })}</span>
                </span>
              )}
            </div>
            {dayOpen.length === 0 && dayBusy.length === 0 ? (
              <p className="muted week-day-closed">{t('calendar.closedShort')}</p>
            ) : (
              <>
                {dayFree.length > 0 ? (
                  <ul className="free-chips" aria-label={t('calendar.freeTimes')}>
                    {dayFree.map((f) => {
                      const end = endOptions(open, f.start, a.rules)[0] ?? f.end;
                      return (
                        <li key={f.start}>
                          {canBook ? (
                            <Link
                              className="slot-chip slot-free"
                              data-testid="free-chip"
                              to={bookPath(machineId, {
                                date: d,
                                start: clockOf(f.start, timeZone),
                                end: clockOf(end, timeZone),
                              })}
                            >
                              {time(f)}
                            </Link>
                          ) : (
                            <span className="slot-chip slot-free">{time(f)}</span>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  dayOpen.length > 0 && <p className="muted">{t('calendar.noFree')}</p>
                )}
                {dayBusy.length > 0 && (
                  <ul className="busy-chips">
                    {dayBusy.map(({ b, index, s }) => (
                      <li
                        key={index}
                        className={`slot-chip slot-${b.kind === 'outage' ? 'outage' : b.mine ? 'mine' : 'taken'}`}
                      >
                        {time(s)} · <BusyLabel busy={b} detail={detailOf(b, details)} />
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
