/**
 * The foot of an inline form: save (busy while the request runs) and cancel, which closes the
 * form without saving. A form that stays open after it sends (an upload, a copy) says "close"
 * there instead, and may name its own busy state.
 */
import { useI18n } from '../i18n/i18n-context.js';
import { SubmitButton } from './loading.js';

export function FormButtons({
  pending,
  label,
  pendingLabel,
  cancelLabel,
  onCancel,
}: {
  pending: boolean;
  label: string;
  /** While pending; "Saving…" unless given. */
  pendingLabel?: string;
  /** "Cancel" unless given. */
  cancelLabel?: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <SubmitButton
        pending={pending}
        label={label}
        pendingLabel={pendingLabel ?? t('action.saving')}
      />
      <button type="button" className="button-secondary" onClick={onCancel}>
        {cancelLabel ?? t('action.cancel')}
      </button>
    </div>
  );
}
