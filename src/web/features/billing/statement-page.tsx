/**
 * /organisations/:id/statement — a member's statement ("rekening koran") for a date range: the
 * balance brought forward, every invoice, credit note and payment with the running balance,
 * and the closing balance. Positive balances are owed by the member. The range lives in the
 * address.
 */
import { Link, useParams } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { addDays, dayIn, formatDate, formatRupiah } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useUrlFilters } from '../../lib/use-url-filters.js';
import { statementPath } from './balance-card.js';
import { LATEST_ZONE, previousMonth, type StatementT } from './types.js';

type Entry = StatementT['entries'][number];
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The first day of the month a year before `today`'s month: twelve months and this one. */
export function defaultStatementFrom(today: string): string {
  let month = today.slice(0, 7);
  for (let i = 0; i < 12; i++) month = previousMonth(month);
  return `${month}-01`;
}

export function StatementPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const { params, update } = useUrlFilters(['from', 'to'] as const);
  const today = dayIn(new Date(), LATEST_ZONE);
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const from = isDay(fromParam) ? fromParam : defaultStatementFrom(today);
  const to = isDay(toParam) ? toParam : today;
  const statement = useResource<StatementT>(statementPath(id), { from, to });
  const balance = (value: number) => (
    <span className={value > 0 ? 'nowrap balance-owed' : 'nowrap'}>{formatRupiah(value)}</span>
  );

  const columns: Column<Entry>[] = [
    {
      key: 'date',
      header: t('statement.date'),
      render: (e) => <span className="nowrap">{formatDate(e.date, locale)}</span>,
    },
    { key: 'kind', header: t('statement.kind'), render: (e) => t(`statementKind.${e.kind}`) },
    { key: 'reference', header: t('statement.reference'), render: (e) => e.reference },
    {
      key: 'debit',
      header: t('statement.debit'),
      className: 'numeric',
      render: (e) => (e.debit ? <span className="nowrap">{formatRupiah(e.debit)}</span> : '—'),
    },
    {
      key: 'credit',
      header: t('statement.credit'),
      className: 'numeric',
      render: (e) => (e.credit ? <span className="nowrap">{formatRupiah(e.credit)}</span> : '—'),
    },
    {
      key: 'balance',
      header: t('statement.balance'),
      className: 'numeric',
      render: (e) => balance(e.balance),
    },
  ];

  return (
    <Page
      title={
        statement.data
          ? t('statement.titleOf', { name: statement.data.memberName })
          : t('statement.title')
      }
      lead={t('statement.lead')}
      actions={
        <div className="button-row">
          <Link to={`/organisations/${id}`} className="link-button link-button-secondary">
            {t('statement.toOrganisation')}
          </Link>
        </div>
      }
    >
      <Section title={t('statement.range')}>
        <form className="form form-filters" onSubmit={(event) => event.preventDefault()}>
          <TextField
            label={t('statement.from')}
            name="from"
            type="date"
            value={from}
            max={to}
            onChange={(event) => update({ from: event.target.value })}
          />
          <TextField
            label={t('statement.to')}
            name="to"
            type="date"
            value={to}
            min={from}
            max={addDays(today, 1)}
            onChange={(event) => update({ to: event.target.value })}
          />
        </form>
      </Section>
      <Loaded resource={statement}>
        {(data) => (
          <Section title={t('statement.entries')} testId="statement">
            <dl className="facts money-totals">
              <dt>{t('statement.opening', { date: formatDate(data.from, locale) })}</dt>
              <dd data-testid="statement-opening">{balance(data.opening)}</dd>
            </dl>
            {data.entries.length === 0 ? (
              <EmptyState title={t('statement.empty.title')}>
                {t('statement.empty.body')}
              </EmptyState>
            ) : (
              <DataTable
                caption={t('statement.entries')}
                columns={columns}
                rows={data.entries}
                rowKey={(e) => `${e.date}-${e.kind}-${e.reference}-${e.balance}`}
                testId="statement-table"
              />
            )}
            <dl className="facts money-totals">
              <dt className="money-total">
                {t('statement.closing', { date: formatDate(data.to, locale) })}
              </dt>
              <dd className="money-total" data-testid="statement-closing">
                {balance(data.closing)}
              </dd>
            </dl>
            <p className="muted">
              {data.closing > 0
                ? t('statement.closingOwed')
                : data.closing < 0
                  ? t('statement.closingCredit')
                  : t('statement.closingClear')}
            </p>
          </Section>
        )}
      </Loaded>
    </Page>
  );
}
