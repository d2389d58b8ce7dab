/**
 * A calendar expiry date with its state: expired and expiring within the warning window stand
 * out (certificates of members, machine documents such as calibration certificates).
 */
import { useI18n } from '../i18n/i18n-context.js';
import { type ExpiryStatus } from '../lib/expiry.js';
import { formatDate } from '../lib/format.js';

export function ExpiryDate({
  expiresOn,
  status,
  testId,
}: {
  expiresOn: string | null;
  status: ExpiryStatus;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  if (!expiresOn) return <span className="muted">{t('expiry.none')}</span>;
  return (
    <span className={`expiry expiry-${status}`} data-testid={testId} data-status={status}>
      <span className="nowrap">{formatDate(expiresOn, locale)}</span>
      {status !== 'valid' && (
        <span className={`state-chip expiry-chip-${status}`}>{t(`expiry.status.${status}`)}</span>
      )}
    </span>
  );
}
