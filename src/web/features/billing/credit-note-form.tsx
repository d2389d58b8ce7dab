/**
 * "Buat nota kredit": corrects an issued, unpaid invoice with a credit note for all of it (the
 * invoice itself never changes — invoices are immutable and numbered without gaps). A reason
 * is required and the manager confirms first.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreditNoteRequest } from '../../lib/contracts.js';
import { formatRupiah } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { invoicePath, type InvoiceT } from './types.js';

export function CreditNoteForm({
  invoice,
  onCreated,
  onCancel,
}: {
  invoice: InvoiceT;
  onCreated: (note: InvoiceT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [reason, setReason] = useState('');
  const create = useSubmit(async (body: z.output<typeof CreditNoteRequest>) => {
    onCreated(await api.post<InvoiceT>(`${invoicePath(invoice.id)}/credit-note`, body));
  }, CreditNoteRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      reason.trim() &&
      !window.confirm(
        t('creditNote.confirm', { number: invoice.number, total: formatRupiah(invoice.total) }),
      )
    )
      return;
    await create.submit({ reason });
  };

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="credit-note-form"
    >
      <h3>{t('creditNote.title', { number: invoice.number })}</h3>
      <p className="muted">{t('creditNote.lead', { total: formatRupiah(invoice.total) })}</p>
      <ErrorBanner error={create.error} />
      <Field
        label={t('creditNote.reason')}
        hint={t('creditNote.reasonHint')}
        error={create.fieldErrors['reason']}
      >
        {(control) => (
          <textarea
            name="reason"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <div className="button-row">
        <SubmitButton
          className="button-danger"
          pending={create.pending}
          label={t('creditNote.submit')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
