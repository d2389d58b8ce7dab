import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteSummary } from '../../lib/contracts.js';
import { formatCount, formatRupiah, zoneLabel } from '../../lib/format.js';
import { SiteClock } from './site-clock.js';

/** Sites as a table (cards on a phone); shared by the sites page and the home page. */
export function SiteTable({ sites }: { sites: readonly SiteSummary[] }) {
  const { t, locale } = useI18n();
  const columns: Column<SiteSummary>[] = [
    {
      key: 'name',
      header: t('sites.column.name'),
      render: (site) => (
        <>
          <Link to={`/sites/${site.id}`} data-testid="site-link">
            <strong>{site.name}</strong>
          </Link>
          <span className="muted nowrap"> {site.code}</span>
        </>
      ),
    },
    { key: 'cluster', header: t('sites.column.cluster'), render: (site) => site.clusterName },
    { key: 'commodity', header: t('sites.column.commodity'), render: (site) => site.commodity },
    {
      key: 'province',
      header: t('sites.column.province'),
      render: (site) => `${site.regency}, ${site.province}`,
    },
    {
      key: 'zone',
      header: t('sites.column.zone'),
      render: (site) => (
        <span className="zone-chip" data-testid="site-zone">
          {zoneLabel(site.timeZone)}
        </span>
      ),
    },
    {
      key: 'time',
      header: t('sites.column.localTime'),
      render: (site) => <SiteClock timeZone={site.timeZone} />,
    },
    {
      key: 'machines',
      header: t('sites.column.machines'),
      className: 'numeric',
      render: (site) => formatCount(site.machineCount, locale),
    },
    {
      key: 'members',
      header: t('sites.column.members'),
      className: 'numeric',
      render: (site) => formatCount(site.memberCount, locale),
    },
    {
      key: 'value',
      header: t('sites.column.equipmentValue'),
      className: 'numeric',
      render: (site) => formatRupiah(site.equipmentValue),
    },
  ];
  return (
    <DataTable
      caption={t('sites.title')}
      columns={columns}
      rows={sites}
      rowKey={(site) => site.id}
      testId="site-table"
    />
  );
}
