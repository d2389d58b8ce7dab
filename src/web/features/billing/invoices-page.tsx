/**
 * /invoices — invoices and credit notes of the sites the user may see (the API scopes the list:
 * a manager's or operator's sites, a programme's, all), filtered by site, status, member and the
 * month they were issued. Filters live in the address, so Back returns to the same list.
 */
import { Link } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField, TextField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { INVOICE_STATUSES, type OrganisationSummary } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { InvoiceTable } from './invoice-table.js';
import { isMonth, monthBounds, type InvoiceT } from './types.js';

const PAGE_LIMIT = 25;

export function InvoicesPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const { params, update, clearFilters } = useUrlFilters([
    'siteId',
    'status',
    'memberOrgId',
    'month',
  ] as const);
  const siteId = params.get('siteId') ?? '';
  const status = oneOf(INVOICE_STATUSES, params.get('status'));
  const memberOrgId = params.get('memberOrgId') ?? '';
  const monthParam = params.get('month') ?? '';
  const month = isMonth(monthParam) ? monthParam : '';
  const bounds = month ? monthBounds(month) : null;
  const filtered = Boolean(siteId || status || memberOrgId || month);

  const list = useCursorList<InvoiceT>('/api/invoices', {
    siteId,
    status,
    memberOrgId,
    from: bounds?.from,
    to: bounds?.to,
    limit: PAGE_LIMIT,
  });
  const sites = useSites();
  const members = useCursorList<OrganisationSummary>('/api/organisations', {
    siteId,
    limit: 200,
  });

  const actions = (
    <div className="button-row">
      {canSee('invoicing', roles) && (
        <Link to="/billing/run" className="link-button" data-testid="open-invoicing">
          {t('nav.invoicing')}
        </Link>
      )}
      {canSee('revenue', roles) && (
        <Link to="/billing/revenue" className="link-button link-button-secondary">
          {t('nav.revenue')}
        </Link>
      )}
    </div>
  );

  return (
    <Page title={t('invoices.title')} lead={t('invoices.lead')} actions={actions}>
      <Section title={t('invoices.filters')}>
        <form
          className="form form-filters"
          role="search"
          onSubmit={(event) => event.preventDefault()}
        >
          <SiteSelect
            sites={sites}
            label={t('invoices.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value, memberOrgId: '' })}
            emptyOption={{ label: t('invoices.allSites'), selectable: true }}
          />
          <SelectField
            label={t('invoices.status')}
            name="status"
            value={status}
            onChange={(event) => update({ status: event.target.value })}
          >
            <option value="">{t('invoices.allStatuses')}</option>
            {INVOICE_STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`invoiceStatus.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('invoices.member')}
            name="memberOrgId"
            value={memberOrgId}
            onChange={(event) => update({ memberOrgId: event.target.value })}
            hint={members.loading ? t('state.loading') : undefined}
            liveHint
          >
            <option value="">{t('invoices.allMembers')}</option>
            {members.items.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('invoices.month')}
            name="month"
            type="month"
            placeholder="YYYY-MM"
            value={month}
            onChange={(event) => update({ month: event.target.value })}
            hint={t('invoices.monthHint')}
          />
          {filtered && (
            <div className="button-row">
              <button type="button" className="button-secondary" onClick={clearFilters}>
                {t('action.clearFilters')}
              </button>
            </div>
          )}
        </form>
      </Section>
      <Section title={t('invoices.list')}>
        <PagedList
          list={list}
          empty={
            filtered ? (
              <EmptyState
                title={t('invoices.emptyFiltered.title')}
                action={
                  <button type="button" className="button-secondary" onClick={clearFilters}>
                    {t('action.clearFilters')}
                  </button>
                }
              >
                {t('invoices.emptyFiltered.body')}
              </EmptyState>
            ) : (
              <EmptyState
                title={t('invoices.empty.title')}
                action={
                  canSee('invoicing', roles) ? (
                    <Link to="/billing/run" className="link-button">
                      {t('nav.invoicing')}
                    </Link>
                  ) : undefined
                }
              >
                {canSee('invoicing', roles)
                  ? t('invoices.empty.bodyManager')
                  : t('invoices.empty.bodyReader')}
              </EmptyState>
            )
          }
        >
          {(items) => <InvoiceTable invoices={items} caption={t('invoices.list')} />}
        </PagedList>
      </Section>
    </Page>
  );
}
