/**
 * Site staff record planned maintenance or a breakdown of a machine. The bookings it covers are
 * cancelled and their members told; the answer lists them with the nearest free slots on
 * equivalent machines that each member can book itself (its sites, the machines' rules), shown
 * here so staff can call the member with an alternative at hand.
 * An outage is lifted again from the calendar or from the list here.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { OUTAGE_KINDS, OutageRequest, type TimeZone } from '../../lib/contracts.js';
import { dayIn, zonedInstant } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { BookingStatusChip, useSpanLabel } from './booking-status.js';
import {
  calendarPath,
  machineApi,
  type BookingT,
  type OutageKindT,
  type OutageResultT,
} from './types.js';

export function OutageSection({
  machineId,
  timeZone,
  day,
  onSaved,
}: {
  machineId: string;
  timeZone: TimeZone;
  day: string;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const spanLabel = useSpanLabel();
  const [result, setResult] = useState<OutageResultT | null>(null);
  const [from] = useState(() => new Date().toISOString());
  const outages = useCursorList<BookingT>('/api/bookings', {
    machineId,
    kind: 'outage',
    status: 'confirmed',
    from,
    limit: 20,
  });

  const save = useSubmit(async (body: z.output<typeof OutageRequest>) => {
    setResult(await api.post<OutageResultT>(`${machineApi(machineId)}/outages`, body));
    outages.reload();
    onSaved();
  }, OutageRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const at = (date: string | undefined, time: string | undefined) =>
      date && time ? zonedInstant(date, time, timeZone) : '';
    setResult(null);
    const ok = await save.submit({
      kind: (v['kind'] ?? 'maintenance') as OutageKindT,
      startsAt: at(v['startDate'], v['startTime']),
      endsAt: at(v['endDate'], v['endTime']),
      reason: v['reason'] ?? '',
    });
    if (ok) form.reset();
  };
  const errors = save.fieldErrors;

  return (
    <Section title={t('outage.title')} testId="outage-section">
      <p>{t('outage.lead')}</p>
      {result && <OutageOutcome result={result} />}
      <form
        key={day}
        className="form form-inline"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="outage-form"
      >
        <ErrorBanner error={save.error} />
        <SelectField label={t('outage.kind')} name="kind" defaultValue="maintenance">
          {OUTAGE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`outageKind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('outage.startDate')} error={errors['startsAt']}>
          {(control) => <input type="date" name="startDate" defaultValue={day} {...control} />}
        </Field>
        <Field label={t('outage.startTime')}>
          {(control) => <input type="time" name="startTime" defaultValue="08:00" {...control} />}
        </Field>
        <Field label={t('outage.endDate')} error={errors['endsAt']}>
          {(control) => <input type="date" name="endDate" defaultValue={day} {...control} />}
        </Field>
        <Field label={t('outage.endTime')}>
          {(control) => <input type="time" name="endTime" defaultValue="17:00" {...control} />}
        </Field>
        <TextField
          label={t('outage.reason')}
          name="reason"
          hint={t('outage.reasonHint')}
          error={errors['reason']}
          maxLength={500}
        />
        <SubmitButton
          pending={save.pending}
          label={t('outage.save')}
          pendingLabel={t('action.saving')}
        />
      </form>

      <h3>{t('outage.upcoming')}</h3>
      <PagedList
        list={outages}
        empty={<EmptyState title={t('outage.empty.title')}>{t('outage.empty.body')}</EmptyState>}
      >
        {(items) => (
          <ul className="plain-list" data-testid="outage-list">
            {items.map((o) => (
              <li key={o.id} className="plain-list-item">
                <span>
                  <strong>{t(`outageKind.${o.outageKind ?? 'maintenance'}`)}</strong> ·{' '}
                  {spanLabel(o.startsAt, o.endsAt, o.timeZone)} <BookingStatusChip booking={o} />
                  {o.reason && <span className="muted"> · {o.reason}</span>}
                </span>
                <LiftOutageButton
                  outage={o}
                  onLifted={() => {
                    outages.reload();
                    onSaved();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </Section>
  );
}

function OutageOutcome({ result }: { result: OutageResultT }) {
  const { t } = useI18n();
  const spanLabel = useSpanLabel();
  const o = result.outage;
  return (
    <div data-testid="outage-result">
      <SuccessBanner>
        {t('outage.saved', {
          kind: t(`outageKind.${o.outageKind ?? 'maintenance'}`),
          when: spanLabel(o.startsAt, o.endsAt, o.timeZone),
        })}{' '}
        {result.affected.length === 0
          ? t('outage.noneAffected')
          : t('outage.affected', { count: result.affected.length })}
      </SuccessBanner>
      {result.affected.length > 0 && (
        <ul className="plain-list" data-testid="outage-affected">
          {result.affected.map(({ booking: b, alternatives }) => (
            <li key={b.id} className="plain-list-item plain-list-block">
              <p>
                <strong>{b.memberName ?? '—'}</strong> ·{' '}
                {spanLabel(b.startsAt, b.endsAt, b.timeZone)}
              </p>
              {alternatives.length === 0 ? (
                <p className="muted">{t('outage.noAlternative')}</p>
              ) : (
                <>
                  <p className="muted">{t('outage.alternatives')}</p>
                  <ul>
                    {/* Each in its own site's zone; only slots the member can book. */}
                    {alternatives.map((alt) => (
                      <li key={`${alt.machineId}-${alt.startsAt}`} data-testid="outage-alternative">
                        <Link
                          to={calendarPath(alt.machineId, dayIn(alt.startsAt, alt.timeZone), 'day')}
                        >
                          {alt.machineName} ({alt.machineCode})
                        </Link>{' '}
                        · {alt.siteName} · {spanLabel(alt.startsAt, alt.endsAt, alt.timeZone)}
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

export function LiftOutageButton({ outage, onLifted }: { outage: BookingT; onLifted: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const lift = useSubmit(async () => {
    await api.post(`/api/outages/${encodeURIComponent(outage.id)}/lift`);
    onLifted();
  });
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={lift.pending}
        data-testid="outage-lift"
        onClick={() => {
          if (window.confirm(t('outage.liftConfirm'))) void lift.submit(undefined);
        }}
      >
        {t('outage.lift')}
      </button>
      <ErrorBanner error={lift.error} />
    </>
  );
}
