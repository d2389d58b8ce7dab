/**
 * /equipment/:id/book — book machine time, opened from a free slot of the calendar (the date
 * and times come prefilled in the address) or from its "Pesan waktu" button. Times are chosen
 * on the machine's slot grid within the site's open hours, in the site's zone. While the user
 * edits, the request is checked by the API (POST /api/bookings/check, after a 300 ms pause):
 * every rule it breaks is listed in the user's language, with any overlapping booking, before
 * anything is sent. A booking can repeat daily or weekly; occurrences that cannot be booked
 * are skipped (when asked) and listed with the reason.
 */
import { useEffect, useState, type ComponentProps, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { useApi, useCurrentUser, useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { asApiError, type ApiError } from '../../lib/api.js';
import {
  BookingRequest,
  SeriesRequest,
  type OrganisationSummary,
  type SiteDetail,
  type TimeZone,
} from '../../lib/contracts.js';
import { addDays, dayIn, formatTimeRange, zonedInstant, zoneLabel } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useNow } from '../../lib/use-now.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { machinePath, type MachineT } from '../equipment/types.js';
import type { PersonT } from '../qualifications/types.js';
import { useSpanLabel } from './booking-status.js';
import { Choice } from './choice.js';
import { MemberSelect, NameOptions } from './member-select.js';
import { RulesSummary, useDuration } from './rules-summary.js';
import { clockOf, endOptions, isFree, MINUTE, startOptions, toSpan } from './time.js';
import {
  calendarPath,
  machineApi,
  STAFF_ROLES,
  type AvailabilityT,
  type BookingCheckT,
  type BookingT,
  type SeriesResultT,
  type SkippedOccurrenceT,
} from './types.js';

/** The pause after the last edit before the live check asks the API. */
export const CHECK_DELAY_MS = 300;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

type BookingBody = z.output<typeof BookingRequest>;
type SeriesBody = z.output<typeof SeriesRequest>;

export function BookingFormPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const machine = useResource<MachineT>(machinePath(id));
  const site = useResource<SiteDetail>(
    machine.data ? `/api/sites/${encodeURIComponent(machine.data.siteId)}` : null,
  );
  const pick = (key: string, pattern: RegExp) => {
    const value = params.get(key);
    return value && pattern.test(value) ? value : '';
  };
  const prefill = {
    date: pick('date', DATE),
    start: pick('start', CLOCK),
    end: pick('end', CLOCK),
  };
  const data = machine.data;
  return (
    <Page
      title={t('bookingForm.title')}
      lead={data && `${data.name} (${data.code}) · ${data.siteName}`}
      actions={
        <Link
          to={calendarPath(id, prefill.date || undefined, 'day')}
          className="link-button link-button-secondary"
          data-testid="back-to-calendar"
        >
          {t('bookingForm.backToCalendar')}
        </Link>
      }
    >
      <Loaded resource={machine}>
        {(m) => (
          <Loaded resource={site}>
            {(s) => <BookingForm machine={m} timeZone={s.timeZone} prefill={prefill} />}
          </Loaded>
        )}
      </Loaded>
    </Page>
  );
}

type CheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; result: BookingCheckT }
  | { status: 'failed'; error: ApiError };

/**
 * Asks POST /api/bookings/check once the request has not changed for CHECK_DELAY_MS; a newer
 * edit cancels the older question, so the answer shown is always about what is on screen.
 */
export function useLiveCheck(request: BookingBody | null, generation: number): CheckState {
  const api = useApi();
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const key = request ? JSON.stringify(request) : null;
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'checking' });
    const timer = setTimeout(() => {
      api
        .post<BookingCheckT>('/api/bookings/check', JSON.parse(key) as unknown, {
          signal: controller.signal,
        })
        .then((result) => setState({ status: 'done', result }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'failed', error: asApiError(error) });
        });
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, generation]);
  return state;
}

