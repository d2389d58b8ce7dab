/** A machine's booking rules in plain words, under its calendar and on the booking form. */
import { useI18n } from '../../i18n/i18n-context.js';
import type { BookingRulesT } from './types.js';

/** "90 menit", "2 jam", "1 jam 30 menit". */
export function useDuration() {
  const { t } = useI18n();
  return (minutes: number) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('duration.minutes', { minutes: rest });
    if (rest === 0) return t('duration.hours', { hours });
    return t('duration.hoursMinutes', { hours, minutes: rest });
  };
}

export function RulesSummary({ rules }: { rules: BookingRulesT }) {
  const { t } = useI18n();
  const duration = useDuration();
  return (
    <details className="rules-summary" data-testid="rules-summary">
      <summary>{t('bookingRules.summary')}</summary>
      <ul>
        <li>{t('bookingRules.summary.slot', { slot: duration(rules.slotMinutes) })}</li>
        <li>
          {t('bookingRules.summary.length', {
            min: duration(rules.minMinutes),
            max: duration(rules.maxMinutes),
          })}
        </li>
        <li>
          {t('bookingRules.summary.window', {
            lead: duration(rules.leadMinutes),
            days: rules.horizonDays,
          })}
        </li>
        <li>
          {t(
            rules.approvalRequired
              ? 'bookingRules.summary.approval'
              : 'bookingRules.summary.noApproval',
          )}
        </li>
        {rules.qualificationRequired && <li>{t('bookingRules.summary.qualification')}</li>}
        {rules.serviceModeAllowed && <li>{t('bookingRules.summary.service')}</li>}
        <li>{t('bookingRules.summary.noShow', { minutes: rules.noShowGraceMinutes })}</li>
      </ul>
    </details>
  );
}
