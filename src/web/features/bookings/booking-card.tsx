/**
 * One booking as a card: when (in the site's zone), which machine, for whom, its status, and
 * the buttons the API says the caller may use (`actions`): cancel with an optional reason,
 * accept or decline a wait-list offer, approve or reject (with a reason), check in and out,
 * and pick the operator of a service-mode booking. An occurrence of a recurring series is
 * cancelled alone or with every later occurrence of its series (the rest of the series). Cards suit a phone and a tablet at the site
 * better than a table: the buttons are large and never hidden off-screen.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { asApiError, type ApiError } from '../../lib/api.js';
import { CancelBookingRequest, RejectBookingRequest } from '../../lib/contracts.js';
import { dayIn, formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { BookingStatusChip, useSpanLabel } from './booking-status.js';
import { Choice } from './choice.js';
import { bookingApi, calendarPath, machineApi, type BookingT, type OperatorT } from './types.js';

export function BookingCard({
  booking: b,
  onChanged,
  showMember = true,
  large = false,
}: {
  booking: BookingT;
  /** The booking as the API answered after an action, and a notice of what else changed. */
  onChanged: (booking: BookingT, notice?: string) => void;
  showMember?: boolean;
  /** Big touch targets (the operator's day view on a tablet). */
  large?: boolean;
}) {
  const { t, locale } = useI18n();
  const spanLabel = useSpanLabel();
  const when = (instant: string) => formatDateTime(instant, b.timeZone, locale);
  const outage = b.kind === 'outage';
  return (
    <article
      className={`booking-card booking-card-${b.status}${large ? ' booking-card-large' : ''}`}
      data-testid="booking-card"
      data-id={b.id}
      data-status={b.status}
      data-machine={b.machineCode}
      aria-label={`${b.machineName} · ${spanLabel(b.startsAt, b.endsAt, b.timeZone)}`}
    >
      <header className="booking-card-head">
        <p className="booking-card-when" data-testid="booking-when">
          {spanLabel(b.startsAt, b.endsAt, b.timeZone)}
        </p>
        <BookingStatusChip booking={b} />
      </header>
      <p className="booking-card-what">
        <Link to={calendarPath(b.machineId, dayIn(b.startsAt, b.timeZone), 'day')}>
          {b.machineName} ({b.machineCode})
        </Link>{' '}
        · <span className="muted">{b.siteName}</span>
      </p>
      <ul className="booking-card-facts">
        {outage && (
          <li>
            <strong>{t(`outageKind.${b.outageKind ?? 'maintenance'}`)}</strong>
            {b.reason && `: ${b.reason}`}
          </li>
        )}
        {!outage && showMember && b.memberName && (
          <li data-testid="booking-member">{b.memberName}</li>
        )}
        {!outage && b.mode === 'service' && (
          <li>
            {t('booking.mode.service')}
            {b.operatorName && ` · ${t('booking.operatorIs', { name: b.operatorName })}`}
          </li>
        )}
        {!outage && b.personName && <li>{t('booking.workerIs', { name: b.personName })}</li>}
        {b.notes && <li className="muted">{b.notes}</li>}
        {b.status === 'offered' && b.offerExpiresAt && (
          <li className="booking-offer-expiry" data-testid="offer-expiry">
            {t('booking.offerExpires', { time: when(b.offerExpiresAt) })}
          </li>
        )}
        {b.checkedInAt && <li>{t('booking.checkedInAt', { time: when(b.checkedInAt) })}</li>}
        {b.checkedOutAt && <li>{t('booking.checkedOutAt', { time: when(b.checkedOutAt) })}</li>}
        {b.status === 'cancelled' && b.cancelReason && (
          <li>{t('booking.cancelReason', { reason: b.cancelReason })}</li>
        )}
        {b.decisionReason && <li>{t('booking.rejectReason', { reason: b.decisionReason })}</li>}
        {b.seriesId && <li className="muted">{t('booking.partOfSeries')}</li>}
      </ul>
      <BookingActions booking={b} onChanged={onChanged} />
    </article>
  );
}

type Simple = 'approve' | 'check-in' | 'check-out' | 'accept' | 'decline';