function BookingForm({
  machine,
  timeZone,
  prefill,
}: {
  machine: MachineT;
  timeZone: TimeZone;
  prefill: { date: string; start: string; end: string };
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { roles } = useSession();
  const user = useCurrentUser();
  const duration = useDuration();
  const now = useNow();
  const today = dayIn(now, timeZone);

  // Whose booking: members book for their own organisation, staff for a member of the site.
  const ownOrgs = user.grants
    .filter((g) => g.role === 'umkm_member' && g.scopeId)
    .map((g) => ({ id: g.scopeId!, name: g.scopeName ?? g.scopeId! }));
  const staff = roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role));
  const siteMembers = useCursorList<OrganisationSummary>(staff ? '/api/organisations' : null, {
    siteId: machine.siteId,
    kind: 'umkm',
    limit: 200,
  });
  const orgs = [
    ...ownOrgs,
    ...siteMembers.items
      .filter((o) => !ownOrgs.some((own) => own.id === o.id))
      .map((o) => ({ id: o.id, name: o.name })),
  ];

  const [memberOrgId, setMemberOrgId] = useState(ownOrgs[0]?.id ?? '');
  const [date, setDate] = useState(prefill.date || today);
  const [start, setStart] = useState(prefill.start);
  const [end, setEnd] = useState(prefill.end);
  const [mode, setMode] = useState<'self' | 'service'>('self');
  const [personId, setPersonId] = useState('');
  const [notes, setNotes] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [frequency, setFrequency] = useState<'daily' | 'weekly'>('weekly');
  const [interval, setIntervalText] = useState('1');
  const [endBy, setEndBy] = useState<'count' | 'until'>('count');
  const [count, setCount] = useState('4');
  const [until, setUntil] = useState('');
  const [skipConflicts, setSkipConflicts] = useState(true);
  const [created, setCreated] = useState<BookingT | null>(null);
  const [seriesResult, setSeriesResult] = useState<SeriesResultT | null>(null);
  const [generation, setGeneration] = useState(0);

  const validDate = DATE.test(date);
  const availability = useResource<AvailabilityT>(
    validDate ? `${machineApi(machine.id)}/availability` : null,
    validDate
      ? {
          from: zonedInstant(date, '00:00', timeZone),
          to: zonedInstant(addDays(date, 1), '00:00', timeZone),
        }
      : {},
  );
  const people = useCursorList<PersonT>(
    memberOrgId ? `/api/organisations/${encodeURIComponent(memberOrgId)}/people` : null,
    { active: 'true', limit: 200 },
  );

  const a = availability.data;
  const rules = a?.rules;
  const open = a ? a.open.map(toSpan) : [];
  const free = a ? a.free.map(toSpan) : [];
  const instant = (clock: string) =>
    validDate && clock ? zonedInstant(date, clock, timeZone) : '';
  const startAt = start ? Date.parse(instant(start)) : NaN;
  const dayStart = validDate ? Date.parse(zonedInstant(date, '00:00', timeZone)) : 0;
  const starts = rules ? startOptions(open, dayStart, rules.slotMinutes) : [];
  const ends = rules && !Number.isNaN(startAt) ? endOptions(open, startAt, rules) : [];
  const clock = (at: number) => clockOf(at, timeZone);
  const shown = (hm: string) => (locale === 'id' ? hm.replace(':', '.') : hm);

  // A new start keeps the end if it still fits, else takes the shortest allowed length.
  const changeStart = (next: string) => {
    setStart(next);
    if (!rules || !next) return;
    const options = endOptions(open, Date.parse(instant(next)), rules);
    if (options.length > 0 && !options.some((at) => clock(at) === end)) setEnd(clock(options[0]!));
  };

  // What is on screen, as sent; the live check leaves the notes out.
  const requestWith = (withNotes: string | null): BookingBody => ({
    machineId: machine.id,
    memberOrgId,
    startsAt: instant(start),
    endsAt: instant(end),
    mode,
    personId: mode === 'self' && personId ? personId : null,
    notes: withNotes,
  });
  const request = memberOrgId && validDate && start && end ? requestWith(null) : null;
  const check = useLiveCheck(request, generation);

  const single = useSubmit(async (body: BookingBody) => {
    setCreated(await api.post<BookingT>('/api/bookings', body));
    setGeneration((g) => g + 1);
  }, BookingRequest);
  const series = useSubmit(async (body: SeriesBody) => {
    setSeriesResult(await api.post<SeriesResultT>('/api/booking-series', body));
    setGeneration((g) => g + 1);
  }, SeriesRequest);
  const submission = repeat ? series : single;
  const errors = submission.fieldErrors;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    setSeriesResult(null);
    const booking = requestWith(notes.trim() || null);
    if (!repeat) {
      await single.submit(booking);
      return;
    }
    await series.submit({
      ...booking,
      frequency,
      interval: Number(interval),
      until: endBy === 'until' ? until : null,
      count: endBy === 'count' ? Number(count) : null,
      skipConflicts,
    });
  };

  if (created)
    return (
      <Created
        booking={created}
        onAnother={() => {
          setCreated(null);
          availability.reload();
        }}
      />
    );
  if (seriesResult)
    return (
      <SeriesOutcome
        result={seriesResult}
        timeZone={timeZone}
        machineId={machine.id}
        onAnother={() => {
          setSeriesResult(null);
          availability.reload();
        }}
      />
    );

  const seriesProblems = seriesOccurrences(series.error);
  return (
    <Section title={t('bookingForm.section')} testId="booking-form-section">
      <form
        className="form booking-form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="booking-form"
      >
        <ErrorBanner error={submission.error} />
        {seriesProblems.length > 0 && (
          <SkippedList items={seriesProblems} timeZone={timeZone} testId="series-conflicts" />
        )}
        <MemberSelect
          orgs={orgs}
          value={memberOrgId}
          onChange={(event) => {
            setMemberOrgId(event.target.value);
            setPersonId('');
          }}
          error={errors['memberOrgId']}
          hint={
            siteMembers.loading && staff
              ? t('state.loading')
              : staff
                ? t('booking.memberHintStaff')
                : undefined
          }
          liveHint
        >
          <option value="" disabled>
            {t('booking.memberChoose')}
          </option>
        </MemberSelect>
        <TextField
          label={t('booking.date')}
          error={errors['startsAt'] && !validDate ? errors['startsAt'] : undefined}
          type="date"
          name="date"
          min={today}
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
        {availability.error && (
          <ErrorBanner error={availability.error} onRetry={availability.reload} />
        )}
        {a && open.length === 0 && (
          <NoticeBanner title={t('bookingForm.closedDay')} testId="closed-day">
            <p>{t('bookingForm.closedDayBody')}</p>
          </NoticeBanner>
        )}
        <div className="form-row">
          <SelectField
            label={t('booking.start', { zone: zoneLabel(timeZone) })}
            name="start"
            value={start}
            onChange={(event) => changeStart(event.target.value)}
            error={errors['startsAt']}
            hint={availability.loading ? t('state.loading') : undefined}
            liveHint
          >
            <option value="">{t('booking.timeChoose')}</option>
            {start && !starts.some((at) => clock(at) === start) && (
              <option value={start}>{shown(start)}</option>
            )}
            {starts.map((at) => (
              <option key={at} value={clock(at)}>
                {shown(clock(at))}
                {rules && !isFree(free, at, rules.slotMinutes) ? ` — ${t('calendar.taken')}` : ''}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('booking.end', { zone: zoneLabel(timeZone) })}
            name="end"
            value={end}
            onChange={(event) => setEnd(event.target.value)}
            error={errors['endsAt']}
          >
            <option value="">{t('booking.timeChoose')}</option>
            {end && !ends.some((at) => clock(at) === end) && (
              <option value={end}>{shown(end)}</option>
            )}
            {ends.map((at) => (
              <option key={at} value={clock(at)}>
                {shown(clock(at))} ({duration(Math.round((at - startAt) / MINUTE))})
              </option>
            ))}
          </SelectField>
        </div>

        <fieldset className="choice-group">
          <legend>{t('booking.mode')}</legend>
          <Choice
            type="radio"
            name="mode"
            value="self"
            checked={mode === 'self'}
            onChange={() => setMode('self')}
            label={t('booking.mode.self')}
            hint={t('booking.mode.selfHint')}
          />
          <Choice
            type="radio"
            name="mode"
            value="service"
            checked={mode === 'service'}
            disabled={rules ? !rules.serviceModeAllowed : false}
            onChange={() => setMode('service')}
            label={t('booking.mode.service')}
            hint={
              rules && !rules.serviceModeAllowed
                ? t('booking.mode.serviceNotOffered')
                : t('booking.mode.serviceHint')
            }
          />
        </fieldset>

        {mode === 'self' && (
          <SelectField
            label={t('booking.worker')}
            name="personId"
            value={personId}
            onChange={(event) => setPersonId(event.target.value)}
            error={errors['personId']}
            hint={t('booking.workerHint')}
          >
            <option value="">{t('booking.workerNone')}</option>
            <NameOptions items={people.items} />
          </SelectField>
        )}

        <Field label={t('booking.notes')} error={errors['notes']} hint={t('booking.notesHint')}>
          {(control) => (
            <textarea
              name="notes"
              rows={2}
              maxLength={1000}
              value={notes}
              onChange={(event) => setNotes(event.target.value)}
              {...control}
            />
          )}
        </Field>

        <Choice
          type="checkbox"
          name="repeat"
          checked={repeat}
          data-testid="booking-repeat"
          onChange={(event) => setRepeat(event.target.checked)}
          label={t('series.repeat')}
        />
        {repeat && (
          <fieldset className="series-fields" data-testid="series-fields">
            <legend>{t('series.title')}</legend>
            <div className="form-row">
              <SelectField
                label={t('series.frequency')}
                name="frequency"
                value={frequency}
                onChange={(event) => setFrequency(event.target.value as 'daily' | 'weekly')}
              >
                <option value="daily">{t('series.daily')}</option>
                <option value="weekly">{t('series.weekly')}</option>
              </SelectField>
              <WholeNumberField
                label={t(frequency === 'daily' ? 'series.everyDays' : 'series.everyWeeks')}
                error={errors['interval']}
                name="interval"
                max={12}
                value={interval}
                onChange={(event) => setIntervalText(event.target.value)}
              />
            </div>
            <fieldset className="choice-group">
              <legend>{t('series.endBy')}</legend>
              {(['count', 'until'] as const).map((option) => (
                <Choice
                  key={option}
                  type="radio"
                  name="endBy"
                  checked={endBy === option}
                  onChange={() => setEndBy(option)}
                  label={t(option === 'count' ? 'series.endByCount' : 'series.endByUntil')}
                />
              ))}
            </fieldset>
            {endBy === 'count' ? (
              <WholeNumberField
                label={t('series.count')}
                error={errors['count']}
                name="count"
                max={366}
                value={count}
                onChange={(event) => setCount(event.target.value)}
              />
            ) : (
              <TextField
                label={t('series.until')}
                error={errors['until']}
                type="date"
                name="until"
                min={date}
                value={until}
                onChange={(event) => setUntil(event.target.value)}
              />
            )}
            <Choice
              type="checkbox"
              name="skipConflicts"
              checked={skipConflicts}
              onChange={(event) => setSkipConflicts(event.target.checked)}
              label={t('series.skipConflicts')}
              hint={t('series.skipConflictsHint')}
            />
          </fieldset>
        )}

        <LiveCheck
          state={check}
          ready={request !== null}
          repeat={repeat}
          approval={rules?.approvalRequired ?? false}
          timeZone={timeZone}
        />

        <SubmitButton
          pending={submission.pending}
          label={t(repeat ? 'series.submit' : 'bookingForm.submit')}
          pendingLabel={t('action.saving')}
        />
      </form>
      {rules && <RulesSummary rules={rules} />}
    </Section>
  );
}

/** A whole number from 1 to `max`, for how often and how many times a series repeats. */
function WholeNumberField(props: ComponentProps<typeof TextField> & { max: number }) {
  return <TextField type="number" min={1} inputMode="numeric" {...props} />;
}

/** What the API thinks of the request on screen, announced politely to screen readers. */
function LiveCheck({
  state,
  ready,
  repeat,
  approval,
  timeZone,
}: {
  state: CheckState;
  ready: boolean;
  repeat: boolean;
  approval: boolean;
  timeZone: TimeZone;
}) {
  const { t, locale } = useI18n();
  const status = !ready
    ? 'incomplete'
    : state.status === 'done'
      ? state.result.ok
        ? 'ok'
        : 'problems'
      : state.status === 'failed'
        ? 'problems'
        : 'checking';
  return (
    <div
      className={`live-check live-check-${status}`}
      data-testid="live-check"
      data-state={status}
      aria-live="polite"
    >
      <p className="live-check-title">{t(`check.${status}`)}</p>
      {status === 'checking' && <span className="spinner spinner-small" aria-hidden="true" />}
      {state.status === 'done' && (
        <>
          {state.result.ok && approval && <p>{t('check.approval')}</p>}
          {state.result.ok && repeat && <p>{t('check.firstOnly')}</p>}
          {(state.result.problems.length > 0 || state.result.conflicts.length > 0) && (
            <ul>
              {state.result.problems.map((p) => (
                <li key={p.code} data-testid="check-problem" data-code={p.code}>
                  {p.message}
                </li>
              ))}
              {state.result.conflicts.map((c) => (
                <li key={`${c.startsAt}-${c.kind}`} data-testid="check-conflict">
                  {t(c.kind === 'outage' ? 'check.conflictOutage' : 'check.conflictBooking', {
                    time: formatTimeRange(c.startsAt, c.endsAt, timeZone, locale),
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {state.status === 'failed' && (
        <ul>
          <li data-testid="check-problem" data-code={state.error.code}>
            {state.error.message}
          </li>
        </ul>
      )}
    </div>
  );
}

function Created({ booking: b, onAnother }: { booking: BookingT; onAnother: () => void }) {
  const { t } = useI18n();
  const spanLabel = useSpanLabel();
  return (
    <Section title={t('bookingForm.createdTitle')} testId="booking-created">
      <SuccessBanner>
        {t(b.status === 'requested' ? 'bookingForm.requested' : 'bookingForm.confirmed', {
          machine: b.machineName,
          when: spanLabel(b.startsAt, b.endsAt, b.timeZone),
        })}
      </SuccessBanner>
      <OutcomeActions
        calendar={calendarPath(b.machineId, dayIn(b.startsAt, b.timeZone), 'day')}
        calendarTestId="created-calendar"
        onAnother={onAnother}
      />
    </Section>
  );
}

function SeriesOutcome({
  result,
  timeZone,
  machineId,
  onAnother,
}: {
  result: SeriesResultT;
  timeZone: TimeZone;
  machineId: string;
  onAnother: () => void;
}) {
  const { t } = useI18n();
  const spanLabel = useSpanLabel();
  const first = result.booked[0];
  return (
    <Section title={t('series.resultTitle')} testId="series-result">
      {result.booked.length > 0 ? (
        <SuccessBanner>{t('series.booked', { count: result.booked.length })}</SuccessBanner>
      ) : (
        <EmptyState title={t('series.noneBooked.title')}>{t('series.noneBooked.body')}</EmptyState>
      )}
      {result.booked.length > 0 && (
        <ul className="plain-list" data-testid="series-booked">
          {result.booked.map((b) => (
            <li key={b.id} className="plain-list-item">
              {spanLabel(b.startsAt, b.endsAt, b.timeZone)}
            </li>
          ))}
        </ul>
      )}
      {result.skipped.length > 0 && (
        <>
          <h3>{t('series.skippedTitle', { count: result.skipped.length })}</h3>
          <SkippedList items={result.skipped} timeZone={timeZone} testId="series-skipped" />
        </>
      )}
      <OutcomeActions
        calendar={calendarPath(
          machineId,
          first ? dayIn(first.startsAt, timeZone) : undefined,
          'week',
        )}
        onAnother={onAnother}
      />
    </Section>
  );
}

/** After booking: back to the calendar (at `calendar`), to "my bookings", or book again. */
function OutcomeActions({
  calendar,
  calendarTestId,
  onAnother,
}: {
  calendar: string;
  calendarTestId?: string;
  onAnother: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <Link to={calendar} className="link-button" data-testid={calendarTestId}>
        {t('bookingForm.backToCalendar')}
      </Link>
      <Link to="/bookings" className="link-button link-button-secondary">
        {t('calendar.myBookings')}
      </Link>
      <button type="button" className="button-secondary" onClick={onAnother}>
        {t('bookingForm.another')}
      </button>
    </div>
  );
}

function SkippedList({
  items,
  timeZone,
  testId,
}: {
  items: SkippedOccurrenceT[];
  timeZone: TimeZone;
  testId: string;
}) {
  const spanLabel = useSpanLabel();
  return (
    <ul className="plain-list" data-testid={testId}>
      {items.map((s) => (
        <li
          key={s.startsAt}
          className="plain-list-item plain-list-block"
          data-testid="skipped-occurrence"
        >
          <strong>{spanLabel(s.startsAt, s.endsAt, timeZone)}</strong>
          <ul>
            {s.problems.map((p, index) => (
              <li key={`${p.code}-${index}`} data-code={p.code}>
                {p.message}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The occurrences a refused series lists (409 series_conflicts), to show what to change. */
function seriesOccurrences(error: ApiError | null): SkippedOccurrenceT[] {
  if (error?.code !== 'series_conflicts') return [];
  const list = error.details['occurrences'];
  return Array.isArray(list) ? (list as SkippedOccurrenceT[]) : [];
}
