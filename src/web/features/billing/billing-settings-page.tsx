/**
 * /sites/:id/billing — how a site bills: whether the cooperative is a PKP (then its NPWP is
 * required and invoices carry PPN), the seller on the invoice and its bank account, whether
 * machine time is billed as used or as booked, rounding, no-show and late-cancellation fees,
 * payment terms; the PPN rule in force; and the consumables and utilities the site sells.
 * The site's manager (and administrators) change it; other staff and officers read it.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { BillingSettingsRequest, type SiteDetail } from '../../lib/contracts.js';
import { formatDate, zoneLabel } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { PricedItemsSection } from './priced-items-section.js';
import { sitePath, type BillingSettingsT, type PpnRateT } from './types.js';

export function BillingSettingsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const site = useResource<SiteDetail>(sitePath(id));
  const settings = useResource<BillingSettingsT>(`${sitePath(id)}/billing-settings`);
  const [saved, setSaved] = useState(false);
  const data = site.data;
  return (
    <Page
      title={data ? t('billingSettings.titleOf', { name: data.name }) : t('billingSettings.title')}
      lead={
        data && `${data.code} · ${data.regency}, ${data.province} · ${zoneLabel(data.timeZone)}`
      }
      actions={
        <div className="button-row">
          <Link to={`/sites/${id}`} className="link-button link-button-secondary">
            {t('billingSettings.backToSite')}
          </Link>
        </div>
      }
    >
      <Loaded resource={settings}>
        {(current) => (
          <>
            <Section title={t('billingSettings.policy')} testId="billing-settings">
              {saved && <SuccessBanner>{t('billingSettings.saved')}</SuccessBanner>}
              {current.canEdit ? (
                // Remounted with what the API stored (e.g. the NPWP without separators).
                <SettingsForm
                  key={JSON.stringify(current)}
                  settings={current}
                  onEdit={() => setSaved(false)}
                  onSaved={(next) => {
                    settings.replace(next);
                    setSaved(true);
                  }}
                />
              ) : (
                <SettingsFacts settings={current} />
              )}
            </Section>
            <PpnSection pkp={current.pkp} />
            {data && (
              <PricedItemsSection siteId={id} timeZone={data.timeZone} canEdit={current.canEdit} />
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

const NUMBER_FIELDS = [
  'noShowPercent',
  'lateCancelPercent',
  'lateCancelWindowMinutes',
  'paymentTermsDays',
] as const;

function SettingsForm({
  settings,
  onSaved,
  onEdit,
}: {
  settings: BillingSettingsT;
  onSaved: (settings: BillingSettingsT) => void;
  onEdit: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [pkp, setPkp] = useState(settings.pkp);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async (body: z.output<typeof BillingSettingsRequest>) => {
    onSaved(await api.put<BillingSettingsT>(`${sitePath(settings.siteId)}/billing-settings`, body));
  }, BillingSettingsRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onEdit();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (pkp && !text('sellerNpwp')) errors['sellerNpwp'] = t('billingSettings.npwpRequired');
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    const numbers = Object.fromEntries(
      NUMBER_FIELDS.map((name) => [name, text(name) === '' ? null : Number(text(name))]),
    );
    await save.submit({
      pkp,
      sellerName: text('sellerName'),
      sellerNpwp: text('sellerNpwp') || null,
      sellerAddress: text('sellerAddress') || null,
      bankAccount: text('bankAccount') || null,
      chargeBasis: values['chargeBasis'],
      rounding: values['rounding'],
      ...numbers,
    });
  };

  // The API refuses a PKP without NPWP as a whole-form error: show it beside the NPWP too.
  const npwpFromApi = save.error?.code === 'npwp_required_for_pkp' ? save.error.message : undefined;
  const errors: Record<string, string | undefined> = {
    ...save.fieldErrors,
    ...localErrors,
  };
  return (
    <form
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="billing-settings-form"
    >
      {settings.isDefault && <p className="muted">{t('billingSettings.defaults')}</p>}
      <ErrorBanner error={save.error} />
      <fieldset>
        <legend>{t('billingSettings.seller')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            name="pkp"
            checked={pkp}
            onChange={(event) => setPkp(event.target.checked)}
          />{' '}
          {t('billingSettings.pkp')}
        </label>
        <p className="field-hint">{t('billingSettings.pkpHint')}</p>
        <TextField
          label={t('billingSettings.sellerName')}
          name="sellerName"
          defaultValue={settings.sellerName}
          error={errors['sellerName']}
        />
        <TextField
          label={pkp ? t('billingSettings.npwpRequiredLabel') : t('billingSettings.npwp')}
          name="sellerNpwp"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={settings.sellerNpwp ?? ''}
          hint={t('billingSettings.npwpHint')}
          error={errors['sellerNpwp'] ?? npwpFromApi}
        />
        <Field label={t('billingSettings.address')} error={errors['sellerAddress']}>
          {(control) => (
            <textarea
              name="sellerAddress"
              rows={2}
              defaultValue={settings.sellerAddress ?? ''}
              {...control}
            />
          )}
        </Field>
        <TextField
          label={t('billingSettings.bankAccount')}
          name="bankAccount"
          defaultValue={settings.bankAccount ?? ''}
          hint={t('billingSettings.bankAccountHint')}
          error={errors['bankAccount']}
        />
      </fieldset>
      <fieldset>
        <legend>{t('billingSettings.time')}</legend>
        <SelectField
          label={t('billingSettings.chargeBasis')}
          name="chargeBasis"
          defaultValue={settings.chargeBasis}
          error={errors['chargeBasis']}
        >
          <option value="actual">{t('chargeBasis.actual')}</option>
          <option value="booked">{t('chargeBasis.booked')}</option>
        </SelectField>
        <SelectField
          label={t('billingSettings.rounding')}
          name="rounding"
          defaultValue={settings.rounding}
          error={errors['rounding']}
        >
          <option value="slot_up">{t('rounding.slot_up')}</option>
          <option value="minute">{t('rounding.minute')}</option>
        </SelectField>
      </fieldset>
      <fieldset>
        <legend>{t('billingSettings.fees')}</legend>
        <div className="form-row">
          <TextField
            label={t('billingSettings.noShowPercent')}
            name="noShowPercent"
            inputMode="numeric"
            defaultValue={String(settings.noShowPercent)}
            hint={t('billingSettings.percentHint')}
            error={errors['noShowPercent']}
          />
          <TextField
            label={t('billingSettings.lateCancelPercent')}
            name="lateCancelPercent"
            inputMode="numeric"
            defaultValue={String(settings.lateCancelPercent)}
            hint={t('billingSettings.percentHint')}
            error={errors['lateCancelPercent']}
          />
        </div>
        <div className="form-row">
          <TextField
            label={t('billingSettings.lateCancelWindow')}
            name="lateCancelWindowMinutes"
            inputMode="numeric"
            defaultValue={String(settings.lateCancelWindowMinutes)}
            hint={t('billingSettings.lateCancelWindowHint')}
            error={errors['lateCancelWindowMinutes']}
          />
          <TextField
            label={t('billingSettings.paymentTerms')}
            name="paymentTermsDays"
            inputMode="numeric"
            defaultValue={String(settings.paymentTermsDays)}
            hint={t('billingSettings.paymentTermsHint')}
            error={errors['paymentTermsDays']}
          />
        </div>
      </fieldset>
      <SubmitButton
        pending={save.pending}
        label={t('action.save')}
        pendingLabel={t('action.saving')}
      />
    </form>
  );
}

function SettingsFacts({ settings }: { settings: BillingSettingsT }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <dt>{t('billingSettings.pkpShort')}</dt>
      <dd>{settings.pkp ? t('billing.yes') : t('billing.no')}</dd>
      <dt>{t('billingSettings.sellerName')}</dt>
      <dd>{settings.sellerName}</dd>
      <dt>{t('billingSettings.npwp')}</dt>
      <dd>{settings.sellerNpwp ?? '—'}</dd>
      <dt>{t('billingSettings.address')}</dt>
      <dd>{settings.sellerAddress ?? '—'}</dd>
      <dt>{t('billingSettings.bankAccount')}</dt>
      <dd>{settings.bankAccount ?? '—'}</dd>
      <dt>{t('billingSettings.chargeBasis')}</dt>
      <dd>{t(`chargeBasis.${settings.chargeBasis}`)}</dd>
      <dt>{t('billingSettings.rounding')}</dt>
      <dd>{t(`rounding.${settings.rounding}`)}</dd>
      <dt>{t('billingSettings.noShowPercent')}</dt>
      <dd>{settings.noShowPercent}%</dd>
      <dt>{t('billingSettings.lateCancelPercent')}</dt>
      <dd>
        {t('billingSettings.lateCancelSummary', {
          percent: settings.lateCancelPercent,
          minutes: settings.lateCancelWindowMinutes,
        })}
      </dd>
      <dt>{t('billingSettings.paymentTerms')}</dt>
      <dd>{t('billingSettings.days', { days: settings.paymentTermsDays })}</dd>
    </dl>
  );
}

/** The PPN rules by date (rate × DPP factor), the one in force first. */
function PpnSection({ pkp }: { pkp: boolean }) {
  const { t, locale } = useI18n();
  const rates = useResource<{ items: PpnRateT[] }>('/api/ppn-rates');
  return (
    <Section title={t('ppn.title')} testId="ppn-rates">
      <p className="muted">{pkp ? t('ppn.leadPkp') : t('ppn.leadNotPkp')}</p>
      <Loaded resource={rates}>
        {(data) => (
          <ul className="link-list">
            {[...data.items]
              .sort((a, b) => b.validFrom.localeCompare(a.validFrom))
              .map((rate) => (
                <li key={rate.validFrom}>
                  {t('ppn.rule', {
                    from: formatDate(rate.validFrom, locale),
                    rate: rate.ratePercent,
                    factor: `${rate.dppNumerator}/${rate.dppDenominator}`,
                  })}{' '}
                  <span className="muted">· {rate.source}</span>
                </li>
              ))}
          </ul>
        )}
      </Loaded>
    </Section>
  );
}
