/** Invoices as a table (cards on a phone): number, member, dates, total, what is still owed. */
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDate, formatRupiah } from '../../lib/format.js';
import { InvoiceStatusBadge } from './invoice-parts.js';
import type { InvoiceT } from './types.js';

export function InvoiceTable({
  invoices,
  caption,
  showMember = true,
}: {
  invoices: InvoiceT[];
  caption: string;
  showMember?: boolean;
}) {
  const { t, locale } = useI18n();
  const columns: Column<InvoiceT>[] = [
    {
      key: 'number',
      header: t('invoice.number'),
      render: (i) => (
        <Link to={`/invoices/${i.id}`} data-testid="invoice-link" data-member={i.memberName}>
          {i.number}
        </Link>
      ),
    },
  ];
  if (showMember) {
    columns.push({
      key: 'member',
      header: t('invoice.member'),
      render: (i) => (
        <>
          {i.memberName} <span className="muted">· {i.siteCode}</span>
        </>
      ),
    });
  }
  columns.push(
    {
      key: 'issued',
      header: t('invoice.issuedOn'),
      render: (i) => <span className="nowrap">{formatDate(i.issuedOn, locale)}</span>,
    },
    {
      key: 'due',
      header: t('invoice.dueOn'),
      render: (i) =>
        i.kind === 'invoice' ? <span className="nowrap">{formatDate(i.dueOn, locale)}</span> : '—',
    },
    {
      key: 'total',
      header: t('invoice.total'),
      className: 'numeric',
      render: (i) => (
        <span className="nowrap">
          {i.kind === 'credit_note' ? '−' : ''}
          {formatRupiah(i.total)}
        </span>
      ),
    },
    {
      key: 'outstanding',
      header: t('invoice.outstanding'),
      className: 'numeric',
      render: (i) =>
        i.kind === 'invoice' ? (
          <span className="nowrap" data-testid="invoice-row-outstanding">
            {formatRupiah(i.outstanding)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'status',
      header: t('invoice.status'),
      render: (i) => <InvoiceStatusBadge status={i.status} />,
    },
  );
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={invoices}
      rowKey={(i) => i.id}
      testId="invoice-table"
    />
  );
}
