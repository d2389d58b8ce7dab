/**
 * A machine's status as a coloured chip, and the form to change it. A reason is required for
 * "broken" and "retired" (the API says so too); site operators may only choose active,
 * maintenance or broken — retiring a machine is for its manager.
 */
import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { MACHINE_STATUSES } from '../../lib/contracts.js';
import { useSubmit } from '../../lib/use-submit.js';
import { machinePath, type MachineStatusT, type MachineT } from './types.js';

export function MachineStatusChip({ status }: { status: MachineStatusT }) {
  const { t } = useI18n();
  return (
    <span className={`state-chip machine-status-${status}`} data-testid="machine-status">
      {t(`machineStatus.${status}`)}
    </span>
  );
}

/** Statuses that need a reason: someone must be able to tell why the machine stopped. */
export const REASON_REQUIRED: readonly MachineStatusT[] = ['broken', 'retired'];
const OPERATOR_STATUSES: readonly MachineStatusT[] = ['active', 'maintenance', 'broken'];

/** The statuses this user may choose: operators without a managing role cannot retire. */
export function statusesFor(roles: readonly string[]): readonly MachineStatusT[] {
  return roles.includes('administrator') || roles.includes('site_manager')
    ? MACHINE_STATUSES
    : OPERATOR_STATUSES;
}

export function StatusChangeForm({
  machine,
  onChanged,
}: {
  machine: MachineT;
  onChanged: (machine: MachineT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { roles } = useSession();
  const options = statusesFor(roles).filter((status) => status !== machine.status);
  const [status, setStatus] = useState<MachineStatusT | ''>('');
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const change = useSubmit(async (body: { status: MachineStatusT; reason: string | null }) => {
    onChanged(await api.post<MachineT>(`${machinePath(machine.id)}/status`, body));
    setStatus('');
    setReason('');
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!status) errors['status'] = t('machine.status.choose');
    else if (REASON_REQUIRED.includes(status) && !reason.trim())
      errors['reason'] = t('machine.status.reasonRequired');
    setLocalErrors(errors);
    if (!status || Object.keys(errors).length > 0) return;
    await change.submit({ status, reason: reason.trim() || null });
  };
  const errors = { ...change.fieldErrors, ...localErrors };
  const needsReason = status !== '' && REASON_REQUIRED.includes(status);

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="status-form"
    >
      <h3>{t('machine.status.change')}</h3>
      <ErrorBanner error={change.error} />
      <fieldset className="chip-group">
        <legend>{t('machine.status.new')}</legend>
        {options.map((option) => (
          <button
            key={option}
            type="button"
            className={`filter-chip machine-status-${option}`}
            aria-pressed={status === option}
            data-testid={`status-option-${option}`}
            onClick={() => {
              setStatus(option);
              setLocalErrors({});
            }}
          >
            {t(`machineStatus.${option}`)}
          </button>
        ))}
      </fieldset>
      {errors['status'] && <p className="field-error">{errors['status']}</p>}
      <Field
        label={needsReason ? t('machine.status.reason') : t('machine.status.reasonOptional')}
        hint={t('machine.status.reasonHint')}
        error={errors['reason']}
      >
        {(control) => (
          <textarea
            name="reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <div className="button-row">
        <SubmitButton
          pending={change.pending}
          label={t('machine.status.submit')}
          pendingLabel={t('action.saving')}
        />
      </div>
    </form>
  );
}
