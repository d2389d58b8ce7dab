/**
 * The foot of an inline form: save (busy while the request runs) and cancel, which closes the
 * form without saving.
 */
import { useI18n } from '../i18n/i18n-context.js';
import { SubmitButton } from './loading.js';

export function FormButtons({
  pending,
  label,
  onCancel,
}: {
  pending: boolean;
  label: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <SubmitButton pending={pending} label={label} pendingLabel={t('action.saving')} />
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </div>
  );
}
