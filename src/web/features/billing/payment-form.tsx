/**
 * "Catat pembayaran": a payment by the invoice's member at its site — cash, bank transfer,
 * virtual account or QRIS (a reference is required except for cash), the amount in Rupiah and
 * the day it was received (in the site's zone). By default the API allocates it to the
 * member's oldest open invoices first; the manager may put it on this invoice only.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { RupiahField, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { PAYMENT_METHODS, PaymentRequest, type TimeZone } from '../../lib/contracts.js';
import {
  dayIn,
  formatRupiah,
  formatRupiahInput,
  parseRupiahInput,
  PLATFORM_TIME_ZONE,
} from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { sitePath, type InvoiceT, type PaymentMethodT, type PaymentT } from './types.js';

export function PaymentForm({
  invoice,
  onRecorded,
  onCancel,
}: {
  invoice: InvoiceT;
  onRecorded: (payment: PaymentT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const site = useResource<{ timeZone: TimeZone }>(sitePath(invoice.siteId));
  const today = dayIn(new Date(), site.data?.timeZone ?? PLATFORM_TIME_ZONE);
  const [method, setMethod] = useState<PaymentMethodT>('bank_transfer');
  const [receivedOn, setReceivedOn] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const record = useSubmit(async (body: z.output<typeof PaymentRequest>) => {
    onRecorded(await api.post<PaymentT>('/api/payments', body));
  }, PaymentRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const amount = parseRupiahInput(text('amount'));
    if (amount === 'invalid') errors['amount'] = t('validation.rupiah');
    else if (amount === null || amount <= 0) errors['amount'] = t('validation.required');
    if (method !== 'cash' && !text('reference'))
      errors['reference'] = t('payment.referenceRequired');
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || typeof amount !== 'number') {
      record.reset();
      return;
    }
    const onlyThis = values['allocation'] === 'this';
    await record.submit({
      siteId: invoice.siteId,
      memberOrgId: invoice.memberOrgId,
      method,
      reference: text('reference') || null,
      amount,
      receivedOn: receivedOn || today,
      notes: text('notes') || null,
      allocations: onlyThis
        ? [{ invoiceId: invoice.id, amount: Math.min(amount, invoice.outstanding) }]
        : null,
    });
  };

  const errors = { ...record.fieldErrors, ...localErrors };
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="payment-form"
    >
      <h3>{t('payment.title', { member: invoice.memberName })}</h3>
      <ErrorBanner error={record.error} />
      <SelectField
        label={t('payment.method')}
        name="method"
        value={method}
        onChange={(event) => setMethod(event.target.value as PaymentMethodT)}
        error={errors['method']}
      >
        {PAYMENT_METHODS.map((option) => (
          <option key={option} value={option}>
            {t(`paymentMethod.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('payment.reference')}
        name="reference"
        autoComplete="off"
        hint={method === 'cash' ? t('payment.referenceHintCash') : t('payment.referenceHint')}
        error={errors['reference']}
      />
      <RupiahField
        label={t('payment.amount')}
        name="amount"
        defaultValue={formatRupiahInput(invoice.outstanding)}
        hint={t('payment.amountHint', { outstanding: formatRupiah(invoice.outstanding) })}
        error={errors['amount']}
      />
      <TextField
        label={t('payment.receivedOn')}
        name="receivedOn"
        type="date"
        value={receivedOn || today}
        max={today}
        onChange={(event) => setReceivedOn(event.target.value)}
        error={errors['receivedOn']}
      />
      <fieldset className="radio-list">
        <legend>{t('payment.allocation')}</legend>
        <label className="checkbox">
          <input type="radio" name="allocation" value="oldest" defaultChecked />{' '}
          {t('payment.allocationOldest')}
        </label>
        <label className="checkbox">
          <input type="radio" name="allocation" value="this" />{' '}
          {t('payment.allocationThis', { number: invoice.number })}
        </label>
      </fieldset>
      <TextField label={t('payment.notes')} name="notes" error={errors['notes']} />
      <div className="button-row">
        <SubmitButton
          pending={record.pending}
          label={t('payment.submit')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
