/**
 * /invoices/:id — one invoice or credit note: seller and buyer, lines, totals with DPP and PPN,
 * the amount in words (terbilang), the PDF, the payments allocated to it, and for the site's
 * manager "Catat pembayaran" and "Buat nota kredit". An invoice outside the user's scope is
 * "not found" (404).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { SuccessBanner } from '../../components/error-banner.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDate, formatRupiah } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { CreditNoteForm } from './credit-note-form.js';
import { InvoiceLines, InvoiceStatusBadge, InvoiceTotals } from './invoice-parts.js';
import { PaymentForm } from './payment-form.js';
import { invoicePath, invoicePdfPath, managesSite, type InvoiceT, type PaymentT } from './types.js';

export function InvoicePage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const { id = '' } = useParams();
  const invoice = useResource<InvoiceT>(invoicePath(id));
  const data = invoice.data;
  const manager = data ? managesSite(user.grants, data.siteId) : false;
  const [open, setOpen] = useState<'payment' | 'credit' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const payments = useCursorList<PaymentT>(data ? '/api/payments' : null, {
    siteId: data?.siteId,
    memberOrgId: data?.memberOrgId,
    limit: 200,
  });

  const isInvoice = data?.kind === 'invoice';
  const canPay = manager && isInvoice && data.outstanding > 0;
  const canCredit = manager && isInvoice && data.creditNoteId === null && data.paid === 0;
  const title = data
    ? t(data.kind === 'invoice' ? 'invoice.titleInvoice' : 'invoice.titleCreditNote', {
        number: data.number,
      })
    : t('invoice.detail');

  return (
    <Page
      title={title}
      lead={
        data && (
          <>
            <InvoiceStatusBadge status={data.status} /> · {data.memberName} · {data.siteCode}
          </>
        )
      }
      actions={
        <div className="button-row">
          {data && (
            <>
              <a
                href={invoicePdfPath(data.id)}
                className="link-button"
                download
                data-testid="invoice-pdf"
              >
                {t('invoice.pdfDownload')}
              </a>
              <a
                href={invoicePdfPath(data.id)}
                className="link-button link-button-secondary"
                target="_blank"
                rel="noopener"
              >
                {t('invoice.pdfOpen')}
              </a>
            </>
          )}
        </div>
      }
    >
      <Loaded resource={invoice}>
        {(current) => (
          <>
            {done && <SuccessBanner>{done}</SuccessBanner>}
            <Section title={t('invoice.summary')} testId="invoice-summary">
              <dl className="facts">
                <dt>{t('invoice.seller')}</dt>
                <dd>
                  {current.seller.name}
                  {current.seller.npwp && (
                    <span className="muted"> · NPWP {current.seller.npwp}</span>
                  )}
                </dd>
                <dt>{t('invoice.buyer')}</dt>
                <dd>
                  {current.buyer.name}
                  {current.buyer.npwp && (
                    <span className="muted"> · NPWP {current.buyer.npwp}</span>
                  )}
                </dd>
                <dt>{t('invoice.issuedOn')}</dt>
                <dd>{formatDate(current.issuedOn, locale)}</dd>
                {current.kind === 'invoice' && (
                  <>
                    <dt>{t('invoice.dueOn')}</dt>
                    <dd>{formatDate(current.dueOn, locale)}</dd>
                  </>
                )}
                {current.periodFrom && current.periodTo && (
                  <>
                    <dt>{t('invoice.period')}</dt>
                    <dd>
                      {formatDate(current.periodFrom, locale)} –{' '}
                      {formatDate(current.periodTo, locale)}
                    </dd>
                  </>
                )}
                <dt>{t('invoice.total')}</dt>
                <dd>{formatRupiah(current.total)}</dd>
                {current.kind === 'invoice' && (
                  <>
                    <dt>{t('invoice.paid')}</dt>
                    <dd data-testid="invoice-paid">{formatRupiah(current.paid)}</dd>
                    {current.credited > 0 && (
                      <>
                        <dt>{t('invoice.credited')}</dt>
                        <dd>{formatRupiah(current.credited)}</dd>
                      </>
                    )}
                    <dt>{t('invoice.outstanding')}</dt>
                    <dd data-testid="invoice-outstanding">
                      <strong>{formatRupiah(current.outstanding)}</strong>
                    </dd>
                  </>
                )}
                {current.seller.bankAccount && current.kind === 'invoice' && (
                  <>
                    <dt>{t('invoice.payTo')}</dt>
                    <dd>{current.seller.bankAccount}</dd>
                  </>
                )}
              </dl>
              {current.creditNoteId && (
                <p data-testid="credited-by">
                  {t('invoice.creditedBy')}{' '}
                  <Link to={`/invoices/${current.creditNoteId}`}>
                    {t('invoice.openCreditNote')}
                  </Link>
                </p>
              )}
              {current.creditedInvoiceId && (
                <p>
                  {t('invoice.corrects')}{' '}
                  <Link to={`/invoices/${current.creditedInvoiceId}`}>
                    {t('invoice.openOriginal')}
                  </Link>
                  {current.reason && <> · {t('invoice.reason', { reason: current.reason })}</>}
                </p>
              )}
              <p>
                <Link to={`/organisations/${current.memberOrgId}/statement`}>
                  {t('statement.title')} · {current.memberName}
                </Link>
              </p>
            </Section>

            <Section title={t('invoice.lines')}>
              <InvoiceLines lines={current.lines} caption={t('invoice.lines')} />
              <InvoiceTotals invoice={current} />
              <p className="terbilang" data-testid="terbilang">
                <span className="muted">{t('invoice.inWords')}</span>{' '}
                <em>{current.amountInWords}</em>
              </p>
            </Section>

            {current.kind === 'invoice' && (
              <Section title={t('invoice.payments')} testId="invoice-payments">
                <PagedList
                  list={payments}
                  paginate={false}
                  empty={
                    <EmptyState title={t('invoice.payments.empty.title')}>
                      {manager
                        ? t('invoice.payments.empty.bodyManager')
                        : t('invoice.payments.empty.bodyMember')}
                    </EmptyState>
                  }
                >
                  {(items) => (
                    <AllocatedPayments invoice={current} payments={items} manager={manager} />
                  )}
                </PagedList>
              </Section>
            )}

            {(canPay || canCredit) && open === null && (
              <div className="section-actions button-row">
                {canPay && (
                  <button
                    type="button"
                    onClick={() => {
                      setDone(null);
                      setOpen('payment');
                    }}
                    data-testid="record-payment"
                  >
                    {t('payment.record')}
                  </button>
                )}
                {canCredit && (
                  <button
                    type="button"
                    className="button-danger"
                    onClick={() => {
                      setDone(null);
                      setOpen('credit');
                    }}
                    data-testid="create-credit-note"
                  >
                    {t('creditNote.create')}
                  </button>
                )}
              </div>
            )}
            {open === 'payment' && (
              <PaymentForm
                invoice={current}
                onCancel={() => setOpen(null)}
                onRecorded={(payment) => {
                  setOpen(null);
                  setDone(
                    t('payment.recorded', {
                      amount: formatRupiah(payment.amount),
                      invoices:
                        payment.allocations.map((a) => a.number).join(', ') ||
                        t('payment.unallocatedOnly'),
                    }),
                  );
                  invoice.reload();
                  payments.reload();
                }}
              />
            )}
            {open === 'credit' && (
              <CreditNoteForm
                invoice={current}
                onCancel={() => setOpen(null)}
                onCreated={(note) => {
                  setOpen(null);
                  setDone(t('creditNote.created', { number: note.number }));
                  invoice.reload();
                }}
              />
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** The payments of the member at this site, as far as they went to this invoice. */
function AllocatedPayments({
  invoice,
  payments,
  manager,
}: {
  invoice: InvoiceT;
  payments: PaymentT[];
  manager: boolean;
}) {
  const { t, locale } = useI18n();
  const rows = payments.flatMap((payment) =>
    payment.allocations
      .filter((allocation) => allocation.invoiceId === invoice.id)
      .map((allocation) => ({ payment, amount: allocation.amount })),
  );
  if (rows.length === 0) {
    return (
      <EmptyState title={t('invoice.payments.empty.title')}>
        {manager ? t('invoice.payments.empty.bodyManager') : t('invoice.payments.empty.bodyMember')}
      </EmptyState>
    );
  }
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: 'date',
      header: t('payment.receivedOn'),
      render: (r) => <span className="nowrap">{formatDate(r.payment.receivedOn, locale)}</span>,
    },
    {
      key: 'method',
      header: t('payment.method'),
      render: (r) => t(`paymentMethod.${r.payment.method}`),
    },
    { key: 'reference', header: t('payment.reference'), render: (r) => r.payment.reference ?? '—' },
    {
      key: 'amount',
      header: t('payment.allocated'),
      className: 'numeric',
      render: (r) => <span className="nowrap">{formatRupiah(r.amount)}</span>,
    },
  ];
  return (
    <DataTable
      caption={t('invoice.payments')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.payment.id}
      testId="payment-table"
    />
  );
}
