/**
 * The weekly opening hours of a site, in its local time (WIB/WITA/WIT): several intervals per
 * day, the breaks between them shown (Friday's midday break for Friday prayers stands out),
 * checked before saving — times, order, overlaps — and saved all at once (PUT replaces them).
 */
import { useState } from 'react';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import type { TimeZone } from '../../lib/contracts.js';
import { zoneLabel } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import {
  breaks,
  FRIDAY,
  hoursProblems,
  toIntervals,
  toWeek,
  WEEKDAYS,
  type FlatInterval,
  type Week,
} from './opening-hours.js';

export function OpeningHoursEditor({
  intervals,
  timeZone,
  canEdit,
  onSave,
}: {
  intervals: readonly FlatInterval[];
  timeZone: TimeZone;
  canEdit: boolean;
  /** Sends the whole week; resolves with what the API kept. */
  onSave: (intervals: FlatInterval[]) => Promise<FlatInterval[]>;
}) {
  const { t } = useI18n();
  const [week, setWeek] = useState<Week>(() => toWeek(intervals));
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const problems = checked ? hoursProblems(week) : {};
  const save = useSubmit(async (next: FlatInterval[]) => {
    setWeek(toWeek(await onSave(next)));
    setSaved(true);
  });

  const change = (day: number, next: Week[number]) => {
    setSaved(false);
    setWeek((current) => ({ ...current, [day]: next }));
  };
  const onSubmit = () => {
    setChecked(true);
    if (Object.keys(hoursProblems(week)).length > 0) return;
    void save.submit(toIntervals(week));
  };
  const zone = zoneLabel(timeZone);
  const problemText = (key: MessageKey | undefined) => (key ? t(key) : undefined);

  return (
    <div data-testid="opening-hours">
      <p className="muted">{t('hours.zoneNote', { zone })}</p>
      <ErrorBanner error={save.error} />
      {saved && <SuccessBanner>{t('hours.saved')}</SuccessBanner>}
      {checked && Object.keys(problems).length > 0 && (
        <p className="field-error" role="alert">
          {t('hours.error.summary')}
        </p>
      )}
      <ul className="week-hours">
        {WEEKDAYS.map((day) => {
          const dayIntervals = week[day] ?? [];
          const gaps = breaks(dayIntervals);
          return (
            <li
              key={day}
              className={day === FRIDAY ? 'day-hours day-hours-friday' : 'day-hours'}
              data-testid={`day-${day}`}
            >
              <strong>{t(`weekday.${day}`)}</strong>
              {dayIntervals.length === 0 && <span className="muted">{t('hours.closed')}</span>}
              {dayIntervals.map((interval, index) =>
                canEdit ? (
                  <div className="interval" key={index}>
                    <Field label={t('hours.opens')}>
                      {(control) => (
                        <input
                          type="time"
                          value={interval.opens}
                          onChange={(event) =>
                            change(
                              day,
                              dayIntervals.map((item, i) =>
                                i === index ? { ...item, opens: event.target.value } : item,
                              ),
                            )
                          }
                          {...control}
                          aria-invalid={Boolean(problems[`${day}.${index}`])}
                        />
                      )}
                    </Field>
                    <Field
                      label={t('hours.closes')}
                      error={problemText(problems[`${day}.${index}`])}
                    >
                      {(control) => (
                        <input
                          type="time"
                          value={interval.closes}
                          onChange={(event) =>
                            change(
                              day,
                              dayIntervals.map((item, i) =>
                                i === index ? { ...item, closes: event.target.value } : item,
                              ),
                            )
                          }
                          {...control}
                        />
                      )}
                    </Field>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('hours.removeInterval', {
                        day: t(`weekday.${day}`),
                        n: index + 1,
                      })}
                      onClick={() =>
                        change(
                          day,
                          dayIntervals.filter((_, i) => i !== index),
                        )
                      }
                    >
                      {t('action.remove')}
                    </button>
                  </div>
                ) : (
                  <span key={index} className="nowrap">
                    {interval.opens}–{interval.closes} {zone}
                  </span>
                ),
              )}
              {gaps.map((gap) => (
                <span
                  key={gap.opens}
                  className="state-chip break-chip"
                  data-testid={day === FRIDAY ? 'friday-break' : 'break'}
                >
                  {t(day === FRIDAY ? 'hours.fridayBreak' : 'hours.break', {
                    from: gap.opens,
                    to: gap.closes,
                    zone,
                  })}
                </span>
              ))}
              {canEdit && (
                <div className="button-row">
                  <button
                    type="button"
                    className="button-secondary"
                    data-testid={`add-interval-${day}`}
                    onClick={() => {
                      const last = dayIntervals[dayIntervals.length - 1];
                      change(day, [
                        ...dayIntervals,
                        last
                          ? { opens: last.closes, closes: '17:00' }
                          : { opens: '08:00', closes: '17:00' },
                      ]);
                    }}
                  >
                    {t('hours.addInterval')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {canEdit && (
        <button type="button" onClick={onSubmit} disabled={save.pending} data-testid="save-hours">
          {save.pending ? t('action.saving') : t('hours.save')}
        </button>
      )}
    </div>
  );
}
