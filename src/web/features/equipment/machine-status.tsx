/**
 * A machine's status as a coloured chip, and the form to change it. A reason is required for
 * "broken" and "retired" (the API says so too); site operators may only choose active,
 * maintenance or broken — retiring a machine is for its manager.
 *
 * Taking a machine out of service cancels the bookings still on it through the bookings outage
 * flow (from now until the "back in service by" time, or all of them when it is unknown or the
 * machine is retired); the answer lists them with the nearest alternatives, shown here so staff
 * can call each member with an alternative at hand.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi, useSession } from '../../app/session-context.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { MACHINE_STATUSES, type TimeZone } from '../../lib/contracts.js';
import { dayIn, PLATFORM_TIME_ZONE, zonedInstant } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { useSpanLabel } from '../bookings/booking-status.js';
import { calendarPath } from '../bookings/types.js';
import {
  machinePath,
  type ChangeStatusResultT,
  type MachineStatusT,
  type MachineT,
} from './types.js';

export function MachineStatusChip({ status }: { status: MachineStatusT }) {
  const { t } = useI18n();
  return (
    <span className={`state-chip machine-status-${status}`} data-testid="machine-status">
      {t(`machineStatus.${status}`)}
    </span>
  );
}

/** Statuses that need a reason: someone must be able to tell why the machine stopped. */
export const REASON_REQUIRED: readonly MachineStatusT[] = ['broken', 'retired'];
const OPERATOR_STATUSES: readonly MachineStatusT[] = ['active', 'maintenance', 'broken'];
/** Statuses that may say when the machine is back in service. */
const PERIOD_STATUSES: readonly MachineStatusT[] = ['maintenance', 'broken'];

/** The statuses this user may choose: operators without a managing role cannot retire. */
export function statusesFor(roles: readonly string[]): readonly MachineStatusT[] {
  return roles.includes('administrator') || roles.includes('site_manager')
    ? MACHINE_STATUSES
    : OPERATOR_STATUSES;
}

type StatusBody = { status: MachineStatusT; reason: string | null; outageUntil?: string };

