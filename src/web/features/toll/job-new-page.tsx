/**
 * /process-jobs/new — start a toll-processing job on a machine booking: the operator picks a
 * booking of the site (confirmed, checked in or completed, last 30 days, without a job yet),
 * the process when the machine can do several, then the member's lots that go in and how many kg of each. Owners never mix: only a batch
 * declared pooled takes lots of several members (its outputs are then shared by weight). The
 * operator is the booking's unless another of the site's staff is picked.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { useApi, useCurrentUser } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { Loading, SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ProcessJobRequest, type TimeZone } from '../../lib/contracts.js';
import { dayIn, formatTimeRange } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { useDayLabel } from '../bookings/booking-status.js';
import type { BookingT } from '../bookings/types.js';
import type { MachineT } from '../equipment/types.js';
import { SiteSelect } from '../organisations/site-select.js';
import { useProcessName } from './jobs-page.js';
import { LotStatusChip, useProductName } from './lot-status.js';
import { formatKg, parseDecimalInput } from './quantity.js';
import { useSiteStaff } from './site-staff.js';
import { useSiteZones } from './site-zone.js';
import {
  isAdministrator,
  jobPath,
  staffSiteIds,
  type LotSummaryT,
  type ProcessJobT,
} from './types.js';

type JobBody = z.output<typeof ProcessJobRequest>;
const DAY = 86_400_000;
const USABLE = new Set(['quarantine', 'released', 'downgraded']);

export function ProcessJobNewPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { sites } = useSiteZones();
  const mine = staffSiteIds(user.grants);
  const admin = isAdministrator(user.grants);
  const own = { ...sites, items: sites.items.filter((s) => admin || mine.includes(s.id)) };
  const [chosen, setChosen] = useState('');
  const siteId = chosen || (own.items.length === 1 ? own.items[0]!.id : '');
  const site = own.items.find((s) => s.id === siteId);

  return (
    <Page title={t('jobNew.title')} lead={t('jobNew.lead')}>
      {!sites.loading && own.items.length === 0 ? (
        <EmptyState title={t('intake.noSite.title')}>{t('intake.noSite.body')}</EmptyState>
      ) : (
        <Section title={t('jobNew.section')} testId="job-new">
          {own.items.length > 1 && (
            <div className="form">
              <SiteSelect
                sites={own}
                label={t('toll.field.site')}
                name="siteId"
                value={siteId}
                onChange={setChosen}
                emptyOption={{ label: t('toll.chooseSite'), selectable: false }}
              />
            </div>
          )}
          {site && <JobForm key={site.id} siteId={site.id} timeZone={site.timeZone} />}
        </Section>
      )}
    </Page>
  );
}

function JobForm({ siteId, timeZone }: { siteId: string; timeZone: TimeZone }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const dayLabel = useDayLabel();
  const productName = useProductName();
  const [params] = useSearchParams();
  const [now] = useState(() => Date.now());
  const recent = {
    siteId,
    kind: 'booking',
    from: new Date(now - 30 * DAY).toISOString(),
    to: new Date(now + DAY).toISOString(),
    limit: 200,
  };
  const completed = useCursorList<BookingT>('/api/bookings', { ...recent, status: 'completed' });
  const running = useCursorList<BookingT>('/api/bookings', { ...recent, status: 'checked_in' });
  const confirmed = useCursorList<BookingT>('/api/bookings', { ...recent, status: 'confirmed' });
  const jobs = useCursorList<ProcessJobT>('/api/jobs', { siteId, limit: 200 });
  const loading = completed.loading || running.loading || confirmed.loading || jobs.loading;
  const taken = new Set(jobs.items.map((j) => j.bookingId));
  // Offered only once all three lists are in, so a booking that already has a job never shows
  // for a moment and vanishes under the user's finger.
  const bookings = (loading ? [] : [...running.items, ...completed.items, ...confirmed.items])
    .filter((b) => !taken.has(b.id))
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  const [bookingId, setBookingId] = useState(params.get('bookingId') ?? '');
  const booking = bookings.find((b) => b.id === bookingId);
  const machine = useResource<MachineT>(
    booking ? `/api/equipment/${encodeURIComponent(booking.machineId)}` : null,
  );
  const capabilities = machine.data?.capabilities ?? [];
  const processName = useProcessName();
  const [process, setProcess] = useState('');
  const [pooled, setPooled] = useState(false);
  const lots = useCursorList<LotSummaryT>(booking ? '/api/lots' : null, {
    siteId,
    ownerOrgId: pooled ? undefined : (booking?.memberOrgId ?? undefined),
    limit: 200,
  });
  const usable = lots.items.filter((l) => l.remainingKg > 0 && USABLE.has(l.status));
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState('');
  const staff = useSiteStaff(siteId);
  const [operatorUserId, setOperatorUserId] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submission = useSubmit(async (body: JobBody) => {
    const job = await api.post<ProcessJobT>('/api/jobs', body);
    navigate(jobPath(job.id));
  }, ProcessJobRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const bad: Record<string, string> = {};
    const inputs = Object.entries(picked).map(([lotId, text]) => {
      const kg = parseDecimalInput(text);
      if (kg === null) bad[lotId] = t('validation.required');
      if (kg === 'invalid') bad[lotId] = t('toll.number.invalid');
      return { lotId, kg: typeof kg === 'number' ? kg : undefined };
    });
    if (!bookingId) bad['bookingId'] = t('validation.required');
    if (inputs.length === 0) bad['inputs'] = t('jobNew.inputsRequired');
    setLocalErrors(bad);
    if (Object.keys(bad).length > 0) return;
    await submission.submit({
      bookingId,
      operatorUserId: operatorUserId || null,
      inputs,
      pooled,
      process: (process || null) as JobBody['process'],
      notes: notes.trim() || null,
    });
  };

  const bookingLabel = (b: BookingT) =>
    `${b.machineCode} · ${b.memberName ?? '—'} · ${dayLabel(dayIn(b.startsAt, timeZone))} ${formatTimeRange(b.startsAt, b.endsAt, timeZone, locale)} · ${t(`bookingStatus.${b.status}`)}`;

  return (
    <form className="form" noValidate data-testid="job-form" onSubmit={(e) => void onSubmit(e)}>
      <ErrorBanner
        error={
          submission.error ?? completed.error ?? running.error ?? confirmed.error ?? jobs.error
        }
      />
      <SelectField
        label={t('jobNew.booking')}
        name="bookingId"
        value={bookingId}
        onChange={(event) => {
          setBookingId(event.target.value);
          setProcess('');
          setPicked({});
        }}
        error={localErrors['bookingId'] ?? submission.fieldErrors['bookingId']}
        hint={loading ? t('state.loading') : t('jobNew.bookingHint')}
        liveHint
      >
        <option value="" disabled>
          {t('jobNew.chooseBooking')}
        </option>
        {bookings.map((b) => (
          <option key={b.id} value={b.id}>
            {bookingLabel(b)}
          </option>
        ))}
      </SelectField>
      {!loading && bookings.length === 0 && (
        <EmptyState title={t('jobNew.noBookings.title')}>{t('jobNew.noBookings.body')}</EmptyState>
      )}
      {booking && (
        <>
          {capabilities.length > 1 && (
            <SelectField
              label={t('jobNew.process')}
              name="process"
              value={process}
              onChange={(event) => setProcess(event.target.value)}
              error={submission.fieldErrors['process']}
            >
              <option value="" disabled>
                {t('jobNew.chooseProcess')}
              </option>
              {capabilities.map((c) => (
                <option key={c} value={c}>
                  {processName(c)}
                </option>
              ))}
            </SelectField>
          )}
          <label className="choice">
            <input
              type="checkbox"
              name="pooled"
              checked={pooled}
              data-testid="job-pooled"
              onChange={(event) => {
                setPooled(event.target.checked);
                setPicked({});
              }}
            />
            <span>
              {t('jobNew.pooled')}
              <span className="field-hint">{t('jobNew.pooledHint')}</span>
            </span>
          </label>
          <fieldset className="lot-picker" data-testid="job-inputs">
            <legend>
              {pooled
                ? t('jobNew.inputsPooled')
                : t('jobNew.inputsOf', { owner: booking.memberName ?? '—' })}
            </legend>
            {localErrors['inputs'] && <p className="field-error">{localErrors['inputs']}</p>}
            {lots.loading ? (
              <Loading label={t('state.loading')} />
            ) : usable.length === 0 ? (
              <EmptyState title={t('jobNew.noLots.title')}>{t('jobNew.noLots.body')}</EmptyState>
            ) : (
              usable.map((l) => {
                const on = l.id in picked;
                return (
                  <div key={l.id} className="lot-pick" data-testid="input-lot" data-code={l.code}>
                    <label className="choice choice-large">
                      <input
                        type="checkbox"
                        checked={on}
                        data-testid="input-lot-check"
                        onChange={(event) =>
                          setPicked((all) => {
                            const next = { ...all };
                            if (event.target.checked) next[l.id] = String(l.remainingKg);
                            else delete next[l.id];
                            return next;
                          })
                        }
                      />
                      <span>
                        <strong>{l.code}</strong> · {productName(l.productType, l.productName)}
                        <span className="field-hint">
                          {l.ownerName ?? t('lot.pooled')} ·{' '}
                          {t('jobNew.left', { kg: formatKg(l.remainingKg, locale) })}{' '}
                          <LotStatusChip status={l.status} />
                        </span>
                      </span>
                    </label>
                    {on && (
                      <Field label={t('jobNew.kg', { code: l.code })} error={localErrors[l.id]}>
                        {(control) => (
                          <input
                            type="text"
                            inputMode="decimal"
                            name={`kg-${l.id}`}
                            data-testid="input-lot-kg"
                            value={picked[l.id] ?? ''}
                            onChange={(event) =>
                              setPicked((all) => ({ ...all, [l.id]: event.target.value }))
                            }
                            {...control}
                          />
                        )}
                      </Field>
                    )}
                  </div>
                );
              })
            )}
          </fieldset>
          <SelectField
            label={t('jobNew.operator')}
            name="operatorUserId"
            value={operatorUserId}
            onChange={(event) => setOperatorUserId(event.target.value)}
            error={submission.fieldErrors['operatorUserId']}
            hint={staff.loading ? t('state.loading') : t('jobNew.operatorHint')}
            liveHint
          >
            <option value="">{t('jobNew.operatorFromBooking')}</option>
            {(staff.data?.items ?? []).map((s) => (
              <option key={s.userId} value={s.userId}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <Field label={t('toll.field.notes')} error={submission.fieldErrors['notes']}>
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
        </>
      )}
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('jobNew.submit')}
          pendingLabel={t('action.saving')}
          className="button-large"
        />
      </div>
    </form>
  );
}
