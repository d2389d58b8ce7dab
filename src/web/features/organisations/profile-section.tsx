/**
 * An organisation's profile: identifiers, address, owner. The owner's NIK is shown as the API
 * gives it — masked for everyone but administrators and the organisation itself. Those who may
 * change the organisation (canEdit) open the form in place.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { SuccessBanner } from '../../components/error-banner.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDate } from '../../lib/format.js';
import { OrganisationForm } from './organisation-form.js';
import type { OrganisationSavedT, OrganisationT, WarningT } from './types.js';
import { WarningsNotice } from './warnings-notice.js';

/** What happened last to the profile, to say so above it. */
export interface ProfileNotice {
  saved: 'created' | 'updated';
  warnings: WarningT[];
}

export function ProfileSection({
  organisation,
  notice,
  onSaved,
}: {
  organisation: OrganisationT;
  notice: ProfileNotice | null;
  onSaved: (saved: OrganisationSavedT) => void;
}) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const day = (value: string | null) => (value ? formatDate(value, locale) : null);

  const facts: [string, ReactNode][] = [
    [t('organisations.field.kind'), t(`organisationKind.${organisation.kind}`)],
    [
      t('organisations.field.legalForm'),
      organisation.legalForm ? t(`legalForm.${organisation.legalForm}`) : null,
    ],
    [
      t('organisations.field.nib'),
      organisation.nib && (
        <>
          <span className="nowrap">{organisation.nib}</span>
          {organisation.nibIssuedOn && (
            <span className="muted">
              {' '}
              · {t('organisations.profile.issuedOn', { date: day(organisation.nibIssuedOn) ?? '' })}
            </span>
          )}
        </>
      ),
    ],
    [
      t('organisations.field.npwp'),
      organisation.npwp && (
        <>
          <span className="nowrap">{organisation.npwp}</span>
          {organisation.npwp15Legacy && (
            <span className="muted">
              {' '}
              · {t('organisations.profile.npwp15', { npwp: organisation.npwp15Legacy })}
            </span>
          )}
          {organisation.nitku && (
            <span className="muted">
              {' '}
              · {t('organisations.profile.nitku', { nitku: organisation.nitku })}
            </span>
          )}
        </>
      ),
    ],
    [
      t('organisations.field.address'),
      [organisation.address, organisation.regency, organisation.province]
        .filter(Boolean)
        .join(', ') || null,
    ],
    [t('organisations.field.regionCode'), organisation.regionCode],
    [t('organisations.field.phone'), organisation.phone],
    [t('field.email'), organisation.email],
    [t('organisations.field.ownerName'), organisation.ownerName],
    [
      t('organisations.field.ownerNik'),
      organisation.ownerNik && (
        <>
          <span className="nowrap" data-testid="owner-nik">
            {organisation.ownerNik}
          </span>
          {organisation.ownerNikMasked && (
            <span className="muted"> · {t('organisations.profile.nikMasked')}</span>
          )}
        </>
      ),
    ],
    [t('organisations.field.ownerBirthDate'), day(organisation.ownerBirthDate)],
  ];

  return (
    <Section title={t('organisations.profile.title')} testId="organisation-profile">
      {notice && !editing && (
        <>
          <SuccessBanner>
            {notice.saved === 'created'
              ? t('organisations.profile.created', { name: organisation.name })
              : t('organisations.profile.updated')}
          </SuccessBanner>
          <WarningsNotice warnings={notice.warnings} />
        </>
      )}
      {editing ? (
        <OrganisationForm
          organisation={organisation}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <dl className="facts">
            {facts.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value || <span className="muted">—</span>}</dd>
              </Fragment>
            ))}
          </dl>
          {organisation.canEdit && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => setEditing(true)}
              data-testid="edit-profile"
            >
              {t('organisations.profile.edit')}
            </button>
          )}
        </>
      )}
    </Section>
  );
}
