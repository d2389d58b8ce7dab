/**
 * /billing/revenue — "Pendapatan & ekspor" for managers and programme officers: a year's net
 * revenue by month and machine (invoiced, not credited) as a bar chart, with the report as CSV
 * or XLSX, and the exports of invoices and payments for a date range that the cooperative's
 * accountant takes into the books.
 */
import { useState } from 'react';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { toQueryString, type Query } from '../../lib/api.js';
import { dayIn, formatRupiah, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useUrlFilters } from '../../lib/use-url-filters.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { RevenueChart, revenueChartModel, type Series } from './revenue-chart.js';
import { monthBounds, previousMonth, type RevenueT } from './types.js';

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function RevenuePage() {
  const { t } = useI18n();
  const { params, update } = useUrlFilters(['year', 'siteId'] as const);
  const today = dayIn(new Date(), PLATFORM_TIME_ZONE);
  const thisYear = Number(today.slice(0, 4));
  const yearParam = Number(params.get('year'));
  const year = yearParam >= 2000 && yearParam <= thisYear ? yearParam : thisYear;
  const siteId = params.get('siteId') ?? '';
  const sites = useSites();
  const report = useResource<RevenueT>('/api/reports/revenue', { year, siteId });
  const download = (format: 'csv' | 'xlsx') =>
    `/api/reports/revenue${toQueryString({ year, siteId, format })}`;

  return (
    <Page title={t('revenue.title')} lead={t('revenue.lead')}>
      <Section title={t('revenue.filters')}>
        <form className="form form-filters" onSubmit={(event) => event.preventDefault()}>
          <SelectField
            label={t('revenue.year')}
            name="year"
            value={String(year)}
            onChange={(event) => update({ year: event.target.value })}
          >
            {Array.from({ length: 5 }, (_, i) => thisYear - i).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </SelectField>
          <SiteSelect
            sites={sites}
            label={t('revenue.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value })}
            emptyOption={{ label: t('invoices.allSites'), selectable: true }}
          />
        </form>
      </Section>
      <Section title={t('revenue.chartTitle', { year })} testId="revenue">
        <Loaded resource={report}>
          {(data) =>
            data.rows.length === 0 ? (
              <EmptyState title={t('revenue.empty.title', { year })}>
                {t('revenue.empty.body')}
              </EmptyState>
            ) : (
              <>
                <p data-testid="revenue-total">
                  {t('revenue.total', { year, total: formatRupiah(data.total) })}
                </p>
                <RevenueChart report={data} />
                <RevenueTable report={data} />
              </>
            )
          }
        </Loaded>
        <div className="section-actions button-row">
          <a href={download('csv')} className="link-button link-button-secondary" download>
            {t('revenue.downloadCsv')}
          </a>
          <a href={download('xlsx')} className="link-button link-button-secondary" download>
            {t('revenue.downloadXlsx')}
          </a>
        </div>
      </Section>
      <AccountingExports siteId={siteId} today={today} />
    </Page>
  );
}

function RevenueTable({ report }: { report: RevenueT }) {
  const { t } = useI18n();
  const model = revenueChartModel(report);
  const columns: Column<Series>[] = [
    {
      key: 'machine',
      header: t('revenue.machine'),
      render: (s) => s.machineName ?? t('revenue.otherCharges'),
    },
    { key: 'site', header: t('revenue.siteCode'), render: (s) => s.siteCode },
    {
      key: 'net',
      header: t('revenue.net'),
      className: 'numeric',
      render: (s) => <span className="nowrap">{formatRupiah(s.total)}</span>,
    },
    {
      key: 'subsidies',
      header: t('revenue.subsidies'),
      className: 'numeric',
      render: (s) => <span className="nowrap">{formatRupiah(s.subsidies)}</span>,
    },
  ];
  return (
    <DataTable
      caption={t('revenue.byMachine')}
      columns={columns}
      rows={model.series}
      rowKey={(s) => s.key}
      testId="revenue-table"
    />
  );
}

/** Invoices and payments of a date range as CSV or XLSX (last month by default). */
function AccountingExports({ siteId, today }: { siteId: string; today: string }) {
  const { t } = useI18n();
  const last = monthBounds(previousMonth(today.slice(0, 7)));
  const [from, setFrom] = useState(last.from);
  const [to, setTo] = useState(last.to);
  const valid = isDay(from) && isDay(to) && from <= to;
  const link = (kind: 'invoices' | 'payments', format: 'csv' | 'xlsx') => {
    const query: Query = { siteId, from, to, format };
    return `/api/exports/${kind}${toQueryString(query)}`;
  };
  const links: [string, string][] = [
    [link('invoices', 'xlsx'), t('exports.invoicesXlsx')],
    [link('invoices', 'csv'), t('exports.invoicesCsv')],
    [link('payments', 'xlsx'), t('exports.paymentsXlsx')],
    [link('payments', 'csv'), t('exports.paymentsCsv')],
  ];
  return (
    <Section title={t('exports.title')} testId="accounting-exports">
      <p className="muted">{t('exports.lead')}</p>
      <div className="form form-filters">
        <TextField
          label={t('exports.from')}
          name="from"
          type="date"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
        <TextField
          label={t('exports.to')}
          name="to"
          type="date"
          value={to}
          error={valid ? undefined : t('exports.rangeInvalid')}
          onChange={(event) => setTo(event.target.value)}
        />
      </div>
      {valid && (
        <div className="section-actions button-row">
          {links.map(([href, label]) => (
            <a key={href} href={href} className="link-button link-button-secondary" download>
              {label}
            </a>
          ))}
        </div>
      )}
    </Section>
  );
}