export function StatusChangeForm({
  machine,
  onChanged,
  timeZone = PLATFORM_TIME_ZONE,
}: {
  machine: MachineT;
  onChanged: (machine: MachineT) => void;
  /** The machine's site's zone: the "back in service by" time is read in it. */
  timeZone?: TimeZone;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { roles } = useSession();
  const options = statusesFor(roles).filter((status) => status !== machine.status);
  const [status, setStatus] = useState<MachineStatusT | ''>('');
  const [reason, setReason] = useState('');
  const [untilDate, setUntilDate] = useState('');
  const [untilTime, setUntilTime] = useState('');
  const [outcome, setOutcome] = useState<ChangeStatusResultT | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const change = useSubmit(async (body: StatusBody) => {
    const result = await api.post<ChangeStatusResultT>(`${machinePath(machine.id)}/status`, body);
    setOutcome(result);
    onChanged(result);
    setStatus('');
    setReason('');
    setUntilDate('');
    setUntilTime('');
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const withPeriod = status !== '' && PERIOD_STATUSES.includes(status);
    if (!status) errors['status'] = t('machine.status.choose');
    else if (REASON_REQUIRED.includes(status) && !reason.trim())
      errors['reason'] = t('machine.status.reasonRequired');
    if (withPeriod && Boolean(untilDate) !== Boolean(untilTime))
      errors['outageUntil'] = t('machine.status.untilIncomplete');
    setLocalErrors(errors);
    if (!status || Object.keys(errors).length > 0) return;
    setOutcome(null);
    const body: StatusBody = { status, reason: reason.trim() || null };
    if (withPeriod && untilDate && untilTime)
      body.outageUntil = zonedInstant(untilDate, untilTime, timeZone);
    await change.submit(body);
  };
  const errors = { ...change.fieldErrors, ...localErrors };
  const needsReason = status !== '' && REASON_REQUIRED.includes(status);
  const withPeriod = status !== '' && PERIOD_STATUSES.includes(status);

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="status-form"
    >
      <h3>{t('machine.status.change')}</h3>
      {outcome && <StatusOutcome result={outcome} />}
      <ErrorBanner error={change.error} />
      <fieldset className="chip-group">
        <legend>{t('machine.status.new')}</legend>
        {options.map((option) => (
          <button
            key={option}
            type="button"
            className={`filter-chip machine-status-${option}`}
            aria-pressed={status === option}
            data-testid={`status-option-${option}`}
            onClick={() => {
              setStatus(option);
              setLocalErrors({});
            }}
          >
            {t(`machineStatus.${option}`)}
          </button>
        ))}
      </fieldset>
      {errors['status'] && <p className="field-error">{errors['status']}</p>}
      <Field
        label={needsReason ? t('machine.status.reason') : t('machine.status.reasonOptional')}
        hint={t('machine.status.reasonHint')}
        error={errors['reason']}
      >
        {(control) => (
          <textarea
            name="reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            {...control}
          />
        )}
      </Field>
      {withPeriod && (
        <>
          <Field
            label={t('machine.status.untilDate')}
            hint={t('machine.status.untilHint')}
            error={errors['outageUntil']}
          >
            {(control) => (
              <input
                type="date"
                name="untilDate"
                value={untilDate}
                onChange={(event) => setUntilDate(event.target.value)}
                {...control}
              />
            )}
          </Field>
          <Field label={t('machine.status.untilTime')}>
            {(control) => (
              <input
                type="time"
                name="untilTime"
                value={untilTime}
                onChange={(event) => setUntilTime(event.target.value)}
                {...control}
              />
            )}
          </Field>
        </>
      )}
      {status === 'retired' && <p className="muted">{t('machine.status.retireHint')}</p>}
      <div className="button-row">
        <SubmitButton
          pending={change.pending}
          label={t('machine.status.submit')}
          pendingLabel={t('action.saving')}
        />
      </div>
    </form>
  );
}

/** What a status change did to the machine's bookings: cancelled ones with alternatives. */
function StatusOutcome({ result }: { result: ChangeStatusResultT }) {
  const { t } = useI18n();
  const spanLabel = useSpanLabel();
  const zoneOf = (z: string) => z as TimeZone;
  return (
    <div data-testid="status-outcome">
      <SuccessBanner>
        {t('machine.status.saved')}{' '}
        {result.lifted.length > 0 && t('machine.status.lifted', { count: result.lifted.length })}
        {result.status !== 'active' &&
          (result.affected.length === 0
            ? t('outage.noneAffected')
            : t('outage.affected', { count: result.affected.length }))}
      </SuccessBanner>
      {result.affected.length > 0 && (
        <ul className="plain-list" data-testid="status-affected">
          {result.affected.map(({ booking: b, alternatives }) => (
            <li key={b.id} className="plain-list-item plain-list-block">
              <p>
                <strong>{b.memberName ?? '—'}</strong>
                {b.personName && ` (${b.personName})`} ·{' '}
                {spanLabel(b.startsAt, b.endsAt, zoneOf(b.timeZone))}
              </p>
              {alternatives.length === 0 ? (
                <p className="muted">{t('outage.noAlternative')}</p>
              ) : (
                <>
                  <p className="muted">{t('outage.alternatives')}</p>
                  <ul>
                    {alternatives.map((alt) => (
                      <li key={`${alt.machineId}-${alt.startsAt}`} data-testid="status-alternative">
                        <Link
                          to={calendarPath(
                            alt.machineId,
                            dayIn(alt.startsAt, zoneOf(alt.timeZone)),
                            'day',
                          )}
                        >
                          {alt.machineName} ({alt.machineCode})
                        </Link>{' '}
                        · {alt.siteName} ·{' '}
                        {spanLabel(alt.startsAt, alt.endsAt, zoneOf(alt.timeZone))}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
