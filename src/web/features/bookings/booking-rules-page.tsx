/**
 * /equipment/:id/booking-rules — a machine's booking rules, set by administrators and the
 * site's manager: the slot grid, shortest and longest booking, lead time and horizon, approval,
 * qualification, operator service, no-show grace, how long a wait-list offer holds, and weekly
 * hours per member size class (empty: no limit). Checked before sending with the contract's
 * schema and the same cross-field rules the API applies; the API's field errors land beside
 * their fields in the user's language.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import { BookingRules, SIZE_CLASSES } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { machinePath, type MachineT } from '../equipment/types.js';
import { useDuration } from './rules-summary.js';
import {
  calendarPath,
  machineApi,
  type BookingRulesT,
  type MachineBookingRulesT,
} from './types.js';

const SLOTS = [5, 10, 15, 20, 30, 60, 120, 240] as const;

/** Field codes the API reports for the rules, as messages of the UI. */
const API_FIELD_CODES: Record<string, MessageKey> = {
  max_below_min: 'bookingRules.error.maxBelowMin',
  not_on_grid: 'bookingRules.error.notOnGrid',
};

/** The cross-field rules the API checks too (max ≥ min, both on the slot grid). */
export function rulesProblems(r: BookingRulesT): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  if (r.minMinutes % r.slotMinutes !== 0) out['minMinutes'] = 'bookingRules.error.notOnGrid';
  if (r.maxMinutes % r.slotMinutes !== 0) out['maxMinutes'] = 'bookingRules.error.notOnGrid';
  if (r.maxMinutes < r.minMinutes) out['maxMinutes'] = 'bookingRules.error.maxBelowMin';
  return out;
}

export function BookingRulesPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const machine = useResource<MachineT>(machinePath(id));
  const rules = useResource<MachineBookingRulesT>(`${machineApi(id)}/booking-rules`);
  const data = machine.data;
  return (
    <Page
      title={t('bookingRules.title')}
      lead={data && `${data.name} (${data.code}) · ${data.siteName}`}
      actions={
        <Link to={calendarPath(id)} className="link-button link-button-secondary">
          {t('bookingRules.backToCalendar')}
        </Link>
      }
    >
      <Loaded resource={rules}>
        {(current) => (
          <RulesForm
            key={JSON.stringify(current)}
            machineId={id}
            rules={current}
            onSaved={rules.replace}
          />
        )}
      </Loaded>
    </Page>
  );
}

