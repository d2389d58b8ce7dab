/**
 * /my-invoices — "Tagihan saya" for a UMKM member: what it owes now (balance card), its
 * invoices and credit notes with their status (belum dibayar, jatuh tempo, lunas, dikoreksi),
 * and the way to its statement and hour packs. Someone acting for several organisations picks
 * one.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { BalanceCard } from './balance-card.js';
import { InvoiceTable } from './invoice-table.js';
import { memberOrganisations, type InvoiceStatusT, type InvoiceT } from './types.js';

/** The statuses a member filters by; credit notes show under "all". */
const MEMBER_STATUSES: readonly InvoiceStatusT[] = ['open', 'overdue', 'paid', 'credited'];

export function MyInvoicesPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const organisations = memberOrganisations(user.grants);
  const [orgChoice, setOrgChoice] = useState('');
  const orgId = orgChoice || organisations[0]?.id || '';
  const [status, setStatus] = useState<InvoiceStatusT | ''>('');
  const list = useCursorList<InvoiceT>(orgId ? '/api/invoices' : null, {
    memberOrgId: orgId,
    status,
    limit: 25,
  });

  return (
    <Page
      title={t('nav.myInvoices')}
      lead={t('myInvoices.lead')}
      actions={
        orgId ? (
          <div className="button-row">
            <Link
              to={`/organisations/${orgId}/statement`}
              className="link-button link-button-secondary"
            >
              {t('statement.title')}
            </Link>
            <Link to="/hour-packs" className="link-button link-button-secondary">
              {t('nav.hourPacks')}
            </Link>
          </div>
        ) : undefined
      }
    >
      {organisations.length === 0 ? (
        <EmptyState title={t('myInvoices.noOrganisation.title')}>
          {t('myInvoices.noOrganisation.body')}
        </EmptyState>
      ) : (
        <>
          {organisations.length > 1 && (
            <div className="form form-inline">
              <SelectField
                label={t('myInvoices.organisation')}
                name="orgId"
                value={orgId}
                onChange={(event) => setOrgChoice(event.target.value)}
              >
                {organisations.map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {organisation.name}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
          <BalanceCard key={orgId} orgId={orgId} />
          <Section title={t('myInvoices.list')}>
            <fieldset className="chip-group">
              <legend>{t('invoices.status')}</legend>
              <button
                type="button"
                className="filter-chip"
                aria-pressed={status === ''}
                onClick={() => setStatus('')}
              >
                {t('invoices.allStatuses')}
              </button>
              {MEMBER_STATUSES.map((option) => (
                <button
                  key={option}
                  type="button"
                  className="filter-chip"
                  aria-pressed={status === option}
                  data-testid={`status-filter-${option}`}
                  onClick={() => setStatus(status === option ? '' : option)}
                >
                  {t(`invoiceStatus.${option}`)}
                </button>
              ))}
            </fieldset>
            <PagedList
              list={list}
              empty={
                <EmptyState title={t('myInvoices.empty.title')}>
                  {status ? t('myInvoices.empty.bodyFiltered') : t('myInvoices.empty.body')}
                </EmptyState>
              }
            >
              {(items) => (
                <InvoiceTable invoices={items} caption={t('myInvoices.list')} showMember={false} />
              )}
            </PagedList>
          </Section>
        </>
      )}
    </Page>
  );
}
