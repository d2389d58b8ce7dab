import { NoticeBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import type { WarningT } from './types.js';

const FIELD_LABELS: Record<string, MessageKey> = {
  ownerNik: 'organisations.field.ownerNik',
  ownerBirthDate: 'organisations.field.ownerBirthDate',
  regionCode: 'organisations.field.regionCode',
};

/**
 * What the API found worth checking in a saved profile (a NIK that does not match the birth
 * date or the region). The profile was saved: this is a notice, not an error.
 */
export function WarningsNotice({ warnings }: { warnings: readonly WarningT[] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <NoticeBanner title={t('organisations.warnings.title')} testId="organisation-warnings">
      <ul>
        {warnings.map((warning) => {
          const label = FIELD_LABELS[warning.field];
          return (
            <li key={`${warning.field}-${warning.code}`}>
              {label && <strong>{t(label)}: </strong>}
              {warning.message}
            </li>
          );
        })}
      </ul>
    </NoticeBanner>
  );
}