function RulesForm({
  machineId,
  rules,
  onSaved,
}: {
  machineId: string;
  rules: MachineBookingRulesT;
  onSaved: (rules: MachineBookingRulesT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const duration = useDuration();
  const [saved, setSaved] = useState(false);
  const [crossField, setCrossField] = useState<Record<string, MessageKey>>({});
  const save = useSubmit(async (body: BookingRulesT) => {
    onSaved(await api.put<MachineBookingRulesT>(`${machineApi(machineId)}/booking-rules`, body));
    setSaved(true);
  }, BookingRules);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const v = formValues(event.currentTarget);
    const whole = (name: string) => {
      const text = (v[name] ?? '').trim();
      return text === '' ? NaN : Number(text);
    };
    const hours = (name: string) => {
      const text = (v[name] ?? '').trim();
      return text === '' ? null : Number(text);
    };
    const body = {
      slotMinutes: whole('slotMinutes') as BookingRulesT['slotMinutes'],
      minMinutes: whole('minMinutes'),
      maxMinutes: whole('maxMinutes'),
      leadMinutes: whole('leadMinutes'),
      horizonDays: whole('horizonDays'),
      approvalRequired: v['approvalRequired'] === 'on',
      qualificationRequired: v['qualificationRequired'] === 'on',
      serviceModeAllowed: v['serviceModeAllowed'] === 'on',
      noShowGraceMinutes: whole('noShowGraceMinutes'),
      offerHoldMinutes: whole('offerHoldMinutes'),
      weeklyHours: {
        micro: hours('weeklyHours.micro'),
        small: hours('weeklyHours.small'),
        medium: hours('weeklyHours.medium'),
        large: hours('weeklyHours.large'),
      },
    };
    const problems = BookingRules.safeParse(body).success ? rulesProblems(body) : {};
    setCrossField(problems);
    if (Object.keys(problems).length > 0) return;
    await save.submit(body);
  };

  // The API's own field codes get the UI's message; others keep the API's translated one.
  const apiFields = Object.fromEntries(
    (save.error?.fields ?? []).map((f) => [
      f.path,
      API_FIELD_CODES[f.code] ? t(API_FIELD_CODES[f.code]!) : f.message,
    ]),
  );
  const error = (name: string) =>
    crossField[name] ? t(crossField[name]) : (apiFields[name] ?? save.fieldErrors[name]);

  const number = (
    name: keyof BookingRulesT,
    label: MessageKey,
    hint: MessageKey,
    bounds: { min: number; max: number },
  ) => (
    <Field label={t(label)} hint={t(hint)} error={error(name)}>
      {(control) => (
        <input
          type="number"
          name={name}
          inputMode="numeric"
          min={bounds.min}
          max={bounds.max}
          defaultValue={String(rules[name])}
          {...control}
        />
      )}
    </Field>
  );

  return (
    <Section title={t('bookingRules.section')} testId="booking-rules">
      {rules.isDefault && (
        <NoticeBanner title={t('bookingRules.defaultTitle')}>
          <p>{t('bookingRules.defaultBody')}</p>
        </NoticeBanner>
      )}
      {saved && <SuccessBanner>{t('bookingRules.saved')}</SuccessBanner>}
      <form
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="booking-rules-form"
      >
        <ErrorBanner error={save.error} />
        {Object.keys(crossField).length > 0 && (
          <div className="banner banner-error" role="alert" data-testid="error-banner">
            <p>{t('bookingRules.error.summary')}</p>
          </div>
        )}
        <fieldset>
          <legend>{t('bookingRules.group.time')}</legend>
          <SelectField
            label={t('bookingRules.slotMinutes')}
            name="slotMinutes"
            defaultValue={String(rules.slotMinutes)}
            hint={t('bookingRules.slotMinutesHint')}
            error={error('slotMinutes')}
          >
            {SLOTS.map((slot) => (
              <option key={slot} value={slot}>
                {duration(slot)}
              </option>
            ))}
          </SelectField>
          <div className="form-row">
            {number('minMinutes', 'bookingRules.minMinutes', 'bookingRules.minutesHint', {
              min: 5,
              max: 20160,
            })}
            {number('maxMinutes', 'bookingRules.maxMinutes', 'bookingRules.minutesHint', {
              min: 5,
              max: 20160,
            })}
          </div>
          <div className="form-row">
            {number('leadMinutes', 'bookingRules.leadMinutes', 'bookingRules.leadMinutesHint', {
              min: 0,
              max: 43200,
            })}
            {number('horizonDays', 'bookingRules.horizonDays', 'bookingRules.horizonDaysHint', {
              min: 1,
              max: 366,
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('bookingRules.group.who')}</legend>
          {(
            [
              [
                'approvalRequired',
                'bookingRules.approvalRequired',
                'bookingRules.approvalRequiredHint',
              ],
              [
                'qualificationRequired',
                'bookingRules.qualificationRequired',
                'bookingRules.qualificationRequiredHint',
              ],
              [
                'serviceModeAllowed',
                'bookingRules.serviceModeAllowed',
                'bookingRules.serviceModeAllowedHint',
              ],
            ] as const
          ).map(([name, label, hint]) => (
            <label key={name} className="choice">
              <input type="checkbox" name={name} defaultChecked={rules[name]} />
              <span>
                {t(label)}
                <span className="field-hint">{t(hint)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('bookingRules.group.attendance')}</legend>
          <div className="form-row">
            {number(
              'noShowGraceMinutes',
              'bookingRules.noShowGraceMinutes',
              'bookingRules.noShowGraceMinutesHint',
              {
                min: 5,
                max: 240,
              },
            )}
            {number(
              'offerHoldMinutes',
              'bookingRules.offerHoldMinutes',
              'bookingRules.offerHoldMinutesHint',
              {
                min: 5,
                max: 2880,
              },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('bookingRules.group.quota')}</legend>
          <p className="field-hint">{t('bookingRules.weeklyHoursHint')}</p>
          <div className="form-row">
            {SIZE_CLASSES.map((size) => (
              <Field
                key={size}
                label={t('bookingRules.weeklyHoursOf', { size: t(`sizeClass.${size}`) })}
                error={error(`weeklyHours.${size}`)}
              >
                {(control) => (
                  <input
                    type="number"
                    name={`weeklyHours.${size}`}
                    inputMode="numeric"
                    min={1}
                    max={168}
                    placeholder={t('bookingRules.noLimit')}
                    defaultValue={
                      rules.weeklyHours[size] === null ? '' : String(rules.weeklyHours[size])
                    }
                    {...control}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
        <SubmitButton
          pending={save.pending}
          label={t('bookingRules.save')}
          pendingLabel={t('action.saving')}
        />
      </form>
    </Section>
  );
}
