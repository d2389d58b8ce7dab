/**
 * "Gabung antrean": a member waits for a machine within a window (a day, from–to) for a number
 * of minutes. When booked time in the window is freed, the first in line gets an offer by
 * e-mail and under "Pemesanan", to accept before it expires.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { WaitlistRequest, type TimeZone } from '../../lib/contracts.js';
import { zonedInstant } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { MemberSelect } from './member-select.js';
import { useDuration } from './rules-summary.js';
import { durationOptions } from './time.js';
import type { BookingRulesT, WaitlistEntryT } from './types.js';
import type { z } from 'zod';

export interface WaitPrefill {
  date: string;
  start: string;
  end: string;
  minutes?: number;
}

export function WaitlistForm({
  machineId,
  timeZone,
  rules,
  orgs,
  prefill,
}: {
  machineId: string;
  timeZone: TimeZone;
  rules: BookingRulesT;
  orgs: { id: string; name: string }[];
  prefill: WaitPrefill;
}) {
  const { t } = useI18n();
  const api = useApi();
  const duration = useDuration();
  const durations = durationOptions(rules);
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? '');
  const [date, setDate] = useState(prefill.date);
  const [start, setStart] = useState(prefill.start);
  const [end, setEnd] = useState(prefill.end);
  // The whole taken time when waiting for a slot of the calendar, else the shortest booking.
  const fitting = prefill.minutes ? durations.filter((m) => m <= prefill.minutes!) : [];
  const [minutes, setMinutes] = useState(
    String(fitting[fitting.length - 1] ?? durations[0] ?? rules.minMinutes),
  );
  const [joined, setJoined] = useState<WaitlistEntryT | null>(null);

  const join = useSubmit(async (body: z.output<typeof WaitlistRequest>) => {
    setJoined(await api.post<WaitlistEntryT>('/api/waitlist', body));
  }, WaitlistRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setJoined(null);
    await join.submit({
      machineId,
      memberOrgId: orgId,
      windowStart: date && start ? zonedInstant(date, start, timeZone) : '',
      windowEnd: date && end ? zonedInstant(date, end, timeZone) : '',
      minutes: Number(minutes),
    });
  };
  const errors = join.fieldErrors;

  return (
    <Section title={t('waitlist.join.title')} testId="waitlist-join">
      <p>{t('waitlist.join.lead')}</p>
      {joined && (
        <SuccessBanner>
          <span data-testid="waitlist-joined">
            {joined.position
              ? t('waitlist.joined', { position: joined.position })
              : t('waitlist.joinedOffered')}
          </span>{' '}
          <Link to="/bookings">{t('waitlist.seeEntries')}</Link>
        </SuccessBanner>
      )}
      <form className="form form-inline" onSubmit={(event) => void onSubmit(event)} noValidate>
        <ErrorBanner error={join.error} />
        {orgs.length > 1 && (
          <MemberSelect
            orgs={orgs}
            value={orgId}
            onChange={(event) => setOrgId(event.target.value)}
            error={errors['memberOrgId']}
          />
        )}
        <TextField
          label={t('booking.date')}
          error={errors['windowStart'] && !date ? errors['windowStart'] : undefined}
          type="date"
          name="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
        {(
          [
            ['windowStart', 'waitlist.from', start, setStart],
            ['windowEnd', 'waitlist.to', end, setEnd],
          ] as const
        ).map(([name, label, value, set]) => (
          <TextField
            key={name}
            label={t(label)}
            error={errors[name]}
            type="time"
            name={name}
            step={rules.slotMinutes * 60}
            value={value}
            onChange={(event) => set(event.target.value)}
          />
        ))}
        <SelectField
          label={t('waitlist.minutes')}
          name="minutes"
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          error={errors['minutes']}
          hint={t('waitlist.minutesHint')}
        >
          {durations.map((m) => (
            <option key={m} value={m}>
              {duration(m)}
            </option>
          ))}
        </SelectField>
        <SubmitButton
          pending={join.pending}
          label={t('waitlist.join.submit')}
          pendingLabel={t('action.saving')}
        />
      </form>
    </Section>
  );
}