export function BookingActions({
  booking: b,
  onChanged,
}: {
  booking: BookingT;
  onChanged: (booking: BookingT, notice?: string) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [open, setOpen] = useState<'cancel' | 'reject' | null>(null);
  const [busy, setBusy] = useState<Simple | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const a = b.actions;

  const act = async (action: Simple) => {
    setBusy(action);
    setError(null);
    try {
      onChanged(await api.post<BookingT>(`${bookingApi(b.id)}/${action}`));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const button = (action: Simple, label: string, className = '') => (
    <button
      type="button"
      className={className}
      disabled={busy !== null}
      aria-busy={busy === action}
      data-testid={`booking-${action}`}
      onClick={() => void act(action)}
    >
      {busy === action && <span className="spinner spinner-small" aria-hidden="true" />}
      {label}
    </button>
  );

  const any = a.cancel || a.approve || a.reject || a.checkIn || a.checkOut || a.accept || a.decline;
  if (!any && !a.assignOperator) return null;
  return (
    <div className="booking-actions">
      <ErrorBanner error={error} />
      {open === null && any && (
        <div className="button-row">
          {a.checkIn && button('check-in', t('booking.checkIn'))}
          {a.checkOut && button('check-out', t('booking.checkOut'))}
          {a.accept && button('accept', t('booking.accept'))}
          {a.decline && button('decline', t('booking.decline'), 'button-secondary')}
          {a.approve && button('approve', t('booking.approve'))}
          {a.reject && (
            <button
              type="button"
              className="button-secondary"
              data-testid="booking-reject"
              onClick={() => setOpen('reject')}
            >
              {t('booking.reject')}
            </button>
          )}
          {a.cancel && (
            <button
              type="button"
              className="button-danger"
              data-testid="booking-cancel"
              onClick={() => setOpen('cancel')}
            >
              {t('booking.cancel')}
            </button>
          )}
        </div>
      )}
      {open === 'cancel' && (
        <ReasonForm
          booking={b}
          kind="cancel"
          onDone={(changed, notice) => {
            setOpen(null);
            onChanged(changed, notice);
          }}
          onBack={() => setOpen(null)}
        />
      )}
      {open === 'reject' && (
        <ReasonForm
          booking={b}
          kind="reject"
          onDone={(changed) => {
            setOpen(null);
            onChanged(changed);
          }}
          onBack={() => setOpen(null)}
        />
      )}
      {a.assignOperator && <OperatorPicker booking={b} onChanged={onChanged} />}
    </div>
  );
}

/**
 * Cancel (reason optional) or reject (reason required, it is e-mailed to the member). A booking
 * of a series asks whether to cancel only it or it and the rest of its series; the confirm
 * button names the choice.
 */
function ReasonForm({
  booking,
  kind,
  onDone,
  onBack,
}: {
  booking: BookingT;
  kind: 'cancel' | 'reject';
  /** The booking as the API answered, and what else happened (the rest of a series). */
  onDone: (booking: BookingT, notice?: string) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const cancel = useSubmit(
    async (body: { reason: string | null }) =>
      onDone(await api.post<BookingT>(`${bookingApi(booking.id)}/cancel`, body)),
    CancelBookingRequest,
  );
  const reject = useSubmit(
    async (body: { reason: string }) =>
      onDone(await api.post<BookingT>(`${bookingApi(booking.id)}/reject`, body)),
    RejectBookingRequest,
  );
  const [scope, setScope] = useState<'one' | 'rest'>('one');
  const cancelRest = useSubmit(async (body: { reason: string | null }) => {
    const done = await api.post<{ cancelled: BookingT[] }>(
      `/api/booking-series/${encodeURIComponent(booking.seriesId ?? '')}/cancel`,
      { from: booking.startsAt, reason: body.reason },
    );
    onDone(
      done.cancelled.find((b) => b.id === booking.id) ?? booking,
      t('booking.seriesCancelled', { count: done.cancelled.length }),
    );
  }, CancelBookingRequest);
  const series = kind === 'cancel' && booking.seriesId !== null;
  const submission = kind === 'reject' ? reject : scope === 'rest' ? cancelRest : cancel;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = (formValues(event.currentTarget)['reason'] ?? '').trim();
    if (kind === 'reject') await reject.submit({ reason });
    else if (series && scope === 'rest') await cancelRest.submit({ reason: reason || null });
    else await cancel.submit({ reason: reason || null });
  };
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid={`booking-${kind}-form`}
    >
      <ErrorBanner error={submission.error} />
      {series && (
        <fieldset className="choice-group" data-testid="cancel-scope">
          <legend>{t('booking.cancelScope')}</legend>
          {(['one', 'rest'] as const).map((option) => (
            <Choice
              key={option}
              type="radio"
              name="scope"
              value={option}
              checked={scope === option}
              onChange={() => setScope(option)}
              label={t(`booking.cancelScope.${option}`)}
            />
          ))}
        </fieldset>
      )}
      <Field
        label={t(kind === 'cancel' ? 'booking.cancelReasonLabel' : 'booking.rejectReasonLabel')}
        hint={t(kind === 'cancel' ? 'booking.cancelReasonHint' : 'booking.rejectReasonHint')}
        error={submission.fieldErrors['reason']}
      >
        {(control) => <textarea name="reason" rows={2} maxLength={500} {...control} />}
      </Field>
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t(
            kind === 'reject'
              ? 'booking.rejectConfirm'
              : series && scope === 'rest'
                ? 'booking.cancelRestConfirm'
                : 'booking.cancelConfirm',
          )}
          pendingLabel={t('action.saving')}
          className={kind === 'cancel' ? 'button-danger' : undefined}
        />
        <button type="button" className="button-secondary" onClick={onBack}>
          {t('booking.back')}
        </button>
      </div>
    </form>
  );
}

/** The site's operators and managers, to run a service-mode booking; saved on change. */
function OperatorPicker({
  booking,
  onChanged,
}: {
  booking: BookingT;
  onChanged: (booking: BookingT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const operators = useResource<{ items: OperatorT[] }>(
    `${machineApi(booking.machineId)}/operators`,
  );
  const assign = useSubmit(async (userId: string | null) =>
    onChanged(await api.post<BookingT>(`${bookingApi(booking.id)}/operator`, { userId })),
  );
  return (
    <div className="booking-operator" data-testid="booking-operator">
      <ErrorBanner error={assign.error ?? operators.error} />
      <SelectField
        label={t('booking.operator')}
        name="operator"
        value={booking.operatorUserId ?? ''}
        disabled={assign.pending || operators.loading}
        hint={assign.pending ? t('action.saving') : t('booking.operatorHint')}
        liveHint
        onChange={(event) => void assign.submit(event.target.value || null)}
      >
        <option value="">{t('booking.operatorNone')}</option>
        {(operators.data?.items ?? []).map((o) => (
          <option key={o.userId} value={o.userId}>
            {o.name} — {t(`role.${o.role}` as 'role.site_operator')}
          </option>
        ))}
        {/* Until the list arrives the current operator keeps its name. */}
        {booking.operatorUserId &&
          !operators.data?.items.some((o) => o.userId === booking.operatorUserId) && (
            <option value={booking.operatorUserId}>{booking.operatorName ?? '—'}</option>
          )}
      </SelectField>
    </div>
  );
}
