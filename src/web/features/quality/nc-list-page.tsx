/**
 * /non-conformances — "Ketidaksesuaian": every failed inspection opens one. Site staff and
 * officers see their sites' (open first by default), with the lot, what failed, the
 * disposition and how many corrective actions are done.
 */
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useUrlFilters } from '../../lib/use-url-filters.js';
import { SiteSelect } from '../organisations/site-select.js';
import { useSiteZones } from '../toll/site-zone.js';
import { lotPath, ncPath } from '../toll/types.js';
import type { NonConformanceT } from './types.js';

export function NcListPage() {
  const { t, locale } = useI18n();
  const { sites, zoneOf } = useSiteZones();
  const { params, update } = useUrlFilters(['siteId', 'status'] as const);
  const siteId = params.get('siteId') ?? '';
  // Open ones are the work to do: shown unless the user asks for another view.
  const status = params.get('status') ?? 'open';
  const list = useCursorList<NonConformanceT>('/api/non-conformances', {
    siteId,
    status: status === 'all' ? undefined : status,
    limit: 25,
  });

  return (
    <Page title={t('nc.title')} lead={t('nc.lead')}>
      <form className="form form-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        {sites.items.length > 1 && (
          <SiteSelect
            sites={sites}
            label={t('toll.field.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value })}
            emptyOption={{ label: t('equipment.allSites'), selectable: true }}
          />
        )}
        <SelectField
          label={t('nc.filter.status')}
          name="status"
          value={status}
          onChange={(event) =>
            update({ status: event.target.value === 'open' ? '' : event.target.value })
          }
        >
          <option value="open">{t('ncStatus.open')}</option>
          <option value="closed">{t('ncStatus.closed')}</option>
          <option value="all">{t('nc.filter.all')}</option>
        </SelectField>
      </form>
      <Section title={t('nc.list')} testId="nc-list">
        <PagedList
          list={list}
          empty={
            <EmptyState title={t(status === 'open' ? 'nc.empty.open.title' : 'nc.empty.title')}>
              {t('nc.empty.body')}
            </EmptyState>
          }
        >
          {(items) => (
            <DataTable
              caption={t('nc.list')}
              testId="nc-table"
              rows={items}
              rowKey={(nc) => nc.id}
              columns={[
                {
                  key: 'title',
                  header: t('nc.what'),
                  render: (nc) => (
                    <Link to={ncPath(nc.id)} data-testid="nc-link">
                      {nc.title}
                    </Link>
                  ),
                },
                {
                  key: 'lot',
                  header: t('lot.code'),
                  render: (nc) => (
                    <Link to={lotPath(nc.lotId)} className="lot-code">
                      {nc.lotCode}
                    </Link>
                  ),
                },
                {
                  key: 'status',
                  header: t('nc.status'),
                  render: (nc) => <NcStatusChip status={nc.status} />,
                },
                {
                  key: 'disposition',
                  header: t('nc.disposition'),
                  render: (nc) => (nc.disposition ? t(`disposition.${nc.disposition}`) : '—'),
                },
                {
                  key: 'actions',
                  header: t('nc.actions'),
                  className: 'numeric',
                  render: (nc) =>
                    `${nc.actions.filter((a) => a.doneAt).length}/${nc.actions.length}`,
                },
                {
                  key: 'opened',
                  header: t('nc.openedAt'),
                  render: (nc) => formatDateTime(nc.openedAt, zoneOf(nc.siteId), locale),
                },
              ]}
            />
          )}
        </PagedList>
      </Section>
    </Page>
  );
}

export function NcStatusChip({ status }: { status: NonConformanceT['status'] }) {
  const { t } = useI18n();
  return (
    <span className={`state-chip nc-status-${status}`} data-testid="nc-status" data-status={status}>
      {t(`ncStatus.${status}`)}
    </span>
  );
}
