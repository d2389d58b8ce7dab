/**
 * A site's profile: cluster and programme, region (Kemendagri), time zone — derived from the
 * province unless overridden — operator, asset owner and contacts. Editors change it in place.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { TIME_ZONES, type Contact, type SiteDetail } from '../../lib/contracts.js';
import { zoneLabel } from '../../lib/format.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { RegionPicker } from './region-picker.js';
import { SiteClock } from './site-clock.js';

export function SiteProfile({
  site,
  onSaved,
}: {
  site: SiteDetail;
  onSaved: (site: SiteDetail) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <Section title={t('site.profile')} testId="site-profile">
      {saved && <SuccessBanner>{t('site.saved')}</SuccessBanner>}
      <dl className="facts">
        <dt>{t('sites.column.cluster')}</dt>
        <dd>
          {site.clusterName} · {site.programmeName} · {site.commodity}
        </dd>
        <dt>{t('site.region')}</dt>
        <dd>{site.regions.map((region) => region.name).join(', ') || '—'}</dd>
        <dt>{t('site.address')}</dt>
        <dd>{site.address ?? '—'}</dd>
        <dt>{t('sites.column.zone')}</dt>
        <dd data-testid="site-time-zone">
          <span className="zone-chip">{zoneLabel(site.timeZone)}</span>{' '}
          {t(`timeZone.${site.timeZone}`)} ·{' '}
          {site.timeZoneOverridden ? t('site.zoneOverridden') : t('site.zoneDerived')} ·{' '}
          <SiteClock timeZone={site.timeZone} />
        </dd>
        <dt>{t('site.operator')}</dt>
        <dd>{site.operatorName ?? '—'}</dd>
        <dt>{t('site.assetOwner')}</dt>
        <dd>{site.assetOwnerName ?? '—'}</dd>
        <dt>{t('site.contacts')}</dt>
        <dd>
          {site.contacts.length === 0 ? (
            <span className="muted">{t('site.noContacts')}</span>
          ) : (
            <ul className="plain-list">
              {site.contacts.map((contact, index) => (
                <li key={index}>
                  <strong>{contact.name}</strong>
                  {contact.role && ` · ${contact.role}`}
                  {contact.phone && (
                    <>
                      {' · '}
                      <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a>
                    </>
                  )}
                  {contact.email && (
                    <>
                      {' · '}
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {site.canEdit && !editing && (
        <div className="section-actions">
          <button type="button" onClick={() => setEditing(true)} data-testid="edit-site">
            {t('site.edit')}
          </button>
        </div>
      )}
      {editing && (
        <SiteForm
          site={site}
          onSaved={(next) => {
            onSaved(next);
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </Section>
  );
}

function SiteForm({
  site,
  onSaved,
  onCancel,
}: {
  site: SiteDetail;
  onSaved: (site: SiteDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [regionCode, setRegionCode] = useState<string | null>(site.regionCode);
  const [contacts, setContacts] = useState<Contact[]>(site.contacts);
  const submission = useSubmit(async (body: Record<string, unknown>) => {
    onSaved(await api.patch<SiteDetail>(`/api/sites/${encodeURIComponent(site.id)}`, body));
  });
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    await submission.submit({
      name: text('name'),
      address: text('address') || null,
      regionCode,
      timeZone: text('timeZone') || null,
      contacts: contacts
        .filter((contact) => contact.name.trim())
        .map((contact) => ({
          name: contact.name.trim(),
          role: contact.role?.trim() || null,
          phone: contact.phone?.trim() || null,
          email: contact.email?.trim() || null,
        })),
    });
  };
  const errors = submission.fieldErrors;
  const setContact = (index: number, change: Partial<Contact>) =>
    setContacts(contacts.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="site-form"
    >
      <h3>{t('site.edit')}</h3>
      <ErrorBanner error={submission.error} />
      <TextField
        label={t('site.name')}
        name="name"
        defaultValue={site.name}
        error={errors['name']}
      />
      <TextField
        label={t('site.address')}
        name="address"
        defaultValue={site.address ?? ''}
        error={errors['address']}
      />
      <RegionPicker value={regionCode} onChange={setRegionCode} error={errors['regionCode']} />
      <SelectField
        label={t('sites.column.zone')}
        name="timeZone"
        defaultValue={site.timeZoneOverridden ? site.timeZone : ''}
        hint={t('site.zoneHint')}
        error={errors['timeZone']}
      >
        <option value="">{t('site.zoneDerive')}</option>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)} — {t(`timeZone.${zone}`)}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend>{t('site.contacts')}</legend>
        {contacts.map((contact, index) => (
          <div key={index} className="form-row">
            <TextField
              label={t('site.contact.name', { n: index + 1 })}
              name={`contact-name-${index}`}
              value={contact.name}
              onChange={(event) => setContact(index, { name: event.target.value })}
              error={errors[`contacts.${index}.name`]}
            />
            <TextField
              label={t('site.contact.role')}
              name={`contact-role-${index}`}
              value={contact.role ?? ''}
              onChange={(event) => setContact(index, { role: event.target.value })}
              error={errors[`contacts.${index}.role`]}
            />
            <TextField
              label={t('site.contact.phone')}
              name={`contact-phone-${index}`}
              type="tel"
              value={contact.phone ?? ''}
              onChange={(event) => setContact(index, { phone: event.target.value })}
              error={errors[`contacts.${index}.phone`]}
            />
            <TextField
              label={t('site.contact.email')}
              name={`contact-email-${index}`}
              type="email"
              value={contact.email ?? ''}
              onChange={(event) => setContact(index, { email: event.target.value })}
              error={errors[`contacts.${index}.email`]}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => setContacts(contacts.filter((_, i) => i !== index))}
            >
              {t('action.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            setContacts([...contacts, { name: '', role: null, phone: null, email: null }])
          }
        >
          {t('site.contact.add')}
        </button>
      </fieldset>
      <FormButtons pending={submission.pending} label={t('action.save')} onCancel={onCancel} />
    </form>
  );
}
