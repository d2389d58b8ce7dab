/**
 * Granting a qualification at a site: from a passed attendance (person, machine type and
 * session fixed) or directly (choose the person of a member organisation and the machine type).
 * Also the picker of a site's people, shared with the attendance form.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { GrantQualificationRequest } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { sortedCapabilities } from '../equipment/capabilities.js';
import type { CapabilityT } from '../equipment/types.js';
import type { PersonT, QualificationT } from './types.js';

/** Active people of the site's member organisations (GET /api/people?siteId=). */
export function useSitePeople(siteId: string) {
  return useCursorList<PersonT>('/api/people', { siteId, active: 'true', limit: 200 });
}

export function PersonSelect({
  siteId,
  name,
  label,
  error,
  exclude = [],
}: {
  siteId: string;
  name: string;
  label: string;
  error?: string | undefined;
  /** People not to offer (e.g. already attending). */
  exclude?: readonly string[];
}) {
  const { t } = useI18n();
  const people = useSitePeople(siteId);
  const offered = people.items.filter((person) => !exclude.includes(person.id));
  const hint = people.loading
    ? t('state.loading')
    : offered.length === 0
      ? t('training.noPeople')
      : t('training.personHint');
  return (
    <SelectField
      label={label}
      name={name}
      defaultValue=""
      error={error ?? people.error?.message}
      hint={hint}
      liveHint
    >
      <option value="" disabled>
        {t('training.choosePerson')}
      </option>
      {offered.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name} — {person.organisationName}
        </option>
      ))}
    </SelectField>
  );
}

export interface GrantPreset {
  personId: string;
  personName: string;
  machineType: CapabilityT;
  trainingSessionId: string;
}

export function GrantForm({
  siteId,
  preset,
  onGranted,
  onCancel,
}: {
  siteId: string;
  /** From a passed attendance; without it the form grants directly. */
  preset?: GrantPreset;
  onGranted: (qualification: QualificationT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [machineType, setMachineType] = useState<string>(preset?.machineType ?? '');
  const grant = useSubmit(async (body: z.output<typeof GrantQualificationRequest>) => {
    onGranted(await api.post<QualificationT>('/api/qualifications', body));
  }, GrantQualificationRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const grantedOn = (values['grantedOn'] ?? '').trim();
    await grant.submit({
      personId: preset?.personId ?? values['personId'] ?? '',
      machineType: preset?.machineType ?? machineType,
      siteId,
      ...(grantedOn ? { grantedOn } : {}),
      trainingSessionId: preset?.trainingSessionId ?? null,
    });
  };
  const errors = grant.fieldErrors;

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="grant-form"
    >
      <h3>
        {preset
          ? t('qualifications.grantNamed', {
              name: preset.personName,
              type: t(`capability.${preset.machineType}`),
            })
          : t('qualifications.grant')}
      </h3>
      <ErrorBanner error={grant.error} />
      {!preset && (
        <>
          <PersonSelect
            siteId={siteId}
            name="personId"
            label={t('qualifications.person')}
            error={errors['personId']}
          />
          <SelectField
            label={t('qualifications.machineType')}
            name="machineType"
            value={machineType}
            onChange={(event) => setMachineType(event.target.value)}
            error={errors['machineType']}
          >
            <option value="" disabled>
              {t('training.chooseMachineType')}
            </option>
            {sortedCapabilities(t).map((capability) => (
              <option key={capability} value={capability}>
                {t(`capability.${capability}`)}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <TextField
        label={t('qualifications.grantedOn')}
        name="grantedOn"
        type="date"
        hint={t('qualifications.grantedOnHint')}
        error={errors['grantedOn']}
      />
      {errors['trainingSessionId'] && <p className="field-error">{errors['trainingSessionId']}</p>}
      <FormButtons
        pending={grant.pending}
        label={t('qualifications.grantSubmit')}
        onCancel={onCancel}
      />
    </form>
  );
}
