/**
 * Pieces every money page shows the same way: an invoice's status as a coloured badge, its
 * lines, and its totals from subtotal to the amount due (DPP and PPN only for a PKP seller).
 */
import { DataTable, type Column } from '../../components/data-table.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatRupiah } from '../../lib/format.js';
import type { InvoiceLineT, InvoiceStatusT, InvoiceT } from './types.js';

export function InvoiceStatusBadge({ status }: { status: InvoiceStatusT }) {
  const { t } = useI18n();
  return (
    <span
      className={`state-chip invoice-status-${status}`}
      data-testid="invoice-status"
      data-status={status}
    >
      {t(`invoiceStatus.${status}`)}
    </span>
  );
}

/** "4 jam", "12,5 kWh": a line's quantity with its unit, in the UI language. */
export function Quantity({ value, unit }: { value: number; unit: string }) {
  const { locale } = useI18n();
  const text = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    maximumFractionDigits: 3,
  }).format(value);
  return (
    <span className="nowrap">
      {text} {unit}
    </span>
  );
}

export function InvoiceLines({ lines, caption }: { lines: InvoiceLineT[]; caption: string }) {
  const { t } = useI18n();
  const money = (value: number) => <span className="nowrap">{formatRupiah(value)}</span>;
  const columns: Column<InvoiceLineT>[] = [
    { key: 'position', header: t('invoice.line.position'), render: (l) => l.position },
    {
      key: 'description',
      header: t('invoice.line.description'),
      render: (l) => (
        <>
          {l.description}
          {!l.taxable && <span className="muted"> · {t('invoice.line.notTaxable')}</span>}
        </>
      ),
    },
    {
      key: 'quantity',
      header: t('invoice.line.quantity'),
      className: 'numeric',
      render: (l) => <Quantity value={l.quantity} unit={l.unit} />,
    },
    {
      key: 'unitPrice',
      header: t('invoice.line.unitPrice'),
      className: 'numeric',
      render: (l) => money(l.unitPrice),
    },
    {
      key: 'gross',
      header: t('invoice.line.gross'),
      className: 'numeric',
      render: (l) => money(l.gross),
    },
    {
      key: 'deductions',
      header: t('invoice.line.deductions'),
      className: 'numeric',
      render: (l) =>
        l.discount + l.subsidy === 0 ? (
          '—'
        ) : (
          <>
            {l.subsidy > 0 && (
              <span className="nowrap">
                {t('invoice.subsidy')} −{formatRupiah(l.subsidy)}
              </span>
            )}
            {l.discount > 0 && l.subsidy > 0 && <br />}
            {l.discount > 0 && (
              <span className="nowrap">
                {t('invoice.discount')} −{formatRupiah(l.discount)}
              </span>
            )}
          </>
        ),
    },
    {
      key: 'net',
      header: t('invoice.line.net'),
      className: 'numeric',
      render: (l) => money(l.net),
    },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={lines}
      rowKey={(l) => String(l.position)}
      testId="invoice-lines"
    />
  );
}

/** Subtotal → deductions → net → DPP and PPN (PKP only) → total, as a list of facts. */
export function InvoiceTotals({ invoice }: { invoice: InvoiceT }) {
  const { t } = useI18n();
  return (
    <dl className="facts money-totals" data-testid="invoice-totals">
      <dt>{t('invoice.subtotal')}</dt>
      <dd>{formatRupiah(invoice.subtotal)}</dd>
      {invoice.discounts > 0 && (
        <>
          <dt>{t('invoice.discount')}</dt>
          <dd>−{formatRupiah(invoice.discounts)}</dd>
        </>
      )}
      {invoice.subsidies > 0 && (
        <>
          <dt>{t('invoice.subsidy')}</dt>
          <dd data-testid="invoice-subsidies">−{formatRupiah(invoice.subsidies)}</dd>
        </>
      )}
      <dt>{t('invoice.net')}</dt>
      <dd>{formatRupiah(invoice.net)}</dd>
      {invoice.pkp ? (
        <>
          <dt>{t('invoice.dpp', { factor: invoice.dppFactor })}</dt>
          <dd data-testid="invoice-dpp">{formatRupiah(invoice.dpp)}</dd>
          <dt>{t('invoice.ppn', { rate: invoice.ppnRatePercent })}</dt>
          <dd data-testid="invoice-ppn">{formatRupiah(invoice.ppn)}</dd>
        </>
      ) : (
        <>
          <dt>{t('invoice.ppnLabel')}</dt>
          <dd>{t('invoice.notPkp')}</dd>
        </>
      )}
      <dt className="money-total">{t('invoice.total')}</dt>
      <dd className="money-total" data-testid="invoice-total">
        {formatRupiah(invoice.total)}
      </dd>
    </dl>
  );
}
