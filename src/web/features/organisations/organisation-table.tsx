import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { SizeClassChip } from './size-class.js';
import type { OrganisationSummaryT } from './types.js';

/** Organisations as a table (cards on a phone), each name opening its profile. */
export function OrganisationTable({
  organisations,
  caption,
}: {
  organisations: readonly OrganisationSummaryT[];
  caption: string;
}) {
  const { t } = useI18n();
  const columns: Column<OrganisationSummaryT>[] = [
    {
      key: 'name',
      header: t('organisations.column.name'),
      render: (organisation) => (
        <>
          <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
          {organisation.nib && (
            <>
              <br />
              <span className="muted">NIB {organisation.nib}</span>
            </>
          )}
        </>
      ),
    },
    {
      key: 'kind',
      header: t('organisations.column.kind'),
      render: (organisation) => t(`organisationKind.${organisation.kind}`),
    },
    {
      key: 'location',
      header: t('organisations.column.location'),
      render: (organisation) =>
        [organisation.regency, organisation.province].filter(Boolean).join(', ') || '—',
    },
    {
      key: 'sizeClass',
      header: t('organisations.column.sizeClass'),
      render: (organisation) => <SizeClassChip sizeClass={organisation.sizeClass} />,
    },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={organisations}
      rowKey={(organisation) => organisation.id}
      testId="organisation-table"
    />
  );
}
